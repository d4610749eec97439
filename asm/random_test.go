package asm

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// TestGNURandom assembles generated programs both ways: random operands for
// every instruction of isa.Specs, the pseudo-instructions whose expansion or
// compression depends on values (li, mv, add, branches), and branches over
// random distances, so that compression and relaxation choices are compared
// with GNU as far beyond the hand-written corpus. The seed is fixed.
func TestGNURandom(t *testing.T) {
	dir := t.TempDir()
	for i := range randomSeeds {
		src := randomProgram(rand.New(rand.NewPCG(uint64(i), 42)))
		name := fmt.Sprintf("random%d.s", i)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, m := range []string{"rv64imafd_zicsr_zifencei_zihintpause", "rv64imafdc_zicsr_zifencei_zihintpause"} {
			t.Run(name+"/"+m, func(t *testing.T) {
				t.Parallel()
				checkAgainstGNU(t, program{name: name, dir: dir, files: []string{name}}, m)
			})
		}
	}
}

func randomProgram(r *rand.Rand) string {
	var b strings.Builder
	xreg := func() string {
		switch r.IntN(4) {
		case 0:
			return isa.XNames[8+r.IntN(8)] // the compressible ones
		case 1:
			return []string{"zero", "sp", "ra"}[r.IntN(3)]
		}
		return isa.XNames[r.IntN(32)]
	}
	freg := func() string { return isa.FNames[r.IntN(32)] }
	simm := func(bits int) int64 {
		if r.IntN(3) == 0 {
			return []int64{0, 1, -1, 31, -32, 32, 2047, -2048}[r.IntN(8)] & (1<<bits - 1) << (64 - bits) >> (64 - bits)
		}
		return r.Int64N(1<<bits) - 1<<(bits-1)
	}
	labels := 0
	label := func() string {
		if labels > 0 && r.IntN(2) == 0 {
			return fmt.Sprintf("L%d", r.IntN(labels))
		}
		return fmt.Sprintf("L%d", labels+r.IntN(20)) // forward, defined later
	}
	b.WriteString("\t.text\n")
	for n := 0; n < randomLength; n++ {
		if r.IntN(10) == 0 {
			fmt.Fprintf(&b, "L%d:\n", labels)
			labels++
		}
		if r.IntN(200) == 0 {
			fmt.Fprintf(&b, "\t.fill %d, 4, 0x13\n", r.IntN(1200))
		}
		switch r.IntN(8) {
		case 0:
			fmt.Fprintf(&b, "\tli %s, %d\n", xreg(), []int64{simm(6), simm(12), simm(20) << 12, simm(32), int64(r.Uint64())}[r.IntN(5)])
		case 1:
			fmt.Fprintf(&b, "\t%s %s, %s\n", []string{"mv", "not", "neg", "sext.w", "seqz", "snez"}[r.IntN(6)], xreg(), xreg())
		case 2:
			fmt.Fprintf(&b, "\t%s %s, %s, %s\n", []string{"beq", "bne", "blt", "bgeu", "bgt", "bleu"}[r.IntN(6)], xreg(), xreg(), label())
		case 3:
			fmt.Fprintf(&b, "\t%s %s, %s\n", []string{"beqz", "bnez", "blez", "bgtz"}[r.IntN(4)], xreg(), label())
		case 4:
			fmt.Fprintf(&b, "\t%s %s\n", []string{"j", "jal", "call", "tail"}[r.IntN(4)], label())
		default:
			op := isa.Op(1 + r.IntN(int(isa.NumOps)-1))
			b.WriteString("\t" + randomInst(r, op, xreg, freg, simm) + "\n")
		}
	}
	for i := labels; i < labels+20; i++ {
		fmt.Fprintf(&b, "L%d:\tnop\n", i)
	}
	return b.String()
}

// randomInst writes op with random operands that fit its fields.
func randomInst(r *rand.Rand, op isa.Op, xreg, freg func() string, simm func(int) int64) string {
	s := isa.Specs[op]
	var ops []string
	name := s.Name
	for _, a := range s.Args {
		switch a {
		case isa.ArgRd, isa.ArgRs1, isa.ArgRs2:
			ops = append(ops, xreg())
		case isa.ArgFd, isa.ArgFs1, isa.ArgFs2, isa.ArgFs3:
			ops = append(ops, freg())
		case isa.ArgImmI:
			ops = append(ops, fmt.Sprint(simm(12)))
		case isa.ArgMemI, isa.ArgMemS:
			off := simm(12)
			if r.IntN(2) == 0 {
				off = int64(r.IntN(64)) * 8
			}
			ops = append(ops, fmt.Sprintf("%d(%s)", off, xreg()))
		case isa.ArgAddr:
			ops = append(ops, "("+xreg()+")")
		case isa.ArgBranch, isa.ArgJump:
			ops = append(ops, ".")
		case isa.ArgUImm:
			ops = append(ops, fmt.Sprint(r.IntN(1<<20)))
		case isa.ArgShamt6:
			ops = append(ops, fmt.Sprint(r.IntN(64)))
		case isa.ArgShamt5:
			ops = append(ops, fmt.Sprint(r.IntN(32)))
		case isa.ArgCSR:
			ops = append(ops, isa.CSRName(uint16([]int{0x300, 0x340, 0x105, 0x180, 0xc01}[r.IntN(5)])))
		case isa.ArgZimm:
			ops = append(ops, fmt.Sprint(r.IntN(32)))
		case isa.ArgPred, isa.ArgSucc:
			ops = append(ops, []string{"rw", "iorw", "w", "r", "io"}[r.IntN(5)])
		case isa.ArgRM:
			if !rmZero[op] && r.IntN(2) == 0 {
				ops = append(ops, "rtz")
			}
		case isa.ArgAqRl:
			name += []string{"", ".aq", ".rl", ".aqrl"}[r.IntN(4)]
		}
	}
	return name + " " + strings.Join(ops, ", ")
}

// randomSeeds is how many generated programs TestGNURandom checks; raise it
// locally to search wider.
var randomSeeds = 4

// randomLength is the number of statements of each generated program.
var randomLength = 1500
