# trap.s: the M-mode trap vector. Every trap that reaches M-mode lands here:
# ecalls from S-mode, the machine software interrupt (IPIs, hart_start) and the
# machine timer interrupt (set_timer without Sstc). Anything else is reported
# and ends the machine (dump.s).
#
# mscratch always holds this hart's scratch area while the hart is in S/U-mode
# and while the firmware runs, so the first instruction finds a stack.

	.include "platform.inc"
	.include "layout.inc"

# Save or restore x1 and x3..x31 at 8*n(sp).
.macro save_regs
	sd x1, 8(sp)
	.irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd x\n, \n*8(sp)
	.endr
.endm
.macro restore_regs
	ld x1, 8(sp)
	.irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld x\n, \n*8(sp)
	.endr
.endm

	.section .text
	.balign 4
	.globl sbi_trap_vector
sbi_trap_vector:
	csrrw sp, mscratch, sp          # sp = scratch, mscratch = interrupted sp
	sd t0, SCRATCH_T0(sp)
	# A trap taken in M-mode is a firmware fault: report it on a spare frame.
	csrr t0, mstatus
	srli t0, t0, MSTATUS_MPP_SHIFT
	andi t0, t0, 3
	addi t0, t0, -PRV_M
	beqz t0, trap_from_mmode
	ld t0, SCRATCH_T0(sp)

	addi sp, sp, -FRAME_SIZE
	save_regs
	csrr t0, mscratch
	sd t0, FRAME_SP(sp)
	addi tp, sp, FRAME_SIZE         # tp = scratch while in the firmware
	csrw mscratch, tp

	mv a0, sp
	call sbi_trap_handler

	.globl sbi_trap_return
sbi_trap_return:                    # sp = the trap frame
	restore_regs
	ld sp, FRAME_SP(sp)
	mret

trap_from_mmode:
	ld t0, SCRATCH_T0(sp)
	addi sp, sp, SCRATCH_NESTED_FRAME
	save_regs
	csrr t0, mscratch
	sd t0, FRAME_SP(sp)
	addi tp, sp, -SCRATCH_NESTED_FRAME
	csrw mscratch, tp
	mv a0, sp
	li a1, 1                        # taken in M-mode
	# A fresh stack well below whatever the faulting code was using.
	li t0, HART_STACK_SIZE / 2
	sub sp, tp, t0
	call sbi_trap_dump              # does not return

# sbi_trap_handler(a0 = frame): route one trap from S/U-mode.
sbi_trap_handler:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
	csrr t0, mcause
	bltz t0, 2f
	li t1, CAUSE_SUPERVISOR_ECALL
	bne t0, t1, 9f
	call sbi_ecall_handler
	j 8f
2:	slli t0, t0, 1                  # the interrupt number
	srli t0, t0, 1
	li t1, IRQ_M_SOFT
	bne t0, t1, 3f
	call sbi_ipi_process
	j 8f
3:	li t1, IRQ_M_TIMER
	bne t0, t1, 9f
	call sbi_timer_process
8:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
9:	mv a0, s0
	li a1, 0                        # taken in S/U-mode
	call sbi_trap_dump              # does not return
