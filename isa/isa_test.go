package isa

import (
	"encoding/binary"
	"math/rand"
	"strings"
	"testing"

	"golang.org/x/arch/riscv64/riscv64asm"
)

// xarchName decodes w with x/arch's riscv64asm (an independent decoder) and
// returns its mnemonic in GNU spelling without ordering suffixes, or "".
func xarchName(w uint32, n int) string {
	b := make([]byte, 4)
	binary.LittleEndian.PutUint32(b, w)
	in, err := riscv64asm.Decode(b[:n])
	if err != nil {
		return ""
	}
	s := strings.ToLower(in.Op.String())
	s = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, ".aqrl"), ".aq"), ".rl")
	return s
}

// randomInst returns an instruction of op with random operands that fit.
func randomInst(r *rand.Rand, op Op) Inst {
	in := Inst{Op: op, Len: 4}
	for _, a := range Specs[op].Args {
		switch a {
		case ArgRd, ArgFd:
			in.Rd = uint8(r.Intn(32))
		case ArgRs1, ArgFs1, ArgAddr:
			in.Rs1 = uint8(r.Intn(32))
		case ArgRs2, ArgFs2:
			in.Rs2 = uint8(r.Intn(32))
		case ArgFs3:
			in.Rs3 = uint8(r.Intn(32))
		case ArgImmI:
			in.Imm = int64(r.Intn(4096) - 2048)
		case ArgMemI, ArgMemS:
			in.Imm, in.Rs1 = int64(r.Intn(4096)-2048), uint8(r.Intn(32))
		case ArgBranch:
			in.Imm = int64(r.Intn(4096)-2048) * 2
		case ArgJump:
			in.Imm = int64(r.Intn(1<<20)-1<<19) * 2
		case ArgUImm:
			in.Imm = int64(int32(r.Uint32() &^ 0xfff))
		case ArgShamt6:
			in.Imm = int64(r.Intn(64))
		case ArgShamt5, ArgZimm:
			in.Imm = int64(r.Intn(32))
		case ArgCSR:
			in.CSR = uint16(r.Intn(4096))
		case ArgRM:
			in.RM = []uint8{0, 1, 2, 3, 4, 7}[r.Intn(6)]
		case ArgPred:
			in.Imm |= int64(r.Intn(16)) << 4
		case ArgSucc:
			in.Imm |= int64(r.Intn(16))
		case ArgAqRl:
			in.AqRl = uint8(r.Intn(4))
		}
	}
	return in
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for op := Op(1); op < NumOps; op++ {
		for range 200 {
			in := randomInst(r, op)
			w, err := Encode(in)
			if err != nil {
				t.Fatalf("%s: encode %+v: %v", op, in, err)
			}
			got, ok := Decode(w)
			if !ok || got != in {
				t.Fatalf("%s: %08x decodes to %+v (ok=%v), want %+v", op, w, got, ok, in)
			}
			// x/arch has no privileged instructions.
			if x := xarchName(w, 4); x != Specs[op].Name && !(x == "" && Specs[op].Ext == ExtPriv) {
				t.Fatalf("%s: %08x: x/arch decodes it as %q", op, w, x)
			}
		}
	}
}

// Every compressed encoding we accept is one x/arch accepts under the same name
// (or, for HINTs, that it may reject), and every one it accepts, we accept.
func TestDecodeCAgainstXArch(t *testing.T) {
	names := map[Op]bool{}
	for h := 0; h < 1<<16; h++ {
		if h&3 == 3 {
			continue
		}
		in, ok := DecodeC(uint16(h))
		x := xarchName(uint32(h), 2)
		if !ok {
			// x/arch prints the all-zero illegal instruction as "unimp".
			if x != "" && h != 0 {
				t.Errorf("%04x: we reject, x/arch decodes %q", h, x)
			}
			continue
		}
		names[in.Op] = true
		if x == "" {
			if in.Rd != 0 && in.Op != SRLI && in.Op != SRAI && in.Op != SLLI && in.Op != ADDI {
				t.Errorf("%04x: we decode %s %+v, x/arch rejects it and it is not a HINT", h, in.Op, in)
			}
			continue
		}
		// Both name the base instruction a compressed one expands to.
		if x != Specs[in.Op].Name {
			t.Errorf("%04x: we decode %s, x/arch %q", h, in.Op, x)
		}
	}
	if len(names) < 20 {
		t.Errorf("only %d distinct expansions", len(names))
	}
}

// EncodeC inverts DecodeC: every compressed instruction the assembler can
// write (not a HINT) re-encodes from its expansion to the same bits.
func TestEncodeCInvertsDecodeC(t *testing.T) {
	n := 0
	for h := 0; h < 1<<16; h++ {
		in, ok := DecodeC(uint16(h))
		if h&3 == 3 || !ok {
			continue
		}
		var spec *CSpec
		for i := range CSpecs {
			if c := &CSpecs[i]; uint16(h)&c.Mask == c.Match {
				spec = c
				break
			}
		}
		got, err := EncodeC(spec, in)
		if err != nil {
			continue // a HINT: x0 destinations, zero immediates
		}
		if got != uint16(h) {
			t.Fatalf("%04x (%s) re-encodes to %04x", h, spec.Name, got)
		}
		n++
	}
	if n < 30000 {
		t.Errorf("only %d compressed encodings round-trip", n)
	}
}

func TestRandomWordsAgreeWithXArch(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	for range 200000 {
		w := r.Uint32() | 3
		in, ok := Decode(w)
		x := xarchName(w, 4)
		if ok && x != Specs[in.Op].Name && !(x == "" && Specs[in.Op].Ext == ExtPriv) {
			t.Errorf("%08x: we %s, x/arch %s", w, Specs[in.Op].Name, x)
		}
	}
}

func TestRangeErrors(t *testing.T) {
	_, err := Encode(Inst{Op: ADDI, Imm: 2048})
	if err == nil || err.Error() != "immediate 2048 out of range [-2048, 2047]" {
		t.Errorf("addi 2048: %v", err)
	}
	_, err = Encode(Inst{Op: BEQ, Imm: 3})
	if err == nil || err.Error() != "branch offset 3 is not a multiple of 2" {
		t.Errorf("beq +3: %v", err)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(uint32(0x00000013))
	f.Add(uint32(0x0001))
	f.Fuzz(func(t *testing.T, w uint32) {
		in, ok := Decode(w)
		if !ok || w&3 != 3 {
			return
		}
		// A decoded 32-bit instruction re-encodes to itself modulo don't-care bits.
		back, err := Encode(in)
		if err != nil {
			t.Fatalf("%08x decoded to %+v but does not re-encode: %v", w, in, err)
		}
		if back&Specs[in.Op].Mask != w&Specs[in.Op].Mask {
			t.Fatalf("%08x re-encodes to %08x", w, back)
		}
	})
}
