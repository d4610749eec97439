# wait.s: bounded waiting for the tests, by the time CSR, so that a lost IPI or
# a hart stuck in a pending state fails a test instead of hanging the run.

	.include "sbitest.inc"

	.section .text
	.globl wait_eq
# wait_eq(a0 = address, a1 = value) -> a0 = 1 once the dword at a0 equals a1,
# 0 after TIMEOUT_TICKS.
wait_eq:
	rdtime t0
	li t1, TIMEOUT_TICKS
	add t0, t0, t1
1:	ld t1, 0(a0)
	beq t1, a1, 2f
	rdtime t2
	bgeu t2, t0, 3f
	pause
	j 1b
2:	fence r, rw
	li a0, 1
	ret
3:	li a0, 0
	ret

	.globl wait_nonzero
# wait_nonzero(a0 = address) -> a0 = 1 once the dword at a0 is not 0, 0 after
# TIMEOUT_TICKS.
wait_nonzero:
	rdtime t0
	li t1, TIMEOUT_TICKS
	add t0, t0, t1
1:	ld t1, 0(a0)
	bnez t1, 2f
	rdtime t2
	bgeu t2, t0, 3f
	pause
	j 1b
2:	fence r, rw
	li a0, 1
	ret
3:	li a0, 0
	ret

	.globl wait_status
# wait_status(a0 = hartid, a1 = HSM state) -> a0 = 1 once hart_get_status
# reports that state, 0 after TIMEOUT_TICKS; a1 = the last state seen.
wait_status:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	rdtime s2
	li t1, TIMEOUT_TICKS
	add s2, s2, t1
1:	mv a0, s0
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	bnez a0, 3f
	beq a1, s1, 2f
	rdtime t0
	bgeu t0, s2, 3f
	pause
	j 1b
2:	li a0, 1
	j 4f
3:	li a0, 0
4:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

	.globl delay
# delay(a0 = ticks of the time CSR)
delay:
	rdtime t0
	add t0, t0, a0
1:	rdtime t1
	bltu t1, t0, 1b
	ret
