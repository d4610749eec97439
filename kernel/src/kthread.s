# kthread.s: kernel threads (Linux kernel/kthread.c, much reduced).
#
# Tasks and their stacks come from two static pools in .bss and are never
# freed: the kernel creates a fixed set of threads per CPU at boot. A new
# thread's saved context "returns" from __switch_to into
# ret_from_kernel_thread with s0 = function and s1 = argument.

.include "kernel.inc"

.section .text
# alloc_task -> a0 = a zeroed task with its stack, the stack's lowest word
# set to STACK_END_MAGIC (checked by __schedule).
ENTRY alloc_task
	frame 1
	la t0, nr_tasks
	li t1, 1
	amoadd.d t2, t1, (t0)
	li t1, NR_TASKS
	bltu t2, t1, 1f
	la a0, msg_no_tasks
	li a1, NR_TASKS
	call panic
1:	li t1, TASK_SIZE
	mul t1, t1, t2
	la a0, task_pool
	add a0, a0, t1
	li t1, THREAD_SIZE
	mul t1, t1, t2
	la t3, stack_pool
	add t3, t3, t1
	sd t3, TASK_STACK(a0)
	li t1, STACK_END_MAGIC
	sw t1, 0(t3)
	addi t2, t2, 1
	sd t2, TASK_PID(a0)
	unframe 1
	ret
END alloc_task

# kthread_create_on_cpu(fn, arg, cpu, namefmt) -> a0 = task, asleep
# (TASK_UNINTERRUPTIBLE) until wake_up_process(). namefmt may contain one
# %u, replaced by cpu ("cpuhp/%u"). The thread may run on any active CPU
# unless kthread_bind() pins it.
ENTRY kthread_create_on_cpu
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd a0, 16(sp)
	sd a1, 24(sp)
	sd a2, 32(sp)
	sd a3, 40(sp)
	call alloc_task
	mv s0, a0
	la t0, ret_from_kernel_thread
	sd t0, THREAD_RA(s0)
	ld t0, TASK_STACK(s0)
	li t1, THREAD_SIZE
	add t0, t0, t1
	sd t0, THREAD_SP(s0)
	ld t0, 16(sp)
	sd t0, THREAD_S0(s0)
	ld t0, 24(sp)
	sd t0, THREAD_S1(s0)
	ld t0, 32(sp)
	sd t0, TASK_CPU(s0)
	li t0, TASK_UNINTERRUPTIBLE
	sd t0, TASK_STATE(s0)
	li t0, SCHED_NORMAL_CLASS
	sd t0, TASK_CLASS(s0)
	addi a0, s0, TASK_NAME
	li a1, 24
	ld a2, 40(sp)
	addi a3, sp, 32             # the cpu argument for %u
	call vsnprintf
	mv a0, s0
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 48
	ret
END kthread_create_on_cpu

# kthread_bind(p, cpu): pin a not yet started thread to cpu.
ENTRY kthread_bind
	sd a1, TASK_CPU(a0)
	li t0, 1
	sd t0, TASK_BOUND(a0)
	ret
END kthread_bind

# ret_from_kernel_thread: first instructions of every kernel thread. It
# finishes the switch that brought it here (the half __schedule would have
# run), enables preemption and interrupts, and calls fn(arg).
ENTRY ret_from_kernel_thread
	call finish_task_switch     # a0 = prev, from __switch_to
	sd zero, PCPU_PREEMPT_COUNT(tp)
	irq_enable
	mv a0, s1
	jalr s0
	call do_exit
END ret_from_kernel_thread

.section .rodata
msg_no_tasks:
	.asciz "out of tasks: NR_TASKS=%u"

.section .data
.balign 8
nr_tasks:
	.dword 0

.section .bss
.balign 16
task_pool:
	.zero NR_TASKS * TASK_SIZE
.balign 16
stack_pool:
	.zero NR_TASKS * THREAD_SIZE
