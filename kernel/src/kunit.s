# kunit.s: the in-kernel test runner (Linux lib/kunit, much reduced).
#
# kernel_init calls kunit_main instead of the self-checks and the demo when
# the bootargs hold `test=GLOB` (or the word `stoptorture`). It selects the
# rows of the case table (kunit_cases.s) whose "suite.name" or suite
# matches GLOB (`*` any run of characters, `?` one), runs them one after
# the other in kernel_init's thread and prints KTAP v1 on the console:
#
#	KTAP version 1
#	1..N
#	# FAIL test_ipi.s: csd ran once: EXPECT_EQ: 2 != 1 (0x2, 0x1)
#	not ok 1 ipi.wait
#	ok 2 stop.one_cpu # SKIP needs 2 CPUs
#
# `seed=N` seeds kunit_rand (default 1). Each case has a timeout in
# milliseconds of `time`; kunit_watchdog, called from every CPU's tick and
# from multi_cpu_stop's spin loop (which runs with interrupts off), reports
# a case that overran as `not ok ... # timeout`, the cases not run yet as
# `not ok`, and shuts the machine down: a hung test still ends the run.
# kernel_init then powers off as usual: SRST reason "failure" when any case
# failed (nr_check_failures counts them).

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "kunit.s"
.endm
.include "kunit.inc"

.section .text
# kunit_main: select, run and report. Returns to kernel_init.
ENTRY kunit_main
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	la a0, str_test
	call cmdline_get
	bnez a0, 1f
	la a0, str_torture_glob     # the word `stoptorture` alone
1:	sd a0, kunit_glob, t0
	get_current t0
	sd t0, kunit_runner, t1
	li s0, 1
	la a0, str_seed
	call cmdline_get
	beqz a0, 2f
	call simple_strtoul
	mv s0, a0
2:	sd s0, kunit_seed, t0
	# The plan first: count the selected rows.
	li s1, 0
	la s0, kunit_cases
3:	la t0, kunit_cases_end
	bgeu s0, t0, 4f
	mv a0, s0
	call kunit_selected
	add s1, s1, a0
	addi s0, s0, KUNIT_ROW
	j 3b
4:	la a0, msg_ktap
	call printk
	la a0, msg_plan
	mv a1, s1
	call printk
	la a0, msg_header
	ld a1, kunit_seed
	ld a2, cpu_online_mask
	call printk
	# Then each selected row, numbered from 1.
	la s0, kunit_cases
5:	la t0, kunit_cases_end
	bgeu s0, t0, 6f
	mv a0, s0
	call kunit_selected
	beqz a0, 7f
	ld t0, kunit_nr_run
	addi t0, t0, 1
	sd t0, kunit_nr_run, t1
	mv a0, s0
	call kunit_run_case
7:	addi s0, s0, KUNIT_ROW
	j 5b
6:	la a0, msg_totals
	ld a1, kunit_nr_pass
	ld a2, kunit_nr_fail
	ld a3, kunit_nr_skip
	call printk
	ld t0, kunit_nr_fail
	la t1, nr_check_failures
	amoadd.d zero, t0, (t1)
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END kunit_main

# kunit_run_case(row): arm the watchdog, run fn, print the verdict.
ENTRY kunit_run_case
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	sd a0, kunit_cur_row, t0
	sd zero, kunit_failed, t0
	sd zero, kunit_skip_reason, t0
	# Each case draws its own random stream: seed and case number.
	ld t0, kunit_seed
	li t1, 0x9e3779b97f4a7c15
	mul t0, t0, t1
	ld t1, kunit_nr_run
	add t0, t0, t1
	ori t0, t0, 1
	sd t0, kunit_rand_state, t1
	ld a0, 24(s0)
	bnez a0, 1f
	li a0, KUNIT_TIMEOUT_MS
1:	sd a0, kunit_timeout_ms, t0
	ld t0, timebase_frequency
	mul a0, a0, t0
	li t1, 1000
	divu a0, a0, t1
	rdtime t0
	add a0, a0, t0
	fence rw, w
	sd a0, kunit_deadline, t0
	ld t0, 16(s0)
	jalr t0
	sd zero, kunit_deadline, t0
	# A case must give back what it took: preemption and interrupts.
	ld s1, PCPU_PREEMPT_COUNT(tp)
	EXPECT_EQ s1, zero, "preempt_count after the case"
	csrr s1, sstatus
	andi s1, s1, SR_SIE
	EXPECT_TRUE s1, "interrupts on after the case"
	# The verdict.
	ld a1, kunit_nr_run
	ld a2, 0(s0)
	ld a3, 8(s0)
	ld a4, kunit_skip_reason
	ld t0, kunit_failed
	bnez t0, 2f
	bnez a4, 3f
	la a0, msg_ok
	la t1, kunit_nr_pass
	j 4f
2:	la a0, msg_not_ok
	la t1, kunit_nr_fail
	j 4f
3:	la a0, msg_skip
	la t1, kunit_nr_skip
4:	li t2, 1
	amoadd.d zero, t2, (t1)
	call printk
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END kunit_run_case

# kunit_selected(row) -> a0 = 1 if "suite.name" or suite matches the glob.
ENTRY kunit_selected
	addi sp, sp, -64
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
	# "suite.name" into a buffer on the stack (names are short).
	addi t0, sp, 16
	addi t3, sp, 63             # last usable byte
	ld t1, 0(s0)
	li t4, '.'
1:	lbu t2, 0(t1)
	beqz t2, 2f
	bgeu t0, t3, 4f
	sb t2, 0(t0)
	addi t0, t0, 1
	addi t1, t1, 1
	j 1b
2:	ld t1, 8(s0)
	mv t2, t4                   # the dot, then the name
3:	bgeu t0, t3, 4f
	sb t2, 0(t0)
	beqz t2, 5f
	addi t0, t0, 1
	lbu t2, 0(t1)
	addi t1, t1, 1
	j 3b
4:	sb zero, 0(t0)
5:	ld a0, kunit_glob
	addi a1, sp, 16
	call glob_match
	bnez a0, 6f
	ld a0, kunit_glob
	ld a1, 0(s0)
	call glob_match
6:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 64
	ret
END kunit_selected

# glob_match(pattern, s) -> a0 = 1 if s matches pattern, which ends at NUL
# or a space (it comes straight from the bootargs). `*` matches any run of
# characters, `?` any one. Iterative, with one backtrack point: the last
# `*` (as Linux's lib/glob.c).
ENTRY glob_match
	li t5, 0                    # pattern after the last '*', or 0
	li t6, 0                    # where in s that '*' resumes
1:	lbu t0, 0(a0)
	li t2, ' '
	bne t0, t2, 2f
	li t0, 0
2:	lbu t1, 0(a1)
	li t2, '*'
	bne t0, t2, 3f
	addi a0, a0, 1              # '*': match nothing for now
	mv t5, a0
	mv t6, a1
	j 1b
3:	beqz t1, 6f                 # end of s
	li t2, '?'
	beq t0, t2, 4f
	bne t0, t1, 5f
4:	addi a0, a0, 1
	addi a1, a1, 1
	j 1b
5:	beqz t5, 7f                 # mismatch: let the last '*' take one more
	addi t6, t6, 1
	mv a0, t5
	mv a1, t6
	j 1b
6:	seqz a0, t0                 # both ended: a match
	ret
7:	li a0, 0
	ret
END glob_match

# kunit_set_timeout(ms): the running case's timeout, from now.
ENTRY kunit_set_timeout
	sd a0, kunit_timeout_ms, t0
	ld t0, timebase_frequency
	mul a0, a0, t0
	li t1, 1000
	divu a0, a0, t1
	rdtime t0
	add a0, a0, t0
	sd a0, kunit_deadline, t0
	ret
END kunit_set_timeout

# kunit_skip(reason): the running case is reported as skipped (unless an
# expectation failed), with reason.
ENTRY kunit_skip
	sd a0, kunit_skip_reason, t0
	ret
END kunit_skip

# kunit_expect_failed(location, a, b, kind): from the EXPECT_* macros,
# which saved ra and a0-a3. Saves the other caller-saved registers, prints
# the diagnostic and marks the running case failed. Any context, any CPU.
ENTRY kunit_expect_failed
	addi sp, sp, -112
	sd ra, 0(sp)
	sd t0, 8(sp)
	sd t1, 16(sp)
	sd t2, 24(sp)
	sd t3, 32(sp)
	sd t4, 40(sp)
	sd t5, 48(sp)
	sd t6, 56(sp)
	sd a4, 64(sp)
	sd a5, 72(sp)
	sd a6, 80(sp)
	sd a7, 88(sp)
	la t0, kunit_failed
	li t1, 1
	amoadd.d zero, t1, (t0)
	la t0, kunit_expect_fmts
	slli a3, a3, 3
	add t0, t0, a3
	mv a4, a1
	mv a5, a2
	mv a3, a2
	mv a2, a1
	mv a1, a0
	ld a0, 0(t0)
	call printk
	ld ra, 0(sp)
	ld t0, 8(sp)
	ld t1, 16(sp)
	ld t2, 24(sp)
	ld t3, 32(sp)
	ld t4, 40(sp)
	ld t5, 48(sp)
	ld t6, 56(sp)
	ld a4, 64(sp)
	ld a5, 72(sp)
	ld a6, 80(sp)
	ld a7, 88(sp)
	addi sp, sp, 112
	ret
END kunit_expect_failed

# kunit_watchdog: from the tick (time.s) and from multi_cpu_stop's spin
# loop. Costs a load and a branch while no case is running.
ENTRY kunit_watchdog
	ld t0, kunit_deadline
	bnez t0, 1f
	ret
1:	rdtime t1
	bgeu t1, t0, 2f
	ret
	# Overran: the first CPU to see it reports; the others carry on until
	# the machine goes down.
2:	la t0, kunit_fired
	li t1, 1
	amoswap.d.aqrl t1, t1, (t0)
	beqz t1, kunit_timeout
	ret
END kunit_watchdog

# kunit_timeout: report the running case and the rest, then power off.
# Never returns.
kunit_timeout:
	ld s0, kunit_cur_row
	la a0, msg_timeout_diag
	ld a1, 0(s0)
	ld a2, 8(s0)
	ld a3, kunit_timeout_ms
	call printk
	la a0, msg_timeout
	ld a1, kunit_nr_run
	ld a2, 0(s0)
	ld a3, 8(s0)
	ld a4, kunit_timeout_ms
	call printk
	# What every online CPU is doing, to start the post-mortem.
	li s1, 0
3:	ld t0, nr_cpu_ids
	bgeu s1, t0, 4f
	per_cpu_ptr t1, s1
	ld t2, cpu_online_mask
	cpu_bit t2, t2, s1
	beqz t2, 5f
	la a0, msg_timeout_cpu
	mv a1, s1
	ld t2, PCPU_CURRENT(t1)
	addi a2, t2, TASK_NAME
	ld a3, PCPU_PREEMPT_COUNT(t1)
	ld a4, PCPU_MSTOP_SEEN(t1)
	ld a5, PCPU_CSQ(t1)
	ld a6, PCPU_JIFFIES(t1)
	ld a7, PCPU_NEED_RESCHED(t1)
	call printk
5:	addi s1, s1, 1
	j 3b
4:	ld t0, kunit_runner         # and where the case's own thread is
	la a0, msg_timeout_runner
	ld a1, TASK_CPU(t0)
	ld a2, TASK_STATE(t0)
	ld a3, TASK_ON_RQ(t0)
	ld a4, TASK_ON_CPU(t0)
	ld a5, THREAD_RA(t0)
	call printk
	li s1, 1                    # failures: this case and those not run
	ld s2, kunit_nr_run
1:	addi s0, s0, KUNIT_ROW
	la t0, kunit_cases_end
	bgeu s0, t0, 2f
	mv a0, s0
	call kunit_selected
	beqz a0, 1b
	addi s2, s2, 1
	addi s1, s1, 1
	la a0, msg_not_run
	mv a1, s2
	ld a2, 0(s0)
	ld a3, 8(s0)
	call printk
	j 1b
2:	la a0, msg_totals
	ld a1, kunit_nr_pass
	ld a2, kunit_nr_fail
	add a2, a2, s1
	ld a3, kunit_nr_skip
	call printk
	ld t0, kunit_nr_fail
	add s1, s1, t0
	la t0, nr_check_failures
	amoadd.d zero, s1, (t0)
	j kernel_poweroff

# prandom_u32_state(state) -> a0 = the next 32 random bits of the 64-bit
# xorshift* generator at *state (Linux's name; a different generator).
ENTRY prandom_u32_state
	ld t0, 0(a0)
	srli t1, t0, 12
	xor t0, t0, t1
	slli t1, t0, 25
	xor t0, t0, t1
	srli t1, t0, 27
	xor t0, t0, t1
	sd t0, 0(a0)
	li t1, 0x2545f4914f6cdd1d
	mul t0, t0, t1
	srli a0, t0, 32
	ret
END prandom_u32_state

# kunit_rand(n) -> a0 = a random number below n (n > 0) from the case's
# stream, which `seed=` and the case number determine. Not reentrant:
# threads keep their own state (kunit_rand_seed + prandom_u32_state).
ENTRY kunit_rand
	frame 2
	sd a0, 8(sp)
	la a0, kunit_rand_state
	call prandom_u32_state
	ld t0, 8(sp)
	remu a0, a0, t0
	unframe 2
	ret
END kunit_rand

# kunit_rand_seed(id) -> a0 = a state word for a thread's own stream.
ENTRY kunit_rand_seed
	ld t0, kunit_rand_state
	li t1, 0xbf58476d1ce4e5b9
	addi a0, a0, 1
	mul a0, a0, t1
	xor a0, a0, t0
	ori a0, a0, 1
	ret
END kunit_rand_seed

.section .rodata
str_test:
	.asciz "test"
str_seed:
	.asciz "seed"
str_torture_glob:
	.asciz "stoptorture*"
msg_ktap:
	.asciz "KTAP version 1\n"
msg_plan:
	.asciz "1..%u\n"
msg_header:
	.asciz "# kunit: seed %u, CPUs %b online\n"
msg_ok:
	.asciz "ok %u %s.%s\n"
msg_not_ok:
	.asciz "not ok %u %s.%s\n"
msg_skip:
	.asciz "ok %u %s.%s # SKIP %s\n"
msg_totals:
	.asciz "# kunit: %u passed, %u failed, %u skipped\n"
msg_timeout_diag:
	.asciz "# timeout: %s.%s did not finish within %u ms\n"
msg_timeout:
	.asciz "not ok %u %s.%s # timeout after %u ms\n"
msg_timeout_cpu:
	.asciz "# timeout: CPU%u runs %s, preempt_count %x, last multi_cpu_stop state %u, call queue %x, jiffies %u, need_resched %u\n"
msg_timeout_runner:
	.asciz "# timeout: the case's thread: CPU%u, state %u, on_rq %u, on_cpu %u, switched out at %x\n"
msg_not_run:
	.asciz "not ok %u %s.%s # not run: an earlier case timed out\n"
fmt_eq:
	.asciz "# FAIL %s: EXPECT_EQ: %d != %d (0x%x, 0x%x)\n"
fmt_ne:
	.asciz "# FAIL %s: EXPECT_NE: both %d\n"
fmt_true:
	.asciz "# FAIL %s: EXPECT_TRUE: got %d\n"
fmt_false:
	.asciz "# FAIL %s: EXPECT_FALSE: got %d\n"
.balign 8
kunit_expect_fmts:
	.dword fmt_eq, fmt_ne, fmt_true, fmt_false

.section .data
.balign 8
.globl kunit_seed
kunit_seed:        .dword 1
kunit_glob:        .dword 0
kunit_runner:      .dword 0
kunit_cur_row:     .dword 0
kunit_failed:      .dword 0
kunit_skip_reason: .dword 0
kunit_timeout_ms:  .dword 0
.globl kunit_deadline
kunit_deadline:    .dword 0
kunit_fired:       .dword 0
kunit_nr_run:      .dword 0
kunit_nr_pass:     .dword 0
kunit_nr_fail:     .dword 0
kunit_nr_skip:     .dword 0
kunit_rand_state:  .dword 1
