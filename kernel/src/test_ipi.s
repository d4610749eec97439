# test_ipi.s: KTAP cases for cross-CPU calls (stop-machine.md invariants 5
# and 6), suite ipi. Run by kunit_main in kernel_init's thread.
#   wait          smp_call_function_single and _many with wait return only
#                 after the callback ran (its store is visible on return)
#   enxio         -ENXIO, and no call, for a CPU that does not exist or is
#                 offline
#   dying_flush   a call queued to t while t cannot take the IPI (sie.SSIE
#                 masked there, as in demo step 3) runs exactly once, on t,
#                 from the dying flush of cpu_down(t), after t went offline
# The cases where calls race with cpu_down are in test_ipi_race.s.

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "test_ipi.s"
.endm
.include "kunit.inc"

.section .text
# ipi_flag_fn(flag): slow on purpose, then *flag = 1.
ENTRY ipi_flag_fn
	frame 2
	sd a0, 8(sp)
	li a0, 50
	call udelay
	ld a0, 8(sp)
	li t0, 1
	sd t0, 0(a0)
	unframe 2
	ret
END ipi_flag_fn

# ipi_many_fn(flags): ipi_flag_fn on flags[this CPU].
ENTRY ipi_many_fn
	this_cpu t0
	slli t0, t0, 3
	add a0, a0, t0
	j ipi_flag_fn
END ipi_many_fn

# ipi_count_fn(counter): *counter += 1.
ENTRY ipi_count_fn
	li t0, 1
	amoadd.d zero, t0, (a0)
	ret
END ipi_count_fn

# ipi_mask_fn(unused): on the target, mask the software interrupt; only
# the dying flush can run its calls now (start_secondary unmasks it).
ENTRY ipi_mask_fn
	li t0, IE_SSIE
	csrc sie, t0
	ret
END ipi_mask_fn

# ipi_dying_fn(unused): record where the call ran and whether that CPU
# was still online then.
ENTRY ipi_dying_fn
	la t0, ipi_dying
	li t1, 1
	amoadd.d zero, t1, (t0)
	this_cpu a0
	sd a0, 8(t0)
	ld t1, cpu_online_mask
	cpu_bit t1, t1, a0
	sd t1, 16(t0)
	ret
END ipi_dying_fn

ENTRY test_ipi_dying_flush
	frame 2
	sd s0, 8(sp)
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	la t0, ipi_dying
	sd zero, 0(t0)
	li t1, -1
	sd t1, 8(t0)
	sd t1, 16(t0)
	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	la a1, ipi_mask_fn
	li a2, 0
	li a3, 1
	call smp_call_function_single
	EXPECT_FALSE a0, "masking call"
	mv a0, s0
	la a1, ipi_dying_fn
	li a2, 0
	li a3, 0
	call smp_call_function_single
	EXPECT_FALSE a0, "call queued while online"
	mv a0, s0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	la t0, ipi_dying
	ld t1, 0(t0)
	li t2, 1
	EXPECT_EQ t1, t2, "runs of the call queued before cpu_down"
	ld t1, 8(t0)
	EXPECT_EQ t1, s0, "CPU the call ran on"
	ld t1, 16(t0)
	EXPECT_FALSE t1, "the CPU still online when its dying flush ran"
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
9:	ld s0, 8(sp)
	unframe 2
	ret
END test_ipi_dying_flush

ENTRY test_ipi_wait
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li s0, -1
1:	mv a0, s0                   # every online CPU, this one included
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 2f
	sd zero, 24(sp)
	mv a0, s0
	la a1, ipi_flag_fn
	addi a2, sp, 24
	li a3, 1
	call smp_call_function_single
	EXPECT_FALSE a0, "smp_call_function_single(wait) result"
	ld t0, 24(sp)
	EXPECT_TRUE t0, "callback done when the wait call returned"
	j 1b
2:	la a0, ipi_flags
	li a1, 0
	li a2, NR_CPUS * 8
	call memset8
	call preempt_disable
	ld a0, cpu_online_mask
	la a1, ipi_many_fn
	la a2, ipi_flags
	li a3, 1
	call smp_call_function_many
	# Every online CPU but this one must have its flag set by now.
	li s1, 0
	li t0, 0
	la t1, ipi_flags
3:	ld t2, 0(t1)
	beqz t2, 4f
	li t2, 1
	sll t2, t2, t0
	or s1, s1, t2
4:	addi t0, t0, 1
	addi t1, t1, 8
	li t2, NR_CPUS
	blt t0, t2, 3b
	ld t0, cpu_online_mask
	this_cpu t1
	li t2, 1
	sll t2, t2, t1
	not t2, t2
	and s0, t0, t2
	call preempt_enable
	EXPECT_EQ s1, s0, "CPUs done when smp_call_function_many(wait) returned"
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_ipi_wait

ENTRY test_ipi_enxio
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd zero, 16(sp)
	ld a0, nr_cpu_ids
	la a1, ipi_count_fn
	addi a2, sp, 16
	li a3, 1
	call smp_call_function_single
	li t0, -ENXIO
	EXPECT_EQ a0, t0, "call to CPU nr_cpu_ids"
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	mv a0, s0
	la a1, ipi_count_fn
	addi a2, sp, 16
	li a3, 1
	call smp_call_function_single
	li t0, -ENXIO
	EXPECT_EQ a0, t0, "wait call to an offline CPU"
	mv a0, s0
	la a1, ipi_count_fn
	addi a2, sp, 16
	li a3, 0
	call smp_call_function_single
	li t0, -ENXIO
	EXPECT_EQ a0, t0, "no-wait call to an offline CPU"
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	li a0, 1000
	call msleep_us
	ld t0, 16(sp)
	EXPECT_FALSE t0, "runs of calls refused with -ENXIO"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret
END test_ipi_enxio

.section .bss
.balign 8
ipi_dying:
	.zero 24                    # runs, CPU, online then
ipi_flags:
	.zero NR_CPUS * 8
