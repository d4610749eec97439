# tests_ipi.s: the IPI extension. An IPI is taken as a supervisor software
# interrupt by every started hart it names; IPIs to stopped harts are dropped;
# hart masks naming no existing hart are INVALID_PARAM.

	.include "sbitest.inc"

.equ PINGS, 50                      # IPIs per secondary in ipi_secondary_pingpong

	ktap_case "ipi_self", t_ipi_self
	ktap_case "ipi_self_base_all", t_ipi_all
	ktap_case "ipi_base_beyond_last_hart", t_ipi_bad_base
	ktap_case "ipi_mask_names_missing_hart", t_ipi_bad_mask
	ktap_case "ipi_unknown_function", t_ipi_fid
	ktap_case "ipi_secondary_pingpong", t_ipi_pingpong
	ktap_case "ipi_stopped_hart_dropped", t_ipi_stopped

	.section .text
# send_self_and_wait(a0 = mask, a1 = base) -> a0 = send error, a1 = 1 when
# this hart took exactly one software interrupt.
send_self_and_wait:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	hrec s0, tp
	ld s1, HREC_SSI(s0)
	li t0, SIP_SSIP
	csrs sie, t0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	sd a0, 24(sp)
	csrsi sstatus, SSTATUS_SIE      # taken here, if it was sent
	addi a0, s0, HREC_SSI
	addi a1, s1, 1
	call wait_eq
	csrci sstatus, SSTATUS_SIE
	csrw sie, zero
	mv a1, a0
	ld a0, 24(sp)
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

t_ipi_self:
	prologue
	li a0, 1
	mv a1, tp
	call send_self_and_wait
	mv s0, a1
	expect a0, SBI_SUCCESS, "send_ipi error"
	expect s0, 1, "interrupt taken"
	epilogue

# base -1: every hart, and only this one is started.
t_ipi_all:
	prologue
	li a0, 0
	li a1, -1
	call send_self_and_wait
	mv s0, a1
	expect a0, SBI_SUCCESS, "send_ipi error"
	expect s0, 1, "interrupt taken"
	epilogue

t_ipi_bad_base:
	prologue
	la t0, last_hart
	ld a1, 0(t0)
	addi a1, a1, 1
	li a0, 1
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_ERR_INVALID_PARAM, "base = last hart + 1"
	li a0, 1
	li a1, 1 << 40
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_ERR_INVALID_PARAM, "base = 1<<40"
	epilogue

# The SBI spec: INVALID_PARAM when any hart the mask names is not valid.
t_ipi_bad_mask:
	prologue
	la t0, last_hart
	ld t0, 0(t0)
	addi t0, t0, 1
	li a0, 1
	sll a0, a0, t0                  # the hart after the last one
	li a1, 0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_ERR_INVALID_PARAM, "mask bit last hart + 1"
	epilogue

t_ipi_fid:
	prologue
	li a0, 0
	li a1, 0
	sbi SBI_EXT_IPI, 1
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 1"
	epilogue

# Every secondary takes PINGS IPIs one at a time: each must arrive (no IPI is
# lost however the pending word and MSIP race).
t_ipi_pingpong:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	li s0, 0                        # s0 = candidate hart
2:	mv a0, s0
	call next_secondary
	bltz a0, 9f
	mv s0, a0
	la a1, job_ipi_waiter
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	call wait_ready
	expect a0, 1, "waiter ready"
	hrec s1, s0
	ld s2, HREC_SSI(s1)             # s2 = interrupts so far
	li s3, PINGS
3:	li a0, 1
	mv a1, s0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	bnez a0, 4f
	addi s2, s2, 1
	addi a0, s1, HREC_SSI
	mv a1, s2
	call wait_eq
	beqz a0, 5f
	addi s3, s3, -1
	bnez s3, 3b
	j 6f
4:	expect a0, SBI_SUCCESS, "send_ipi"
	j 6f
5:	ld s4, HREC_SSI(s1)
	expect_reg s4, s2, "IPIs taken (one lost)"
6:	mv a0, s0
	call release_and_wait_stopped
	expect a0, 1, "secondary stopped"
	addi s0, s0, 1
	j 2b
9:	epilogue

# An IPI to a STOPPED hart is dropped: when the hart is started later it
# finds no software interrupt pending.
t_ipi_stopped:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	mv s0, a0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped"
	li a0, 1
	mv a1, s0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_SUCCESS, "send_ipi to stopped hart"
	hrec s1, s0
	ld s2, HREC_ARRIVALS(s1)
	mv a0, s0
	la a1, job_stop
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	addi a0, s1, HREC_ARRIVALS
	addi a1, s2, 1
	call wait_eq
	expect a0, 1, "secondary arrived"
	ld s3, HREC_ENTRY_SIP(s1)
	andi s3, s3, SIP_SSIP
	expect s3, 0, "sip.SSIP on entry"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped again"
	epilogue
