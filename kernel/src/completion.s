# completion.s: completions, the kernel's "wait for this to happen"
# (Linux kernel/sched/completion.c).
#
# x->done counts completions not yet consumed; waiters sleep on a list under
# x->lock. complete() wakes every waiter and lets them race for the count,
# which is simpler than Linux's wake-one and equally correct: a waiter that
# loses goes back to sleep.

.include "kernel.inc"

.section .text
ENTRY init_completion
	sd zero, COMP_LOCK(a0)
	sd zero, COMP_DONE(a0)
	sd zero, COMP_WAITERS(a0)
	ret
END init_completion

# complete(x): callable from any context, including interrupts.
ENTRY complete
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	addi a0, s0, COMP_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	ld t0, COMP_DONE(s0)
	addi t0, t0, 1
	sd t0, COMP_DONE(s0)
	ld s2, COMP_WAITERS(s0)
	sd zero, COMP_WAITERS(s0)
1:	beqz s2, 2f
	mv a0, s2
	ld s2, TASK_WQ_NEXT(s2)
	call wake_up_process
	j 1b
2:	addi a0, s0, COMP_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END complete

# wait_for_completion(x): sleep until a complete() is available, consume it.
# Must be called from a task that may sleep (preempt_count 0).
ENTRY wait_for_completion
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
1:	addi a0, s0, COMP_LOCK
	call raw_spin_lock_irqsave
	mv s1, a0
	ld t0, COMP_DONE(s0)
	beqz t0, 2f
	addi t0, t0, -1
	sd t0, COMP_DONE(s0)
	addi a0, s0, COMP_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
	# Sleep: state and wait-list entry are set under x->lock, which
	# complete() takes, so a complete() after the unlock finds us listed
	# and its wake_up_process sees our state and brings us back.
2:	get_current t0
	li t1, TASK_UNINTERRUPTIBLE
	sd t1, TASK_STATE(t0)
	ld t1, COMP_WAITERS(s0)
	sd t1, TASK_WQ_NEXT(t0)
	sd t0, COMP_WAITERS(s0)
	addi a0, s0, COMP_LOCK
	mv a1, s1
	call raw_spin_unlock_irqrestore
	call schedule
	j 1b
END wait_for_completion
