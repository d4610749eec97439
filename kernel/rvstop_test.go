package kernel

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/firmware/fwtest"
)

// bootRvstop boots a GNU-built kernel (so that these tests check the
// machine and the kernel, not our assembler) with rvstop's SBI firmware on
// rvstop's own board, and returns the console. A run that the guest does
// not end itself fails the test with the machine's report.
func bootRvstop(t testing.TB, smp int, seed uint64, bootargs string) string {
	t.Helper()
	return runRvstop(t, smp, seed, bootargs).Console
}

// rvstopRun is what a finished run on rvstop left behind.
type rvstopRun struct {
	Console      string
	Instructions uint64 // guest instructions, all harts
	Status       int    // the guest's exit status (SRST failure: non-zero)
}

func runRvstop(t testing.TB, smp int, seed uint64, bootargs string) rvstopRun {
	t.Helper()
	return runRvstopELF(t, gnuBuild(t), smp, seed, bootargs)
}

// bootRvstopVariant boots the kernel built with --defsym bug=1.
func bootRvstopVariant(t testing.TB, bug string, smp int, seed uint64) string {
	t.Helper()
	return runRvstopELF(t, gnuBuild(t, bug+"=1"), smp, seed, "").Console
}

func runRvstopELF(t testing.TB, elf string, smp int, seed uint64, bootargs string) rvstopRun {
	t.Helper()
	return runRvstopPolicy(t, elf, smp, seed, nil, bootargs)
}

// runRvstopPolicy is runRvstopELF with a scheduling policy other than the
// default random quanta (nil: the default).
func runRvstopPolicy(t testing.TB, elf string, smp int, seed uint64, policy emu.Policy, bootargs string) rvstopRun {
	t.Helper()
	fw := fwtest.FirmwareELF(t)
	k, err := os.ReadFile(elf)
	if err != nil {
		t.Fatal(err)
	}
	m, err := emu.New(emu.Config{Harts: smp, Seed: seed, Policy: policy, Timeout: 120 * time.Second, Bootargs: bootargs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELFFile(fw); err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(k); err != nil {
		t.Fatal(err)
	}
	m.SetEntry(firmware.Base, firmware.PayloadBase)
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reason.Guest() {
		t.Fatalf("rvstop -smp %d -seed %d: run ended by %v, not by the guest\n%s\nconsole:\n%s",
			smp, seed, res.Reason, res.Report, res.Console)
	}
	return rvstopRun{string(res.Console), res.Instructions, res.Status}
}

// TestDemoOnRvstop: the default boot on rvstop's board with rvstop's
// firmware, on 1 to 32 harts over several seeds (each seed is a different
// deterministic interleaving of the harts), checking every core and
// narrated fact.
func TestDemoOnRvstop(t *testing.T) {
	for _, tc := range []struct {
		n     int
		seeds []uint64
	}{{1, []uint64{1}}, {2, []uint64{1, 2, 3}}, {4, []uint64{1, 2, 3}}, {8, []uint64{1, 2}}, {32, []uint64{1}}} {
		for _, seed := range tc.seeds {
			t.Run(fmt.Sprintf("smp%d/seed%d", tc.n, seed), func(t *testing.T) {
				c := console{t, bootRvstop(t, tc.n, seed, "")}
				checkCore(t, c, tc.n)
				checkDemo(t, c, tc.n)
			})
		}
	}
}

// TestHotplugStressOnRvstop: hundreds of cpu_down/cpu_up cycles of every
// non-boot CPU, each followed by a stop_machine, against busy threads;
// never a hang, never a lost CPU or IPI.
func TestHotplugStressOnRvstop(t *testing.T) {
	if testing.Short() {
		t.Skip("hundreds of hotplug cycles: not in -short")
	}
	for _, tc := range []struct {
		n, rounds int
		seed      uint64
	}{{2, 100, 7}, {4, 34, 8}} {
		t.Run(fmt.Sprintf("smp%d/seed%d", tc.n, tc.seed), func(t *testing.T) {
			c := console{t, bootRvstop(t, tc.n, tc.seed, fmt.Sprintf("hotplug_stress=%d", tc.rounds))}
			cycles := tc.rounds * (tc.n - 1)
			checkStress(t, c, tc.n, cycles)
			c.find(`reboot: Power down \(0 failed checks\)`)
		})
	}
}

// TestOopsOnRvstop: `crash` runs ebreak in kernel_init. The
// oops names CPU, cause, tval and the task, dumps every register, panics,
// and SRST reports a failure, so the run's exit status is non-zero.
func TestOopsOnRvstop(t *testing.T) {
	run := runRvstop(t, 2, 1, "crash")
	c := console{t, run.Console}
	m := c.find(`CPU(\d+): Oops: unexpected trap scause=0000000000000003 stval=\S+ sepc=(\S+) in task kernel_init`)
	c.find(` epc: ` + m[2] + ` ra: \S+ sp: \S+`)
	c.find(` t6: \S+ status: \S+`)
	c.find(`Kernel panic - not syncing: Fatal exception`)
	if run.Status == 0 {
		t.Errorf("exit status 0 after a panic; console:\n%s", run.Console)
	}
}

// TestDemoOnRvstopPCT: the default boot and a short hotplug stress under the
// PCT scheduler (random hart priorities with change points), which reaches
// interleavings that random quanta rarely do.
func TestDemoOnRvstopPCT(t *testing.T) {
	elf := gnuBuild(t)
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("smp4/seed%d", seed), func(t *testing.T) {
			run := runRvstopPolicy(t, elf, 4, seed, emu.NewPCTPolicy(seed, 3, 30_000_000), "")
			c := console{t, run.Console}
			checkCore(t, c, 4)
			checkDemo(t, c, 4)
		})
	}
	t.Run("smp3/stress", func(t *testing.T) {
		run := runRvstopPolicy(t, elf, 3, 4, emu.NewPCTPolicy(4, 3, 30_000_000), "hotplug_stress=10")
		checkStress(t, console{t, run.Console}, 3, 20)
	})
}
