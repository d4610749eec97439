# demo.s: the narrated default boot (issue 6). kernel_init calls demo_run
# after the core checks; every step prints what it is about to show, then
# the facts, each verified by a ktest_check line ("ktest: ok: ...").
#
#   1. stop_machine: its function, on the first online CPU, reports what
#      every CPU is doing: all in their stopper (migration/N), interrupts off.
#   2. A preempt-disabled region on one CPU delays RUN on every CPU.
#   3. An IPI queued to a CPU just before it goes offline runs exactly once,
#      from the dying CPU's own flush (smpcfd_dying_cpu).
#   4. cpu_down of that CPU through the hotplug steps; an IPI to it now
#      gets -ENXIO, stop_one_cpu -ENOENT; cpu_up brings it back and the next
#      stop_machine includes it again.
# With one CPU the steps that need two are skipped and cpu_down(0) shows
# -EBUSY for the last online CPU.

.include "kernel.inc"

.equ DEMO_HOLD_US, 30000           # length of step 2's preempt-off region

.section .text
ENTRY demo_run
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	la a0, msg_intro
	ld a1, cpu_online_mask
	call printk
	li a1, 1
	la a0, mark_demo_step
	call trace_mark
	call demo_report
	call num_online_cpus
	li t0, 1
	bne a0, t0, 1f
	la a0, msg_one_cpu
	call printk
	li a0, 0
	call cpu_down
	mv a2, a0
	li t0, -EBUSY
	xor a0, a0, t0
	seqz a0, a0
	la a1, fmt_ebusy
	call ktest_check
	j 9f
	# The CPU the later steps use: the highest online one (never ours:
	# kernel_init stays on CPU 0 unless CPU 0 itself goes down).
1:	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	la a0, mark_demo_step
	li a1, 2
	call trace_mark
	mv a0, s0
	call demo_delay
	la a0, mark_demo_step
	li a1, 3
	call trace_mark
	mv a0, s0
	call demo_hotplug
9:	la a0, msg_outro
	call printk
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END demo_run

# demo_last_cpu(mask) -> the highest CPU in mask.
.globl demo_last_cpu
demo_last_cpu:
	li t0, NR_CPUS - 1
1:	srl t1, a0, t0
	andi t1, t1, 1
	bnez t1, 2f
	addi t0, t0, -1
	bgez t0, 1b
2:	mv a0, t0
	ret

# --- step 1 ----------------------------------------------------------------

# demo_report_fn(unused): stop_machine's fn, in RUN, interrupts off, on the
# first online CPU. Every online CPU must be in its stopper and must have
# acked DISABLE_IRQ with SIE = 0; it prints each one.
ENTRY demo_report_fn
	# Reads other CPUs' per-CPU data without locks: they are all spinning
	# in multi_cpu_stop, so nothing there changes while we look (the state
	# they acked last may still move from DISABLE_IRQ to RUN).
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	la t0, demo_calls
	li t1, 1
	amoadd.d zero, t1, (t0)
	this_cpu t0
	sd t0, demo_fn_cpu, t1
	li s1, 0                    # CPUs not as expected
	li s0, -1
1:	mv a0, s0
	ld a1, cpu_online_mask
	call cpumask_next
	mv s0, a0
	li t0, NR_CPUS
	bgeu s0, t0, 4f
	per_cpu_ptr s2, s0
	ld a2, PCPU_CURRENT(s2)
	ld a3, PCPU_MSTOP_SEEN(s2)
	ld a4, PCPU_MSTOP_SIE(s2)
	# Our own entry is stale (we ack after fn): report the truth instead.
	beq s2, tp, 2f
	j 3f
2:	li a3, MULTI_STOP_RUN       # ourselves: running fn right now
	csrr a4, sstatus
	andi a4, a4, SR_SIE
3:	srli a4, a4, 1              # SR_SIE is bit 1: print 0 or 1
	ld t0, PCPU_STOPPER_THREAD(s2)
	xor t0, t0, a2
	snez t0, t0
	or t0, t0, a4
	li t1, MULTI_STOP_DISABLE_IRQ
	sltu t1, a3, t1
	or t0, t0, t1
	beqz t0, 5f
	li t1, 1
	sll t1, t1, s0
	or s1, s1, t1
5:	addi a2, a2, TASK_NAME
	la a0, fmt_report_cpu
	mv a1, s0
	call printk
	j 1b
4:	sd s1, demo_bad, t0
	ld t0, demo_in_region
	sd t0, demo_region_seen, t1
	rdtime t0
	sd t0, demo_t_run, t1
	li a0, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END demo_report_fn

demo_report:
	frame 1
	la a0, msg_step1
	call printk
	# cpus == NULL: fn runs on the first online CPU only, while all the
	# others spin in multi_cpu_stop.
	sd zero, demo_calls, t0
	la a0, demo_report_fn
	li a1, 0
	li a2, 0
	call stop_machine
	mv a2, a0
	la a0, fmt_sm_returned
	mv a1, a2
	call printk
	# fn ran once (cpus == NULL: the first online CPU only), everyone was
	# in its stopper with interrupts off, and no state came out of order.
	ld t0, demo_calls
	addi t0, t0, -1
	ld t1, demo_bad
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_report_check
	ld a2, demo_calls
	ld a3, demo_fn_cpu
	ld a4, cpu_online_mask
	ld a5, demo_bad
	call ktest_check
	call demo_order_violations
	mv a2, a0
	seqz a0, a0
	la a1, fmt_order_check
	call ktest_check
	unframe 1
	ret

# demo_order_violations -> a0 = states seen out of order, all CPUs.
demo_order_violations:
	li a0, 0
	li t0, 0
	ld t2, nr_cpu_ids
1:	bgeu t0, t2, 2f
	per_cpu_ptr t1, t0
	ld t3, PCPU_MSTOP_ORDER_BAD(t1)
	add a0, a0, t3
	addi t0, t0, 1
	j 1b
2:	ret

# --- step 2 ----------------------------------------------------------------

# demo_hold_fn(unused): a kernel thread bound to the chosen CPU holds
# preemption off for DEMO_HOLD_US (busy, interrupts on: ticks and IPIs are
# taken, but nothing can switch this CPU to its stopper).
ENTRY demo_hold_fn
	frame 1
	# udelay, not msleep: the region must not contain a scheduling point.
	call preempt_disable
	li t0, 1
	sd t0, demo_in_region, t1
	fence rw, rw
	li a0, DEMO_HOLD_US
	call udelay
	rdtime t0
	sd t0, demo_region_end, t1
	fence rw, w
	sd zero, demo_in_region, t1
	call preempt_enable         # the stopper gets this CPU right here
	unframe 1
	ret
END demo_hold_fn

# demo_time_sm -> a0 = microseconds from stop_machine's call to RUN.
demo_time_sm:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	rdtime s0
	sd s0, demo_t_call, t0
	la a0, demo_quiet_fn
	li a1, 0
	li a2, 0
	call stop_machine
	call demo_earliest_run
	ld a0, demo_t_run
	sub a0, a0, s0
	call to_us
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

# demo_earliest_run: the earliest time any online CPU saw RUN in the last
# stop_machine, and which CPU, into demo_run_min and demo_run_min_cpu.
demo_earliest_run:
	li t0, -1
	li t1, 0
	li t2, 0
	ld t3, cpu_online_mask
1:	li t4, NR_CPUS
	bgeu t2, t4, 3f
	cpu_bit t4, t3, t2
	beqz t4, 2f
	per_cpu_ptr t5, t2
	ld t4, PCPU_MSTOP_RUN_TIME(t5)
	bgeu t4, t0, 2f
	mv t0, t4
	mv t1, t2
2:	addi t2, t2, 1
	j 1b
3:	sd t0, demo_run_min, t4
	sd t1, demo_run_min_cpu, t4
	ret

# demo_quiet_fn: fn for timing only; records RUN's start and whether a
# preempt-off region was still open (invariant 3 says never).
ENTRY demo_quiet_fn
	rdtime t0
	sd t0, demo_t_run, t1
	ld t0, demo_in_region
	sd t0, demo_region_seen, t1
	li a0, 0
	ret
END demo_quiet_fn

# to_us(time units) -> microseconds.
to_us:
	li t0, 1000000
	mul a0, a0, t0
	ld t0, timebase_frequency
	divu a0, a0, t0
	ret

# demo_delay(cpu)
demo_delay:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	la a0, msg_step2
	mv a1, s0
	li a2, DEMO_HOLD_US / 1000
	call printk
	# First a stop_machine with nothing in its way, for comparison.
	call demo_time_sm
	mv s2, a0                   # the baseline: nobody in the way
	la a0, demo_hold_fn
	li a1, 0
	mv a2, s0
	la a3, hold_name
	call kthread_create_on_cpu
	mv s1, a0
	mv a1, s0
	call kthread_bind
	mv a0, s1
	call wake_up_process
	# Call stop_machine only once the region has begun, so it certainly
	# overlaps the call.
1:	ld t0, demo_in_region       # until the region has begun
	bnez t0, 2f
	call cpu_relax_resched
	j 1b
2:	call demo_time_sm
	mv s1, a0
	ld a0, demo_region_end
	ld t0, demo_t_call
	sub a0, a0, t0
	call to_us
	mv a3, a0
	la a0, fmt_delay
	mv a1, s2
	mv a2, s0
	mv a4, s1
	call printk
	# And on every CPU, not just the one running fn: the earliest RUN.
	ld a0, demo_run_min
	ld t0, demo_t_call
	sub a0, a0, t0
	call to_us
	mv a2, a0
	la a0, fmt_delay_all
	ld a1, demo_run_min_cpu
	call printk
	# RUN began, on every CPU, only after the region ended, and fn never
	# saw it open.
	ld t0, demo_run_min
	ld t1, demo_region_end
	sltu t0, t0, t1
	ld t1, demo_region_seen
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_delay_check
	mv a2, s0
	ld a3, demo_region_seen
	call ktest_check
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

# --- steps 3 and 4 ---------------------------------------------------------

# demo_mask_ipi_fn: on the target, in its IPI handler: stop taking software
# interrupts (sie.SSIE = 0) until it next boots. Its tick still runs.
ENTRY demo_mask_ipi_fn
	li t0, IE_SSIE
	csrc sie, t0
	ret
END demo_mask_ipi_fn

# demo_dying_fn: the call queued just before the offline. Records where it
# ran and whether that CPU was still online (it is not, inside
# take_cpu_down after __cpu_disable: then it ran from the dying flush).
ENTRY demo_dying_fn
	la t0, demo_dying_count
	li t1, 1
	amoadd.d zero, t1, (t0)
	this_cpu t0
	sd t0, demo_dying_cpu, t1
	ld t1, cpu_online_mask
	cpu_bit t1, t1, t0
	sd t1, demo_dying_online, t2
	ret
END demo_dying_fn

# demo_all_fn: fn of a stop_machine with every online CPU active.
ENTRY demo_all_fn
	la t0, demo_calls
	li t1, 1
	amoadd.d zero, t1, (t0)
	this_cpu t0
	li t1, 1
	sll t1, t1, t0
	la t0, demo_ran_mask
	amoor.d zero, t1, (t0)
	li a0, 0
	ret
END demo_all_fn

# demo_hotplug(cpu)
demo_hotplug:
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s0, a0
	per_cpu_ptr s1, s0
	la a0, msg_step3
	mv a1, s0
	mv a2, s0
	call printk
	# With sie.SSIE clear on the target, the call's IPI stays pending and
	# the only code that can run the callback is the dying CPU's flush.
	mv a0, s0
	la a1, demo_mask_ipi_fn
	li a2, 0
	li a3, 1
	call smp_call_function_single
	sd zero, demo_dying_count, t0
	li t0, -1
	sd t0, demo_dying_cpu, t1
	# The sender's rule: check cpu_online and queue in one preempt-off
	# region (get_cpu() inside smp_call_function_single is that region).
	mv a0, s0
	la a1, demo_dying_fn
	li a2, 0
	li a3, 0
	call smp_call_function_single
	mv a2, a0
	la a0, fmt_queued
	mv a1, s0
	ld a3, demo_dying_count
	call printk
	la a0, mark_demo_step
	li a1, 4
	call trace_mark
	la a0, msg_step4
	mv a1, s0
	call printk
	li t0, 1
	sd t0, cpuhp_verbose, t1
	mv a0, s0
	call cpu_down
	mv s2, a0
	sd zero, cpuhp_verbose, t1
	la a0, fmt_down_returned
	mv a1, s0
	mv a2, s2
	call printk
	# Step 3's fact: exactly once, on the dying CPU, after it left the
	# online mask: from smpcfd_dying_cpu's flush.
	ld t0, demo_dying_count
	addi t0, t0, -1
	ld t1, demo_dying_cpu
	xor t1, t1, s0
	or t0, t0, t1
	ld t1, demo_dying_online
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_dying_check
	ld a2, demo_dying_count
	ld a3, demo_dying_cpu
	ld a4, demo_dying_online
	call ktest_check
	# cpu_down's post-condition (invariant 4), every part folded into one
	# verdict but each printed, so a failure says which part broke.
	ld a0, PCPU_HARTID(s1)
	call sbi_hart_get_status
	mv s3, a0
	ld t0, cpu_online_mask
	ld t1, cpu_active_mask
	or t0, t0, t1
	cpu_bit t0, t0, s0
	or t0, t0, s2               # cpu_down's result
	ld t1, PCPU_STOPPER_ENABLED(s1)
	or t0, t0, t1
	ld t1, PCPU_CSQ(s1)
	or t0, t0, t1
	ld t1, PCPU_CPUHP_STATE(s1)
	or t0, t0, t1               # CPUHP_OFFLINE is 0
	ld t1, PCPU_AP_SYNC_STATE(s1)
	addi t1, t1, -SYNC_STATE_DEAD
	or t0, t0, t1
	addi t1, s3, -SBI_HSM_STOPPED
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_down_check
	mv a2, s0
	ld a3, cpu_online_mask
	ld a4, cpu_active_mask
	ld a5, PCPU_STOPPER_ENABLED(s1)
	ld a6, PCPU_AP_SYNC_STATE(s1)
	mv a7, s3
	call ktest_check
	# Talking to an offline CPU.
	mv a0, s0
	la a1, demo_dying_fn
	li a2, 0
	li a3, 1
	call smp_call_function_single
	mv s2, a0
	mv a0, s0
	la a1, demo_quiet_fn
	li a2, 0
	call stop_one_cpu
	mv s3, a0
	li a0, 0
	mv a1, s0
	la a2, demo_quiet_fn
	li a3, 0
	call stop_two_cpus
	sd a0, 40(sp)
	li t0, -ENXIO
	xor t0, t0, s2
	li t1, -ENOENT
	xor t1, t1, s3
	or t0, t0, t1
	ld t2, 40(sp)
	li t1, -ENOENT
	xor t1, t1, t2
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_offline_check
	mv a2, s0
	mv a3, s2
	mv a4, s3
	ld a5, 40(sp)
	call ktest_check
	# HSM: starting a hart that is running is refused.
	ld a0, PCPU_HARTID(tp)
	la a1, secondary_start
	li a2, 0
	call sbi_hart_start
	mv a2, a0
	li t0, SBI_ERR_ALREADY_AVAILABLE
	xor a0, a0, t0
	seqz a0, a0
	la a1, fmt_hsm_check
	call ktest_check
	# Back up, and the next stop_machine includes it.
	la a0, mark_demo_step
	li a1, 5
	call trace_mark
	la a0, msg_step5
	mv a1, s0
	call printk
	li t0, 1
	sd t0, cpuhp_verbose, t1
	mv a0, s0
	call cpu_up
	mv s2, a0
	sd zero, cpuhp_verbose, t1
	sd zero, demo_calls, t0
	sd zero, demo_ran_mask, t0
	ld t0, cpu_online_mask
	sd t0, 40(sp)
	la a0, demo_all_fn
	li a1, 0
	addi a2, sp, 40
	call stop_machine
	ld t0, demo_ran_mask
	ld t1, cpu_online_mask
	xor t2, t0, t1
	cpu_bit t3, t0, s0
	xori t3, t3, 1
	or t2, t2, t3
	or t2, t2, s2
	seqz a0, t2
	la a1, fmt_up_check
	mv a2, s0
	mv a3, s2
	ld a4, demo_ran_mask
	ld a5, demo_calls
	ld a6, cpu_online_mask
	call ktest_check
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret

.section .rodata
hold_name:
	.asciz "demo_hold/%u"
mark_demo_step:
	.asciz "demo_step"
msg_intro:
	.asciz "demo: --- stop_machine and CPU hotplug, live. Online CPUs: %b ---\n"
msg_one_cpu:
	.asciz "demo: only one CPU: nothing to stop but ourselves; taking the last CPU down must fail\n"
fmt_ebusy:
	.asciz "hotplug: cpu_down(0) of the last online CPU returned %d (-EBUSY)"
msg_step1:
	.asciz "demo: 1. stop_machine(fn, NULL, NULL): a stopper thread on every CPU spins through PREPARE, DISABLE_IRQ, RUN, EXIT; fn runs in RUN on the first online CPU and looks at the others:\n"
fmt_report_cpu:
	.asciz "demo:    CPU%u: running %s, multi_cpu_stop state %u, interrupts %u\n"
fmt_sm_returned:
	.asciz "demo:    stop_machine returned %d\n"
fmt_report_check:
	.asciz "stop_machine: fn ran %u time(s), on CPU%u; every CPU of %b in its stopper with interrupts off (exceptions: %b)"
fmt_order_check:
	.asciz "stop_machine: %u states seen out of order by any CPU"
msg_step2:
	.asciz "demo: 2. A thread on CPU%u now holds preemption off for %u ms (busy, interrupts on). stop_machine cannot reach RUN until that CPU's stopper runs, at its next scheduling point: the preempt_enable() ending the region\n"
fmt_delay:
	.asciz "demo:    call to RUN: %u us with nobody in the way; with CPU%u's region open: the region ended after %u us, RUN began after %u us (on an emulator with fewer host cores than harts, these times are noisy; the order is not)\n"
fmt_delay_all:
	.asciz "demo:    the first CPU to see RUN was CPU%u, after %u us: RUN waited for the region on every CPU\n"
fmt_delay_check:
	.asciz "stop_machine: RUN began on every CPU only after CPU%u's preempt-off region ended (fn saw the region open: %u)"
msg_step3:
	.asciz "demo: 3. An IPI racing with CPU%u going offline. To make the race visible, CPU%u stops taking IPIs for a while (sie.SSIP masked); a call is queued to it while it is online\n"
fmt_queued:
	.asciz "demo:    smp_call_function_single(CPU%u, nowait) returned %d; the callback has run %u times so far\n"
msg_step4:
	.asciz "demo: 4. cpu_down(CPU%u): teardown steps from the highest state down; take_cpu_down runs in stop_machine's RUN on that CPU\n"
fmt_down_returned:
	.asciz "demo:    cpu_down(CPU%u) returned %d\n"
fmt_dying_check:
	.asciz "hotplug: the queued call ran %u time(s), on CPU%d, with that CPU online=%u: from the dying CPU's flush (smpcfd_dying_cpu)"
fmt_down_check:
	.asciz "hotplug: CPU%u down: online %b, active %b, stopper enabled %u, sync state %u (DEAD=1), HSM status %d (STOPPED=1)"
fmt_offline_check:
	.asciz "hotplug: to offline CPU%u: smp_call_function_single %d (-ENXIO), stop_one_cpu %d (-ENOENT), stop_two_cpus %d (-ENOENT)"
fmt_hsm_check:
	.asciz "hotplug: SBI hart_start of a running hart returned %d (ALREADY_AVAILABLE)"
msg_step5:
	.asciz "demo: 5. cpu_up(CPU%u): hart_start, the CPU unparks its stopper before it first schedules, then the startup steps\n"
fmt_up_check:
	.asciz "hotplug: cpu_up(CPU%u) returned %d; the next stop_machine ran fn on %b (%u times), online %b"
msg_outro:
	.asciz "demo: --- done ---\n"

.section .data
.balign 8
demo_calls:         .dword 0
demo_fn_cpu:        .dword 0
demo_bad:           .dword 0
demo_in_region:     .dword 0
demo_region_seen:   .dword 0
demo_region_end:    .dword 0
demo_t_call:        .dword 0
demo_t_run:         .dword 0
demo_run_min:       .dword 0
demo_run_min_cpu:   .dword 0
demo_ran_mask:      .dword 0
demo_dying_count:   .dword 0
demo_dying_cpu:     .dword 0
demo_dying_online:  .dword 0
