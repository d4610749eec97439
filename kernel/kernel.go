// Package kernel holds rvstop's guest kernel: an SMP S-mode kernel in RISC-V
// assembly that mirrors Linux's scheduler core, IPIs, stop_machine and CPU
// hotplug under Linux's names (see docs/kernel.md).
//
// The sources are embedded, not prebuilt: rvstop assembles them at run time
// (package asm), and tests build them with GNU as + ld as an oracle. Both
// link Files in order from 0x80200000.
package kernel

import "embed"

// Src holds the kernel sources under "src/"; .include paths are relative to
// the including file, so assembling with FS = Src needs no include dirs.
//
//go:embed src
var Src embed.FS

// Base is the kernel's load address: the S-mode payload address of the
// OpenSBI fw_jump convention, which QEMU's -kernel and rvstop both use.
const Base = 0x80200000

// Files lists the sources in link order. head.s comes first: it holds
// _start and __bss_start; end.s comes last: it holds __bss_stop.
var Files = []string{
	"src/head.s",
	"src/main.s",
	"src/fdt.s",
	"src/sbi.s",
	"src/printk.s",
	"src/trace.s",
	"src/panic.s",
	"src/lib.s",
	"src/spinlock.s",
	"src/preempt.s",
	"src/entry.s",
	"src/sched.s",
	"src/switch.s",
	"src/kthread.s",
	"src/completion.s",
	"src/time.s",
	"src/smp.s",
	"src/smpboot.s",
	"src/arch_smpboot.s",
	"src/mutex.s",
	"src/cpu.s",
	"src/stop_machine.s",
	"src/ktest.s",
	"src/ktest_ipi.s",
	"src/ktest_stop.s",
	"src/demo.s",
	"src/stress.s",
	"src/bench.s",
	"src/shell.s",
	"src/kunit.s",
	"src/test_stop_machine.s",
	"src/test_hotplug.s",
	"src/test_ipi.s",
	"src/test_ipi_race.s",
	"src/test_stop.s",
	"src/stoptorture.s",
	"src/kunit_cases.s",
	"src/end.s",
}

// Bugs lists the --defsym switches (value 1) that build the kernel with one
// injected bug each, for the tests that must catch them (docs/kernel.md):
//
//	BUG_SKIP_DYING_FLUSH      take_cpu_down does not flush the call queue
//	BUG_OFFLINE_AFTER_FLUSH   __cpu_disable's offline comes after the flush
//	BUG_SET_STATE_BEFORE_ACK  set_state publishes the state before thread_ack
//	BUG_IRQ_ON_IN_RUN         multi_cpu_stop re-enables interrupts in RUN
//	BUG_NO_STOPPER_UNPARK     a CPU coming up does not unpark its stopper
//	BUG_ONLINE_CHECK_OUTSIDE  smp_call_function_single checks cpu_online
//	                          before get_cpu(), outside the preempt-off region
var Bugs = []string{
	"BUG_SKIP_DYING_FLUSH", "BUG_OFFLINE_AFTER_FLUSH", "BUG_SET_STATE_BEFORE_ACK",
	"BUG_IRQ_ON_IN_RUN", "BUG_NO_STOPPER_UNPARK", "BUG_ONLINE_CHECK_OUTSIDE",
}
