# harts.s: helpers the tests use to drive secondary harts (secondary.s).

	.include "sbitest.inc"

	.section .text
	.globl next_secondary
# next_secondary(a0 = first candidate) -> a0 = the lowest existing hart ID
# >= a0 that is not the boot hart, or -1 when there is none.
next_secondary:
	la t0, hart_mask
	ld t0, 0(t0)
	la t1, boot_hartid
	ld t1, 0(t1)
	li t2, MAX_HARTS
1:	bgeu a0, t2, 3f
	beq a0, t1, 2f
	srl t3, t0, a0
	andi t3, t3, 1
	bnez t3, 4f
2:	addi a0, a0, 1
	j 1b
3:	li a0, -1
4:	ret

	.globl start_job
# start_job(a0 = hartid, a1 = job) -> a0 = hart_start's error. Clears the
# hart's READY and RESULT words first.
start_job:
	hrec t0, a0
	sd zero, HREC_READY(t0)
	sd zero, HREC_RESULT(t0)
	fence rw, rw
	mv a2, a1
	la a1, secondary_entry
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	ret

	.globl release_and_wait_stopped
# release_and_wait_stopped(a0 = hartid) -> a0 = 1 when the hart, told to go on
# (READY = 2), reached STOPPED in time.
release_and_wait_stopped:
	hrec t0, a0
	li t1, 2
	fence rw, rw
	sd t1, HREC_READY(t0)
	li a1, SBI_HSM_STATE_STOPPED
	tail wait_status

	.globl wait_ready
# wait_ready(a0 = hartid) -> a0 = 1 once the hart's job has set READY = 1.
wait_ready:
	hrec a0, a0
	addi a0, a0, HREC_READY
	li a1, 1
	tail wait_eq
