# test_stop_machine.s: KTAP cases for stop_machine's invariants
# (/work/shared/reference/stop-machine.md, 1-3 and 8), suite stop_machine.
# Run by kunit_main in kernel_init's thread; listed in kunit_cases.s.
#   state_order     every participant acks PREPARE..EXIT in order; no ack
#                   ever meets a count already at 0 (set_state's order)
#   in_stopper      while fn runs, every other online CPU runs its stopper
#                   and has acked RUN with SIE = 0; fn's own SIE is 0
#   fn_once         fn runs once on each active CPU and nowhere else, for
#                   an explicit mask and for NULL (the first online CPU)
#   preempt_off     no preempt-off region of the busy threads overlaps fn
#   cpu_back        after cpu_down and cpu_up of a CPU, the next
#                   stop_machine runs fn there too

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "test_stop_machine.s"
.endm
.include "kunit.inc"

.equ SM_ROUNDS, 6                   # stop_machines per case

.section .text
# sm_count_fn(unused) -> 0: one more run on this CPU.
ENTRY sm_count_fn
	this_cpu t0
	slli t0, t0, 3
	la t1, sm_runs
	add t1, t1, t0
	li t0, 1
	amoadd.d zero, t0, (t1)
	li a0, 0
	ret
END sm_count_fn

# sm_reset: clear sm_runs.
.globl sm_reset, sm_runs_mask, sm_check, sm_atomic_seen
sm_reset:
	la t0, sm_runs
	li t1, NR_CPUS
1:	sd zero, 0(t0)
	addi t0, t0, 8
	addi t1, t1, -1
	bnez t1, 1b
	ret

# sm_runs_mask(n) -> a0 = CPUs where fn ran exactly n times, a1 = CPUs
# where it ran but not n times.
sm_runs_mask:
	li t0, 0
	li t4, 0
	li t5, 0
	la t1, sm_runs
1:	ld t2, 0(t1)
	li t3, 1
	sll t3, t3, t0
	bne t2, a0, 2f
	or t4, t4, t3
	j 3f
2:	beqz t2, 3f
	or t5, t5, t3
3:	addi t1, t1, 8
	addi t0, t0, 1
	li t3, NR_CPUS
	blt t0, t3, 1b
	mv a0, t4
	mv a1, t5
	ret

# sm_order_bad -> a0 = the sum of every CPU's MSTOP_ORDER_BAD.
sm_order_bad:
	li a0, 0
	li t0, 0
1:	per_cpu_ptr t1, t0
	ld t2, PCPU_MSTOP_ORDER_BAD(t1)
	add a0, a0, t2
	addi t0, t0, 1
	li t1, NR_CPUS
	blt t0, t1, 1b
	ret

# kunit_need_cpus(n) -> a0 = 1 (and the case is skipped) when fewer than n
# CPUs are online.
ENTRY kunit_need_cpus
	frame 2
	sd a0, 8(sp)
	call num_online_cpus
	ld t0, 8(sp)
	sltu a0, a0, t0
	beqz a0, 1f
	la a0, str_need_cpus
	call kunit_skip
	li a0, 1
1:	unframe 2
	ret
END kunit_need_cpus

ENTRY test_sm_state_order
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	call sm_order_bad
	mv s1, a0
	ld s2, mstop_ack_underflow
	li s0, SM_ROUNDS
1:	la a0, sm_count_fn
	li a1, 0
	li a2, 0
	call stop_machine
	EXPECT_EQ a0, zero, "stop_machine returns fn's 0"
	addi s0, s0, -1
	bnez s0, 1b
	call sm_order_bad
	EXPECT_EQ a0, s1, "states seen out of order (all CPUs)"
	ld t0, mstop_ack_underflow
	EXPECT_EQ t0, s2, "acks against a count already at 0"
	# Each online CPU's last ack was EXIT.
	li s0, -1
2:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 3f
	per_cpu_ptr t1, s0
	ld t1, PCPU_MSTOP_SEEN(t1)
	li t2, MULTI_STOP_EXIT
	EXPECT_EQ t1, t2, "last state a CPU acked"
	j 2b
3:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END test_sm_state_order

# sm_stopper_fn(unused): in RUN on the one active CPU. Waits (bounded) for
# every other online CPU to ack RUN, then checks it: its current task is
# its stopper and it acked with SIE = 0. Counts what it finds in sm_check.
ENTRY sm_stopper_fn
	csrr t0, sstatus
	andi t0, t0, SR_SIE
	la t1, sm_check
	sd t0, 0(t1)                # [0] own SIE
	this_cpu t6
	ld t5, cpu_online_mask
	li t4, 0
1:	li t3, NR_CPUS
	bgeu t4, t3, 9f
	cpu_bit t0, t5, t4
	beqz t0, 8f
	beq t4, t6, 8f
	per_cpu_ptr t3, t4
	li t2, 1000000              # bounded: a CPU that never acks RUN
2:	ld t0, PCPU_MSTOP_SEEN(t3)
	li t1, MULTI_STOP_RUN
	beq t0, t1, 3f
	addi t2, t2, -1
	bnez t2, 2b
	la t1, sm_check             # [1] CPUs that never acked RUN
	ld t0, 8(t1)
	addi t0, t0, 1
	sd t0, 8(t1)
	j 8f
3:	la t1, sm_check
	ld t0, PCPU_CURRENT(t3)
	ld t2, PCPU_STOPPER_THREAD(t3)
	beq t0, t2, 4f
	ld t0, 16(t1)               # [2] CPUs not in their stopper
	addi t0, t0, 1
	sd t0, 16(t1)
4:	ld t0, PCPU_MSTOP_SIE(t3)
	beqz t0, 5f
	ld t0, 24(t1)               # [3] CPUs with interrupts on
	addi t0, t0, 1
	sd t0, 24(t1)
5:	ld t0, 32(t1)               # [4] CPUs checked
	addi t0, t0, 1
	sd t0, 32(t1)
8:	addi t4, t4, 1
	j 1b
9:	li a0, 0
	ret
END sm_stopper_fn

ENTRY test_sm_in_stopper
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li s0, SM_ROUNDS
	li s1, 0                    # CPUs checked in all rounds
1:	la t0, sm_check
	sd zero, 0(t0)
	sd zero, 8(t0)
	sd zero, 16(t0)
	sd zero, 24(t0)
	sd zero, 32(t0)
	la a0, sm_stopper_fn
	li a1, 0
	li a2, 0
	call stop_machine
	la t0, sm_check
	ld t1, 0(t0)
	EXPECT_FALSE t1, "SIE of the CPU running fn"
	ld t1, 8(t0)
	EXPECT_FALSE t1, "CPUs that never acked RUN while fn ran"
	ld t1, 16(t0)
	EXPECT_FALSE t1, "CPUs not running their stopper while fn ran"
	ld t1, 24(t0)
	EXPECT_FALSE t1, "CPUs that acked RUN with interrupts on"
	ld t1, 32(t0)
	add s1, s1, t1
	addi s0, s0, -1
	bnez s0, 1b
	la a0, msg_in_stopper
	mv a1, s1
	call printk
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_sm_in_stopper

ENTRY test_sm_fn_once
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	# An explicit mask: the online CPUs, read under the hotplug lock.
	call cpus_read_lock
	call sm_reset
	ld s0, cpu_online_mask
	sd s0, 16(sp)
	la a0, sm_count_fn
	li a1, 0
	addi a2, sp, 16
	call stop_machine_cpuslocked
	call cpus_read_unlock
	li a0, 1
	call sm_runs_mask
	EXPECT_EQ a0, s0, "CPUs where fn ran once (mask = online)"
	EXPECT_FALSE a1, "CPUs where fn ran more than once"
	# cpus = NULL: the first online CPU only.
	call cpus_read_lock
	call sm_reset
	ld a0, cpu_online_mask
	call cpumask_first
	li s0, 1
	sll s0, s0, a0
	la a0, sm_count_fn
	li a1, 0
	li a2, 0
	call stop_machine_cpuslocked
	call cpus_read_unlock
	li a0, 1
	call sm_runs_mask
	EXPECT_EQ a0, s0, "CPUs where fn ran once (NULL: first online)"
	EXPECT_FALSE a1, "CPUs where fn ran more than once (NULL)"
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret
END test_sm_fn_once

# sm_atomic_fn(unused): counts CPUs caught inside a checked preempt-off
# region (PCPU_IN_ATOMIC, set under ktest's raw spinlock) while fn runs.
ENTRY sm_atomic_fn
	li t0, 0
	li t2, 0
1:	per_cpu_ptr t1, t0
	ld t1, PCPU_IN_ATOMIC(t1)
	add t2, t2, t1
	addi t0, t0, 1
	li t1, NR_CPUS
	blt t0, t1, 1b
	la t0, sm_atomic_seen
	amoadd.d zero, t2, (t0)
	li a0, 0
	ret
END sm_atomic_fn

ENTRY test_sm_preempt_off
	frame 2
	sd s0, 8(sp)
	sd zero, sm_atomic_seen, t0
	call ktest_start_spinning   # busy threads take a raw spinlock
	li a0, 1000                 # let them reach their locks
	call msleep_us
	li s0, 4
1:	la a0, sm_atomic_fn
	li a1, 0
	li a2, 0
	call stop_machine
	addi s0, s0, -1
	bnez s0, 1b
	call ktest_stop_spinning
	ld t0, sm_atomic_seen
	EXPECT_FALSE t0, "preempt-off regions in progress while fn ran"
	ld s0, 8(sp)
	unframe 2
	ret
END test_sm_preempt_off

ENTRY test_sm_cpu_back
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	call cpus_read_lock
	call sm_reset
	ld s1, cpu_online_mask
	sd s1, 24(sp)
	la a0, sm_count_fn
	li a1, 0
	addi a2, sp, 24
	call stop_machine_cpuslocked
	call cpus_read_unlock
	li a0, 1
	call sm_runs_mask
	EXPECT_EQ a0, s1, "CPUs where fn ran once after cpu_up"
	la t0, sm_runs
	slli t1, s0, 3
	add t0, t0, t1
	ld t0, 0(t0)
	li t1, 1
	EXPECT_EQ t0, t1, "runs of fn on the CPU brought back"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_sm_cpu_back

.section .rodata
str_need_cpus:
	.asciz "needs more online CPUs"
msg_in_stopper:
	.asciz "# in_stopper: %u CPU checks, each in its stopper with SIE = 0\n"

.section .bss
.balign 8
sm_runs:
	.zero NR_CPUS * 8
sm_check:
	.zero 40
sm_atomic_seen:
	.zero 8
