package tests

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// isaTimeout bounds one run; every program finishes in well under a second on QEMU.
const isaTimeout = 20 * time.Second

// An isaResult is how one run of a program ended.
type isaResult struct {
	exit   int    // exit status: 0 pass, else the failing case (finisher or tohost)
	output []byte // everything the program wrote to the UART
}

// runQEMU runs elf on QEMU's virt machine the way rvstop runs it: no firmware, the
// ELF loaded at its own addresses and entered in M-mode on every hart. H, F and
// D are switched off, as rvstop has none of them: QEMU's misa and mstatus then
// match rvstop's (RV64IMAC, S, U), and mideleg has no read-only-one VS bits. On one hart,
// -icount makes instret count instructions (without it QEMU counts host clock
// ticks), which csr_counters.s checks exactly; several harts run without it, in
// parallel threads, because icount serialises them and slows IPIs down 5-fold.
func runQEMU(t testing.TB, elf string, harts int) isaResult {
	t.Helper()
	qemu := oracle.Require(t, oracle.QEMU)
	ctx, cancel := context.WithTimeout(context.Background(), isaTimeout)
	defer cancel()
	args := []string{"-machine", "virt", "-cpu", "rv64,h=false,f=false,d=false", "-bios", "none",
		"-nographic", "-m", "128M", "-smp", strconv.Itoa(harts), "-kernel", elf}
	if harts == 1 {
		args = append(args, "-icount", "shift=0")
	}
	cmd := exec.CommandContext(ctx, qemu, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s: no exit within %v; output:\n%s", elf, isaTimeout, out.Bytes())
	}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return isaResult{0, out.Bytes()}
	case errors.As(err, &exitErr):
		return isaResult{exitErr.ExitCode(), out.Bytes()}
	}
	t.Fatalf("%s: %v", qemu, err)
	return isaResult{}
}

var failLineRE = regexp.MustCompile(`FAIL case 0x([0-9a-f]+)`)

// failedCase is the case number a failing run printed, or its exit status when
// it printed none.
func (r isaResult) failedCase() int {
	if m := failLineRE.FindSubmatch(r.output); m != nil {
		n, _ := strconv.ParseUint(string(m[1]), 16, 64)
		return int(n)
	}
	return r.exit
}

// explain describes a failed run: the case, its source, and the UART output.
func (r isaResult) explain(p *isaProgram) string {
	return fmt.Sprintf("exit status %d, %s\noutput:\n%s", r.exit, p.describeCase(r.failedCase()), r.output)
}

// qemuDefsym adds QEMU=1 to a build's symbols: the programs use it to expect
// QEMU 7.2's documented deviations from the spec instead of the spec's behaviour
// (each one is explained where it is used, and listed in docs/isa-tests.md).
func qemuDefsym(defsym map[string]int64) map[string]int64 {
	d := map[string]int64{"QEMU": 1}
	for k, v := range defsym {
		d[k] = v
	}
	return d
}

// TestISAOnQEMU runs every program on QEMU: it is how the programs themselves are
// checked against an independent machine before they judge rvstop.
func TestISAOnQEMU(t *testing.T) {
	for _, p := range isaPrograms(t) {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			elf := buildGNU(t, p, t.TempDir(), qemuDefsym(nil))
			r := runQEMU(t, elf, p.harts)
			if r.exit != 0 {
				t.Fatalf("%s failed on QEMU: %s", p.name, r.explain(p))
			}
			if p.dump {
				if _, err := parseRegisterDump(r.output); err != nil {
					t.Fatalf("%s: %v; output:\n%s", p.name, err, r.output)
				}
			}
		})
	}
}

// TestISAProgramsDetectFailure proves each program can fail: with the expected
// value of its last case (of those every build runs) flipped (--defsym FLIP=n, see check.inc), the
// run must stop with exactly that case number, in the exit status and the message.
func TestISAProgramsDetectFailure(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: one QEMU run per program is enough; TestISAOnRvstopDetectsFailure still flips")
	}
	for _, p := range isaPrograms(t) {
		ns := p.unconditionalCases()
		for _, n := range []int{ns[len(ns)-1]} {
			t.Run(fmt.Sprintf("%s/case%d", p.name, n), func(t *testing.T) {
				t.Parallel()
				elf := buildGNU(t, p, t.TempDir(), qemuDefsym(map[string]int64{"FLIP": int64(n)}))
				r := runQEMU(t, elf, p.harts)
				if r.exit != n || r.failedCase() != n {
					t.Fatalf("with case %d flipped: exit status %d, reported case %d; want %d\noutput:\n%s",
						n, r.exit, r.failedCase(), n, r.output)
				}
			})
		}
	}
}
