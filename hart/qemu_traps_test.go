package hart

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
	"github.com/rvstop/rvstop/isa"
)

// qemuCPU is QEMU 7.2's rv64 with every extension rvstop lacks turned off.
const qemuCPU = "rv64,f=false,d=false,h=false,v=false,zba=false,zbb=false,zbc=false,zbs=false," +
	"svpbmt=false,svinval=false,zbkb=false,zbkc=false,zbkx=false,zknd=false,zkne=false," +
	"zknh=false,zksed=false,zksh=false,zkr=false,zmmul=false"

// randomWord returns a random 16- or 32-bit instruction word that does not
// transfer control (no jumps, branches, SYSTEM or ebreak), is not SC (whose
// success after intervening stores and traps is implementation-defined), and
// does not write x8, x26 or x27, which the program reserves. Most are
// illegal or reserved encodings, which is the point.
func randomWord(rng *rand.Rand) (w uint32, size int) {
	for {
		if rng.IntN(2) == 0 {
			h := uint32(rng.Uint32() & 0xffff)
			q, f3 := h&3, h>>13
			switch {
			case q == 3,
				q == 1 && (f3 == 5 || f3 >= 6),    // c.j, c.beqz, c.bnez
				q == 2 && f3 == 4 && h>>2&31 == 0: // c.jr, c.jalr, c.ebreak
				continue
			}
			if !reservedRdOK(h) {
				continue
			}
			return h, 2
		}
		w = rng.Uint32() | 3
		switch w & 0x7f {
		case 0x6f, 0x67, 0x63, 0x73:
			continue
		case 0x2f:
			if w>>27 == 3 { // sc.w, sc.d
				continue
			}
		}
		if w&0x1f == 0x1f { // 48-bit and longer encodings
			continue
		}
		if !reservedRdOK(w) {
			continue
		}
		return w, 4
	}
}

func reservedRdOK(w uint32) bool {
	in, ok := isa.Decode(w)
	if !ok {
		return true
	}
	// Memory accesses must use a buffer pointer as base, not x0 or the hash
	// registers: QEMU virt maps low addresses that we leave unmapped.
	if (in.Op >= isa.LB && in.Op <= isa.SD || in.Op >= isa.LR_W && in.Op <= isa.AMOMAXU_D) &&
		(in.Rs1 == 0 || in.Rs1 == 26 || in.Rs1 == 27) {
		return false
	}
	// QEMU 7.2 reports a misaligned AMO as a load-misaligned exception
	// (cause 4); the spec and we say store/AMO-misaligned (6). Keep AMOs
	// aligned (the base's value is regValue, the buffer is 8-aligned).
	if in.Op >= isa.AMOSWAP_W && in.Op <= isa.AMOMAXU_D && in.Op != isa.LR_D && in.Op != isa.SC_D {
		if uint64(regValue(int(in.Rs1)))%8 != 0 {
			return false
		}
	}
	return !writesRd(in.Op) || (in.Rd != 8 && in.Rd != 26 && in.Rd != 27)
}

// regValue is register r's value around each random word: near the middle
// of the buffer (s0), some misaligned, so loads, stores and AMOs land in it.
func regValue(r int) int { return (r*40)%512 - 256 + r%3 }

func trapProgram(rng *rand.Rand, n int) string {
	var b strings.Builder
	p := func(f string, a ...any) { fmt.Fprintf(&b, "\t"+f+"\n", a...) }
	hash := func(r string) { p("mul x27, x27, x26\n\tadd x27, x27, %s", r) }
	p(".globl _start\n_start:")
	p("la t0, mtrap\n\tcsrw mtvec, t0\n\tla s0, mid")
	p("li x26, 0x9e3779b97f4a7c15\n\tli x27, 0")
	for r := 1; r < 32; r++ {
		if r != 8 && r != 26 && r != 27 {
			p("addi x%d, s0, %d", r, regValue(r))
		}
	}
	for range n {
		w, size := randomWord(rng)
		if size == 2 {
			p(".half %#04x", w)
		} else {
			p(".word %#08x", w)
		}
		// Hash and restore whatever the word may have written.
		if in, ok := isa.Decode(w); ok && writesRd(in.Op) && in.Rd != 0 {
			hash(fmt.Sprintf("x%d", in.Rd))
			p("addi x%d, s0, %d", in.Rd, regValue(int(in.Rd)))
		}
	}
	// Print the hash and the buffer, then exit through the finisher.
	p(`done:	mv a0, x27
	call puthex
	la s1, buf
	li s2, %d
1:	ld a0, 0(s1)
	call puthex
	addi s1, s1, 8
	addi s2, s2, -1
	bnez s2, 1b
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
	.balign 4
halt:	ebreak
puthex:	li t1, 0x10000000
	li t2, 60
2:	srl t3, a0, t2
	andi t3, t3, 15
	addi t3, t3, '0'
	li t4, '9'
	ble t3, t4, 3f
	addi t3, t3, 'a'-'0'-10
3:	sb t3, 0(t1)
	addi t2, t2, -4
	bgez t2, 2b
	li t3, '\n'
	sb t3, 0(t1)
	ret
	# The trap handler hashes mcause and mtval and skips the instruction.
	.balign 4
mtrap:	csrw mscratch, t0
	csrw sscratch, t1
	csrr t0, mcause
	mul x27, x27, x26
	add x27, x27, t0
	csrr t0, mtval
	mul x27, x27, x26
	add x27, x27, t0
	csrr t0, mepc
	lhu t1, 0(t0)
	andi t1, t1, 3
	addi t0, t0, 2
	addi t1, t1, -3
	bnez t1, 4f
	addi t0, t0, 2
4:	csrw mepc, t0
	csrr t0, mscratch
	csrr t1, sscratch
	mret
	.data
	.balign 8
buf:	.space 4096
mid:	.space 4096`, 1024)
	return b.String()
}

// TestDifferentialQEMUTraps compares decoding, illegal-instruction detection,
// trap causes and tval of random words with QEMU.
func TestDifferentialQEMUTraps(t *testing.T) {
	qemu := oracle.Require(t, oracle.QEMU)
	for seed := uint64(1); seed <= trapSeeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel() // QEMU start-up dominates
			src := trapProgram(rand.New(rand.NewPCG(seed, 11)), trapWords)
			img, syms := assemble(t, src)
			m := newMachineImg(1, false, img, syms)
			h := m.harts[0]
			h.SetDebugEbreak(false)
			h.SetBreakpoint(syms["done"], true) // our finisher would fault
			if _, why := h.Run(1_000_000); why != StopBreakpoint {
				t.Fatalf("stopped by %v at %#x", why, h.PC())
			}
			ours := []uint64{h.X(27)}
			for a := syms["buf"]; a < syms["buf"]+8192; a += 8 {
				ours = append(ours, binary.LittleEndian.Uint64(m.ram[a-testRAMBase:]))
			}
			theirs := runQEMUArgs(t, qemu, src, "-cpu", qemuCPU)
			if len(theirs) != len(ours) {
				t.Fatalf("QEMU printed %d values, want %d", len(theirs), len(ours))
			}
			for i := range ours {
				if ours[i] != theirs[i] {
					t.Errorf("value %d = %#x, QEMU %#x", i, ours[i], theirs[i])
				}
			}
		})
	}
}

// Seeds and words per program; 12 x 3000 pass too, at 10 s.
var trapSeeds, trapWords = uint64(3), 1000
