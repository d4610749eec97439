package hart

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// The differential test: a random straight-line RV64IMAC program (ALU, M,
// loads and stores at every alignment, AMOs, LR/SC, branches and jumps, with
// GNU as compressing what it can) runs on QEMU and on a hart. Both dump
// x1..x31 and the scratch buffer; QEMU prints the dump on its UART and exits
// through the sifive_test finisher, the hart stops at an ebreak. The dumps
// must be identical.

const (
	diffBufSize  = 1024
	diffDumpSize = 256 // below the buffer: x1..x31 at -256(s0)..
)

var (
	diffRegOps = []string{"add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
		"addw", "subw", "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu",
		"rem", "remu", "mulw", "divw", "divuw", "remw", "remuw"}
	diffImmOps   = []string{"addi", "slti", "sltiu", "xori", "ori", "andi", "addiw"}
	diffShiftOps = []string{"slli", "srli", "srai"}
	diffShiftW   = []string{"slliw", "srliw", "sraiw"}
	diffLoads    = []string{"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"}
	diffStores   = []string{"sb", "sh", "sw", "sd"}
	diffAMOs     = []string{"amoswap", "amoadd", "amoxor", "amoand", "amoor", "amomin", "amomax", "amominu", "amomaxu"}
	diffBranches = []string{"beq", "bne", "blt", "bge", "bltu", "bgeu"}
	diffSeeds    = []uint64{0, 1, ^uint64(0), 1<<63 - 1, 1 << 63, 0x80000000, 0x7fffffff, 0xffffffff,
		0xffffffff80000000, 2, 3, 0x100000000}
)

// diffProgram writes the random program's assembly.
func diffProgram(rng *rand.Rand, n int) string {
	var b strings.Builder
	p := func(f string, a ...any) { fmt.Fprintf(&b, "\t"+f+"\n", a...) }
	// x8 (s0) is the buffer base; x26 holds an odd constant and x27 a hash
	// of every result (x27 = x27*x26 + rd after each instruction), so a wrong
	// value cannot be overwritten unseen before the final dump.
	last := ""
	rd := func() string {
		for {
			if r := rng.IntN(32); r != 8 && r != 26 && r != 27 {
				last = fmt.Sprintf("x%d", r)
				return last
			}
		}
	}
	rs := func() string { return fmt.Sprintf("x%d", rng.IntN(32)) }
	p(".globl _start\n_start:")
	p("la t0, halt\n\tcsrw mtvec, t0")
	p("la s0, buf")
	for r := 1; r < 32; r++ {
		if r == 8 {
			continue
		}
		v := diffSeeds[rng.IntN(len(diffSeeds))]
		if rng.IntN(3) == 0 {
			v = rng.Uint64()
		}
		p("li x%d, %#x", r, v)
	}
	p("li x26, 0x9e3779b97f4a7c15\n\tli x27, 0")
	for i := 0; i < n; i++ {
		last = ""
		switch k := rng.IntN(20); {
		case k < 6:
			p("%s %s, %s, %s", diffRegOps[rng.IntN(len(diffRegOps))], rd(), rs(), rs())
		case k < 9:
			p("%s %s, %s, %d", diffImmOps[rng.IntN(len(diffImmOps))], rd(), rs(), rng.IntN(4096)-2048)
		case k < 10:
			p("%s %s, %s, %d", diffShiftOps[rng.IntN(3)], rd(), rs(), rng.IntN(64))
			p("%s %s, %s, %d", diffShiftW[rng.IntN(3)], rd(), rs(), rng.IntN(32))
		case k < 11:
			p("lui %s, %#x", rd(), rng.IntN(1<<20))
		case k < 14:
			p("%s %s, %d(s0)", diffLoads[rng.IntN(len(diffLoads))], rd(), rng.IntN(diffBufSize-8))
		case k < 16:
			p("%s %s, %d(s0)", diffStores[rng.IntN(len(diffStores))], rs(), rng.IntN(diffBufSize-8))
		case k < 17:
			w := []string{".w", ".d"}[rng.IntN(2)]
			p("addi t6, s0, %d", rng.IntN(diffBufSize/8)*8)
			p("%s%s %s, %s, (t6)", diffAMOs[rng.IntN(len(diffAMOs))], w, rd(), rs())
		case k < 18:
			w := []string{".w", ".d"}[rng.IntN(2)]
			p("addi t6, s0, %d", rng.IntN(diffBufSize/8)*8)
			if rng.IntN(4) != 0 {
				p("lr%s %s, (t6)", w, rd())
				if rng.IntN(2) == 0 {
					p("addi t6, s0, %d", rng.IntN(diffBufSize/8)*8) // maybe another address
				}
			}
			p("sc%s %s, %s, (t6)", w, rd(), rs())
		case k < 19:
			p("%s %s, %s, 1f", diffBranches[rng.IntN(len(diffBranches))], rs(), rs())
			p("addi %s, %s, %d", rd(), rs(), rng.IntN(100))
			p("1:")
		default:
			if rng.IntN(2) == 0 {
				p("jal %s, 1f", rd())
			} else {
				p("la t5, 1f\n\tjalr %s, %d(t5)", rd(), rng.IntN(2)) // bit 0 is cleared
			}
			p("addi %s, %s, 1", rd(), rs())
			p("1:")
		}
		if last != "" {
			p("mul x27, x27, x26\n\tadd x27, x27, %s", last)
		}
	}
	// Dump x1..x31 below the buffer, then print dump and buffer in hex.
	for r := 1; r < 32; r++ {
		p("sd x%d, %d(s0)", r, -diffDumpSize+8*(r-1))
	}
	p(`addi s1, s0, -%d
	li s2, %d
	li s3, 0x10000000
next:	ld a0, 0(s1)
	li t2, 60
digit:	srl t3, a0, t2
	andi t3, t3, 15
	addi t3, t3, '0'
	li t4, '9'
	ble t3, t4, 2f
	addi t3, t3, 'a'-'0'-10
2:	sb t3, 0(s3)
	addi t2, t2, -4
	bgez t2, digit
	li t3, '\n'
	sb t3, 0(s3)
	addi s1, s1, 8
	addi s2, s2, -1
	bnez s2, next
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
	.balign 4
halt:	ebreak
	.data
	.balign 8
	.space %d
buf:	.space %d`, diffDumpSize, (diffDumpSize+diffBufSize)/8, diffDumpSize, diffBufSize)
	return b.String()
}

func TestDifferentialQEMU(t *testing.T) {
	qemu := oracle.Require(t, oracle.QEMU)
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel() // QEMU start-up dominates
			src := diffProgram(rand.New(rand.NewPCG(seed, 7)), 1500)
			img, syms := assemble(t, src)
			m := newMachineImg(1, false, img, syms)
			m.run(t)
			var ours []uint64
			for a := syms["buf"] - diffDumpSize; a < syms["buf"]+diffBufSize; a += 8 {
				ours = append(ours, binary.LittleEndian.Uint64(m.ram[a-testRAMBase:]))
			}
			theirs := runQEMU(t, qemu, src)
			if len(theirs) != len(ours) {
				t.Fatalf("QEMU printed %d values, want %d", len(theirs), len(ours))
			}
			for i := range ours {
				if ours[i] != theirs[i] {
					what := fmt.Sprintf("buf+%d", 8*(i-diffDumpSize/8))
					if i < 31 {
						what = fmt.Sprintf("x%d", i+1)
					}
					t.Errorf("%s = %#x, QEMU %#x", what, ours[i], theirs[i])
				}
			}
			if t.Failed() {
				os.WriteFile(filepath.Join(os.TempDir(), fmt.Sprintf("rvstop-diff-seed%d.s", seed)), []byte(src), 0o644)
			}
		})
	}
}

// runQEMU links src into an ELF and runs it on QEMU's virt machine, returning
// the hex values it printed.
func runQEMU(t *testing.T, qemu, src string) []uint64 { return runQEMUArgs(t, qemu, src) }

func runQEMUArgs(t *testing.T, qemu, src string, args ...string) []uint64 {
	t.Helper()
	elfPath := assembleELF(t, src)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	args = append(args, "-machine", "virt", "-bios", "none", "-kernel", elfPath,
		"-nographic", "-monitor", "none", "-serial", "stdio")
	cmd := exec.CommandContext(ctx, qemu, args...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("qemu: %v\n%s", err, out)
	}
	var vals []uint64
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if v, err := strconv.ParseUint(strings.TrimSpace(sc.Text()), 16, 64); err == nil {
			vals = append(vals, v)
		}
	}
	return vals
}
