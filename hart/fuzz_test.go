package hart

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// runRandom executes the given instruction words in privilege mode priv with
// registers pointing into RAM, the test device and unmapped space, with all
// traps delegated or not. It must never panic or hang: guest traps are values.
func runRandom(t testing.TB, words []uint32, priv Priv, deleg bool, traced bool) {
	ram := make([]byte, 64<<10)
	for i, w := range words {
		if 4*i+4 > len(ram) {
			break
		}
		binary.LittleEndian.PutUint32(ram[4*i:], w)
	}
	sh := NewShared(false)
	h := New(Config{RAMBase: testRAMBase, RAM: ram, Bus: &testBus{}, Shared: sh,
		Misaligned: Misaligned(len(words) % 2)})
	h.Reset(testRAMBase)
	h.WriteCSR(isa.CSR_MTVEC, testRAMBase+0x100) // handlers run more random code
	h.WriteCSR(isa.CSR_STVEC, testRAMBase+0x200)
	if deleg {
		h.WriteCSR(isa.CSR_MEDELEG, ^uint64(0))
		h.WriteCSR(isa.CSR_MIDELEG, ^uint64(0))
	}
	h.WriteCSR(isa.CSR_MIE, ^uint64(0))
	h.WriteCSR(isa.CSR_MCOUNTEREN, ^uint64(0))
	h.SetMIP(MTIP, len(words)%3 == 0)
	bases := []uint64{testRAMBase, testRAMBase + 0x8000, testDevBase, 0, 0xfffffffffffffff8, testRAMBase + 64<<10 - 4}
	for r := 1; r < 32; r++ {
		h.SetX(r, bases[r%len(bases)]+uint64(r))
	}
	h.SetPriv(priv)
	if traced {
		h.SetTracer(nopTracer{})
	}
	for range 4 {
		if _, why := h.Run(64); why == StopWFI {
			h.SetMIP(MSIP, true)
		}
	}
}

func FuzzExec(f *testing.F) {
	f.Add([]byte{0x73, 0x00, 0x20, 0x30}, uint8(0)) // mret
	f.Add([]byte{0x2f, 0xa5, 0x05, 0x10, 0x13, 0x05, 0x15, 0x00}, uint8(1))
	f.Add([]byte{0xf3, 0x25, 0x00, 0x30}, uint8(2)) // csrr a1, mstatus
	f.Fuzz(func(t *testing.T, code []byte, mode uint8) {
		words := make([]uint32, (len(code)+3)/4)
		for i := range code {
			words[i/4] |= uint32(code[i]) << (8 * (i % 4))
		}
		priv := []Priv{PrivU, PrivS, PrivM}[mode%3]
		runRandom(t, words, priv, mode&4 != 0, mode&8 != 0)
	})
}

// TestRandomInstructions is the fuzz target's property over a fixed corpus of
// random words, biased towards valid encodings, in every mode: no panic.
func TestRandomInstructions(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 600 {
		words := make([]uint32, 64+i%32)
		for j := range words {
			w := rng.Uint32()
			switch j % 4 {
			case 0: // a valid opcode from the table with random fields
				op := isa.Op(1 + rng.IntN(int(isa.NumOps)-1))
				s := isa.Specs[op]
				w = s.Match | w&^s.Mask
			case 1: // CSR instruction on a CSR number that may exist
				w = w&^0xfff0007f | 0x73 | uint32(csrNumbers[rng.IntN(len(csrNumbers))])<<20
				if w>>12&3 == 0 {
					w |= 1 << 12
				}
			}
			words[j] = w
		}
		runRandom(t, words, []Priv{PrivU, PrivS, PrivM}[i%3], i%2 == 0, i%5 == 0)
	}
}

var csrNumbers = []uint16{0x100, 0x104, 0x105, 0x106, 0x10a, 0x140, 0x141, 0x142, 0x143, 0x144,
	0x14d, 0x180, 0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x30a, 0x320, 0x340,
	0x341, 0x342, 0x343, 0x344, 0x3a0, 0x3a1, 0x3a2, 0x3b0, 0x3bf, 0x3ef, 0xb00, 0xb02,
	0xb03, 0xc00, 0xc01, 0xc02, 0xc1f, 0xf11, 0xf14, 0xf15, 0x7b0}
