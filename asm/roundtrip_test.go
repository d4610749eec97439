package asm

import (
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/isa"
	"golang.org/x/arch/riscv64/riscv64asm"
)

// TestRoundTrip decodes every instruction the golden corpus assembles with
// x/arch's riscv64asm, a decoder independent of isa, and checks that it sees
// the same operation, the same registers and the same immediate as isa.Decode.
func TestRoundTrip(t *testing.T) {
	total := 0
	for _, file := range goldenFiles(t) {
		src := readFile(t, file)
		p, err := Build([]string{file}, Options{March: goldenMarches(src)[1], Base: goldenBase})
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range p.Lines {
			b := p.bytesAt(l.Addr)
			if b == nil {
				t.Fatalf("%s:%d: no bytes at %#x", l.File, l.Line, l.Addr)
			}
			where := fmt.Sprintf("%s:%d (%#x)", filepath.Base(l.File), l.Line, l.Addr)
			if b[0] == 0 && b[1] == 0 {
				continue // c.unimp: defined illegal
			}
			x, err := riscv64asm.Decode(b)
			if err != nil {
				if in, ok := isa.Decode(binary.LittleEndian.Uint32(b)); ok && isa.Specs[in.Op].Ext == isa.ExtPriv {
					continue // x/arch has no privileged instructions (mret, sret, wfi, sfence.vma)
				}
				t.Errorf("%s: x/arch cannot decode % x: %v", where, b[:4], err)
				continue
			}
			ours, name, ok := decodeOurs(b)
			if !ok {
				t.Errorf("%s: isa cannot decode % x", where, b[:4])
				continue
			}
			total++
			if got := strings.ToLower(x.Op.String()); got != name {
				t.Errorf("%s: x/arch decodes %s, isa %s", where, got, name)
				continue
			}
			if ours.Len != uint8(x.Len) {
				t.Errorf("%s: lengths differ: x/arch %d, isa %d", where, x.Len, ours.Len)
			}
			xr, xi := xarchOperands(x)
			or, oi := ourOperands(ours)
			if xr != or {
				t.Errorf("%s %s: registers: x/arch %s, isa %s", where, name, xr, or)
			}
			if !sameImm(xi, oi) {
				t.Errorf("%s %s: immediates: x/arch %v, isa %v", where, name, xi, oi)
			}
		}
	}
	if total < 500 {
		t.Errorf("only %d instructions checked", total)
	}
}

func (p *Program) bytesAt(addr uint64) []byte {
	for _, s := range p.Sections {
		if s.Data != nil && addr >= s.Addr && addr+2 <= s.Addr+s.Size {
			b := append([]byte{}, s.Data[addr-s.Addr:]...)
			return append(b, 0, 0, 0, 0)[:4]
		}
	}
	return nil
}

// decodeOurs decodes with isa and names the instruction as x/arch does:
// compressed forms by the base instruction they expand to, atomics with
// their ordering suffix.
func decodeOurs(b []byte) (isa.Inst, string, bool) {
	w := binary.LittleEndian.Uint32(b)
	in, ok := isa.Decode(w)
	if !ok {
		return in, "", false
	}
	name := isa.Specs[in.Op].Name
	if isa.Specs[in.Op].Ext == isa.ExtA {
		name += [4]string{"", ".rl", ".aq", ".aqrl"}[in.AqRl]
	}
	return in, name, true
}

// xarchOperands lists x/arch's register operands (sorted) and immediates.
func xarchOperands(x riscv64asm.Inst) (string, []int64) {
	var regs []string
	var imms []int64
	for _, a := range x.Args {
		switch a := a.(type) {
		case riscv64asm.Reg:
			regs = append(regs, strings.ToLower(a.String()))
		case riscv64asm.RegOffset:
			regs = append(regs, strings.ToLower(a.OfsReg.String()))
			imms = append(imms, int64(a.Ofs.Imm))
		case riscv64asm.RegPtr:
			regs = append(regs, strings.ToLower(a.String()[1:len(a.String())-1]))
		case riscv64asm.Simm:
			imms = append(imms, int64(a.Imm))
		case riscv64asm.Uimm:
			imms = append(imms, int64(a.Imm))
		case riscv64asm.CSR:
			imms = append(imms, int64(a))
		case riscv64asm.MemOrder:
			imms = append(imms, int64(a))
		}
	}
	sort.Strings(regs)
	return strings.Join(regs, " "), imms
}

// ourOperands lists the registers and immediates of isa's decoding, by the
// operand kinds of its Spec.
func ourOperands(in isa.Inst) (string, []int64) {
	var regs []string
	var imms []int64
	x := func(r uint8) { regs = append(regs, fmt.Sprintf("x%d", r)) }
	f := func(r uint8) { regs = append(regs, fmt.Sprintf("f%d", r)) }
	for _, a := range isa.Specs[in.Op].Args {
		switch a {
		case isa.ArgRd:
			x(in.Rd)
		case isa.ArgRs1, isa.ArgAddr:
			x(in.Rs1)
		case isa.ArgRs2:
			x(in.Rs2)
		case isa.ArgFd:
			f(in.Rd)
		case isa.ArgFs1:
			f(in.Rs1)
		case isa.ArgFs2:
			f(in.Rs2)
		case isa.ArgFs3:
			f(in.Rs3)
		case isa.ArgMemI, isa.ArgMemS:
			x(in.Rs1)
			imms = append(imms, in.Imm)
		case isa.ArgImmI, isa.ArgBranch, isa.ArgJump, isa.ArgUImm, isa.ArgShamt5, isa.ArgShamt6, isa.ArgZimm:
			imms = append(imms, in.Imm)
		case isa.ArgCSR:
			imms = append(imms, int64(in.CSR))
		case isa.ArgPred:
			imms = append(imms, in.Imm>>4&15)
		case isa.ArgSucc:
			imms = append(imms, in.Imm&15)
		}
	}
	sort.Strings(regs)
	return strings.Join(regs, " "), imms
}

// sameImm compares immediates, allowing U-type values written shifted or not
// and compressed forms whose fixed operands one decoder lists and the other not.
func sameImm(x, o []int64) bool {
	if len(x) == 0 || len(o) == 0 {
		return true
	}
	for _, a := range x {
		found := false
		for _, b := range o {
			if a == b || a<<12 == b || int64(int32(uint32(a)<<12)) == b || a&0xfffff == (b>>12)&0xfffff {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
