# trap.s: the payload's S-mode trap handler (stvec on every hart). Supervisor
# software and timer interrupts are counted in the hart's record; the timer is
# disarmed with set_timer(-1), which the SBI says clears the pending interrupt.
# Any exception is a payload bug or a firmware bug: report it and fail.

	.include "sbitest.inc"

.equ SCAUSE_SSI, (1 << 63) | 1
.equ SCAUSE_STI, (1 << 63) | 5

	.section .text
	.balign 4
	.globl s_trap_vector
s_trap_vector:
	addi sp, sp, -144
	sd ra, 0(sp)
	sd t0, 8(sp)
	sd t1, 16(sp)
	sd t2, 24(sp)
	sd t3, 32(sp)
	sd t4, 40(sp)
	sd t5, 48(sp)
	sd t6, 56(sp)
	sd a0, 64(sp)
	sd a1, 72(sp)
	sd a2, 80(sp)
	sd a3, 88(sp)
	sd a4, 96(sp)
	sd a5, 104(sp)
	sd a6, 112(sp)
	sd a7, 120(sp)

	csrr t0, scause
	li t1, SCAUSE_SSI
	bne t0, t1, 1f
	li t0, SIP_SSIP                 # the firmware set it; S-mode clears it
	csrc sip, t0
	hrec t0, tp
	li t1, 1
	addi t0, t0, HREC_SSI
	amoadd.d zero, t1, (t0)
	j 9f
1:	li t1, SCAUSE_STI
	bne t0, t1, 2f
	li a0, -1
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	hrec t0, tp
	li t1, 1
	addi t0, t0, HREC_STI
	amoadd.d zero, t1, (t0)
	j 9f
2:	la a0, msg_trap
	call puts
	csrr a0, scause
	call puthex
	la a0, msg_sepc
	call puts
	csrr a0, sepc
	call puthex
	la a0, msg_stval
	call puts
	csrr a0, stval
	call puthex
	call newline
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, SBI_SRST_REASON_SYSFAIL
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
3:	wfi
	j 3b

9:	ld ra, 0(sp)
	ld t0, 8(sp)
	ld t1, 16(sp)
	ld t2, 24(sp)
	ld t3, 32(sp)
	ld t4, 40(sp)
	ld t5, 48(sp)
	ld t6, 56(sp)
	ld a0, 64(sp)
	ld a1, 72(sp)
	ld a2, 80(sp)
	ld a3, 88(sp)
	ld a4, 96(sp)
	ld a5, 104(sp)
	ld a6, 112(sp)
	ld a7, 120(sp)
	addi sp, sp, 144
	sret

	.section .rodata
msg_trap:  .asciz "# unexpected S-mode trap: scause "
msg_sepc:  .asciz " sepc "
msg_stval: .asciz " stval "
