# preempt.s: preempt_count, need_resched and the interrupt flag.
#
# preempt_count is per CPU (Linux keeps it per task on RISC-V; x86 keeps it
# per CPU as here). The scheduler only switches tasks when the count is 0, so
# a task never sleeps or migrates with a non-zero count and the per-CPU count
# always belongs to the running task. need_resched is per CPU as well: "the
# task running here should call schedule() at its next opportunity".
#
# Scheduling points, as in Linux: preempt_enable() reaching 0, the return
# from an interrupt into code with count 0 (entry.s), cond_resched(), and
# blocking. Never while preemption or interrupts are disabled.

.include "kernel.inc"

.section .text
ENTRY preempt_disable
	preempt_count_inc t0
	ret
END preempt_disable

ENTRY preempt_enable_no_resched
	preempt_count_dec t0
	ret
END preempt_enable_no_resched

# preempt_enable: drop the count; at zero, with interrupts on and a
# reschedule pending, schedule right here (Linux: preempt_schedule()).
ENTRY preempt_enable
	preempt_count_dec t0
	bnez t0, 1f
	ld t0, PCPU_NEED_RESCHED(tp)
	beqz t0, 1f
	csrr t0, sstatus
	andi t0, t0, SR_SIE
	beqz t0, 1f
	j preempt_schedule
1:	ret
END preempt_enable

# cond_resched: a voluntary scheduling point for long-running loops.
ENTRY cond_resched
	ld t0, PCPU_PREEMPT_COUNT(tp)
	bnez t0, 1f
	ld t0, PCPU_NEED_RESCHED(tp)
	beqz t0, 1f
	j preempt_schedule
1:	ret
END cond_resched

# cpu_relax_resched: one turn of a polling loop in thread context: pause,
# and reschedule only when this task's slice is over (need_resched), so a
# poller does not hand the CPU to others on every check the way yield does.
ENTRY cpu_relax_resched
	pause
	j cond_resched
END cpu_relax_resched

ENTRY smp_processor_id
	this_cpu a0
	ret
END smp_processor_id

ENTRY preempt_count
	ld a0, PCPU_PREEMPT_COUNT(tp)
	ret
END preempt_count

# local_irq_save -> a0 = flags; local_irq_restore(flags).
ENTRY local_irq_save
	irq_save a0
	ret
END local_irq_save

ENTRY local_irq_restore
	irq_restore a0
	ret
END local_irq_restore

ENTRY irqs_disabled
	csrr a0, sstatus
	andi a0, a0, SR_SIE
	seqz a0, a0
	ret
END irqs_disabled
