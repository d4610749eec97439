package kernel

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/ktest"
)

// The in-kernel KTAP tests (kunit.s, kunit_cases.s) booted on rvstop with
// `test=GLOB`: every case passes on 2 and 4 harts over two seeds, the glob
// selects the cases it names, an injected bug fails the case aimed at it
// with the file, the check and both values, and a hung case is reported as
// a timeout and still ends the run with SRST "failure".

// kunitCases are the rows of kunit_cases.s, in order.
var kunitCases = []string{
	"stop_machine.state_order", "stop_machine.in_stopper", "stop_machine.fn_once",
	"stop_machine.preempt_off", "stop_machine.cpu_back",
	"hotplug.down_post", "hotplug.errors", "hotplug.hart_rules",
	"ipi.wait", "ipi.enxio", "ipi.dying_flush", "ipi.offline_race",
	"stop.one_cpu", "stop.two_cpus", "stop.cpus",
	"stoptorture.run", "stoptorture.self_race",
}

// kunitRun boots elf with bootargs and returns the run and its KTAP cases.
func kunitRun(t *testing.T, elf string, smp int, seed uint64, bootargs string) (rvstopRun, []ktest.Case) {
	t.Helper()
	r := runRvstopELF(t, elf, smp, seed, bootargs)
	cases, err := ktest.Parse([]byte(r.Console))
	if err != nil {
		t.Fatalf("-smp %d -seed %d %q: %v\nconsole:\n%s", smp, seed, bootargs, err, r.Console)
	}
	return r, cases
}

func caseNames(cases []ktest.Case) []string {
	var names []string
	for _, c := range cases {
		names = append(names, c.Name)
	}
	return names
}

func TestKunitAllPass(t *testing.T) {
	elf := gnuBuild(t)
	for _, smp := range []int{2, 4} {
		for _, seed := range []uint64{1, 2} {
			t.Run(fmt.Sprintf("smp%d/seed%d", smp, seed), func(t *testing.T) {
				t.Parallel()
				args := fmt.Sprintf("test=* seed=%d", seed)
				r, cases := kunitRun(t, elf, smp, seed, args)
				if got := caseNames(cases); !slices.Equal(got, kunitCases) {
					t.Errorf("cases %q, want %q", got, kunitCases)
				}
				for _, c := range cases {
					if !c.OK || c.Skip != "" {
						t.Errorf("%s: ok %v skip %q: %s %q", c.Name, c.OK, c.Skip, c.Reason, c.Diag)
					}
				}
				if r.Status != 0 || !strings.Contains(r.Console, "reboot: Power down (0 failed checks)") {
					t.Errorf("status %d; console:\n%s", r.Status, r.Console)
				}
				// stoptorture reports what it did; every kind must have run.
				c := console{t, r.Console}
				m := c.find(`# stoptorture: (\d+) iterations: (\d+) cpu_down, (\d+) cpu_up, \d+ -EBUSY; (\d+) stop_machine, (\d+) stop_two_cpus, (\d+) -ENOENT`)
				if m[2] == "0" || m[4] == "0" || m[5]+m[6] == "00" {
					t.Errorf("stoptorture did too little: %s", m[0])
				}
				c.find(`# stoptorture: [1-9]\d* IPIs \([1-9]\d* _many\), \d+ no-wait callbacks, \d+ wait callbacks, \d+ -ENXIO; [1-9]\d* irq-off and lock regions`)
			})
		}
	}
}

func TestKunitSelection(t *testing.T) {
	elf := gnuBuild(t)
	for _, tc := range []struct {
		glob string
		want []string
	}{
		{"stop.*", []string{"stop.one_cpu", "stop.two_cpus", "stop.cpus"}},
		{"?pi.w*", []string{"ipi.wait"}},
		{"hotplug", []string{"hotplug.down_post", "hotplug.errors", "hotplug.hart_rules"}},
		{"nothing", nil},
	} {
		_, cases := kunitRun(t, elf, 2, 1, "test="+tc.glob)
		if got := caseNames(cases); !slices.Equal(got, tc.want) {
			t.Errorf("test=%s selects %q, want %q", tc.glob, got, tc.want)
		}
	}
	// No test= at all: the default boot, which prints no KTAP.
	if c := bootRvstop(t, 2, 1, ""); strings.Contains(c, "KTAP") {
		t.Errorf("the default boot prints KTAP")
	}
}

// TestKunitCatchesInjectedBug: the dying CPU's missing flush fails
// ipi.dying_flush with the expectation's location and both values.
func TestKunitCatchesInjectedBug(t *testing.T) {
	r, cases := kunitRun(t, gnuBuild(t, "BUG_SKIP_DYING_FLUSH=1"), 4, 1, "test=ipi.dying_flush")
	if len(cases) != 1 || cases[0].OK {
		t.Fatalf("cases %+v, want one failure", cases)
	}
	c := console{t, r.Console}
	c.find(`# FAIL test_ipi.s: runs of the call queued before cpu_down: EXPECT_EQ: 0 != 1 \(0x0, 0x1\)`)
	c.find(`not ok 1 ipi.dying_flush`)
	if r.Status == 0 {
		t.Errorf("SRST reason says pass")
	}
}

// TestKunitTimeout: without the stopper unpark, the stop_machine after
// cpu_up waits forever; the watchdog reports the case and the rest, and
// the guest still powers off.
func TestKunitTimeout(t *testing.T) {
	r, cases := kunitRun(t, gnuBuild(t, "BUG_NO_STOPPER_UNPARK=1"), 4, 1, "test=stop_machine.cpu_back")
	_ = cases
	c := console{t, r.Console}
	c.find(`not ok 1 stop_machine.cpu_back # timeout after 1500 ms`)
	c.find(`# timeout: CPU0 runs `)
	if r.Status == 0 {
		t.Errorf("SRST reason says pass")
	}
}
