# head.s: where harts enter the kernel.
#
# _start: the boot hart, entered once from SBI firmware (OpenSBI's fw_jump or
# rvstop's firmware) in S-mode with satp = 0, a0 = hartid, a1 = FDT address.
# secondary_start: every other hart, entered through SBI HSM hart_start
# (cpu.s: __cpu_up) with sstatus.SIE = 0, a0 = hartid, a1 = opaque = the
# address of that CPU's per-CPU area, whose idle task owns the stack to use.
#
# Like Linux's arch/riscv/kernel/head.S, minus the MMU: everything runs on
# physical addresses.

.include "kernel.inc"

.section .text
ENTRY _start
	# No interrupt may reach us before stvec and the stack exist.
	csrw sie, zero
	csrci sstatus, SR_SIE
	mv s0, a0                   # hartid
	mv s1, a1                   # FDT
	# Zero .bss: __bss_start is this file's first .bss byte and __bss_stop
	# the last file's last, because the image links files in Files order.
	la t0, __bss_start
	la t1, __bss_stop
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:
	# CPU 0's per-CPU area and its idle task (init_task) with its stack.
	la tp, per_cpu_area
	sd zero, PCPU_CPU(tp)
	sd s0, PCPU_HARTID(tp)
	la t0, init_task
	la t1, init_stack
	sd t1, TASK_STACK(t0)
	li t2, STACK_END_MAGIC
	sw t2, 0(t1)
	li t2, THREAD_SIZE
	add sp, t1, t2
	la t1, handle_exception
	csrw stvec, t1
	mv a0, s0
	mv a1, s1
	call start_kernel
	# start_kernel never returns.
	la a0, msg_start_kernel_returned
	call panic
END _start

ENTRY secondary_start
	csrw sie, zero
	csrci sstatus, SR_SIE
	mv tp, a1
	ld t0, PCPU_IDLE(tp)
	ld t1, TASK_STACK(t0)
	li t2, THREAD_SIZE
	add sp, t1, t2
	la t1, handle_exception
	csrw stvec, t1
	call start_secondary       # smpboot.s; never returns
	la a0, msg_start_kernel_returned
	call panic
END secondary_start

.section .rodata
msg_start_kernel_returned:
	.asciz "start_kernel returned"

.section .bss
.balign 16
.globl __bss_start
__bss_start:
# CPU 0's idle task and stack. The other tasks come from kthread.s's pool.
.globl init_task
init_task:
	.zero TASK_SIZE
.balign 16
init_stack:
	.zero THREAD_SIZE
# The per-CPU areas, NR_CPUS of 1 << PCPU_SHIFT bytes; tp points at the
# running CPU's (offsets.inc has the layout).
.balign 64
.globl per_cpu_area
per_cpu_area:
	.zero NR_CPUS << PCPU_SHIFT
