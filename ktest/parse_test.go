package ktest

import (
	"reflect"
	"strings"
	"testing"
)

// Nested KTAP, as KUnit prints it, behind printk prefixes and interleaved
// with other console output: leaves are named suite.case, a suite that
// fails on its own counts as a case, directives become skip or reason.
func TestParseKTAPNested(t *testing.T) {
	out := strings.Join([]string{
		"rvstop SBI firmware v0.1",
		"[    0.1] CPU0: KTAP version 1",
		"[    0.1] CPU0: 1..4",
		"[    0.2] CPU0:     KTAP version 1",
		"[    0.2] CPU0:     # Subtest: stop_machine",
		"[    0.2] CPU0:     1..2",
		"[    0.3] CPU1: smp: something else",
		"[    0.3] CPU0:     ok 1 state_order",
		"[    0.3] CPU0:     # fn_once: EXPECT_EQ failed at ktest_stop.s:88: ran 2, want 1",
		"[    0.3] CPU0:     not ok 2 fn_once # fn ran twice",
		"[    0.4] CPU0: not ok 1 stop_machine",
		"[    0.4] CPU0: ok 2 hotplug # SKIP needs 2 CPUs",
		"[    0.5] CPU0:     KTAP version 1",
		"[    0.5] CPU0:     1..1",
		"[    0.5] CPU0:     ok 1 a",
		"[    0.5] CPU0: not ok 3 ipi # timeout",
		"[    0.5] CPU0: # FAIL test_ipi.s: csd ran once: EXPECT_EQ: 2 != 1",
		"[    0.5] CPU0: not ok 4 ipi.wait",
		"[    0.6] CPU0: reboot: Power down (1 failed checks)",
	}, "\n")
	cases, err := Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	want := []Case{
		{Name: "stop_machine.state_order", OK: true},
		{Name: "stop_machine.fn_once", Reason: "fn ran twice", Diag: []string{"fn_once: EXPECT_EQ failed at ktest_stop.s:88: ran 2, want 1"}},
		{Name: "hotplug", OK: true, Skip: "needs 2 CPUs"},
		{Name: "ipi.a", OK: true},
		{Name: "ipi", Reason: "timeout"},
		{Name: "ipi.wait", Reason: "test_ipi.s: csd ran once: EXPECT_EQ: 2 != 1", Diag: []string{"FAIL test_ipi.s: csd ran once: EXPECT_EQ: 2 != 1"}},
	}
	if !reflect.DeepEqual(cases, want) {
		t.Errorf("got\n%+v\nwant\n%+v", cases, want)
	}
}

// Output cut short (a hang or a panic) is an error naming what is missing,
// and keeps the verdicts printed so far.
func TestParseKTAPIncomplete(t *testing.T) {
	for _, c := range []struct{ out, err string }{
		{"KTAP version 1\n1..2\nok 1 a\n", "plan 1..2 but 1 results"},
		{"KTAP version 1\n1..1\n    KTAP version 1\n    1..2\n    ok 1 x\n", "ends inside a nested test list"},
		{"KTAP version 1\nok 1 a\n", "no plan"},
	} {
		cases, err := Parse([]byte(c.out))
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("Parse(%q): err %v, want %q", c.out, err, c.err)
		}
		if len(cases) == 0 {
			t.Errorf("Parse(%q): lost the verdicts printed before the end", c.out)
		}
	}
}

// Without KTAP, "ktest:" lines group by the word before their second colon.
func TestParseKtestLines(t *testing.T) {
	out := "[    0.49] CPU0: ktest: ok: sched: both progressed\n" +
		"[    0.50] CPU0: ktest: ok: ipi: once\n" +
		"[    0.51] CPU0: ktest: FAIL: ipi: ran 0 time(s)\n" +
		"[    0.52] CPU0: ktest: FAIL: ipi: second\n"
	cases, err := Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) != 2 || cases[0].Name != "sched" || !cases[0].OK || cases[1].Name != "ipi" || cases[1].OK ||
		cases[1].Reason != "ran 0 time(s)" || len(cases[1].Diag) != 3 {
		t.Errorf("got %+v", cases)
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		glob, name string
		want       bool
	}{
		{"", "x", true}, {"stop*", "stop_machine.order", true}, {"stop*", "hotplug", false},
		{"hotplug", "hotplug.down", true}, {"*.down", "hotplug.down", true}, {"ipi", BootCase, true},
	} {
		if got := Match(c.glob, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v", c.glob, c.name, got)
		}
	}
}

func TestSummarize(t *testing.T) {
	runs := []*Run{
		{Seed: 2, Cases: []Case{{Name: "a"}, {Name: BootCase}}},
		{Seed: 1, Cases: []Case{{Name: "a", OK: true}, {Name: "b", OK: true, Skip: "x"}, {Name: BootCase, OK: true}}},
	}
	got := Summarize(runs)
	want := []Stat{
		{Name: "a", Runs: 2, Passes: 1, Fails: 1, FailedSeeds: []uint64{2}},
		{Name: "b", Runs: 1, Skip: 1},
		{Name: BootCase, Runs: 2, Passes: 1, Fails: 1, FailedSeeds: []uint64{2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
