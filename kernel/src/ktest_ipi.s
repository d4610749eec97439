# ktest_ipi.s: the IPI checks of ktest.s (see there for the output format):
# smp_call_function_single and _many, with and without wait, run each
# callback exactly once on the right CPU; -ENXIO for CPUs that do not exist;
# and a reschedule IPI preempts a CPU busy with a thread that never yields.

.include "kernel.inc"

.section .text
# ktest_ipi_fn(target): the callback. Counts itself for the CPU it was
# aimed at and records where it ran (+1, so 0 means "never").
ENTRY ktest_ipi_fn
	la t0, ipi_count
	slli t1, a0, 3
	add t0, t0, t1
	li t2, 1
	amoadd.d zero, t2, (t0)
	la t0, ipi_where
	add t0, t0, t1
	this_cpu t2
	addi t2, t2, 1
	sd t2, 0(t0)
	ret
END ktest_ipi_fn

# ktest_ipi_many_fn(unused): the same for _many, aimed at "this CPU".
ENTRY ktest_ipi_many_fn
	this_cpu a0
	j ktest_ipi_fn
END ktest_ipi_many_fn

ipi_reset:
	la t0, ipi_count
	la t1, ipi_where
	li t2, NR_CPUS
1:	sd zero, 0(t0)
	sd zero, 0(t1)
	addi t0, t0, 8
	addi t1, t1, 8
	addi t2, t2, -1
	bnez t2, 1b
	ret

# ipi_once_mask -> a0 = CPUs whose callback ran exactly once, on them.
ipi_once_mask:
	# where[c] holds the running CPU + 1, so 0 means "never ran".
	li a0, 0
	li t2, 0
	la t0, ipi_count
	la t1, ipi_where
1:	ld t3, 0(t0)
	li t4, 1
	bne t3, t4, 2f
	ld t3, 0(t1)
	addi t3, t3, -1
	bne t3, t2, 2f
	li t4, 1
	sll t4, t4, t2
	or a0, a0, t4
2:	addi t0, t0, 8
	addi t1, t1, 8
	addi t2, t2, 1
	li t4, NR_CPUS
	blt t2, t4, 1b
	ret

# ipi_wait_total(n): wait (bounded) until n callbacks in all have run.
ipi_wait_total:
	# No-wait calls finish whenever their targets get to them; the total
	# count is what to wait for, then a little longer so that a callback
	# run twice would show.
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	rdtime s1
	ld t0, timebase_frequency
	li t1, KTEST_WAIT_S
	mul t0, t0, t1
	add s1, s1, t0
1:	li t0, 0
	la t1, ipi_count
	li t2, NR_CPUS
2:	ld t3, 0(t1)
	add t0, t0, t3
	addi t1, t1, 8
	addi t2, t2, -1
	bnez t2, 2b
	bgeu t0, s0, 3f
	rdtime t0
	bgeu t0, s1, 3f
	call cpu_relax_resched
	j 1b
3:	li a0, 2000                 # then a little longer, to catch doubles
	call udelay
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

# ktest_ipi: the four call variants and -ENXIO.
.globl ktest_ipi
ktest_ipi:
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	# single, wait: the callback's effects are visible on return.
	call ipi_reset
	li s0, -1
	li s1, 0                    # CPUs seen done right at return
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 2f
	mv a0, s0
	la a1, ktest_ipi_fn
	mv a2, s0
	li a3, 1
	call smp_call_function_single
	bnez a0, 1b
	# Read the count right at return: with wait the callback has
	# finished, and the csd unlock's release made its write visible.
	la t0, ipi_count
	slli t1, s0, 3
	add t0, t0, t1
	ld t0, 0(t0)
	beqz t0, 1b
	li t0, 1
	sll t0, t0, s0
	or s1, s1, t0
	j 1b
	# Both must hold for every online CPU: done at return, and run
	# exactly once, on the CPU it was sent to.
2:	call ipi_once_mask
	ld t0, cpu_online_mask
	and t1, a0, s1
	xor t1, t1, t0
	seqz a0, t1
	la a1, fmt_ipi_single_wait
	mv a2, s1
	mv a3, t0
	call ktest_check
	# single, no wait: each runs once, eventually.
	call ipi_reset
	li s0, -1
3:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 4f
	mv a0, s0
	la a1, ktest_ipi_fn
	mv a2, s0
	li a3, 0
	call smp_call_function_single
	j 3b
4:	call num_online_cpus
	call ipi_wait_total
	call ipi_once_mask
	ld t0, cpu_online_mask
	xor t1, a0, t0
	seqz t1, t1
	mv a2, a0
	mv a0, t1
	la a1, fmt_ipi_single_nowait
	mv a3, t0
	call ktest_check
	# many, wait and no wait: every other online CPU once, never us.
	li s2, 1
5:	call ipi_reset
	call preempt_disable
	this_cpu s3
	ld a0, cpu_online_mask
	la a1, ktest_ipi_many_fn
	li a2, 0
	mv a3, s2
	call smp_call_function_many
	call preempt_enable
	bnez s2, 6f
	call num_online_cpus
	addi a0, a0, -1
	call ipi_wait_total
6:	call ipi_once_mask
	ld t0, cpu_online_mask
	li t1, 1
	sll t1, t1, s3
	not t1, t1
	and t0, t0, t1              # expected: online minus the caller
	xor t1, a0, t0
	seqz t1, t1
	mv a2, a0
	mv a0, t1
	la a1, fmt_ipi_many
	mv a3, t0
	mv a4, s3
	mv a5, s2
	call ktest_check
	addi s2, s2, -1
	bgez s2, 5b
	# CPUs that do not exist: -ENXIO, and nothing runs anywhere.
	call ipi_reset
	ld a0, nr_cpu_ids
	la a1, ktest_ipi_fn
	li a2, 0
	li a3, 1
	call smp_call_function_single
	mv s0, a0
	li a0, NR_CPUS + 7
	la a1, ktest_ipi_fn
	li a2, 0
	li a3, 0
	call smp_call_function_single
	mv s1, a0
	li a0, 0
	call ipi_wait_total
	li t0, -ENXIO
	xor t1, s0, t0
	xor t2, s1, t0
	or t1, t1, t2
	la t3, ipi_count
	ld t3, 0(t3)
	or t1, t1, t3
	seqz a0, t1
	la a1, fmt_ipi_enxio
	ld a2, nr_cpu_ids
	mv a3, s0
	li a4, NR_CPUS + 7
	mv a5, s1
	call ktest_check
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret

# ktest_stamp(where): a stopper callback; records the time and the CPU's
# tick count (where[0], where[1]).
ENTRY ktest_stamp
	rdtime t0
	sd t0, 0(a0)
	ld t0, PCPU_JIFFIES(tp)
	sd t0, 8(a0)
	li a0, 0
	ret
END ktest_stamp

.equ SR_WORK, 72
.equ SR_DONE, SR_WORK + WORK_SIZE
.if SR_DONE + DONE_SIZE > 160
.error "ktest_resched's frame is too small"
.endif

# ktest_resched: wake the stopper of a CPU that is busy with a thread that
# never yields, after turning that CPU's tick off. If the stopper runs and
# the CPU took no tick meanwhile, the reschedule IPI did it. (Wall time is
# printed too; on an emulator whose host deschedules harts it is noise.)
.globl ktest_resched
ktest_resched:
	addi sp, sp, -160
	sd ra, 0(sp)
	save_sregs 4
	call num_online_cpus
	li t0, 1
	bne a0, t0, 1f
	la a0, msg_resched_skip
	call printk
	j 9f
	# Busy without the lock: its preempt_enable() would be a scheduling
	# point of its own, and only the IPI should be able to switch here.
1:	li a0, 2
	call ktest_start_spinning_mode
	li a0, 20000
	call msleep_us
	# The target: the last online CPU that is not ours.
	call preempt_disable
	this_cpu s3
	call preempt_enable
	ld a0, cpu_online_mask
	li t1, 1
	sll t1, t1, s3
	not t1, t1
	and s0, a0, t1
	li s1, -1
2:	mv a0, s1
	mv a1, s0
	call cpumask_next
	li t0, NR_CPUS
	bgeu a0, t0, 3f
	mv s1, a0
	j 2b
3:	per_cpu_ptr s2, s1
	ld t0, PCPU_CURRENT(s2)
	addi t0, t0, TASK_NAME
	sd t0, 48(sp)               # what the target is running
	# Silence the target's tick: from now on only an IPI can interrupt
	# the busy thread there.
	mv a0, s1
	la a1, tick_stop_cpu
	li a2, 0
	li a3, 1
	call smp_call_function_single
	# stop_one_cpu, unrolled so that the clock and the target's tick count
	# are read with preemption off right before the wakeup: a tick here
	# must not be charged to the target.
	addi a0, sp, SR_DONE
	li a1, 1
	call cpu_stop_init_done
	la t0, ktest_stamp
	sd t0, SR_WORK + WORK_FN(sp)
	addi t0, sp, 32
	sd t0, SR_WORK + WORK_ARG(sp)
	addi t0, sp, SR_DONE
	sd t0, SR_WORK + WORK_DONE(sp)
	call preempt_disable
	ld t0, PCPU_NR_IPIS(s2)
	sd t0, 56(sp)
	ld t0, PCPU_JIFFIES(s2)
	sd t0, 64(sp)
	rdtime s0
	mv a0, s1
	addi a1, sp, SR_WORK
	call cpu_stop_queue_work
	call preempt_enable
	addi a0, sp, SR_DONE + DONE_COMPLETION
	call wait_for_completion
	ld t0, 32(sp)
	sub s0, t0, s0              # wakeup to stopper, in time units
	ld t0, 40(sp)
	ld t1, 64(sp)
	sub t0, t0, t1
	sd t0, 64(sp)               # target ticks meanwhile
	ld t0, PCPU_NR_IPIS(s2)
	ld t1, 56(sp)
	sub s3, t0, t1              # IPIs the target took meanwhile
	mv a0, s1
	la a1, tick_start_cpu
	li a2, 0
	li a3, 1
	call smp_call_function_single
	call ktest_stop_spinning
	ld t0, timebase_frequency
	li t1, 1000000
	mul s0, s0, t1
	divu s0, s0, t0             # microseconds
	ld t0, 64(sp)
	seqz t2, t0                 # before the target's next tick
	snez t3, s3                 # and an IPI arrived
	and a0, t2, t3
	la a1, fmt_resched
	mv a2, s1
	ld a3, 48(sp)
	ld a4, 64(sp)
	mv a5, s3
	mv a6, s0
	call ktest_check
9:	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 160
	ret

.section .rodata
fmt_ipi_single_wait:
	.asciz "ipi: smp_call_function_single wait: done at return on %b, exactly once on the right CPU on all of %b"
fmt_ipi_single_nowait:
	.asciz "ipi: smp_call_function_single nowait: exactly once on the right CPU on %b of %b"
fmt_ipi_many:
	.asciz "ipi: smp_call_function_many: exactly once on %b, expected %b (caller CPU%u, wait %u)"
fmt_ipi_enxio:
	.asciz "ipi: smp_call_function_single to CPU%u: %d, to CPU%u: %d (-ENXIO, nothing ran)"
fmt_resched:
	.asciz "resched: stopper on CPU%u (busy with %s) ran after %u ticks there, %u IPIs, %u us"
msg_resched_skip:
	.asciz "ktest: resched: skipped, one CPU\n"

.section .bss
.balign 8
ipi_count:
	.zero NR_CPUS * 8
ipi_where:
	.zero NR_CPUS * 8
