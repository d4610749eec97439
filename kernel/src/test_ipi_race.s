# test_ipi_race.s: KTAP cases where cross-CPU calls race with cpu_down
# (stop-machine.md invariant 5), suite ipi; ipi_count_fn is test_ipi.s's.
# Run by kunit_main in kernel_init's thread; listed in kunit_cases.s.
#   offline_race  two sender threads call CPU t, from preempt-off regions
#                 (no wait) and from preemptible code (wait and no wait),
#                 while t goes down and up. Each call returns 0 and runs
#                 exactly once, or returns -ENXIO: right after cpu_down(t)
#                 returns, every no-wait call queued so far has run (the
#                 dying flush) and t's queue is empty; a wait call has run
#                 when it returns.
#   self_race     (listed as stoptorture.self_race, so that the word
#                 `stoptorture` runs it) a sender that lives on t calls t
#                 from preemptible code (a local call) while t goes down
#                 and up under busy threads: pushed off t between its
#                 online check and get_cpu(), it would queue to t after t
#                 went offline; t's queue must stay empty while t is
#                 offline.

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "test_ipi_race.s"
.endm
.include "kunit.inc"

.equ RACE_ROUNDS, 10
.equ SELF_ROUNDS, 4
.equ RACE_SENDERS, 2
.equ RACE_LAND_TICKS, 1000000   # 100 ms of time for the last calls to run
# A sender's counters (one struct per sender thread).
struct_begin
field SND_RAN_A, 8          # no-wait calls that ran (the callback counts)
field SND_SENT_A, 8         # no-wait calls that returned 0
field SND_RAN_B, 8          # wait calls that ran
field SND_SENT_B, 8         # wait calls that returned 0
field SND_RAN_C, 8          # preemptible no-wait calls that ran
field SND_SENT_C, 8         # ... that returned 0
field SND_ENXIO, 8
field SND_BAD, 8            # wrong return, or a wait call not yet run
field SND_RAND, 8
field SND_DONE, COMP_SIZE
struct_end SND_SIZE

.section .text
# ipi_sender(snd): until ipi_race_running drops, call ipi_race_cpu at
# random: no wait inside a preempt-off region that also reads cpu_online,
# or wait from preemptible code. Counts into *snd.
ENTRY ipi_sender
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	# Yield between calls: the hotplug thread must not wait a whole
	# slice behind a sender (nor, under PCT, forever behind a spinner).
1:	call yield
	ld t0, ipi_race_running
	beqz t0, 9f
	addi a0, s0, SND_RAND
	call prandom_u32_state
	li t0, 3
	remu t0, a0, t0
	li t1, 1
	beq t0, t1, 4f
	bnez t0, 40f
	# No wait, in one preempt-off region with the online check.
	call preempt_disable
	ld s2, ipi_race_cpu
	mv a0, s2
	call cpu_online
	mv s1, a0
	mv a0, s2
	la a1, ipi_count_fn
	addi a2, s0, SND_RAN_A
	li a3, 0
	call smp_call_function_single
	# Seen online: the call must be queued. Seen offline: -ENXIO, or 0
	# if the CPU came up meanwhile (cpu_up needs no stop_machine, so the
	# region does not hold it off).
	addi t1, s0, SND_SENT_A
	beqz a0, 3f
	bnez s1, 5f
	addi t1, s0, SND_ENXIO
	li t0, -ENXIO
	bne a0, t0, 5f
3:	li t0, 1
	amoadd.d zero, t0, (t1)
	call preempt_enable
	j 1b
5:	call preempt_enable
	j 8f
	# Wait, preemptible: the call itself must be the whole guarantee.
4:	ld s1, SND_RAN_B(s0)
	ld a0, ipi_race_cpu
	la a1, ipi_count_fn
	addi a2, s0, SND_RAN_B
	li a3, 1
	call smp_call_function_single
	addi t1, s0, SND_ENXIO
	li t0, -ENXIO
	beq a0, t0, 6f
	bnez a0, 8f
	ld t0, SND_RAN_B(s0)
	sub t0, t0, s1
	li t2, 1
	bne t0, t2, 8f
	addi t1, s0, SND_SENT_B
6:	li t0, 1
	amoadd.d zero, t0, (t1)
	j 1b
	# No wait, preemptible: counted when it returns 0.
40:	ld a0, ipi_race_cpu
	la a1, ipi_count_fn
	addi a2, s0, SND_RAN_C
	li a3, 0
	call smp_call_function_single
	addi t1, s0, SND_ENXIO
	li t0, -ENXIO
	beq a0, t0, 6b
	bnez a0, 8f
	addi t1, s0, SND_SENT_C
	j 6b
8:	li t0, 1
	addi t1, s0, SND_BAD
	amoadd.d zero, t0, (t1)
	j 1b
9:	addi a0, s0, SND_DONE
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END ipi_sender

# ipi_race_sum(field) -> a0 = the field summed over the senders.
ipi_race_sum:
	la t0, ipi_senders
	li t1, RACE_SENDERS
	mv t3, a0
	li a0, 0
1:	add t2, t0, t3
	ld t2, 0(t2)
	add a0, a0, t2
	addi t0, t0, SND_SIZE
	addi t1, t1, -1
	bnez t1, 1b
	ret

# ipi_self_sender(unused): lives on CPU t (ipi_race_cpu) whenever t is
# online and calls it from preemptible code, no wait: a call to itself,
# run locally, unless the sender was pushed off t between the online check
# and get_cpu(). Busy threads keep it waiting on its new CPU until t is
# gone, so a check made outside the region queues to an offline CPU.
ENTRY ipi_self_sender
	frame 2
	sd s0, 8(sp)
1:	ld t0, ipi_race_running
	beqz t0, 9f
	ld s0, ipi_race_cpu
	this_cpu t0
	beq t0, s0, 2f
	# Move only to an active t: a move to an online but not yet active
	# CPU falls back here at the head of the queue (a woken task goes
	# first), and the loop would starve the cpu_up that activates t.
	ld t0, cpu_active_mask
	cpu_bit t0, t0, s0
	beqz t0, 3f
	mv a0, s0
	call migrate_current_to
2:	mv a0, s0
	la a1, ipi_count_fn
	la a2, ipi_self_ran
	li a3, 0
	call smp_call_function_single
	bnez a0, 1b
	la a0, ipi_self_sent
	call ipi_count_fn
	j 1b
3:	call yield
	j 1b
9:	la a0, ipi_self_done
	call complete
	ld s0, 8(sp)
	unframe 2
	ret
END ipi_self_sender

ENTRY test_ipi_self_race
	frame 2
	sd s0, 8(sp)
	li a0, 2
	call kunit_need_cpus
	bnez a0, 9f
	ld a0, cpu_online_mask
	call demo_last_cpu
	sd a0, ipi_race_cpu, t0
	sd zero, ipi_self_ran, t0
	sd zero, ipi_self_sent, t0
	la a0, ipi_self_done
	call init_completion
	li t0, 1
	sd t0, ipi_race_running, t1
	li a0, 2                    # busy threads, no lock
	call ktest_start_spinning_mode
	la a0, ipi_self_sender
	li a1, 0
	ld a2, ipi_race_cpu
	la a3, sender_name
	call kthread_create_on_cpu
	call wake_up_process
	li s0, SELF_ROUNDS
1:	li a0, 2000                 # the sender moves back to t
	call msleep_us
	ld a0, ipi_race_cpu
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	li a0, 2000                 # a sender pushed off t runs meanwhile
	call msleep_us
	ld a0, ipi_race_cpu
	per_cpu_ptr t0, a0
	ld t0, PCPU_CSQ(t0)
	EXPECT_FALSE t0, "call queue of the CPU while offline, before cpu_up"
	ld a0, ipi_race_cpu
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	addi s0, s0, -1
	bnez s0, 1b
	sd zero, ipi_race_running, t0
	la a0, ipi_self_done
	call wait_for_completion
	call ktest_stop_spinning
	li s0, 100
2:	ld t0, ipi_self_ran
	ld t1, ipi_self_sent
	beq t0, t1, 3f
	addi s0, s0, -1
	beqz s0, 3f
	call yield
	j 2b
3:	ld t0, ipi_self_ran
	ld t1, ipi_self_sent
	EXPECT_EQ t0, t1, "calls run / returned 0"
	la a0, msg_self
	li a1, SELF_ROUNDS
	ld a2, ipi_self_sent
	call printk
9:	ld s0, 8(sp)
	unframe 2
	ret
END test_ipi_self_race

ENTRY test_ipi_offline_race
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	li a0, 2
	call kunit_need_cpus
	bnez a0, 10f
	ld a0, cpu_online_mask
	call demo_last_cpu
	sd a0, ipi_race_cpu, t0
	la a0, ipi_senders
	li a1, 0
	li a2, RACE_SENDERS * SND_SIZE
	call memset8
	li t0, 1
	sd t0, ipi_race_running, t1
	li s0, 0
1:	li t0, RACE_SENDERS
	bgeu s0, t0, 2f
	li t0, SND_SIZE
	mul s1, s0, t0
	la t0, ipi_senders
	add s1, s1, t0
	mv a0, s0
	call kunit_rand_seed
	sd a0, SND_RAND(s1)
	addi a0, s1, SND_DONE
	call init_completion
	la a0, ipi_sender
	mv a1, s1
	addi a2, s0, 1              # sender i starts on CPU i + 1
	ld t0, nr_cpu_ids
	remu a2, a2, t0
	la a3, sender_name
	call kthread_create_on_cpu
	call wake_up_process
	addi s0, s0, 1
	j 1b
	# The rounds: down, check, let the senders see it offline, up.
2:	li s0, RACE_ROUNDS
3:	ld a0, ipi_race_cpu
	call cpu_down
	EXPECT_FALSE a0, "cpu_down"
	li a0, SND_RAN_A
	call ipi_race_sum
	mv s1, a0
	li a0, SND_SENT_A
	call ipi_race_sum
	EXPECT_EQ s1, a0, "no-wait calls run / queued, when cpu_down returned"
	# Nobody may queue to an offline CPU: its queue stays empty until
	# cpu_up (a sender that checked cpu_online outside its preempt-off
	# region queues here, and the call runs late or never).
	ld a0, ipi_race_cpu
	per_cpu_ptr t0, a0
	ld t0, PCPU_CSQ(t0)
	EXPECT_FALSE t0, "call queue of the CPU while offline, before cpu_up"
	ld a0, ipi_race_cpu
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	addi s0, s0, -1
	bnez s0, 3b
	sd zero, ipi_race_running, t0
	li s0, 0
4:	li t0, RACE_SENDERS
	bgeu s0, t0, 50f
	li t0, SND_SIZE
	mul a0, s0, t0
	la t0, ipi_senders
	add a0, a0, t0
	addi a0, a0, SND_DONE
	call wait_for_completion
	addi s0, s0, 1
	j 4b
50:	# The last no-wait calls went to an online CPU: let them land. The
	# bound is time, not a number of yields: under PCT the target's hart
	# may not run at all for a long stretch of this CPU's instructions.
	rdtime s2
	li t0, RACE_LAND_TICKS
	add s2, s2, t0
6:	li a0, SND_RAN_A
	call ipi_race_sum
	mv s1, a0
	li a0, SND_SENT_A
	call ipi_race_sum
	bne s1, a0, 61f
	li a0, SND_RAN_C
	call ipi_race_sum
	mv s1, a0
	li a0, SND_SENT_C
	call ipi_race_sum
	beq s1, a0, 7f
61:	rdtime t0
	bgeu t0, s2, 7f
	call yield
	j 6b
7:	li a0, SND_RAN_A
	call ipi_race_sum
	mv s1, a0
	li a0, SND_SENT_A
	call ipi_race_sum
	EXPECT_EQ s1, a0, "no-wait calls run / returned 0, at the end"
	li a0, SND_RAN_C
	call ipi_race_sum
	mv s1, a0
	li a0, SND_SENT_C
	call ipi_race_sum
	EXPECT_EQ s1, a0, "preemptible no-wait calls run / returned 0"
	li a0, SND_RAN_A
	call ipi_race_sum
	add s1, s1, a0
	li a0, SND_BAD
	call ipi_race_sum
	EXPECT_FALSE a0, "calls with a wrong result or not run on return"
	li a0, SND_SENT_B
	call ipi_race_sum
	mv a3, a0
	li a0, SND_ENXIO
	call ipi_race_sum
	mv a4, a0
	la a0, msg_race
	li a1, RACE_ROUNDS
	mv a2, s1
	call printk
10:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END test_ipi_offline_race

.section .rodata
sender_name:
	.asciz "kipi_sender"
msg_self:
	.asciz "# self_race: %u down/up rounds, %u calls\n"
msg_race:
	.asciz "# offline_race: %u down/up rounds; %u no-wait and %u wait calls ran once, %u got -ENXIO\n"

.section .data
.balign 8
ipi_race_running: .dword 0
ipi_race_cpu:     .dword 0

.section .bss
.balign 8
ipi_self_ran:
	.zero 8
ipi_self_sent:
	.zero 8
ipi_self_done:
	.zero COMP_SIZE
ipi_senders:
	.zero RACE_SENDERS * SND_SIZE
