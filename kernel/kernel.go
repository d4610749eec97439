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
	"src/demo.s",
	"src/stress.s",
	"src/bench.s",
	"src/shell.s",
	"src/end.s",
}
