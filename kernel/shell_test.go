package kernel

import (
	"testing"
	"time"

	"github.com/rvstop/rvstop/firmware/fwtest"
	"github.com/rvstop/rvstop/internal/oracle"
)

// TestShellOnQEMU drives `-append shell` as a person would: each command is
// typed once the prompt appears, and its effect is read back.
func TestShellOnQEMU(t *testing.T) {
	elf := gnuBuild(t)
	prompt := "rvstop# "
	run := fwtest.RunQEMU(t, fwtest.QEMU{
		BIOS: oracle.Require(t, oracle.OpenSBIFwJump), Kernel: elf, SMP: 3,
		Extra: []string{"-append", "shell"}, Timeout: 60 * time.Second,
		Script: []fwtest.Step{
			{Wait: prompt, Send: "cpus\r"},
			{Wait: prompt, Send: "down 2\r"},
			{Wait: prompt, Send: "ipi 2\r"},
			{Wait: prompt, Send: "ipi 1\r"},
			{Wait: prompt, Send: "stop\r"},
			{Wait: prompt, Send: "up 2\r"},
			{Wait: prompt, Send: "down 7x\r"},
			{Wait: prompt, Send: "frobnicate\r"},
			// The boot CPU too: kernel_init, the shell, moves elsewhere.
			{Wait: prompt, Send: "down 0\r"},
			{Wait: prompt, Send: "cpus\r"},
			{Wait: prompt, Send: "up 0\r"},
			{Wait: prompt, Send: "poweroff\r"},
		},
	})
	c := console{t, run.Output}
	c.find(`shell: CPU2 online 1 active 1 hart \d+ running \S+ hotplug state 5`)
	c.find(`cpuhp: CPU2 down: bringup_cpu`)
	c.find(`shell: down 2: 0\n`)
	c.find(`shell: smp_call_function_single\(CPU2, hello, wait\) returned -6`)
	c.find(`CPU1: shell: hello from CPU1, asked for CPU1`)
	c.find(`shell: smp_call_function_single\(CPU1, hello, wait\) returned 0`)
	c.find(`demo:    CPU1: running migration/1, multi_cpu_stop state [23], interrupts 0`)
	c.find(`shell: stop_machine returned 0`)
	c.find(`shell: up 2: 0\n`)
	c.find(`shell: expected a CPU number`)
	c.find(`shell: unknown command: frobnicate`)
	c.find(`CPU[12]: shell: down 0: 0\n`)
	c.find(`shell: CPU0 online 0 active 0 hart \d+ running swapper/0 hotplug state 0`)
	c.find(`shell: up 0: 0\n`)
	c.find(`reboot: Power down \(0 failed checks\)`)
}
