# trace.s: guest trace markers (issue 8). On rvstop the FDT describes a
# "rvstop,trace-marker" device (emu/marker.go): writing an argument and then
# the address of a NUL-terminated name emits a named event on the writing
# hart, which traces show next to the instructions. On QEMU the node is
# absent, trace_marker_base stays 0 and marking costs a load and a branch.
#
# The kernel marks (name: argument):
#   multi_cpu_stop: the new state, on every participating CPU
#   stop_machine: number of CPUs taking part   stop_machine_done: result
#   each cpuhp step by its name: cpu + 256 if it is a teardown
#   take_cpu_down, smpcfd_dying_cpu, cpu_dead, cpu_alive: the CPU
#   csd_queue: target CPU + 256 if an IPI was sent   csd_run: the callback
#   demo_step: the step number

.include "kernel.inc"

.equ MARKER_ARG,  0x0
.equ MARKER_NAME, 0x8

.section .text
# trace_mark(name, arg): clobbers t0 and t1 only (and ra through the call),
# so hot paths can mark without saving anything. Interrupts are off between
# the two stores: a marker in an interrupt handler would replace ARG.
ENTRY trace_mark
	ld t0, trace_marker_base
	beqz t0, 1f
	csrrci t1, sstatus, SR_SIE
	sd a1, MARKER_ARG(t0)
	sd a0, MARKER_NAME(t0)      # emits the event
	andi t1, t1, SR_SIE
	csrs sstatus, t1
1:	ret
END trace_mark

.section .data
.balign 8
.globl trace_marker_base
trace_marker_base:
	.dword 0
