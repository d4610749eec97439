# entry.s: the S-mode trap vector (stvec, direct mode).
#
# Every trap lands in handle_exception on the stack of whatever task was
# running: there is no user mode, so sp is always a valid kernel stack.
# The trap saves a struct pt_regs, dispatches, and on the way out from an
# interrupt may preempt (Linux: irqentry_exit -> preempt_schedule_irq).
#
# tp is deliberately neither saved nor restored: it is the per-CPU pointer,
# and a task preempted here may resume on another CPU.

.include "kernel.inc"

.macro save_gprs
	sd x1, PT_RA(sp)
	sd x3, PT_GP(sp)
	sd x5, PT_T0(sp)
	sd x6, PT_T1(sp)
	sd x7, PT_T2(sp)
	sd x8, PT_S0(sp)
	sd x9, PT_S1(sp)
	sd x10, PT_A0(sp)
	sd x11, PT_A1(sp)
	sd x12, PT_A2(sp)
	sd x13, PT_A3(sp)
	sd x14, PT_A4(sp)
	sd x15, PT_A5(sp)
	sd x16, PT_A6(sp)
	sd x17, PT_A7(sp)
	sd x18, PT_S2(sp)
	sd x19, PT_S3(sp)
	sd x20, PT_S4(sp)
	sd x21, PT_S5(sp)
	sd x22, PT_S6(sp)
	sd x23, PT_S7(sp)
	sd x24, PT_S8(sp)
	sd x25, PT_S9(sp)
	sd x26, PT_S10(sp)
	sd x27, PT_S11(sp)
	sd x28, PT_T3(sp)
	sd x29, PT_T4(sp)
	sd x30, PT_T5(sp)
	sd x31, PT_T6(sp)
.endm

.macro restore_gprs
	ld x1, PT_RA(sp)
	ld x3, PT_GP(sp)
	ld x5, PT_T0(sp)
	ld x6, PT_T1(sp)
	ld x7, PT_T2(sp)
	ld x8, PT_S0(sp)
	ld x9, PT_S1(sp)
	ld x10, PT_A0(sp)
	ld x11, PT_A1(sp)
	ld x12, PT_A2(sp)
	ld x13, PT_A3(sp)
	ld x14, PT_A4(sp)
	ld x15, PT_A5(sp)
	ld x16, PT_A6(sp)
	ld x17, PT_A7(sp)
	ld x18, PT_S2(sp)
	ld x19, PT_S3(sp)
	ld x20, PT_S4(sp)
	ld x21, PT_S5(sp)
	ld x22, PT_S6(sp)
	ld x23, PT_S7(sp)
	ld x24, PT_S8(sp)
	ld x25, PT_S9(sp)
	ld x26, PT_S10(sp)
	ld x27, PT_S11(sp)
	ld x28, PT_T3(sp)
	ld x29, PT_T4(sp)
	ld x30, PT_T5(sp)
	ld x31, PT_T6(sp)
.endm

.section .text
.balign 4
ENTRY handle_exception
	addi sp, sp, -PT_SIZE
	save_gprs
	addi t0, sp, PT_SIZE
	sd t0, PT_SP(sp)
	sd tp, PT_TP(sp)            # for the panic dump only
	csrr t0, sepc
	sd t0, PT_EPC(sp)
	csrr t0, sstatus
	sd t0, PT_STATUS(sp)
	csrr t0, stval
	sd t0, PT_BADADDR(sp)
	csrr t0, scause
	sd t0, PT_CAUSE(sp)
	bltz t0, handle_irq
	# A synchronous exception: the kernel has no faults it can fix.
	mv a0, sp
	call die                    # panic.s; never returns
END handle_exception

# handle_irq: interrupt context is preempt_count += HARDIRQ_OFFSET, so
# nothing inside can schedule (Linux: irq_enter/irq_exit).
handle_irq:
	ld t1, PCPU_PREEMPT_COUNT(tp)
	li t2, HARDIRQ_OFFSET
	add t1, t1, t2
	sd t1, PCPU_PREEMPT_COUNT(tp)
	slli t0, t0, 1
	srli t0, t0, 1              # interrupt code
	li t1, IRQ_S_TIMER
	beq t0, t1, 1f
	li t1, IRQ_S_SOFT
	beq t0, t1, 2f
	# Nothing else is enabled in sie: an unexpected interrupt is a bug.
	mv a0, sp
	call die
1:	call timer_interrupt        # time.s
	j 3f
2:	call handle_IPI             # smp.s
3:	ld t1, PCPU_PREEMPT_COUNT(tp)
	li t2, HARDIRQ_OFFSET
	sub t1, t1, t2
	sd t1, PCPU_PREEMPT_COUNT(tp)
	# irqentry_exit: preempt if the interrupted code was preemptible.
	bnez t1, ret_from_exception
	ld t0, PCPU_NEED_RESCHED(tp)
	beqz t0, ret_from_exception
	call preempt_schedule_irq   # sched.s; returns with interrupts off
ret_from_exception:
	ld t0, PT_STATUS(sp)
	csrw sstatus, t0            # SPP = S and SPIE from the trap
	ld t0, PT_EPC(sp)
	csrw sepc, t0
	restore_gprs
	ld sp, PT_SP(sp)
	sret
