# test_stop.s: KTAP cases for the stopper API on online and offline CPUs,
# suite stop. Run by kunit_main in kernel_init's thread.
#   one_cpu   stop_one_cpu(c) runs fn once, on c, and returns its result;
#             -ENOENT and no run for an offline c
#   two_cpus  stop_two_cpus(a, b) runs fn once, on a; -ENOENT and no run
#             when either CPU is offline
#   cpus      stop_cpus(mask) runs fn once on every online CPU of mask;
#             -ENOENT when none of mask is online

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "test_stop.s"
.endm
.include "kunit.inc"

.section .text
# st_fn(unused) -> 100 + this CPU, after counting the run per CPU.
ENTRY st_fn
	this_cpu t0
	slli t1, t0, 3
	la t2, st_runs
	add t2, t2, t1
	li t1, 1
	amoadd.d zero, t1, (t2)
	addi a0, t0, 100
	ret
END st_fn

# st_reset: clear st_runs. st_mask -> a0 = CPUs with exactly one run,
# a1 = the total number of runs.
st_reset:
	la a0, st_runs
	li a1, 0
	li a2, NR_CPUS * 8
	j memset8

st_mask:
	li a0, 0
	li a1, 0
	li t0, 0
	la t1, st_runs
1:	ld t2, 0(t1)
	add a1, a1, t2
	li t3, 1
	bne t2, t3, 2f
	sll t3, t3, t0
	or a0, a0, t3
2:	addi t0, t0, 1
	addi t1, t1, 8
	li t3, NR_CPUS
	blt t0, t3, 1b
	ret

# st_down_last -> a0 = the highest online CPU, now taken down (the case
# brings it back with cpu_up).
st_down_last:
	frame 2
	ld a0, cpu_online_mask
	call demo_last_cpu
	sd a0, 8(sp)
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	ld a0, 8(sp)
	unframe 2
	ret

ENTRY test_stop_one_cpu
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 2f
	call st_reset
	mv a0, s0
	la a1, st_fn
	li a2, 0
	call stop_one_cpu
	addi t0, s0, 100
	EXPECT_EQ a0, t0, "stop_one_cpu returns fn's result"
	call st_mask
	li t0, 1
	sll t0, t0, s0
	EXPECT_EQ a0, t0, "CPUs where fn ran once"
	li t0, 1
	EXPECT_EQ a1, t0, "runs of fn"
	j 1b
2:	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	call st_reset
	call st_down_last
	mv s1, a0
	la a1, st_fn
	li a2, 0
	call stop_one_cpu
	li t0, -ENOENT
	EXPECT_EQ a0, t0, "stop_one_cpu on an offline CPU"
	call st_mask
	EXPECT_FALSE a1, "runs of fn for an offline CPU"
	mv a0, s1
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_stop_one_cpu

ENTRY test_stop_two_cpus
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
	# Both orders: the first CPU is the active one.
	call st_reset
	mv a0, s0
	li a1, 0
	la a2, st_fn
	li a3, 0
	call stop_two_cpus
	addi t0, s0, 100
	EXPECT_EQ a0, t0, "stop_two_cpus(last, 0) returns fn's result"
	call st_mask
	li t0, 1
	sll t0, t0, s0
	EXPECT_EQ a0, t0, "CPUs where fn ran once (last, 0)"
	call st_reset
	li a0, 0
	mv a1, s0
	la a2, st_fn
	li a3, 0
	call stop_two_cpus
	li t0, 100
	EXPECT_EQ a0, t0, "stop_two_cpus(0, last) returns fn's result"
	call st_mask
	li t0, 1
	EXPECT_EQ a0, t0, "CPUs where fn ran once (0, last)"
	EXPECT_EQ a1, t0, "runs of fn (0, last)"
	# One of them offline, either position.
	call st_reset
	call st_down_last
	mv a0, s0
	li a1, 0
	la a2, st_fn
	li a3, 0
	call stop_two_cpus
	li t0, -ENOENT
	EXPECT_EQ a0, t0, "stop_two_cpus(offline, 0)"
	li a0, 0
	mv a1, s0
	la a2, st_fn
	li a3, 0
	call stop_two_cpus
	li t0, -ENOENT
	EXPECT_EQ a0, t0, "stop_two_cpus(0, offline)"
	call st_mask
	EXPECT_FALSE a1, "runs of fn with an offline CPU"
	mv a0, s0
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_stop_two_cpus

ENTRY test_stop_cpus
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	call st_reset
	ld s0, cpu_online_mask
	mv a0, s0
	la a1, st_fn
	li a2, 0
	call stop_cpus
	EXPECT_TRUE a0, "stop_cpus returns a non-zero fn result"
	call st_mask
	EXPECT_EQ a0, s0, "CPUs where fn ran once (mask = online)"
	call cpumask_weight_online
	EXPECT_EQ a1, a0, "runs of fn (mask = online)"
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	call st_reset
	call st_down_last
	mv s1, a0
	li a0, 1
	sll a0, a0, s1
	la a1, st_fn
	li a2, 0
	call stop_cpus
	li t0, -ENOENT
	EXPECT_EQ a0, t0, "stop_cpus with only an offline CPU"
	call st_mask
	EXPECT_FALSE a1, "runs of fn on an offline mask"
	mv a0, s0                   # the old online mask, one CPU now down
	la a1, st_fn
	li a2, 0
	call stop_cpus
	EXPECT_TRUE a0, "stop_cpus with one CPU of the mask offline"
	call st_mask
	ld t0, cpu_online_mask
	EXPECT_EQ a0, t0, "CPUs where fn ran once (one offline)"
	mv a0, s1
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END test_stop_cpus

# cpumask_weight_online -> a0 = online CPUs; keeps a1.
cpumask_weight_online:
	ld t0, cpu_online_mask
	li a0, 0
1:	beqz t0, 2f
	andi t1, t0, 1
	add a0, a0, t1
	srli t0, t0, 1
	j 1b
2:	ret

.section .bss
.balign 8
st_runs:
	.zero NR_CPUS * 8
