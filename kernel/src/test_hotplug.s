# test_hotplug.s: KTAP cases for CPU hotplug (stop-machine.md invariants
# 4 and 7), suite hotplug. Run by kunit_main in kernel_init's thread.
#   down_post     after cpu_down(t) returns 0: t in neither the online nor
#                 the active mask, stopper disabled and parked, call queue
#                 empty, cpuhp state OFFLINE, ap_sync_state DEAD, and SBI
#                 hart_get_status(t) reaches STOPPED; cpu_up undoes it all
#   errors        -EINVAL for a CPU that does not exist, -EBUSY for the
#                 last online CPU, 0 for a CPU already in the wanted state
#   hart_rules    hart_stop was called with SIE = 0 and never returned
#                 (the CPU died once per cpu_down); hart_start on a started
#                 hart is refused with ALREADY_AVAILABLE (-6)

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "test_hotplug.s"
.endm
.include "kunit.inc"

.section .text
# hp_hart_status_poll(cpu, want) -> a0 = the last HSM status seen; polls
# (bounded, yielding) until it is want.
hp_hart_status_poll:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	per_cpu_ptr s0, a0
	mv s1, a1
	li s2, 1000
1:	ld a0, PCPU_HARTID(s0)
	call sbi_hart_get_status
	beq a0, s1, 2f
	addi s2, s2, -1
	beqz s2, 2f
	sd a0, 8(sp)                # keep the status across yield
	call yield
	ld a0, 8(sp)
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

ENTRY test_hp_down_post
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
	per_cpu_ptr s1, s0
	mv a0, s0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	ld t0, cpu_online_mask
	cpu_bit t0, t0, s0
	EXPECT_FALSE t0, "in the online mask after cpu_down"
	ld t0, cpu_active_mask
	cpu_bit t0, t0, s0
	EXPECT_FALSE t0, "in the active mask after cpu_down"
	ld t0, PCPU_STOPPER_ENABLED(s1)
	EXPECT_FALSE t0, "stopper enabled after cpu_down"
	ld t0, PCPU_STOPPER_THREAD(s1)
	ld t0, TASK_PARKED(t0)
	EXPECT_TRUE t0, "stopper parked after cpu_down"
	ld t0, PCPU_CSQ(s1)
	EXPECT_FALSE t0, "call_single_queue after cpu_down"
	ld t0, PCPU_CPUHP_STATE(s1)
	li t1, CPUHP_OFFLINE
	EXPECT_EQ t0, t1, "cpuhp state after cpu_down"
	ld t0, PCPU_AP_SYNC_STATE(s1)
	li t1, SYNC_STATE_DEAD
	EXPECT_EQ t0, t1, "ap_sync_state after cpu_down"
	mv a0, s0
	li a1, SBI_HSM_STOPPED
	call hp_hart_status_poll
	li t1, SBI_HSM_STOPPED
	EXPECT_EQ a0, t1, "hart_get_status after cpu_down"
	# And back: cpu_up restores every one of them.
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	ld t0, cpu_online_mask
	cpu_bit t0, t0, s0
	EXPECT_TRUE t0, "in the online mask after cpu_up"
	ld t0, cpu_active_mask
	cpu_bit t0, t0, s0
	EXPECT_TRUE t0, "in the active mask after cpu_up"
	ld t0, PCPU_STOPPER_ENABLED(s1)
	EXPECT_TRUE t0, "stopper enabled after cpu_up"
	ld t0, PCPU_CPUHP_STATE(s1)
	li t1, CPUHP_ONLINE
	EXPECT_EQ t0, t1, "cpuhp state after cpu_up"
	mv a0, s0
	li a1, SBI_HSM_STARTED
	call hp_hart_status_poll
	EXPECT_EQ a0, zero, "hart_get_status after cpu_up"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_hp_down_post

ENTRY test_hp_errors
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	ld a0, nr_cpu_ids
	call cpu_down
	li t0, -EINVAL
	EXPECT_EQ a0, t0, "cpu_down(nr_cpu_ids)"
	ld a0, nr_cpu_ids
	call cpu_up
	li t0, -EINVAL
	EXPECT_EQ a0, t0, "cpu_up(nr_cpu_ids)"
	li a0, 0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up of an online CPU"
	# Every CPU but CPU0 down, then CPU0 is the last: -EBUSY.
	ld s1, cpu_online_mask
	li s0, 1
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 2f
	mv a0, s0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down of a non-boot CPU"
	mv a0, s0                   # a second time: already offline
	call cpu_down
	EXPECT_FALSE a0, "cpu_down of an offline CPU"
	addi s0, s0, 1
	j 1b
2:	ld t0, cpu_online_mask
	li t1, 1
	EXPECT_EQ t0, t1, "online mask with only CPU0 left"
	li a0, 0
	call cpu_down
	li t0, -EBUSY
	EXPECT_EQ a0, t0, "cpu_down of the last online CPU"
	li s0, 1
3:	ld t0, nr_cpu_ids
	bgeu s0, t0, 4f
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	addi s0, s0, 1
	j 3b
4:	ld t0, cpu_online_mask
	EXPECT_EQ t0, s1, "online mask after bringing all back"
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_hp_errors

ENTRY test_hp_hart_rules
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	# hart_start on a started hart (this one, and any online one).
	ld a0, PCPU_HARTID(tp)
	la a1, secondary_start
	li a2, 0
	call sbi_hart_start
	li t0, SBI_ERR_ALREADY_AVAILABLE
	EXPECT_EQ a0, t0, "hart_start on this started hart"
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	per_cpu_ptr s1, s0
	ld a0, PCPU_HARTID(s1)
	la a1, secondary_start
	mv a2, s1
	call sbi_hart_start
	li t0, SBI_ERR_ALREADY_AVAILABLE
	EXPECT_EQ a0, t0, "hart_start on another started hart"
	# hart_stop: with SIE = 0, once per cpu_down, and no return (a return
	# panics in arch_cpu_idle_dead).
	ld s2, PCPU_NR_DEAD(s1)
	sd zero, PCPU_DEAD_SSTATUS(s1)
	mv a0, s0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	ld t0, PCPU_NR_DEAD(s1)
	sub t0, t0, s2
	li t1, 1
	EXPECT_EQ t0, t1, "times the CPU reached hart_stop"
	ld t0, PCPU_DEAD_SSTATUS(s1)
	andi t0, t0, SR_SIE
	EXPECT_FALSE t0, "sstatus.SIE at hart_stop"
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	ld t0, PCPU_NR_DEAD(s1)
	sub t0, t0, s2
	li t1, 1
	EXPECT_EQ t0, t1, "times it reached hart_stop, after cpu_up"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END test_hp_hart_rules
