package kernel

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// console is a booted kernel's output, with helpers that fail the test
// with the whole output when a fact is missing.
type console struct {
	t   *testing.T
	out string
}

// find returns the submatches of the first line matching re.
func (c console) find(re string) []string {
	c.t.Helper()
	m := regexp.MustCompile(re).FindStringSubmatch(c.out)
	if m == nil {
		c.t.Fatalf("console has no line matching %q; console:\n%s", re, c.out)
	}
	return m
}

func (c console) all(re string) [][]string {
	return regexp.MustCompile(re).FindAllStringSubmatch(c.out, -1)
}

func num(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("bad number %q", s)
	}
	return n
}

// cpuList is the kernel's %b cpumask format for CPUs 0..n-1.
func cpuList(n int) string {
	if n == 1 {
		return "0"
	}
	return fmt.Sprintf("0-%d", n-1)
}

// checkCore asserts the kernel core facts (issue 5) of a default boot on n
// CPUs from its console.
func checkCore(t *testing.T, c console, n int) {
	t.Helper()
	all := cpuList(n)
	// Every CPU up, with a hartid map like Linux's: CPU0 is the boot hart,
	// and the map is a bijection onto the machine's harts 0..n-1.
	boot := num(t, c.find(`boot hart (\d+), (\d+) CPUs`)[1])
	if got := num(t, c.find(`boot hart \d+, (\d+) CPUs`)[1]); got != int64(n) {
		t.Errorf("kernel saw %d CPUs, machine has %d", got, n)
	}
	seen := map[int64]int64{}
	for _, m := range c.all(`smp: CPU(\d+) is hart (\d+)`) {
		cpu, hart := num(t, m[1]), num(t, m[2])
		if prev, dup := seen[hart]; dup {
			t.Errorf("hart %d mapped to CPU%d and CPU%d", hart, prev, cpu)
		}
		seen[hart] = cpu
		if cpu == 0 && hart != boot {
			t.Errorf("CPU0 is hart %d, but the boot hart is %d", hart, boot)
		}
		if hart < 0 || hart >= int64(n) {
			t.Errorf("CPU%d mapped to hart %d, outside 0..%d", cpu, hart, n-1)
		}
	}
	if len(seen) != n {
		t.Errorf("hartid map has %d entries, want %d", len(seen), n)
	}
	c.find(fmt.Sprintf(`smp: Brought up %d CPUs, online mask %s\n`, n, regexp.QuoteMeta(all)))

	// Threads on every CPU progress and are preempted by the tick.
	c.find(fmt.Sprintf(`ktest: ok: sched: both busy threads progressed on CPUs %s of %s`, all, all))
	m := c.find(`ktest: ok: sched: both busy threads were preempted on CPUs (\S+) \(fewest preemptions (\d+)\)`)
	if m[1] != all || num(t, m[2]) < 1 {
		t.Errorf("preempted on %s (fewest %s), want all of %s at least once", m[1], m[2], all)
	}
	// Spinlock-protected counter: no lost update.
	m = c.find(`ktest: ok: spinlock: counter (\d+) after (\d+) locked increments`)
	if m[1] != m[2] || num(t, m[1]) == 0 {
		t.Errorf("spinlock counter %s after %s increments", m[1], m[2])
	}
	c.find(`ktest: ok: preempt: 0 context switches inside preempt-off regions`)
	// IPIs: exactly once on the right CPUs, with and without wait.
	c.find(fmt.Sprintf(`ktest: ok: ipi: smp_call_function_single wait: done at return on %s, exactly once on the right CPU on all of %s`, all, all))
	c.find(fmt.Sprintf(`ktest: ok: ipi: smp_call_function_single nowait: exactly once on the right CPU on %s of %s`, all, all))
	for _, wait := range []string{"1", "0"} {
		m = c.find(`ktest: ok: ipi: smp_call_function_many: exactly once on (\S+), expected (\S+) \(caller CPU(\d+), wait ` + wait + `\)`)
		if m[1] != m[2] {
			t.Errorf("smp_call_function_many wait=%s ran on %s, want %s", wait, m[1], m[2])
		}
	}
	c.find(fmt.Sprintf(`ktest: ok: ipi: smp_call_function_single to CPU%d: -6, to CPU39: -6`, n))
	if n > 1 {
		m = c.find(`ktest: ok: resched: stopper on CPU(\d+) \(busy with (kcounter2?/\d+)\) ran after (\d+) ticks there, (\d+) IPIs`)
		if !strings.HasSuffix(m[2], "/"+m[1]) || m[3] != "0" || num(t, m[4]) < 1 {
			t.Errorf("reschedule IPI check: %s", m[0])
		}
	}
	c.find(fmt.Sprintf(`ktest: ok: migrate: a thread moved itself to each CPU in turn and ran on %s of %s`, all, all))
	if n > 1 {
		c.find(fmt.Sprintf(`ktest: ok: stop: stop_two_cpus\(CPU%d, CPU0\) returned 42; fn ran 1 time\(s\), on CPU%d`, n-1, n-1))
	}
	if fails := c.all(`ktest: FAIL: .*`); len(fails) > 0 {
		t.Errorf("kernel checks failed: %v", fails)
	}
	c.find(`reboot: Power down \(0 failed checks\)`)
}
