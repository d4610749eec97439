# spinlock.s: raw spinlocks, Linux's raw_spinlock_t on RISC-V.
#
# A ticket lock in one dword: the low word is the ticket being served
# (owner), the high word the next ticket to hand out. Taking a ticket is one
# amoadd.w, so waiters are served in arrival order; only the holder writes
# the owner word, so unlock is a release fence and a plain store.
#
# raw_spin_lock() disables preemption first, like Linux: a lock holder is
# never preempted, so every lock-held region is a preempt-off region, which
# is what makes stop_machine exclude it (see docs/kernel.md).
#
# arch_spin_lock/arch_spin_unlock clobber t0-t2 only and keep a0; the raw_*
# wrappers follow the normal calling convention.

.include "kernel.inc"

.section .text
ENTRY arch_spin_lock
	li t0, 1 << 32
	amoadd.d.aq t1, t0, (a0)    # take a ticket: next++
	srli t1, t1, 32             # our ticket
1:	lwu t2, 0(a0)               # owner
	beq t2, t1, 2f
	pause
	j 1b
2:	fence r, rw                 # acquire: the owner load orders what follows
	ret
END arch_spin_lock

ENTRY arch_spin_unlock
	fence rw, w                 # release: the critical section stays above
	lwu t0, 0(a0)
	addiw t0, t0, 1
	sw t0, 0(a0)
	ret
END arch_spin_unlock

# arch_spin_is_locked(lock) -> a0 = owner != next.
ENTRY arch_spin_is_locked
	ld t0, 0(a0)
	srli t1, t0, 32
	slli t0, t0, 32
	srli t0, t0, 32
	sub a0, t1, t0
	snez a0, a0
	ret
END arch_spin_is_locked

ENTRY raw_spin_lock
	preempt_count_inc t0
	j arch_spin_lock
END raw_spin_lock

ENTRY raw_spin_unlock
	frame 1
	call arch_spin_unlock
	call preempt_enable
	unframe 1
	ret
END raw_spin_unlock

# raw_spin_lock_irqsave(lock) -> a0 = flags (the old sstatus.SIE).
ENTRY raw_spin_lock_irqsave
	frame 2
	irq_save t0
	sd t0, 8(sp)
	preempt_count_inc t0
	call arch_spin_lock
	ld a0, 8(sp)
	unframe 2
	ret
END raw_spin_lock_irqsave

# raw_spin_unlock_irqrestore(lock, flags): unlock, restore interrupts, and
# only then allow preemption, in Linux's order.
ENTRY raw_spin_unlock_irqrestore
	frame 1
	call arch_spin_unlock
	irq_restore a1
	call preempt_enable
	unframe 1
	ret
END raw_spin_unlock_irqrestore
