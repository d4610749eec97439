package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// gnuELF assembles and links src at 0x80000000 with GNU binutils.
func gnuELF(t *testing.T, src string) string {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	dir := t.TempDir()
	s, o, e, l := filepath.Join(dir, "p.s"), filepath.Join(dir, "p.o"), filepath.Join(dir, "p.elf"), filepath.Join(dir, "l.ld")
	os.WriteFile(s, []byte(src), 0o644)
	os.WriteFile(l, []byte(oracle.LinkerScript), 0o644)
	if out, err := exec.Command(as, "-march=rv64imac_zicsr", "-o", o, s).CombinedOutput(); err != nil {
		t.Fatalf("as: %v\n%s", err, out)
	}
	if out, err := exec.Command(ld, "-T", l, "-Ttext=0x80000000", "-o", e, o).CombinedOutput(); err != nil {
		t.Fatalf("ld: %v\n%s", err, out)
	}
	return e
}

func TestRunExitStatus(t *testing.T) {
	// Hart 0 fails with status 41 through the finisher; the others spin.
	fail := gnuELF(t, `
	.globl _start
_start:
	bnez a0, 1f
	li t0, 0x100000
	li t1, (41 << 16) | 0x3333
	sw t1, 0(t0)
1:	j 1b
`)
	spin := gnuELF(t, ".globl _start\n_start: j _start\n")
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{fail}, 41},
		{[]string{"-smp", "3", "-seed", "5", fail}, 41},
		{[]string{fail, "-parallel", "-smp", "2"}, 41}, // flags after the file, as with QEMU
		{[]string{"-max-insns", "1000", spin}, 1},
		{[]string{"-timeout", "50ms", spin}, 1},
		{[]string{}, 2},
		{[]string{"-misaligned", "sometimes", fail}, 2},
		{[]string{"-smp", "0", fail}, 2},
		{[]string{"/nonexistent.elf"}, 1},
		{[]string{"cmd_run_test.go"}, 1}, // not an ELF
		{[]string{"-sched", "pct", "-depth", "2", "-smp", "2", fail}, 41},
		{[]string{"-sched", "fifo", fail}, 2},
		{[]string{"-schedule-in", "/nonexistent", fail}, 2},
	} {
		if got := cmdRun(c.args); got != c.want {
			t.Errorf("rvstop run %q = %d, want %d", c.args, got, c.want)
		}
	}
}

func TestDTBCommand(t *testing.T) {
	dtc := oracle.Require(t, oracle.DTC)
	out := filepath.Join(t.TempDir(), "b.dtb")
	if st := cmdDTB([]string{"-smp", "2", "-m", "256M", "-append", "quiet", "-o", out}); st != 0 {
		t.Fatalf("status %d", st)
	}
	dts, err := exec.Command(dtc, "-I", "dtb", "-O", "dts", out).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`bootargs = "quiet"`, "cpu@1 {", "reg = <0x00 0x80000000 0x00 0x10000000>"} {
		if !strings.Contains(string(dts), want) {
			t.Errorf("dts lacks %q", want)
		}
	}
	if st := cmdDTB([]string{"-smp", "2"}); st != 2 {
		t.Errorf("no -o: status %d, want 2", st)
	}
}

func TestRunScheduleRecordReplay(t *testing.T) {
	// Two harts race to the finisher with their own codes: the schedule
	// decides which exit wins, and a replay must pick the same one.
	race := gnuELF(t, `
	.globl _start
_start:
	li t0, 0x100000
	addi t1, a0, 1
	slli t1, t1, 16
	li t2, 0x3333
	or t1, t1, t2
	sw t1, 0(t0)
1:	j 1b
`)
	dir := t.TempDir()
	for seed := 0; seed < 6; seed++ {
		sched := filepath.Join(dir, "s.txt")
		first := cmdRun([]string{"-smp", "2", "-seed", fmt.Sprint(seed), "-schedule-out", sched, race})
		if first != 1 && first != 2 {
			t.Fatalf("seed %d: status %d", seed, first)
		}
		if again := cmdRun([]string{"-smp", "2", "-schedule-in", sched, race}); again != first {
			t.Errorf("seed %d: replay exited %d, recorded run %d", seed, again, first)
		}
	}
}
