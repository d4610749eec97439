# stop_machine.s: stopper threads and stop_machine (Linux
# kernel/stop_machine.c; see /work/shared/reference/stop-machine.md and
# docs/kernel.md for the sequence).
#
# Every CPU has a cpu_stopper in its per-CPU area: a raw lock, `enabled`,
# a FIFO of cpu_stop_work, and a stop-class thread (migration/N) that runs
# the works. Queueing wakes the thread, which only marks the running task
# for rescheduling: the stopper runs at that CPU's next scheduling point,
# never inside a preempt-off or irq-off region. stop_machine runs
# multi_cpu_stop in every online CPU's stopper, so its RUN phase starts
# only after every such region in progress has ended.

.include "kernel.inc"

.section .text
# cpu_stop_init_done(done, nr_todo)
ENTRY cpu_stop_init_done
	sd a1, DONE_NR_TODO(a0)
	sd zero, DONE_RET(a0)
	addi a0, a0, DONE_COMPLETION
	j init_completion
END cpu_stop_init_done

# cpu_stop_signal_done(done): one work finished (or was refused).
ENTRY cpu_stop_signal_done
	li t0, -1
	addi t2, a0, DONE_NR_TODO
	amoadd.d.aqrl t1, t0, (t2)
	li t0, 1
	bne t1, t0, 1f
	addi a0, a0, DONE_COMPLETION
	j complete
1:	ret
END cpu_stop_signal_done

# __cpu_stop_queue_work(stopper pcpu, work): append and wake the thread.
# Stopper lock held. Lock order: stopper lock -> pi_lock -> rq lock.
ENTRY __cpu_stop_queue_work
	sd zero, WORK_NEXT(a1)
	ld t0, PCPU_STOPPER_TAIL(a0)
	beqz t0, 1f
	sd a1, WORK_NEXT(t0)
	j 2f
1:	sd a1, PCPU_STOPPER_HEAD(a0)
2:	sd a1, PCPU_STOPPER_TAIL(a0)
	ld a0, PCPU_STOPPER_THREAD(a0)
	j wake_up_process
END __cpu_stop_queue_work

# cpu_stop_queue_work(cpu, work) -> a0 = 1 if queued, 0 if cpu's stopper is
# disabled (then work->done is signalled at once, as in Linux).
ENTRY cpu_stop_queue_work
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	per_cpu_ptr s0, a0
	mv s1, a1
	# Preemption off across the queueing: waking our own stopper must
	# not switch to it while we still hold its lock.
	preempt_count_inc t0
	addi a0, s0, PCPU_STOPPER_LOCK
	call raw_spin_lock_irqsave
	mv s2, a0
	# `enabled` is cleared by stop_machine_park inside take_cpu_down, in
	# RUN: no CPU can be in here then, as this preempt-off region would
	# have held RUN back. So a work is queued to a live stopper or refused.
	ld s3, PCPU_STOPPER_ENABLED(s0)
	beqz s3, 1f
	mv a0, s0
	mv a1, s1
	call __cpu_stop_queue_work
	j 2f
	# Refused: count the work as done so a stop_cpus waiting for it
	# does not wait forever (Linux does the same).
1:	ld a0, WORK_DONE(s1)
	beqz a0, 2f
	call cpu_stop_signal_done
2:	addi a0, s0, PCPU_STOPPER_LOCK
	mv a1, s2
	call raw_spin_unlock_irqrestore
	call preempt_enable         # may switch to our own stopper right here
	mv a0, s3
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END cpu_stop_queue_work

# stop_one_cpu(cpu, fn, arg) -> fn's result, or -ENOENT if cpu's stopper
# is disabled (the CPU is offline). Sleeps until fn has run.
ENTRY stop_one_cpu
	addi sp, sp, -96
	sd ra, 0(sp)
	sd s0, 8(sp)
	# The work and its done live on this stack: we sleep until the
	# stopper has signalled done, so they outlive their use.
	mv s0, a0
	sd a1, 16 + WORK_FN(sp)
	sd a2, 16 + WORK_ARG(sp)
	addi a0, sp, 48             # the done
	sd a0, 16 + WORK_DONE(sp)
	li a1, 1
	call cpu_stop_init_done
	mv a0, s0
	addi a1, sp, 16
	call cpu_stop_queue_work
	bnez a0, 1f
	li a0, -ENOENT
	j 2f
1:	addi a0, sp, 48 + DONE_COMPLETION
	call wait_for_completion
	ld a0, 48 + DONE_RET(sp)
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 96
	ret
END stop_one_cpu

.if 16 + WORK_SIZE > 48 || 48 + DONE_SIZE > 96
.error "stop_one_cpu's frame is too small"
.endif

# queue_stop_cpus_work(mask, fn, arg, done) -> a0 = 1 if any was queued.
# Preemption stays off while queueing, with stop_cpus_in_progress set, so
# our own stopper cannot run (and stop_two_cpus cannot interleave) before
# every CPU has its work.
ENTRY queue_stop_cpus_work
	addi sp, sp, -64
	sd ra, 0(sp)
	save_sregs 6
	mv s0, a0
	mv s1, a1
	mv s2, a2
	mv s3, a3
	li s5, 0
	preempt_count_inc t0
	# stop_two_cpus checks this under its stopper locks and backs off:
	# otherwise it could queue on CPUs a and b between our queueing on b
	# and on a, in the opposite order, and each side would wait for the
	# other's multi_cpu_stop to start.
	li t0, 1
	sd t0, stop_cpus_in_progress, t1
	fence rw, rw
	li s4, -1
1:	mv a0, s4
	mv a1, s0
	call cpumask_next
	mv s4, a0
	li t0, NR_CPUS
	bgeu s4, t0, 2f
	# Each CPU's own stop_work: one per CPU suffices because
	# stop_cpus_mutex allows one stop_cpus at a time.
	per_cpu_ptr a1, s4
	addi a1, a1, PCPU_STOP_WORK
	sd s1, WORK_FN(a1)
	sd s2, WORK_ARG(a1)
	sd s3, WORK_DONE(a1)
	mv a0, s4
	call cpu_stop_queue_work
	or s5, s5, a0
	j 1b
2:	fence rw, rw
	sd zero, stop_cpus_in_progress, t1
	call preempt_enable
	mv a0, s5
	ld ra, 0(sp)
	restore_sregs 6
	addi sp, sp, 64
	ret
END queue_stop_cpus_work

# stop_cpus(mask, fn, arg) -> the last non-zero fn result, 0, or -ENOENT
# when no CPU in mask could take the work. Serialized by stop_cpus_mutex.
ENTRY stop_cpus
	addi sp, sp, -96
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	mv s2, a2
	la a0, stop_cpus_mutex
	call mutex_lock
	# One done for all CPUs: nr_todo counts down to the completion.
	mv a0, s0
	call cpumask_weight
	mv a1, a0
	addi a0, sp, 40
	call cpu_stop_init_done
	mv a0, s0
	mv a1, s1
	mv a2, s2
	addi a3, sp, 40
	call queue_stop_cpus_work
	bnez a0, 1f
	li s0, -ENOENT
	j 2f
1:	addi a0, sp, 40 + DONE_COMPLETION
	call wait_for_completion
	ld s0, 40 + DONE_RET(sp)
2:	la a0, stop_cpus_mutex
	call mutex_unlock
	mv a0, s0
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 96
	ret
END stop_cpus

.if 40 + DONE_SIZE > 96
.error "stop_cpus's frame is too small"
.endif

# set_state(msdata, newstate): reset the ack count, then publish the state;
# the fence keeps a CPU from acking the new state against the old count.
ENTRY set_state
.ifdef BUG_SET_STATE_BEFORE_ACK
	sd a1, MSD_STATE(a0)        # injected: the state is published first
.endif
	ld t0, MSD_NUM_THREADS(a0)
	sd t0, MSD_THREAD_ACK(a0)
	fence rw, w                 # smp_wmb()
	sd a1, MSD_STATE(a0)
	ret
END set_state

# ack_state(msdata): the last CPU to ack moves everyone to the next state.
ENTRY ack_state
	li t0, -1
	addi t1, a0, MSD_THREAD_ACK
	amoadd.d.aqrl t2, t0, (t1)
	# An ack against a count already at 0 means set_state published a
	# state before resetting the count: counted for the tests.
	bgtz t2, 2f
	la t0, mstop_ack_underflow
	li t1, 1
	amoadd.d zero, t1, (t0)
2:	li t0, 1
	bne t2, t0, 1f
	ld a1, MSD_STATE(a0)
	addi a1, a1, 1
	j set_state
1:	ret
END ack_state

# multi_cpu_stop(msdata) -> fn's result on active CPUs, else 0. Runs in the
# stopper of every participating CPU; they move through PREPARE,
# DISABLE_IRQ, RUN and EXIT together, each state entered by all before any
# leaves it. Active CPUs are those in active_cpus, or the first online CPU
# when it is NULL (Linux's code; not "every CPU").
ENTRY multi_cpu_stop
	addi sp, sp, -64
	sd ra, 0(sp)
	save_sregs 6
	mv s0, a0
	li s1, MULTI_STOP_NONE      # curstate
	# The caller's interrupt state comes back at EXIT (Linux allows
	# callers that already have interrupts off).
	csrr s2, sstatus            # local_save_flags
	andi s2, s2, SR_SIE
	li s4, 0                    # err
	this_cpu s5
	ld t0, MSD_ACTIVE_CPUS(s0)
	beqz t0, 1f
	ld t0, 0(t0)
	cpu_bit s3, t0, s5
	j 2f
1:	ld a0, cpu_online_mask
	call cpumask_first
	sub s3, a0, s5
	seqz s3, s3
	# Spin on the shared state. Every participant is in its stopper with
	# preemption raised, so nothing else runs on these CPUs until EXIT.
2:	pause                       # cpu_relax
	# Interrupts may be off, so no tick runs the test watchdog here; only
	# while a test case has a deadline is it worth a call per spin.
	ld t0, kunit_deadline
	beqz t0, 6f
	call kunit_watchdog
6:	ld t0, MSD_STATE(s0)
	beq t0, s1, 2b
	fence r, rw                 # what the setter wrote before the state
	# A change. States must arrive one at a time, in order.
	addi t1, s1, 1
	beq t0, t1, 3f
	ld t1, PCPU_MSTOP_ORDER_BAD(tp)
	addi t1, t1, 1
	sd t1, PCPU_MSTOP_ORDER_BAD(tp)
3:	mv s1, t0
	la a0, mark_multi_cpu_stop
	mv a1, s1
	call trace_mark
	# Interrupts go off on every CPU before anyone reaches RUN: that is
	# what lets fn assume no interrupt handler runs anywhere.
	li t1, MULTI_STOP_DISABLE_IRQ
	bne s1, t1, 4f
	irq_disable
	j 5f
4:	li t1, MULTI_STOP_RUN
	bne s1, t1, 5f
	rdtime t0                   # when RUN reached this CPU (demo step 2)
	sd t0, PCPU_MSTOP_RUN_TIME(tp)
.ifdef BUG_IRQ_ON_IN_RUN
	irq_enable                  # injected: interrupts back on during RUN
.endif
	beqz s3, 5f
	ld t0, MSD_FN(s0)
	ld a0, MSD_DATA(s0)
	jalr t0
	mv s4, a0
	# Record what this CPU acked, and with which SIE, for the checks
	# (demo step 1 reads them from fn).
5:	sd s1, PCPU_MSTOP_SEEN(tp)
	csrr t0, sstatus
	andi t0, t0, SR_SIE
	sd t0, PCPU_MSTOP_SIE(tp)
	mv a0, s0
	call ack_state
	li t0, MULTI_STOP_EXIT
	bne s1, t0, 2b
	irq_restore s2
	mv a0, s4
	ld ra, 0(sp)
	restore_sregs 6
	addi sp, sp, 64
	ret
END multi_cpu_stop

# stop_machine_cpuslocked(fn, data, cpus) -> fn's result. The caller holds
# the hotplug lock (read or write), so the online mask cannot change except
# by fn itself (take_cpu_down).
ENTRY stop_machine_cpuslocked
	addi sp, sp, -80
	sd ra, 0(sp)
	sd a0, 16 + MSD_FN(sp)
	sd a1, 16 + MSD_DATA(sp)
	sd a2, 16 + MSD_ACTIVE_CPUS(sp)
	sd zero, 16 + MSD_STATE(sp)
	# Every online CPU takes part, active or not: RUN needs all their
	# acks, which is why a preempt-off region anywhere delays it.
	call num_online_cpus
	sd a0, 16 + MSD_NUM_THREADS(sp)
	mv a1, a0
	la a0, mark_stop_machine
	call trace_mark
	addi a0, sp, 16
	li a1, MULTI_STOP_PREPARE
	call set_state
	ld a0, cpu_online_mask
	la a1, multi_cpu_stop
	addi a2, sp, 16
	call stop_cpus
	sd a0, 8(sp)
	mv a1, a0
	la a0, mark_stop_machine_done
	call trace_mark
	ld a0, 8(sp)
	ld ra, 0(sp)
	addi sp, sp, 80
	ret
END stop_machine_cpuslocked

.if 16 + MSD_SIZE > 80
.error "stop_machine_cpuslocked's frame is too small"
.endif

# stop_machine(fn, data, cpus): cpus is a pointer to a cpumask or 0.
ENTRY stop_machine
	addi sp, sp, -32
	sd ra, 0(sp)
	sd a0, 8(sp)
	sd a1, 16(sp)
	sd a2, 24(sp)
	call cpus_read_lock
	ld a0, 8(sp)
	ld a1, 16(sp)
	ld a2, 24(sp)
	call stop_machine_cpuslocked
	sd a0, 8(sp)
	call cpus_read_unlock
	ld a0, 8(sp)
	ld ra, 0(sp)
	addi sp, sp, 32
	ret
END stop_machine

# stop_two_cpus's frame: ra and s0-s3, the active mask at 40, msdata at
# 48, then the done and the two works.
.equ SM2_DONE, 48 + MSD_SIZE
.equ SM2_WORK1, SM2_DONE + DONE_SIZE
.equ SM2_WORK2, SM2_WORK1 + WORK_SIZE
.if SM2_WORK2 + WORK_SIZE > 208
.error "stop_two_cpus's frame is too small"
.endif

# stop_two_cpus(cpu1, cpu2, fn, arg) -> fn's result, -ENOENT if either
# stopper is disabled. multi_cpu_stop on exactly two CPUs, cpu1 active.
ENTRY stop_two_cpus
	addi sp, sp, -208
	sd ra, 0(sp)
	save_sregs 4
	mv s0, a0
	mv s1, a1
	li t0, 1
	sll t0, t0, s0
	sd t0, 40(sp)
	sd a2, 48 + MSD_FN(sp)
	sd a3, 48 + MSD_DATA(sp)
	li t0, 2
	sd t0, 48 + MSD_NUM_THREADS(sp)
	addi t0, sp, 40
	sd t0, 48 + MSD_ACTIVE_CPUS(sp)
	sd zero, 48 + MSD_STATE(sp)
	addi a0, sp, 48
	li a1, MULTI_STOP_PREPARE
	call set_state
	addi a0, sp, SM2_DONE
	li a1, 2
	call cpu_stop_init_done
	la t1, multi_cpu_stop
	addi t2, sp, 48
	addi t3, sp, SM2_DONE
	sd t1, SM2_WORK1 + WORK_FN(sp)
	sd t2, SM2_WORK1 + WORK_ARG(sp)
	sd t3, SM2_WORK1 + WORK_DONE(sp)
	sd t1, SM2_WORK2 + WORK_FN(sp)
	sd t2, SM2_WORK2 + WORK_ARG(sp)
	sd t3, SM2_WORK2 + WORK_DONE(sp)
	# Lock the stoppers in CPU order.
	mv s2, s0
	mv s3, s1
	ble s2, s3, 1f
	mv s2, s1
	mv s3, s0
1:	mv a0, s2
	mv a1, s3
	addi a2, sp, SM2_WORK1
	addi a3, sp, SM2_WORK2
	call cpu_stop_queue_two_works
	bnez a0, 2f
	addi a0, sp, SM2_DONE + DONE_COMPLETION
	call wait_for_completion
	ld a0, SM2_DONE + DONE_RET(sp)
2:	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 208
	ret
END stop_two_cpus


# cpu_stop_queue_two_works(cpu1 < cpu2, work1, work2) -> 0 or -ENOENT.
# Both stopper locks, in CPU order; while a stop_cpus is queueing, back off
# and retry, or the two could each wait for the other's stopper.
ENTRY cpu_stop_queue_two_works
	addi sp, sp, -80
	sd ra, 0(sp)
	save_sregs 6
	per_cpu_ptr s0, a0
	per_cpu_ptr s1, a1
	mv s2, a2
	mv s3, a3
.Lretry:
	preempt_count_inc t0
	addi a0, s0, PCPU_STOPPER_LOCK
	call raw_spin_lock_irqsave
	mv s4, a0
	addi a0, s1, PCPU_STOPPER_LOCK
	call arch_spin_lock
	li s5, -ENOENT
	ld t0, PCPU_STOPPER_ENABLED(s0)
	beqz t0, 1f
	ld t0, PCPU_STOPPER_ENABLED(s1)
	beqz t0, 1f
	li s5, -EDEADLK
	ld t0, stop_cpus_in_progress
	bnez t0, 1f
	li s5, 0
	mv a0, s0
	mv a1, s2
	call __cpu_stop_queue_work
	mv a0, s1
	mv a1, s3
	call __cpu_stop_queue_work
1:	addi a0, s1, PCPU_STOPPER_LOCK
	call arch_spin_unlock
	addi a0, s0, PCPU_STOPPER_LOCK
	mv a1, s4
	call raw_spin_unlock_irqrestore
	li t0, -EDEADLK
	bne s5, t0, 3f
	call preempt_enable
2:	ld t0, stop_cpus_in_progress
	beqz t0, .Lretry
	pause
	j 2b
3:	call preempt_enable
	mv a0, s5
	ld ra, 0(sp)
	restore_sregs 6
	addi sp, sp, 80
	ret
END cpu_stop_queue_two_works

# The stopper thread's smpboot callbacks.
ENTRY cpu_stop_should_run
	per_cpu_ptr t0, a0
	ld a0, PCPU_STOPPER_HEAD(t0)
	snez a0, a0
	ret
END cpu_stop_should_run

# cpu_stopper_thread(cpu): run every queued work, each fn with preemption
# raised, and signal its done.
ENTRY cpu_stopper_thread
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	per_cpu_ptr s0, a0
	# Pop one work under the lock: queueing may happen from any CPU.
1:	addi a0, s0, PCPU_STOPPER_LOCK
	call raw_spin_lock_irqsave
	mv a1, a0
	ld s1, PCPU_STOPPER_HEAD(s0)
	beqz s1, 2f
	ld t0, WORK_NEXT(s1)
	sd t0, PCPU_STOPPER_HEAD(s0)
	bnez t0, 2f
	sd zero, PCPU_STOPPER_TAIL(s0)
2:	addi a0, s0, PCPU_STOPPER_LOCK
	call raw_spin_unlock_irqrestore
	beqz s1, 9f
	# fn runs with preemption raised: the stop class is never preempted
	# anyway, and fn may rely on staying on this CPU.
	ld s2, WORK_DONE(s1)
	preempt_count_inc t0
	ld t0, WORK_FN(s1)
	ld a0, WORK_ARG(s1)
	jalr t0
	beqz s2, 3f
	beqz a0, 4f
	sd a0, DONE_RET(s2)
4:	mv a0, s2
	call cpu_stop_signal_done
3:	preempt_count_dec t0
	j 1b
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END cpu_stopper_thread

# cpu_stop_park(cpu): the stopper's smpboot park callback, as Linux's: a
# stopper must not park with work queued (that work would never run).
ENTRY cpu_stop_park
	per_cpu_ptr t0, a0
	ld t1, PCPU_STOPPER_HEAD(t0)
	beqz t1, 1f
	mv a1, a0
	la a0, msg_park_busy
	j printk
1:	ret
END cpu_stop_park

# stop_machine_park(cpu): on cpu itself, from take_cpu_down.
ENTRY stop_machine_park
	per_cpu_ptr t0, a0
	sd zero, PCPU_STOPPER_ENABLED(t0)
	ld a0, PCPU_STOPPER_THREAD(t0)
	j kthread_park
END stop_machine_park

# stop_machine_unpark(cpu): on cpu, from start_secondary, before the CPU
# first schedules, so the first stop_machine after cpu_up includes it.
ENTRY stop_machine_unpark
	per_cpu_ptr t0, a0
	li t1, 1
	sd t1, PCPU_STOPPER_ENABLED(t0)
	ld a0, PCPU_STOPPER_THREAD(t0)
	j kthread_unpark
END stop_machine_unpark

# cpu_stop_init: a stopper for every possible CPU (boot CPU, once); the
# boot CPU's is enabled now, the others by stop_machine_unpark.
ENTRY cpu_stop_init
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	la a0, cpu_stop_threads
	la t0, cpu_stop_should_run
	sd t0, HT_SHOULD_RUN(a0)
	la t0, cpu_stopper_thread
	sd t0, HT_FN(a0)
	la t0, stopper_name
	sd t0, HT_NAME(a0)
	la t0, cpu_stop_park
	sd t0, HT_PARK(a0)
	li t0, PCPU_STOPPER_THREAD
	sd t0, HT_STORE(a0)
	li t0, 1
	sd t0, HT_SELFPARKING(a0)
	call smpboot_register_percpu_thread
	# The stopper is the stop class of its CPU's runqueue.
	li s0, 0
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 2f
	per_cpu_ptr s1, s0
	ld t0, PCPU_STOPPER_THREAD(s1)
	li t1, SCHED_STOP_CLASS
	sd t1, TASK_CLASS(t0)
	sd t0, PCPU_RQ_STOP(s1)
	addi s0, s0, 1
	j 1b
2:	this_cpu a0
	call stop_machine_unpark
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END cpu_stop_init

.section .rodata
stopper_name:
	.asciz "migration/%u"
mark_multi_cpu_stop:
	.asciz "multi_cpu_stop"
mark_stop_machine:
	.asciz "stop_machine"
mark_stop_machine_done:
	.asciz "stop_machine_done"
msg_park_busy:
	.asciz "WARNING: CPU%u's stopper parks with work queued\n"

.section .data
.balign 8
.globl mstop_ack_underflow
mstop_ack_underflow:
	.dword 0
.globl stop_cpus_in_progress
stop_cpus_in_progress:
	.dword 0
stop_cpus_mutex:
	.dword 0

.section .bss
.balign 8
cpu_stop_threads:
	.zero HT_SIZE
