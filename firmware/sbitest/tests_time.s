# tests_time.s: the TIME extension on the boot hart: a timer event is taken as
# a supervisor timer interrupt, set_timer clears a pending one, bad FIDs fail.

	.include "sbitest.inc"

	ktap_case "time_set_timer_interrupt", t_timer_interrupt
	ktap_case "time_set_timer_clears_pending", t_timer_clears
	ktap_case "time_unknown_function", t_time_unknown_fid
	ktap_case "time_secondary_harts", t_time_secondary

	.section .text
# set_timer(now + 1 ms) with STIE and SIE on: one interrupt arrives, and the
# handler's set_timer(-1) leaves nothing pending.
t_timer_interrupt:
	prologue
	hrec s0, tp
	ld s1, HREC_STI(s0)
	li t0, SIP_STIP
	csrs sie, t0
	csrsi sstatus, SSTATUS_SIE
	rdtime a0
	li t0, 10000
	add a0, a0, t0
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	expect a0, SBI_SUCCESS, "set_timer error"
	addi a0, s0, HREC_STI
	addi a1, s1, 1
	call wait_eq
	expect a0, 1, "timer interrupt taken"
	csrci sstatus, SSTATUS_SIE
	li t0, SIP_STIP
	csrc sie, t0
	csrr s2, sip
	andi s2, s2, SIP_STIP
	expect s2, 0, "sip.STIP after set_timer(-1)"
	epilogue

# With STIE off, set_timer(0) makes STIP pending (the time is past), and
# set_timer(-1) must clear it: what Linux relies on to ack a timer.
t_timer_clears:
	prologue
	csrw sie, zero
	li a0, 0
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	expect a0, SBI_SUCCESS, "set_timer(0) error"
	rdtime s1
	li t0, 10000000
	add s1, s1, t0
1:	csrr s0, sip
	andi s0, s0, SIP_STIP
	bnez s0, 2f
	rdtime t0
	bltu t0, s1, 1b
2:	expect s0, SIP_STIP, "sip.STIP after set_timer(0)"
	li a0, -1
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	expect a0, SBI_SUCCESS, "set_timer(-1) error"
	csrr s0, sip
	andi s0, s0, SIP_STIP
	expect s0, 0, "sip.STIP after set_timer(-1)"
	epilogue

t_time_unknown_fid:
	prologue
	li a0, -1
	sbi SBI_EXT_TIME, 1
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 1"
	epilogue

# Every secondary takes its own timer interrupt (its own mtimecmp without Sstc).
t_time_secondary:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	li s0, 0
2:	mv a0, s0
	call next_secondary
	bltz a0, 3f
	mv s0, a0
	hrec s1, s0
	la a1, job_timer
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped"
	ld s2, HREC_RESULT(s1)
	expect s2, 1, "timer interrupt on the secondary"
	addi s0, s0, 1
	j 2b
3:	epilogue
