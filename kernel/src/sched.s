# sched.s: the scheduler core (Linux kernel/sched/core.c, much reduced).
#
# One runqueue per CPU in its per-CPU area, protected by PCPU_RQ_LOCK, with
# four classes picked in order (Linux: stop > rt > fair > idle):
#   stop   - the CPU's stopper thread (PCPU_RQ_STOP), runnable when on_rq;
#   fifo   - the CPU's hotplug thread (PCPU_RQ_RT), like Linux's SCHED_FIFO
#            cpuhp/N: one task per CPU, so a slot rather than a queue;
#   normal - a FIFO of runnable tasks, round-robin on a SLICE_TICKS slice,
#            a woken task first in line and preempting (wakeup preemption);
#   idle   - the CPU's idle task, when nothing else can run.
# The running task is not in the FIFO; __schedule puts it back at the tail
# when it stays runnable.
#
# Only the owning CPU picks tasks from its runqueue, and a task's TASK_CPU
# changes only while it is fully switched out (TASK_ON_CPU = 0). That is why
# the runqueue lock may be dropped before __switch_to: nobody else can run
# prev until this CPU has saved it.
#
# Rules: __schedule runs with preempt_count 0 (it panics otherwise, Linux's
# "scheduling while atomic"); lock order is pi_lock -> rq lock; a runqueue
# lock is never held while taking another.

.include "kernel.inc"

.equ SCHED_VOLUNTARY, 0
.equ SCHED_PREEMPT,   1
.equ SCHED_YIELD,     2

.section .text
# schedule: give up the CPU. If current's state is not TASK_RUNNING it
# leaves the runqueue until wake_up_process().
ENTRY schedule
	li a0, SCHED_VOLUNTARY
	j __schedule
END schedule

# yield: stay runnable but go to the back of the queue.
ENTRY yield
	ld t0, PCPU_PREEMPT_COUNT(tp)
	bnez t0, 1f                 # not allowed to schedule: a no-op
	li a0, SCHED_YIELD
	j __schedule
1:	ret
END yield

# preempt_schedule: from preempt_enable()/cond_resched() with count 0.
ENTRY preempt_schedule
	frame 1
1:	li a0, SCHED_PREEMPT
	call __schedule
	ld t0, PCPU_NEED_RESCHED(tp)
	bnez t0, 1b
	unframe 1
	ret
END preempt_schedule

# preempt_schedule_irq: from the interrupt exit path, interrupts off.
ENTRY preempt_schedule_irq
	j preempt_schedule
END preempt_schedule_irq

# __schedule(mode): the context switch decision. Entered with any
# interrupt state, which it restores for the task on return.
ENTRY __schedule
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s3, a0
	ld t0, PCPU_PREEMPT_COUNT(tp)
	beqz t0, 1f
	get_current a2
	addi a2, a2, TASK_NAME
	mv a1, t0
	la a0, msg_atomic
	call panic
	# Interrupts off for the whole decision: the tick and IPIs touch the
	# runqueue and need_resched. The count is 1 across the switch, so the
	# task we switch to (or ret_from_kernel_thread) owns that 1 and drops it.
1:	irq_save s1
	li t0, 1
	sd t0, PCPU_PREEMPT_COUNT(tp)
	get_current s0
	# The lowest stack word holds STACK_END_MAGIC: if it is gone, the
	# task overran its stack and everything below is corrupt.
	ld t0, TASK_STACK(s0)
	lwu t1, 0(t0)
	li t2, STACK_END_MAGIC
	beq t1, t2, 2f
	la a0, msg_stack
	addi a1, s0, TASK_NAME
	call panic
	# ktest.s marks its preempt-off regions; switching out of one would
	# be a bug in preempt_count itself, so count it for the checks.
2:	ld t0, PCPU_IN_ATOMIC(tp)
	beqz t0, 8f
	ld t0, PCPU_ATOMIC_VIOLATIONS(tp)
	addi t0, t0, 1
	sd t0, PCPU_ATOMIC_VIOLATIONS(tp)
8:	addi a0, tp, PCPU_RQ_LOCK
	call arch_spin_lock
	sd zero, PCPU_NEED_RESCHED(tp)
	# A task that blocks leaves the runqueue; a preempted or yielding one
	# stays runnable whatever its state (Linux: SM_PREEMPT).
	bnez s3, 3f
	ld t0, TASK_STATE(s0)
	beqz t0, 3f
	sd zero, TASK_ON_RQ(s0)
	j 4f
3:	ld t0, TASK_CLASS(s0)
	li t1, SCHED_NORMAL_CLASS
	bne t0, t1, 4f
	mv a0, tp
	mv a1, s0
	call enqueue_task
4:	mv a0, tp
	call pick_next_task
	mv s2, a0
	beq s2, s0, 6f              # prev again: no switch at all
	# Switch. next's registers become live here: on_cpu = 1.
	li t0, 1
	sd t0, TASK_ON_CPU(s2)
	sd s2, PCPU_CURRENT(tp)
	li t0, SLICE_TICKS
	sd t0, PCPU_SLICE(tp)
	ld t0, PCPU_NR_SWITCHES(tp)
	addi t0, t0, 1
	sd t0, PCPU_NR_SWITCHES(tp)
	# Linux's nvcsw/nivcsw: the checks tell tick preemption from yielding.
	li t0, SCHED_PREEMPT
	li t1, TASK_NIVCSW
	beq s3, t0, 5f
	li t1, TASK_NVCSW
5:	add t1, t1, s0
	ld t0, 0(t1)
	addi t0, t0, 1
	sd t0, 0(t1)
	# Unlock before switching: safe because only this CPU picks from this
	# runqueue and nobody moves prev until finish_task_switch clears on_cpu.
	addi a0, tp, PCPU_RQ_LOCK
	call arch_spin_unlock
	mv a0, s0
	mv a1, s2
	call __switch_to            # switch.s; returns a0 = the task we left
	call finish_task_switch
	j 7f
6:	addi a0, tp, PCPU_RQ_LOCK
	call arch_spin_unlock
7:	sd zero, PCPU_PREEMPT_COUNT(tp)
	irq_restore s1
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END __schedule

# finish_task_switch(prev): runs on the new task right after the switch,
# with the CPU's preempt_count at 1 and interrupts off. prev's registers
# are saved now, so it may run elsewhere: clear on_cpu (release), and if
# prev asked to move (migrate_current_to), enqueue it on its new CPU.
ENTRY finish_task_switch
	frame 2
	sd s0, 8(sp)
	mv s0, a0
	ld t2, TASK_MIGRATING(s0)
	beqz t2, 1f
	sd zero, TASK_MIGRATING(s0)
	ld t0, TASK_DEST_CPU(s0)
	sd t0, TASK_CPU(s0)
1:	fence rw, w
	sd zero, TASK_ON_CPU(s0)
	beqz t2, 2f
	mv a0, s0
	call wake_up_process
2:	ld s0, 8(sp)
	unframe 2
	ret
END finish_task_switch

# enqueue_task(rq, p): append a normal task; rq lock held.
ENTRY enqueue_task
	sd zero, TASK_RQ_NEXT(a1)
	ld t0, PCPU_RQ_TAIL(a0)
	beqz t0, 1f
	sd a1, TASK_RQ_NEXT(t0)
	j 2f
1:	sd a1, PCPU_RQ_HEAD(a0)
2:	sd a1, PCPU_RQ_TAIL(a0)
	ld t0, PCPU_RQ_NR(a0)
	addi t0, t0, 1
	sd t0, PCPU_RQ_NR(a0)
	ret
END enqueue_task

# enqueue_task_head(rq, p): put a woken normal task first; rq lock held.
ENTRY enqueue_task_head
	ld t0, PCPU_RQ_HEAD(a0)
	sd t0, TASK_RQ_NEXT(a1)
	sd a1, PCPU_RQ_HEAD(a0)
	bnez t0, 1f
	sd a1, PCPU_RQ_TAIL(a0)
1:	ld t0, PCPU_RQ_NR(a0)
	addi t0, t0, 1
	sd t0, PCPU_RQ_NR(a0)
	ret
END enqueue_task_head

# resched_curr_normal(rq): reschedule rq if it runs a normal or the idle
# task (stopper and FIFO tasks are not preempted by normal ones).
ENTRY resched_curr_normal
	ld t0, PCPU_CURRENT(a0)
	ld t0, TASK_CLASS(t0)
	li t1, SCHED_NORMAL_CLASS
	bleu t0, t1, resched_curr
	ret
END resched_curr_normal

# dequeue_head(rq) -> a0 = the first normal task, removed, or 0.
ENTRY dequeue_head
	ld t0, PCPU_RQ_HEAD(a0)
	beqz t0, 2f
	ld t1, TASK_RQ_NEXT(t0)
	sd t1, PCPU_RQ_HEAD(a0)
	bnez t1, 1f
	sd zero, PCPU_RQ_TAIL(a0)
1:	ld t1, PCPU_RQ_NR(a0)
	addi t1, t1, -1
	sd t1, PCPU_RQ_NR(a0)
	sd zero, TASK_RQ_NEXT(t0)
2:	mv a0, t0
	ret
END dequeue_head

# pick_next_task(rq) -> a0: stop class, then FIFO, then normal, then idle.
ENTRY pick_next_task
	ld t0, PCPU_RQ_STOP(a0)
	beqz t0, 1f
	ld t1, TASK_ON_RQ(t0)
	beqz t1, 1f
	mv a0, t0
	ret
1:	ld t0, PCPU_RQ_RT(a0)
	beqz t0, 2f
	ld t1, TASK_ON_RQ(t0)
	beqz t1, 2f
	mv a0, t0
	ret
2:	ld t0, PCPU_RQ_HEAD(a0)
	bnez t0, dequeue_head
	ld a0, PCPU_IDLE(a0)
	ret
END pick_next_task

# wake_up_process(p) -> a0 = 1 if p was woken, 0 if it was running already.
# Callable from any context. Linux's try_to_wake_up(), without its
# lock-free fast paths: p->pi_lock serializes wakers, the rq lock the rest.
ENTRY wake_up_process
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s0, a0
	li s3, 0
	# pi_lock first: two wakers of one task must not both enqueue it, nor
	# race on choosing its CPU.
	addi a0, s0, TASK_PI_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	# Pairs with the waiter's fence between setting its state and testing
	# its condition: either it sees our condition or we see its state.
	fence rw, rw
	ld t0, TASK_STATE(s0)
	beqz t0, 9f
	# select_task_rq: a task that is not bound to its CPU and whose CPU is
	# no longer active wakes on an active CPU instead, once its registers
	# have left the old one (Linux: smp_cond_load_acquire(&p->on_cpu, !VAL)).
	ld t0, TASK_BOUND(s0)
	bnez t0, 2f
	ld t0, TASK_ON_RQ(s0)
	bnez t0, 2f
	ld a0, TASK_CPU(s0)
	ld t1, cpu_active_mask
	cpu_bit t0, t1, a0
	bnez t0, 2f
1:	ld t0, TASK_ON_CPU(s0)
	beqz t0, 3f
	pause
	j 1b
3:	fence r, rw
	ld a0, TASK_CPU(s0)
	call select_fallback_rq
	sd a0, TASK_CPU(s0)
	# The state is tested again under the rq lock, which __schedule holds
	# when it takes a blocking task off the runqueue.
2:	ld a0, TASK_CPU(s0)
	per_cpu_ptr s2, a0
	addi a0, s2, PCPU_RQ_LOCK
	call arch_spin_lock
	ld t0, TASK_STATE(s0)
	beqz t0, 8f
	sd zero, TASK_STATE(s0)
	li s3, 1
	# Still on its runqueue: it has not switched out yet, and will now
	# simply keep running (Linux: ttwu_runnable).
	ld t0, TASK_ON_RQ(s0)
	bnez t0, 8f
	li t0, 1
	sd t0, TASK_ON_RQ(s0)
	ld t0, TASK_CLASS(s0)
	li t1, SCHED_NORMAL_CLASS
	bne t0, t1, 4f
	# Wakeup preemption (CFS favours sleepers in its own way): the woken
	# task goes first in line and the running normal task yields to it, so
	# a thread that waited for something runs as soon as it happens.
	mv a0, s2
	mv a1, s0
	call enqueue_task_head
	mv a0, s2
	call resched_curr_normal
	j 8f
4:	mv a0, s2
	mv a1, s0
	call check_preempt_curr
8:	addi a0, s2, PCPU_RQ_LOCK
	call arch_spin_unlock
9:	addi a0, s0, TASK_PI_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	mv a0, s3
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END wake_up_process

# check_preempt_curr(rq, p): p just became runnable on rq; if its class
# beats the running task's, that CPU must reschedule. rq lock held.
ENTRY check_preempt_curr
	ld t0, PCPU_CURRENT(a0)
	ld t0, TASK_CLASS(t0)
	ld t1, TASK_CLASS(a1)
	bgt t1, t0, resched_curr
	ret
END check_preempt_curr

# resched_curr(rq): set need_resched there; a remote CPU learns it by IPI.
ENTRY resched_curr
	ld t0, PCPU_NEED_RESCHED(a0)
	bnez t0, 1f
	li t0, 1
	sd t0, PCPU_NEED_RESCHED(a0)
	beq a0, tp, 1f
	ld a0, PCPU_CPU(a0)
	li a1, IPI_RESCHEDULE
	j arch_send_ipi             # smp.s
1:	ret
END resched_curr

# select_fallback_rq(cpu) -> a0 = an active CPU (the next one after cpu,
# wrapping), for tasks whose CPU went away.
ENTRY select_fallback_rq
	ld a1, cpu_active_mask
	frame 2
	sd a1, 8(sp)
	call cpumask_next
	li t0, NR_CPUS
	blt a0, t0, 1f
	ld a0, 8(sp)
	call cpumask_first
1:	unframe 2
	ret
END select_fallback_rq

# scheduler_tick: from timer_interrupt. A normal task that used up its slice
# while others wait gets need_resched; the interrupt exit then preempts it.
ENTRY scheduler_tick
	ld t0, PCPU_JIFFIES(tp)
	addi t0, t0, 1
	sd t0, PCPU_JIFFIES(tp)
	get_current t0
	ld t1, TASK_CLASS(t0)
	li t2, SCHED_NORMAL_CLASS
	beq t1, t2, 2f
	# Idle with queued work (possible right after cpu_up, which clears
	# need_resched): let the interrupt exit schedule.
	bnez t1, 1f
	ld t1, PCPU_RQ_NR(tp)
	beqz t1, 1f
	li t1, 1
	sd t1, PCPU_NEED_RESCHED(tp)
	j 1f
2:	ld t1, PCPU_SLICE(tp)
	addi t1, t1, -1
	sd t1, PCPU_SLICE(tp)
	bgtz t1, 1f
	li t1, SLICE_TICKS
	sd t1, PCPU_SLICE(tp)
	ld t1, PCPU_RQ_NR(tp)       # racy read: a hint is enough here
	beqz t1, 1f
	li t1, 1
	sd t1, PCPU_NEED_RESCHED(tp)
1:	ret
END scheduler_tick

# migrate_current_to(cpu): move the calling task to another CPU. It blocks
# here and finish_task_switch on the old CPU enqueues it on the new one
# (Linux does this with the stopper's migration_cpu_stop; see docs).
ENTRY migrate_current_to
	frame 1
	this_cpu t0
	beq a0, t0, 1f
	get_current t0
	sd a0, TASK_DEST_CPU(t0)
	li t1, 1
	sd t1, TASK_MIGRATING(t0)
	li t1, TASK_UNINTERRUPTIBLE
	sd t1, TASK_STATE(t0)
	call schedule
1:	unframe 1
	ret
END migrate_current_to

# migrate_tasks_off(cpu): push every queued normal task on this CPU's
# runqueue to the active CPUs, round-robin. Runs on that CPU, in thread
# context, during cpu_down (Linux: balance_push/migrate_tasks). Bound
# per-CPU threads stay.
ENTRY migrate_tasks_off
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s3, a0                   # the CPU we push towards, round-robin
	li s2, 0                    # bound tasks to put back
1:	addi a0, tp, PCPU_RQ_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	mv a0, tp
	call dequeue_head
	mv s0, a0
	addi a0, tp, PCPU_RQ_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	beqz s0, 3f
	ld t0, TASK_BOUND(s0)
	beqz t0, 2f
	sd s2, TASK_RQ_NEXT(s0)
	mv s2, s0
	j 1b
2:	mv a0, s3
	call select_fallback_rq
	mv s3, a0
	sd a0, TASK_CPU(s0)
	mv a1, s0
	call move_queued_task
	j 1b
3:	beqz s2, 4f                  # requeue bound tasks here
	ld s0, TASK_RQ_NEXT(s2)
	addi a0, tp, PCPU_RQ_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	mv a0, tp
	mv a1, s2
	call enqueue_task
	addi a0, tp, PCPU_RQ_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	mv s2, s0
	j 3b
4:	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END migrate_tasks_off

# move_queued_task(cpu, p): p is runnable and switched out; enqueue it on
# cpu's runqueue (p's TASK_CPU already says cpu).
ENTRY move_queued_task
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a1
	per_cpu_ptr s2, a0
	addi a0, s2, PCPU_RQ_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	mv a0, s2
	mv a1, s0
	call enqueue_task
	mv a0, s2
	mv a1, s0
	call check_preempt_curr
	addi a0, s2, PCPU_RQ_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END move_queued_task

# do_exit: a kernel thread's function returned.
ENTRY do_exit
	get_current t0
	li t1, TASK_DEAD
	sd t1, TASK_STATE(t0)
	call schedule
	la a0, msg_dead_ran
	call panic
END do_exit

.section .rodata
msg_atomic:
	.asciz "scheduling while atomic: preempt_count %x in %s"
msg_stack:
	.asciz "stack overflow in %s"
msg_dead_ran:
	.asciz "a dead task was scheduled"
