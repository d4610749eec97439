# arch_smpboot.s: starting and stopping harts (Linux arch/riscv/kernel/
# smpboot.c and cpu-hotplug.c, with kernel/sched/idle.c's idle loop).
#
# Boot and hotplug share one path: __cpu_up asks SBI HSM to start the hart
# at secondary_start (head.s) with the CPU's per-CPU area as opaque; the
# new CPU runs start_secondary and reports ALIVE in ap_sync_state, which
# __cpu_up polls (Linux: cpuhp_bp_sync_alive). On the way down, the idle
# task of a CPU that is no longer online reports DEAD and calls SBI
# hart_stop; cpuhp_bp_sync_dead and __cpu_die on the controlling CPU wait
# for both.

.include "kernel.inc"

.equ SYNC_TIMEOUT_S, 10            # Linux waits 10 s for ALIVE and DEAD

.section .text
# smp_prepare_cpus: per-CPU areas and idle tasks for every possible CPU.
# The boot CPU's idle task is init_task, already running.
ENTRY smp_prepare_cpus
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li s0, 0
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 4f
	per_cpu_ptr s1, s0
	sd s0, PCPU_CPU(s1)
	la t0, cpuid_to_hartid_map
	slli t1, s0, 3
	add t0, t0, t1
	ld t0, 0(t0)
	sd t0, PCPU_HARTID(s1)
	# cfd_data: NR_CPUS csds per CPU, for smp_call_function_many.
	li t0, NR_CPUS * CSD_SIZE
	mul t0, t0, s0
	la t1, cfd_csds
	add t0, t0, t1
	sd t0, PCPU_CFD(s1)
	li t0, SLICE_TICKS
	sd t0, PCPU_SLICE(s1)
	bnez s0, 2f
	la a0, init_task
	j 3f
2:	call alloc_task
3:	sd a0, PCPU_IDLE(s1)
	sd a0, PCPU_CURRENT(s1)
	sd s0, TASK_CPU(a0)
	li t0, 1
	sd t0, TASK_BOUND(a0)
	sd t0, TASK_ON_RQ(a0)
	sd t0, TASK_ON_CPU(a0)
	li t0, SCHED_IDLE_CLASS
	sd t0, TASK_CLASS(a0)
	sd zero, TASK_STATE(a0)
	addi a0, a0, TASK_NAME
	li a1, 24
	la a2, idle_name
	addi a3, s1, PCPU_CPU
	call vsnprintf
	addi s0, s0, 1
	j 1b
4:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END smp_prepare_cpus

# __cpu_up(cpu) -> a0 = 0, or a negative errno after a clear message.
# Runs on the controlling CPU (the bringup_cpu hotplug step).
ENTRY __cpu_up
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	per_cpu_ptr s1, s0
	# A fresh start for the CPU: idle runs from the top of its stack, and
	# nothing of the previous life (a stale preempt count or reschedule
	# request from the moment it died) may leak into the new one.
	ld t0, PCPU_IDLE(s1)
	sd t0, PCPU_CURRENT(s1)
	sd zero, PCPU_PREEMPT_COUNT(s1)
	sd zero, PCPU_NEED_RESCHED(s1)
	sd zero, PCPU_AP_SYNC_STATE(s1)
	fence rw, rw
	ld a0, PCPU_HARTID(s1)
	la a1, secondary_start
	mv a2, s1
	call sbi_hart_start
	beqz a0, 1f
	mv a2, a0
	la a0, msg_hart_start
	mv a1, s0
	call printk
	li a0, -EINVAL
	j 9f
1:	# cpuhp_bp_sync_alive: poll, letting this CPU's other tasks run.
	rdtime s2
	ld t0, timebase_frequency
	li t1, SYNC_TIMEOUT_S
	mul t0, t0, t1
	add s2, s2, t0
2:	ld t0, PCPU_AP_SYNC_STATE(s1)
	li t1, SYNC_STATE_ALIVE
	beq t0, t1, 3f
	rdtime t0
	bgeu t0, s2, 4f
	call cpu_relax_resched
	j 2b
3:	fence r, rw
	li a0, 0
	j 9f
4:	la a0, msg_alive_timeout
	mv a1, s0
	call printk
	li a0, -ETIMEDOUT
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END __cpu_up

# start_secondary: the new CPU, on its idle task's stack, SIE = 0.
# Linux's order: starting callbacks with interrupts off, online, unpark the
# stopper before anything can schedule here, ALIVE, then the idle loop.
ENTRY start_secondary
	ld t0, PCPU_IDLE(tp)
	li t1, 1
	sd t1, TASK_ON_CPU(t0)
	sd t1, TASK_ON_RQ(t0)
	sd zero, TASK_STATE(t0)
	li t0, IE_SSIE
	csrw sie, t0                # IPIs; the tick adds STIE
	# Any IPI that arrived while the hart was stopped is stale.
	csrc sip, t0
	call tick_start_cpu         # notify_cpu_starting: the timer step
	this_cpu a0
	call set_cpu_online
.ifndef BUG_NO_STOPPER_UNPARK
	this_cpu a0
	call stop_machine_unpark    # stop_machine.s
.endif
	la a0, mark_alive
	this_cpu a1
	call trace_mark
	li t0, SYNC_STATE_ALIVE
	fence rw, w
	sd t0, PCPU_AP_SYNC_STATE(tp)
	j cpu_startup_entry
END start_secondary

# cpu_startup_entry: the idle loop (Linux do_idle). Idle never sleeps; it
# waits for interrupts with wfi, and on a CPU that is no longer online it
# goes to arch_cpu_idle_dead instead.
ENTRY cpu_startup_entry
	# Checked first on every pass: after take_cpu_down, idle is the only
	# task left to run here, and it is idle that must end the CPU.
1:	ld t0, cpu_online_mask
	this_cpu t1
	cpu_bit t0, t0, t1
	beqz t0, arch_cpu_idle_dead
	# need_resched is tested with interrupts off so that a wakeup cannot
	# slip in between the test and wfi: its IPI stays pending and ends
	# the wfi at once (wfi ignores sstatus.SIE, not sie).
	irq_disable
	ld t0, PCPU_NEED_RESCHED(tp)
	bnez t0, 2f
	wfi                         # wakes on a pending enabled interrupt
	irq_enable                  # ...which is taken here
	j 1b
2:	irq_enable
	call schedule
	j 1b
END cpu_startup_entry

# arch_cpu_idle_dead: the last code a CPU runs before it goes offline.
# Interrupts off for good; report DEAD (Linux: cpuhp_ap_report_dead), and
# like Linux's cpuhp_report_idle_dead send one last IPI to the first online
# CPU, then hart_stop (only legal with SIE = 0).
ENTRY arch_cpu_idle_dead
	irq_disable
	# No more interrupts of any kind: the tick is disarmed so a stale timer
	# cannot fire when the hart is started again.
	call tick_stop_cpu
	csrw sie, zero
	ld a0, cpu_online_mask
	call cpumask_first
	la a1, cpuhp_complete_idle_dead
	mv a2, tp
	li a3, 0
	call smp_call_function_single
	la a0, mark_dead
	this_cpu a1
	call trace_mark
	csrr t0, sstatus            # for the tests: hart_stop with SIE = 0
	sd t0, PCPU_DEAD_SSTATUS(tp)
	ld t0, PCPU_NR_DEAD(tp)
	addi t0, t0, 1
	sd t0, PCPU_NR_DEAD(tp)
	li t0, SYNC_STATE_DEAD
	fence rw, w
	sd t0, PCPU_AP_SYNC_STATE(tp)
	call sbi_hart_stop
	mv a1, a0
	la a0, msg_hart_stop
	call panic
END arch_cpu_idle_dead

# cpuhp_complete_idle_dead(pcpu): the dying CPU's last IPI, run on the
# first online CPU. Counted so the demo can show it arrived.
ENTRY cpuhp_complete_idle_dead
	la t0, nr_idle_dead_ipis
	li t1, 1
	amoadd.d zero, t1, (t0)
	ret
END cpuhp_complete_idle_dead

# cpuhp_bp_sync_dead(cpu) then __cpu_die(cpu): on the controlling CPU after
# take_cpu_down. Wait for DEAD, then poll SBI hart_get_status until the hart
# is STOPPED (Linux checks once; a stale STOP_PENDING is possible, so we
# poll). Returns 0, or -ETIMEDOUT after a message.
ENTRY cpuhp_wait_dead
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	per_cpu_ptr s1, s0
	rdtime s2
	ld t0, timebase_frequency
	li t1, SYNC_TIMEOUT_S
	mul t0, t0, t1
	add s2, s2, t0
1:	ld t0, PCPU_AP_SYNC_STATE(s1)
	li t1, SYNC_STATE_DEAD
	beq t0, t1, 2f
	rdtime t0
	bgeu t0, s2, 5f
	call cpu_relax_resched
	j 1b
2:	fence r, rw
3:	ld a0, PCPU_HARTID(s1)
	call sbi_hart_get_status
	li t0, SBI_HSM_STOPPED
	beq a0, t0, 4f
	rdtime t0
	bgeu t0, s2, 6f
	call cpu_relax_resched
	j 3b
4:	li a0, 0
	j 9f
5:	la a0, msg_dead_timeout
	mv a1, s0
	call printk
	li a0, -ETIMEDOUT
	j 9f
6:	mv a2, a0
	la a0, msg_stop_timeout
	mv a1, s0
	call printk
	li a0, -ETIMEDOUT
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END cpuhp_wait_dead

.section .rodata
idle_name:
	.asciz "swapper/%u"
mark_alive:
	.asciz "cpu_alive"
mark_dead:
	.asciz "cpu_dead"
msg_hart_start:
	.asciz "CPU%u: SBI hart_start failed: %d\n"
msg_alive_timeout:
	.asciz "CPU%u failed to come online\n"
msg_hart_stop:
	.asciz "SBI hart_stop returned %d"
msg_dead_timeout:
	.asciz "CPU%u failed to report dead state\n"
msg_stop_timeout:
	.asciz "CPU%u: hart not STOPPED (HSM status %d)\n"

.section .data
.balign 8
.globl nr_idle_dead_ipis
nr_idle_dead_ipis:
	.dword 0
