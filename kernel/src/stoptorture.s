# stoptorture.s: a torture test of stop_machine, hotplug and IPIs in the
# spirit of rcutorture; the KTAP case stoptorture.run (`test=stoptorture`,
# or the word `stoptorture`; `torture.iters=N` hotplug operations, default
# 10; randomness from `seed=N`). Run by kunit_main in kernel_init's thread,
# which becomes the hotplug thread; meanwhile, on any CPUs:
#   kst_ipi x2   random calls to random CPUs: single with and without wait
#                from preempt-off regions that read cpu_online, single with
#                wait from preemptible code, _many with and without wait
#   kst_stop     stop_machine (fn checks every other online CPU is in its
#                stopper with SIE = 0, and no checked preempt-off or
#                irq-off region is in progress) and stop_two_cpus on random
#                pairs (fn on the first; 0 or -ENOENT)
#   kst_irqoff   short irq-off regions, and raw-spinlock (preempt-off)
#                regions, each flagged in PCPU_IN_ATOMIC
# Every thread yields after each operation, so that the hotplug thread and
# the stoppers are never kept waiting a whole time slice.
# After each cpu_down the full post-condition is checked, after each cpu_up
# that the next stop_machine includes the CPU; at the end every no-wait call
# that returned 0 must have run exactly once. Statistics go out as KTAP
# diagnostics.

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "stoptorture.s"
.endm
.include "kunit.inc"

.equ TT_SENDERS, 2
.equ TT_THREADS, TT_SENDERS + 2     # + kst_stop + kst_irqoff

.section .text
# tt_count(counter): one more (a call's callback, or a statistic).
ENTRY tt_count
	li t0, 1
	amoadd.d zero, t0, (a0)
	ret
END tt_count

# tt_others(mask) -> a0 = mask without this CPU, counted.
tt_others:
	this_cpu t0
	li t1, 1
	sll t1, t1, t0
	not t1, t1
	and a0, a0, t1
	j cpumask_weight

# tt_ipi(rand state): the IPI sender.
ENTRY tt_ipi
	addi sp, sp, -64
	sd ra, 0(sp)
	save_sregs 5
	sd a0, 48(sp)               # this thread's random state
	sd zero, 56(sp)             # this thread's wait-call callbacks
1:	call yield
	ld t0, tt_running
	beqz t0, 9f
	addi a0, sp, 48
	call prandom_u32_state
	srli t0, a0, 8
	ld t1, nr_cpu_ids
	remu s1, t0, t1             # target
	li t0, 5
	remu s0, a0, t0             # kind
	la a0, tt_nr_ipi
	call tt_count
	li t0, 2
	beq s0, t0, 20f
	call preempt_disable
	bgeu s0, t0, 30f
	# 0, 1: single, no wait / wait, in a region that reads cpu_online.
	mv a0, s1
	call cpu_online
	mv s2, a0
	ld s3, 56(sp)
	mv a0, s1
	la a1, tt_count
	la a2, tt_ran
	beqz s0, 2f
	addi a2, sp, 56
2:	mv a3, s0
	call smp_call_function_single
	mv s4, a0
	call preempt_enable
	# Seen online in the region: the call must be queued. Seen offline:
	# -ENXIO, or 0 if it came up meanwhile (cpu_up needs no stop_machine).
	beqz s4, 5f
	li t0, -ENXIO
	bne s4, t0, 6f
	beqz s2, 4f
6:	EXPECT_FALSE s4, "call to a CPU seen online in the region"
	j 1b
5:	beqz s0, 3f
	ld t0, 56(sp)               # wait: it ran before the return
	sub t0, t0, s3
	li t1, 1
	EXPECT_EQ t0, t1, "wait call ran once when it returned"
	j 1b
3:	la a0, tt_sent
	call tt_count
	j 1b
4:	la a0, tt_nr_enxio
	call tt_count
	j 1b
	# 2: single with wait, preemptible: 0 and run, or -ENXIO.
20:	ld s3, 56(sp)
	mv a0, s1
	la a1, tt_count
	addi a2, sp, 56
	li a3, 1
	call smp_call_function_single
	li t0, -ENXIO
	beq a0, t0, 21f
	EXPECT_FALSE a0, "preemptible wait call"
	ld t0, 56(sp)
	sub t0, t0, s3
	li t1, 1
	EXPECT_EQ t0, t1, "preemptible wait call ran once when it returned"
	j 1b
21:	la a0, tt_nr_enxio
	call tt_count
	j 1b
	# 3, 4: _many with wait / no wait to the online CPUs at the start of
	# the region (none can go offline in it).
30:	ld s2, cpu_online_mask
	ld s3, 56(sp)
	mv a0, s2
	la a1, tt_count
	addi a2, sp, 56
	li a3, 1
	li t0, 3
	beq s0, t0, 31f
	la a2, tt_ran
	li a3, 0
31:	call smp_call_function_many
	mv a0, s2
	call tt_others
	mv s2, a0
	li t0, 3
	bne s0, t0, 32f
	ld t0, 56(sp)
	sub t0, t0, s3
	EXPECT_EQ t0, s2, "_many(wait) callbacks run on return"
	j 33f
32:	la t0, tt_sent
	amoadd.d zero, s2, (t0)
33:	call preempt_enable
	la a0, tt_nr_many
	call tt_count
	j 1b
9:	ld t0, 56(sp)
	la t1, tt_ran_wait
	amoadd.d zero, t0, (t1)
	la a0, tt_done
	call complete
	ld ra, 0(sp)
	restore_sregs 5
	addi sp, sp, 64
	ret
END tt_ipi

# tt_sm_fn(unused): stop_machine's fn: test_stop_machine.s's two checks.
ENTRY tt_sm_fn
	frame 1
	call sm_stopper_fn
	call sm_atomic_fn
	li a0, 0
	unframe 1
	ret
END tt_sm_fn

# tt_two_fn(cpu): stop_two_cpus's fn, which must run on cpu.
ENTRY tt_two_fn
	this_cpu t0
	beq t0, a0, 1f
	la a0, tt_two_wrong
	j tt_count
1:	li a0, 0
	ret
END tt_two_fn

# tt_stop(rand state): stop_machine and stop_two_cpus at random.
ENTRY tt_stop
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd a0, 24(sp)
1:	ld t0, tt_running
	beqz t0, 9f
	addi a0, sp, 24
	call prandom_u32_state
	andi t0, a0, 1
	beqz t0, 3f
	la t0, sm_check
	sd zero, 0(t0)
	sd zero, 8(t0)
	sd zero, 16(t0)
	sd zero, 24(t0)
	la a0, tt_sm_fn
	li a1, 0
	li a2, 0
	call stop_machine
	EXPECT_FALSE a0, "stop_machine"
	la t0, sm_check
	ld t1, 0(t0)
	EXPECT_FALSE t1, "SIE of the CPU running fn"
	ld t1, 8(t0)
	EXPECT_FALSE t1, "CPUs that never acked RUN while fn ran"
	ld t1, 16(t0)
	EXPECT_FALSE t1, "CPUs not in their stopper while fn ran"
	ld t1, 24(t0)
	EXPECT_FALSE t1, "CPUs with interrupts on while fn ran"
	la a0, tt_nr_sm
	call tt_count
	call yield
	j 1b
3:	srli t0, a0, 8
	ld t1, nr_cpu_ids
	remu s0, t0, t1
	srli t0, a0, 16
	remu s1, t0, t1
	bne s0, s1, 4f
	addi s1, s1, 1
	remu s1, s1, t1
	beq s0, s1, 1b              # one CPU: no pair
4:	mv a0, s0
	mv a1, s1
	la a2, tt_two_fn
	mv a3, s0
	call stop_two_cpus
	la t0, tt_nr_two
	beqz a0, 5f
	li t1, -ENOENT
	EXPECT_EQ a0, t1, "stop_two_cpus: 0 or -ENOENT"
	la t0, tt_nr_two_enoent
5:	mv a0, t0
	call tt_count
	call yield
	j 1b
9:	la a0, tt_done
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END tt_stop

# tt_irqoff(unused): short irq-off regions and raw-spinlock regions, in
# turn, flagged like kcounter's (ktest.s).
ENTRY tt_irqoff
	frame 2
	sd s0, 8(sp)
1:	ld t0, tt_running
	beqz t0, 9f
	la a0, tt_lock
	call raw_spin_lock
	li t0, 1
	sd t0, PCPU_IN_ATOMIC(tp)
	li t1, 40
3:	addi t1, t1, -1
	bnez t1, 3b
	sd zero, PCPU_IN_ATOMIC(tp)
	la a0, tt_lock
	call raw_spin_unlock
	call yield
	irq_save s0
	li t0, 1
	sd t0, PCPU_IN_ATOMIC(tp)
	li t1, 40
2:	addi t1, t1, -1
	bnez t1, 2b
	sd zero, PCPU_IN_ATOMIC(tp)
	irq_restore s0
	la a0, tt_nr_irqoff
	call tt_count
	call yield
	j 1b
9:	la a0, tt_done
	call complete
	ld s0, 8(sp)
	unframe 2
	ret
END tt_irqoff

# tt_down_check(cpu): cpu_down returned 0: the whole post-condition.
tt_down_check:
	frame 2
	sd s0, 8(sp)
	per_cpu_ptr s0, a0
	ld t0, cpu_online_mask
	ld t1, cpu_active_mask
	or t0, t0, t1
	ld t1, PCPU_CPU(s0)
	cpu_bit t0, t0, t1
	EXPECT_FALSE t0, "online or active after cpu_down"
	ld t0, PCPU_STOPPER_ENABLED(s0)
	EXPECT_FALSE t0, "stopper enabled after cpu_down"
	ld t0, PCPU_CSQ(s0)
	EXPECT_FALSE t0, "call_single_queue after cpu_down"
	ld t0, PCPU_CPUHP_STATE(s0)
	EXPECT_FALSE t0, "cpuhp state (OFFLINE) after cpu_down"
	ld t0, PCPU_AP_SYNC_STATE(s0)
	li t1, SYNC_STATE_DEAD
	EXPECT_EQ t0, t1, "ap_sync_state after cpu_down"
	ld t0, PCPU_HARTID(s0)
	mv a0, t0
	call sbi_hart_get_status
	li t1, SBI_HSM_STOPPED
	EXPECT_EQ a0, t1, "hart status after cpu_down"
	ld s0, 8(sp)
	unframe 2
	ret

# tt_up_check(cpu): cpu_up returned 0: the next stop_machine includes it.
tt_up_check:
	frame 3
	sd s0, 8(sp)
	mv s0, a0
	call cpus_read_lock
	call sm_reset
	ld t0, cpu_online_mask
	sd t0, 16(sp)
	cpu_bit t0, t0, s0
	EXPECT_TRUE t0, "online after cpu_up"
	la a0, sm_count_fn
	li a1, 0
	addi a2, sp, 16
	call stop_machine_cpuslocked
	call cpus_read_unlock
	li a0, 1
	call sm_runs_mask
	ld t0, 16(sp)
	EXPECT_EQ a0, t0, "CPUs where the next stop_machine's fn ran once"
	ld s0, 8(sp)
	unframe 3
	ret

# tt_spawn(fn, arg): a torture thread, starting on the next CPU in turn
# (it may move when that CPU goes down).
tt_spawn:
	frame 1
	la t0, tt_next_cpu
	li t1, 1
	amoadd.d t1, t1, (t0)
	ld t0, nr_cpu_ids
	remu a2, t1, t0
	la a3, tt_name
	call kthread_create_on_cpu
	call wake_up_process
	unframe 1
	ret

ENTRY test_stoptorture
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	li s0, 10                   # iterations
	la a0, str_iters
	call cmdline_get
	beqz a0, 1f
	call simple_strtoul
	mv s0, a0
1:	li a0, 150                  # timeout: 150 ms an iteration + 2 s
	mul a0, a0, s0
	addi a0, a0, 2000
	call kunit_set_timeout
	la a0, tt_done
	call init_completion
	li t0, 1
	sd t0, tt_running, t1
	li s1, 0
2:	li t0, TT_SENDERS
	bgeu s1, t0, 3f
	mv a0, s1
	call kunit_rand_seed
	mv a1, a0
	la a0, tt_ipi
	call tt_spawn
	addi s1, s1, 1
	j 2b
3:	li a0, TT_SENDERS
	call kunit_rand_seed
	mv a1, a0
	la a0, tt_stop
	call tt_spawn
	la a0, tt_irqoff
	li a1, 0
	call tt_spawn
	# The hotplug loop: a random CPU goes down if online, else up.
	mv s1, s0
4:	beqz s1, 8f
	addi s1, s1, -1
	ld a0, nr_cpu_ids
	call kunit_rand
	mv s2, a0
	call cpu_online
	beqz a0, 6f
	mv a0, s2
	call cpu_down
	beqz a0, 5f
	li t0, -EBUSY
	EXPECT_EQ a0, t0, "cpu_down: 0 or -EBUSY"
	la a0, tt_nr_busy
	call tt_count
	j 4b
5:	la a0, tt_nr_down
	call tt_count
	mv a0, s2
	call tt_down_check
	j 4b
6:	per_cpu_ptr t0, s2
	ld t0, PCPU_CSQ(t0)
	EXPECT_FALSE t0, "call queue of an offline CPU, before cpu_up"
	mv a0, s2
	call cpu_up
	EXPECT_FALSE a0, "cpu_up"
	la a0, tt_nr_up
	call tt_count
	mv a0, s2
	call tt_up_check
	j 4b
	# The end: stop the threads, bring every CPU back, let the last
	# no-wait calls land, then the totals.
8:	sd zero, tt_running, t0
	li s1, TT_THREADS
9:	la a0, tt_done
	call wait_for_completion
	addi s1, s1, -1
	bnez s1, 9b
	li s1, 0
10:	ld t0, nr_cpu_ids
	bgeu s1, t0, 11f
	mv a0, s1
	call cpu_up
	EXPECT_FALSE a0, "cpu_up at the end"
	addi s1, s1, 1
	j 10b
11:	li s1, 100
12:	ld t0, tt_ran
	ld t1, tt_sent
	beq t0, t1, 13f
	addi s1, s1, -1
	beqz s1, 13f
	call yield
	j 12b
13:	ld t0, tt_ran
	ld t1, tt_sent
	EXPECT_EQ t0, t1, "no-wait callbacks run / sent"
	ld t0, tt_two_wrong
	EXPECT_FALSE t0, "stop_two_cpus fn on the wrong CPU"
	ld t0, sm_atomic_seen
	EXPECT_FALSE t0, "preempt-off or irq-off regions overlapping fn"
	ld t0, mstop_ack_underflow
	EXPECT_FALSE t0, "acks against a count already at 0"
	la a0, msg_stats1
	mv a1, s0
	ld a2, tt_nr_down
	ld a3, tt_nr_up
	ld a4, tt_nr_busy
	ld a5, tt_nr_sm
	ld a6, tt_nr_two
	ld a7, tt_nr_two_enoent
	call printk
	la a0, msg_stats2
	ld a1, tt_nr_ipi
	ld a2, tt_nr_many
	ld a3, tt_sent
	ld a4, tt_ran_wait
	ld a5, tt_nr_enxio
	ld a6, tt_nr_irqoff
	call printk
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END test_stoptorture

.section .rodata
str_iters:
	.asciz "torture.iters"
tt_name:
	.asciz "kstoptorture"
msg_stats1:
	.asciz "# stoptorture: %u iterations: %u cpu_down, %u cpu_up, %u -EBUSY; %u stop_machine, %u stop_two_cpus, %u -ENOENT\n"
msg_stats2:
	.asciz "# stoptorture: %u IPIs (%u _many), %u no-wait callbacks, %u wait callbacks, %u -ENXIO; %u irq-off and lock regions\n"

.section .data
.balign 8
tt_running:       .dword 0
tt_ran:           .dword 0
tt_sent:          .dword 0
tt_ran_wait:      .dword 0
tt_nr_ipi:        .dword 0
tt_nr_many:       .dword 0
tt_nr_enxio:      .dword 0
tt_nr_sm:         .dword 0
tt_nr_two:        .dword 0
tt_nr_two_enoent: .dword 0
tt_two_wrong:     .dword 0
tt_nr_irqoff:     .dword 0
tt_nr_down:       .dword 0
tt_nr_up:         .dword 0
tt_nr_busy:       .dword 0
tt_lock:          .dword 0
tt_next_cpu:      .dword 1

.section .bss
.balign 8
tt_done:
	.zero COMP_SIZE
