# ktest.s: the kernel core's self-checks, run by kernel_init at every
# default boot before the demo. Each check prints one line
#     ktest: ok: <what was verified, with the measured numbers>
#     ktest: FAIL: <the same>
# and a failure makes the final SRST shutdown report "system failure".
# The host tests (kernel/*_test.go) read these lines and the numbers in them.
#
# What is checked (issue 5); this file has the framework, the busy threads
# and the scheduler checks, ktest_ipi.s and ktest_stop.s the others:
#   sched     two busy per-CPU threads (kcounter/N, kcounter2/N) that never
#             yield both progress on every CPU and are preempted by the tick;
#   spinlock  their increments of one counter under one raw spinlock, done
#             as a plain load/add/store, lose no update;
#   preempt   no context switch ever happens inside those lock-held
#             (preempt-off) regions (__schedule counts any);
#   ipi       smp_call_function_single and _many, with and without wait,
#             run each callback exactly once on the right CPU; -ENXIO for
#             CPUs that do not exist;
#   resched   waking a stop-class task on a CPU busy with a thread that
#             never yields preempts it through the reschedule IPI;
#   migrate   a kernel thread moves itself to every online CPU in turn
#             (migrate_current_to) and finds itself running on each;
#   stop      stop_two_cpus runs fn once, on its first CPU, and returns
#             fn's result.

.include "kernel.inc"

.equ KTEST_SPIN_US, 300000         # how long the busy threads run
.equ KTEST_LOCK_EVERY, 16          # loops between two lock acquisitions
.section .text
# ktest_init: register the busy per-CPU threads (boot CPU, before SMP).
ENTRY ktest_init
	frame 1
	la a0, kcounter_threads
	li a1, PCPU_KCOUNTER_THREAD
	la a2, kcounter_name
	call ktest_register
	la a0, kcounter2_threads
	li a1, PCPU_KCOUNTER2_THREAD
	la a2, kcounter2_name
	call ktest_register
	unframe 1
	ret
END ktest_init

ktest_register:
	la t0, kcounter_should_run
	sd t0, HT_SHOULD_RUN(a0)
	la t0, kcounter_fn
	sd t0, HT_FN(a0)
	sd a2, HT_NAME(a0)
	sd a1, HT_STORE(a0)
	j smpboot_register_percpu_thread

ENTRY kcounter_should_run
	ld a0, ktest_spin
	ret
END kcounter_should_run

# kcounter_fn(cpu): spin until ktest_spin drops or the thread must park,
# taking ktest_lock every KTEST_LOCK_EVERY loops for a deliberately racy
# increment (load, delay, store) that only the lock keeps correct.
ENTRY kcounter_fn
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	get_current s0
1:	ld t0, ktest_spin
	beqz t0, 9f
	ld t0, TASK_SHOULD_PARK(s0)
	bnez t0, 9f
	ld t0, TASK_KT_LOOPS(s0)
	addi t0, t0, 1
	sd t0, TASK_KT_LOOPS(s0)
	andi t0, t0, KTEST_LOCK_EVERY - 1
	bnez t0, 1b
	ld t0, ktest_spin           # 2: busy without the lock (stress.s)
	li t1, 1
	bne t0, t1, 1b
	la a0, ktest_lock
	call raw_spin_lock
	li t0, 1
	sd t0, PCPU_IN_ATOMIC(tp)
	ld t1, ktest_counter
	li t2, 20
2:	addi t2, t2, -1             # widen the window a lost update needs
	bnez t2, 2b
	addi t1, t1, 1
	sd t1, ktest_counter, t2
	ld t0, TASK_KT_LOCKS(s0)
	addi t0, t0, 1
	sd t0, TASK_KT_LOCKS(s0)
	sd zero, PCPU_IN_ATOMIC(tp)
	la a0, ktest_lock
	call raw_spin_unlock
	j 1b
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END kcounter_fn

# ktest_check(ok, fmt, args...): print the verdict line, count failures.
ENTRY ktest_check
	addi sp, sp, -320
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
	sd a2, 16(sp)
	sd a3, 24(sp)
	sd a4, 32(sp)
	sd a5, 40(sp)
	sd a6, 48(sp)
	sd a7, 56(sp)
	addi a0, sp, 64
	mv a2, a1
	li a1, 240
	addi a3, sp, 16
	call vsnprintf
	la a1, str_ok
	bnez s0, 2f
	la a1, str_fail
	la t0, nr_check_failures
	li t1, 1
	amoadd.d zero, t1, (t0)
2:	la a0, fmt_check
	addi a2, sp, 64
	call printk
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 320
	ret
END ktest_check

# ktest_run: all checks, in order.
ENTRY ktest_run
	frame 1
	call ktest_sched
	call ktest_ipi
	call ktest_resched
	call ktest_migrate
	call ktest_stop_two
	unframe 1
	ret
END ktest_run

# ktest_start_spinning / ktest_stop_spinning: run or stop the busy threads
# on every online CPU; stopping waits until all are asleep again.
# ktest_start_spinning_mode(mode): 1 = with the lock, 2 = without.
.globl ktest_start_spinning
ktest_start_spinning:
	li a0, 1
.globl ktest_start_spinning_mode
ktest_start_spinning_mode:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd a0, ktest_spin, t1
	fence rw, rw
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 2f
	per_cpu_ptr t1, s0
	ld a0, PCPU_KCOUNTER_THREAD(t1)
	call wake_up_process
	per_cpu_ptr t1, s0
	ld a0, PCPU_KCOUNTER2_THREAD(t1)
	call wake_up_process
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

.globl ktest_stop_spinning
ktest_stop_spinning:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd zero, ktest_spin, t0
	fence rw, rw
	rdtime s1
	ld t0, timebase_frequency
	li t1, KTEST_WAIT_S
	mul t0, t0, t1
	add s1, s1, t0
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 4f
2:	per_cpu_ptr t1, s0
	ld t2, PCPU_KCOUNTER_THREAD(t1)
	ld t0, TASK_ON_RQ(t2)
	bnez t0, 3f
	ld t2, PCPU_KCOUNTER2_THREAD(t1)
	ld t0, TASK_ON_RQ(t2)
	beqz t0, 1b
3:	rdtime t0
	bgeu t0, s1, 5f
	call cpu_relax_resched
	j 2b
5:	la a0, msg_stuck
	mv a1, s0
	call panic
4:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

# ktest_all_preempted -> a0 = 1 when both busy threads of every online CPU
# have looped and been preempted at least once.
ktest_all_preempted:
	li a0, 0
	li t0, 0
1:	ld t1, nr_cpu_ids
	bgeu t0, t1, 3f
	ld t1, cpu_online_mask
	cpu_bit t1, t1, t0
	beqz t1, 2f
	per_cpu_ptr t2, t0
	ld t3, PCPU_KCOUNTER_THREAD(t2)
	ld t1, TASK_KT_LOOPS(t3)
	beqz t1, 4f
	ld t1, TASK_NIVCSW(t3)
	beqz t1, 4f
	ld t3, PCPU_KCOUNTER2_THREAD(t2)
	ld t1, TASK_KT_LOOPS(t3)
	beqz t1, 4f
	ld t1, TASK_NIVCSW(t3)
	beqz t1, 4f
2:	addi t0, t0, 1
	j 1b
3:	li a0, 1
4:	ret

# ktest_sched: the sched, spinlock and preempt checks.
.globl ktest_sched
ktest_sched:
	addi sp, sp, -96
	sd ra, 0(sp)
	save_sregs 7
	call ktest_start_spinning
	li a0, KTEST_SPIN_US
	call msleep_us
	# A host that runs more harts than it has cores can starve one of them
	# for a long while (QEMU), so give every thread until KTEST_WAIT_S to
	# have run and been preempted once; the verdicts below still decide.
	rdtime s1
	ld t0, timebase_frequency
	li t1, KTEST_WAIT_S
	mul t0, t0, t1
	add s1, s1, t0
4:	call ktest_all_preempted
	bnez a0, 5f
	rdtime t0
	bgeu t0, s1, 5f
	li a0, 10000
	call msleep_us
	j 4b
5:	call ktest_stop_spinning
	li s1, 0                    # CPUs where both threads progressed
	li s2, 0                    # ... and both were preempted
	li s3, 0                    # total lock acquisitions
	li s4, 0                    # preempt-off regions switched out of
	li s5, 0                    # least preemptions of any thread
	li s6, -1                   # least loops of any thread
	li t0, 1
	slli s5, t0, 62
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 3f
	per_cpu_ptr t5, s0
	ld t0, PCPU_ATOMIC_VIOLATIONS(t5)
	add s4, s4, t0
	ld a0, PCPU_KCOUNTER_THREAD(t5)
	ld a1, PCPU_KCOUNTER2_THREAD(t5)
	ld t0, TASK_KT_LOCKS(a0)
	add s3, s3, t0
	ld t0, TASK_KT_LOCKS(a1)
	add s3, s3, t0
	ld t0, TASK_KT_LOOPS(a0)
	ld t1, TASK_KT_LOOPS(a1)
	min_u t2, t0, t1
	min_u s6, s6, t2
	beqz t0, 2f
	beqz t1, 2f
	li t2, 1
	sll t2, t2, s0
	or s1, s1, t2
	ld t0, TASK_NIVCSW(a0)
	ld t1, TASK_NIVCSW(a1)
	min_u t3, t0, t1
	min_u s5, s5, t3
	beqz t0, 2f
	beqz t1, 2f
	or s2, s2, t2
2:	j 1b
3:	ld t0, cpu_online_mask
	xor a0, s1, t0
	seqz a0, a0
	la a1, fmt_sched_progress
	mv a2, s1
	mv a3, t0
	mv a4, s6
	call ktest_check
	ld t0, cpu_online_mask
	xor a0, s2, t0
	seqz a0, a0
	la a1, fmt_sched_preempt
	mv a2, s2
	mv a3, s5
	call ktest_check
	ld t0, ktest_counter
	xor a0, t0, s3
	seqz a0, a0
	la a1, fmt_spinlock
	ld a2, ktest_counter
	mv a3, s3
	call ktest_check
	seqz a0, s4
	la a1, fmt_preempt_off
	mv a2, s4
	call ktest_check
	ld ra, 0(sp)
	restore_sregs 7
	addi sp, sp, 96
	ret

# kmigrate_fn(unused): visit every online CPU; the set of CPUs where the
# thread then found itself goes to migrate_seen, then it completes.
ENTRY kmigrate_fn
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 2f
	call migrate_current_to
	call preempt_disable
	this_cpu t0
	bne t0, s0, 3f
	li t1, 1
	sll t1, t1, t0
	la t2, migrate_seen
	amoor.d zero, t1, (t2)
3:	call preempt_enable
	j 1b
2:	la a0, migrate_done
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END kmigrate_fn

.globl ktest_migrate
ktest_migrate:
	frame 1
	la a0, migrate_done
	call init_completion
	la a0, kmigrate_fn
	li a1, 0
	li a2, 0
	la a3, kmigrate_name
	call kthread_create_on_cpu
	call wake_up_process
	la a0, migrate_done
	call wait_for_completion
	ld t0, migrate_seen
	ld t1, cpu_online_mask
	xor a0, t0, t1
	seqz a0, a0
	la a1, fmt_migrate
	ld a2, migrate_seen
	ld a3, cpu_online_mask
	call ktest_check
	unframe 1
	ret

.section .rodata
kcounter_name:
	.asciz "kcounter/%u"
kcounter2_name:
	.asciz "kcounter2/%u"
str_ok:
	.asciz "ok"
str_fail:
	.asciz "FAIL"
fmt_check:
	.asciz "ktest: %s: %s\n"
msg_stuck:
	.asciz "ktest: CPU%u's busy threads did not stop"
fmt_sched_progress:
	.asciz "sched: both busy threads progressed on CPUs %b of %b (fewest loops %u)"
fmt_sched_preempt:
	.asciz "sched: both busy threads were preempted on CPUs %b (fewest preemptions %u)"
fmt_spinlock:
	.asciz "spinlock: counter %u after %u locked increments"
fmt_preempt_off:
	.asciz "preempt: %u context switches inside preempt-off regions"
kmigrate_name:
	.asciz "kmigrate"
fmt_migrate:
	.asciz "migrate: a thread moved itself to each CPU in turn and ran on %b of %b"

.section .data
.balign 8
ktest_spin:
	.dword 0
ktest_lock:
	.dword 0
ktest_counter:
	.dword 0
.globl nr_check_failures
nr_check_failures:
	.dword 0

.section .bss
.balign 8
migrate_seen:
	.zero 8
migrate_done:
	.zero COMP_SIZE
kcounter_threads:
	.zero HT_SIZE
kcounter2_threads:
	.zero HT_SIZE
