package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// capture runs f with os.Stdout and os.Stderr redirected and returns what
// it printed on each.
func capture(t *testing.T, f func()) (stdout, stderr string) {
	t.Helper()
	oldOut, oldErr := os.Stdout, os.Stderr
	ro, wo, _ := os.Pipe()
	re, we, _ := os.Pipe()
	os.Stdout, os.Stderr = wo, we
	var bo, be bytes.Buffer
	done := make(chan bool)
	go func() { io.Copy(&bo, ro); done <- true }()
	go func() { io.Copy(&be, re); done <- true }()
	defer func() {
		os.Stdout, os.Stderr = oldOut, oldErr
	}()
	f()
	wo.Close()
	we.Close()
	<-done
	<-done
	return bo.String(), be.String()
}

// Bad flags are usage errors: exit 2 with one line saying what is wrong.
func TestTestFlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-sched", "dfs"}, `-sched "dfs": want random or pct`},
		{[]string{"-bug", "BUG_NONE"}, `-bug "BUG_NONE": not an injected bug`},
		{[]string{"-seeds", "0"}, "-seeds 0"},
		{[]string{"-parallel", "0"}, "-parallel 0"},
		{[]string{"-depth", "2"}, "-depth and -pct-steps are for -sched pct"},
		{[]string{"-sched", "pct", "-depth", "0"}, "-depth 0"},
		{[]string{"-smp", "0"}, "-smp 0"},
		{[]string{"a.elf", "b.elf"}, "one kernel at most"},
		{[]string{"-bug", "BUG_IRQ_ON_IN_RUN", "k.elf"}, "-bug builds the embedded kernel"},
	} {
		var code int
		_, errOut := capture(t, func() { code = runTest(c.args) })
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("rvstop test %q: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
}

// A failing seed: exit 1, the summary names the test and the seed, the
// replay commands are printed and the trace, schedule and kernel written.
func TestTestFailureArtifacts(t *testing.T) {
	dir := t.TempDir()
	var code int
	out, errOut := capture(t, func() {
		code = runTest([]string{"-bug", "BUG_IRQ_ON_IN_RUN", "-seeds", "1", "-smp", "2", "-flight", "100", "-o", dir})
	})
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"FAIL seed 1:",
		"replay: rvstop test -bug BUG_IRQ_ON_IN_RUN -smp 2 -run '*' -seed 1",
		"replay: rvstop boot -smp 2 -max-insns 500000000 -seed 1 -append 'test=* seed=1' " + filepath.Join(dir, "rvstop-BUG_IRQ_ON_IN_RUN.elf"),
		"flight recorder: " + filepath.Join(dir, "rvstop-fail-seed1.trace"),
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(errOut, "did not fail the same way") {
		t.Errorf("the flight-recorder re-run differed: %s", errOut)
	}
	// The printed boot command is the same run: its flight recorder is the
	// same trace, byte for byte.
	bootTrace := filepath.Join(dir, "boot.trace")
	capture(t, func() {
		runBoot([]string{"-smp", "2", "-max-insns", "500000000", "-seed", "1", "-append", "test=* seed=1",
			"-flight", "100", "-flight-out", bootTrace, filepath.Join(dir, "rvstop-BUG_IRQ_ON_IN_RUN.elf")})
	})
	a, errA := os.ReadFile(filepath.Join(dir, "rvstop-fail-seed1.trace"))
	b, errB := os.ReadFile(bootTrace)
	if errA != nil || errB != nil || len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("rvstop boot's flight recorder differs from rvstop test's (%d and %d bytes; %v %v)", len(a), len(b), errA, errB)
	}
	for _, f := range []string{"rvstop-fail-seed1.trace", "rvstop-fail-seed1.schedule", "rvstop-BUG_IRQ_ON_IN_RUN.elf"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// -split boots once per seed and test; a failure names its test, and its
// replay command selects that test alone.
func TestTestSplit(t *testing.T) {
	var code int
	out, errOut := capture(t, func() {
		code = runTest([]string{"-split", "-bug", "BUG_IRQ_ON_IN_RUN", "-seeds", "1", "-smp", "2", "-traces", "0", "-o", t.TempDir()})
	})
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{
		"tests per seed), ",
		"FAIL seed 1, test stop_machine:",
		"replay: rvstop test -bug BUG_IRQ_ON_IN_RUN -smp 2 -run stop_machine -seed 1",
		"-append 'test=stop_machine seed=1'",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
