package kernel

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rvstop/rvstop/firmware/fwtest"
)

// checkDemo asserts each narrated stop_machine/hotplug fact (issue 6) of a
// default boot on n CPUs from its console.
func checkDemo(t *testing.T, c console, n int) {
	t.Helper()
	all := cpuList(n)
	c.find(`demo: --- stop_machine and CPU hotplug, live. Online CPUs: ` + regexp.QuoteMeta(all) + ` ---`)
	// Step 1: fn once, on the first online CPU (cpus == NULL); while it
	// ran, every CPU was in its own stopper with interrupts off.
	m := c.find(`ktest: ok: stop_machine: fn ran (\d+) time\(s\), on CPU(\d+); every CPU of (\S+) in its stopper with interrupts off \(exceptions: (\S+)\)`)
	if m[1] != "1" || m[2] != "0" || m[3] != all || m[4] != "none" {
		t.Errorf("stop_machine report: %s", m[0])
	}
	reports := c.all(`demo:    CPU(\d+): running (\S+), multi_cpu_stop state (\d+), interrupts (\d)`)
	if len(reports) != n {
		t.Errorf("fn reported %d CPUs, want %d", len(reports), n)
	}
	for _, r := range reports {
		if r[2] != "migration/"+r[1] || r[4] != "0" || (r[3] != "2" && r[3] != "3") {
			t.Errorf("CPU%s while fn ran: %s", r[1], r[0])
		}
	}
	c.find(`ktest: ok: stop_machine: 0 states seen out of order by any CPU`)
	if n == 1 {
		c.find(`ktest: ok: hotplug: cpu_down\(0\) of the last online CPU returned -16 \(-EBUSY\)`)
	} else {
		last := n - 1
		// Step 2: a preempt-off region delays RUN on every CPU.
		m = c.find(`demo:    call to RUN: (\d+) us with nobody in the way; with CPU(\d+)'s region open: the region ended after (\d+) us, RUN began after (\d+) us`)
		if num(t, m[4]) < num(t, m[3]) {
			t.Errorf("RUN began before the preempt-off region ended: %s", m[0])
		}
		ended := num(t, m[3])
		m = c.find(`demo:    the first CPU to see RUN was CPU(\d+), after (\d+) us`)
		if num(t, m[2]) < ended {
			t.Errorf("CPU%s saw RUN after %s us, before the region ended (%d us)", m[1], m[2], ended)
		}
		c.find(fmt.Sprintf(`ktest: ok: stop_machine: RUN began on every CPU only after CPU%d's preempt-off region ended \(fn saw the region open: 0\)`, last))
		// Step 3: the call queued just before the offline ran once, from
		// the dying CPU's flush.
		c.find(fmt.Sprintf(`demo:    smp_call_function_single\(CPU%d, nowait\) returned 0; the callback has run 0 times so far`, last))
		c.find(fmt.Sprintf(`ktest: ok: hotplug: the queued call ran 1 time\(s\), on CPU%d, with that CPU online=0`, last))
		// Step 4: the hotplug steps in order, then the post-condition.
		steps := c.all(fmt.Sprintf(`cpuhp: CPU%d (down|up): (\S+)`, last))
		var got []string
		for _, s := range steps {
			got = append(got, s[1]+" "+s[2])
		}
		want := "down sched:active,down smpboot/threads,down sched:wait_empty,down bringup_cpu," +
			"up bringup_cpu,up smpboot/threads,up sched:active"
		if strings.Join(got, ",") != want {
			t.Errorf("hotplug steps %v, want %s", got, want)
		}
		rest := cpuList(n - 1)
		c.find(fmt.Sprintf(`ktest: ok: hotplug: CPU%d down: online %s, active %s, stopper enabled 0, sync state 1 \(DEAD=1\), HSM status 1 \(STOPPED=1\)`, last, rest, rest))
		c.find(fmt.Sprintf(`ktest: ok: hotplug: to offline CPU%d: smp_call_function_single -6 \(-ENXIO\), stop_one_cpu -2 \(-ENOENT\), stop_two_cpus -2 \(-ENOENT\)`, last))
		c.find(`ktest: ok: hotplug: SBI hart_start of a running hart returned -6 \(ALREADY_AVAILABLE\)`)
		// Step 5: back up, and the next stop_machine includes it.
		c.find(fmt.Sprintf(`ktest: ok: hotplug: cpu_up\(CPU%d\) returned 0; the next stop_machine ran fn on %s \(%d times\), online %s`, last, all, n, all))
	}
	c.find(`demo: --- done ---`)
}

// TestDemoOnQEMU boots the default kernel (core checks, then the narrated
// demo) on QEMU with Debian's OpenSBI and checks every narrated fact.
func TestDemoOnQEMU(t *testing.T) {
	elf := gnuBuild(t)
	for _, n := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprintf("smp%d", n), func(t *testing.T) {
			out := bootQEMU(t, elf, n, "", 180*time.Second)
			c := console{t, out}
			checkCore(t, c, n)
			checkDemo(t, c, n)
		})
	}
}

// TestDemoOnQEMUWithOurFirmware: the same kernel on QEMU, with rvstop's SBI
// firmware instead of OpenSBI.
func TestDemoOnQEMUWithOurFirmware(t *testing.T) {
	elf := gnuBuild(t)
	fw := fwtest.FirmwareELF(t)
	for _, n := range []int{4} {
		t.Run(fmt.Sprintf("smp%d", n), func(t *testing.T) {
			c := console{t, bootQEMUWith(t, fw, elf, n, "", 180*time.Second)}
			checkCore(t, c, n)
			checkDemo(t, c, n)
		})
	}
}

// TestHotplugStressOnQEMU: repeated cpu_down/cpu_up of every non-boot CPU
// with stop_machines in between, against busy threads. QEMU on a small
// host is slow at this, so the round count is modest here; rvstop's own
// runs go further.
func TestHotplugStressOnQEMU(t *testing.T) {
	if testing.Short() {
		t.Skip("hotplug stress: not in -short")
	}
	elf := gnuBuild(t)
	for _, tc := range []struct{ n, rounds int }{{2, 5}} {
		t.Run(fmt.Sprintf("smp%d", tc.n), func(t *testing.T) {
			out := bootQEMU(t, elf, tc.n, fmt.Sprintf("hotplug_stress=%d", tc.rounds), 120*time.Second)
			c := console{t, out}
			cycles := tc.rounds * (tc.n - 1)
			checkStress(t, c, tc.n, cycles)
			c.find(`reboot: Power down \(0 failed checks\)`)
		})
	}
}

// checkStress asserts a hotplug_stress run's verdict: every cycle done, two
// stop_machines per cycle, every IPI queued before an offline run once,
// stop_two_cpus never failing otherwise than -ENOENT, all CPUs back.
func checkStress(t *testing.T, c console, n, cycles int) {
	t.Helper()
	m := c.find(`ktest: ok: stress: (\d+) down/up cycles, (\d+) stop_machines, IPIs queued before offline (\d+), ran (\d+); stop_two_cpus (\d+) ok, (\d+) -ENOENT`)
	if num(t, m[1]) != int64(cycles) || num(t, m[2]) != int64(2*cycles) || m[3] != m[4] || num(t, m[3]) != int64(cycles) {
		t.Errorf("stress verdict: %s (want %d cycles)", m[0], cycles)
	}
	if num(t, m[5])+num(t, m[6]) == 0 {
		t.Errorf("stop_two_cpus never ran during the stress: %s", m[0])
	}
	c.find(fmt.Sprintf(`stress: online %s at the end, 0 failures`, regexp.QuoteMeta(cpuList(n))))
	c.find(`reboot: Power down \(0 failed checks\)`)
}
