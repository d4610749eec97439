# tests_hsm.s: the HSM extension. Argument and state errors on the boot hart;
# hart_start/hart_stop cycles on every secondary (HSM_ROUNDS rounds: each start
# must arrive with the SBI's entry state and end in STOPPED, none may stay
# pending); retentive and non-retentive suspend.

	.include "sbitest.inc"

.ifndef HSM_ROUNDS
.equ HSM_ROUNDS, 25
.endif
.equ NONRET_MAGIC, 0x5eed5eed

	ktap_case "hsm_status_self", t_status_self
	ktap_case "hsm_status_invalid_hart", t_status_invalid
	ktap_case "hsm_start_invalid_hart", t_start_invalid
	ktap_case "hsm_start_self_already_available", t_start_self
	ktap_case "hsm_start_firmware_address", t_start_fw_addr
	ktap_case "hsm_start_address_outside_ram", t_start_bad_addr
	ktap_case "hsm_start_stop_cycles", t_cycles
	ktap_case "hsm_start_running_hart", t_start_running
	ktap_case "hsm_start_race", t_start_race
	ktap_case "hsm_suspend_reserved_types", t_suspend_types
	ktap_case "hsm_suspend_platform_types", t_suspend_platform_types
	ktap_case "hsm_suspend_bad_resume_address", t_suspend_bad_addr
	ktap_case "hsm_suspend_retentive_timer", t_suspend_ret
	ktap_case "hsm_suspend_non_retentive_timer", t_suspend_nonret
	ktap_case "hsm_secondary_suspend_ipi", t_suspend_secondary
	ktap_case "hsm_secondary_non_retentive_ipi", t_suspend_secondary_nonret
	ktap_case "hsm_unknown_function", t_hsm_fid

	.section .text
t_status_self:
	prologue
	mv a0, tp
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	mv s0, a1
	expect a0, SBI_SUCCESS, "error"
	expect s0, SBI_HSM_STATE_STARTED, "state"
	epilogue

t_status_invalid:
	prologue
	la t0, last_hart
	ld a0, 0(t0)
	addi a0, a0, 1
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	expect a0, SBI_ERR_INVALID_PARAM, "last hart + 1"
	li a0, -1
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	expect a0, SBI_ERR_INVALID_PARAM, "hart -1"
	epilogue

t_start_invalid:
	prologue
	la t0, last_hart
	ld a0, 0(t0)
	addi a0, a0, 1
	la a1, secondary_entry
	la a2, job_stop
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	expect a0, SBI_ERR_INVALID_PARAM, "last hart + 1"
	epilogue

t_start_self:
	prologue
	mv a0, tp
	la a1, secondary_entry
	la a2, job_stop
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	expect a0, SBI_ERR_ALREADY_AVAILABLE, "start self"
	epilogue

# The address is checked before the state (OpenSBI's order), so this hart can
# be the target: the answer is about the address.
t_start_fw_addr:
	prologue
	mv a0, tp
	li a1, 0x80000000
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	expect a0, SBI_ERR_INVALID_ADDRESS, "start at 0x80000000"
	epilogue

t_start_bad_addr:
	prologue
	mv a0, tp
	li a1, 0x1000                   # the boot ROM, not RAM
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	expect a0, SBI_ERR_INVALID_ADDRESS, "start at 0x1000"
	epilogue

# start_stop_once(a0 = hartid): one hart_start/hart_stop cycle with every check.
start_stop_once:
	prologue
	mv s0, a0
	hrec s1, s0
	ld s2, HREC_ARRIVALS(s1)
	mv a0, s0
	la a1, job_stop
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	mv s3, a1
	expect a0, SBI_SUCCESS, "get_status after start"
	sltiu s3, s3, SBI_HSM_STATE_STOP_PENDING + 1
	expect s3, 1, "state after start is one of STARTED..STOP_PENDING"
	addi a0, s1, HREC_ARRIVALS
	addi a1, s2, 1
	call wait_eq
	expect a0, 1, "hart arrived"
	ld s3, HREC_ENTRY_A0(s1)
	expect_reg s3, s0, "a0 on entry (hartid)"
	ld s3, HREC_ENTRY_A1(s1)
	la t0, job_stop
	expect_reg s3, t0, "a1 on entry (opaque)"
	ld s3, HREC_ENTRY_SATP(s1)
	expect s3, 0, "satp on entry"
	ld s3, HREC_ENTRY_SSTATUS(s1)
	andi s3, s3, SSTATUS_SIE
	expect s3, 0, "sstatus.SIE on entry"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	mv s3, a1
	expect a0, 1, "reached STOPPED (a1 = last state)"
	ld s3, HREC_STOP_ERR(s1)
	expect s3, 0, "hart_stop returned"
	epilogue

t_cycles:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	li s4, HSM_ROUNDS
2:	li s0, 0
3:	mv a0, s0
	call next_secondary
	bltz a0, 4f
	mv s0, a0
	call start_stop_once
	la t0, test_failed              # one failure says enough
	ld t0, 0(t0)
	bnez t0, 5f
	addi s0, s0, 1
	j 3b
4:	addi s4, s4, -1
	bnez s4, 2b
5:	epilogue

t_start_running:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	mv s0, a0
	la a1, job_wait_release
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	call wait_ready
	expect a0, 1, "secondary ready"
	mv a0, s0
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	mv s1, a1
	expect s1, SBI_HSM_STATE_STARTED, "state"
	mv a0, s0
	la a1, secondary_entry
	la a2, job_stop
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	expect a0, SBI_ERR_ALREADY_AVAILABLE, "second hart_start"
	mv a0, s0
	call release_and_wait_stopped
	expect a0, 1, "secondary stopped"
	epilogue

# Two harts start the same stopped hart at the same moment, RACE_ROUNDS
# times: exactly one hart_start succeeds, the other finds the hart
# START_PENDING (INVALID_PARAM) or STARTED (ALREADY_AVAILABLE).
.equ RACE_ROUNDS, 20
t_start_race:
	prologue
	li a0, 0
	call next_secondary
	mv s0, a0                       # s0 = the racing starter
	addi a0, a0, 1
	call next_secondary
	mv s1, a0                       # s1 = the target
	bgez s1, 1f
	epilogue_skip "needs 3 harts"
1:	la t0, race_target
	sd s1, 0(t0)
	hrec s2, s0
	li s3, RACE_ROUNDS
2:	mv a0, s0
	la a1, job_race_starter
	call start_job
	expect a0, SBI_SUCCESS, "hart_start of the starter"
	mv a0, s0
	call wait_ready
	expect a0, 1, "starter ready"
	hrec t0, s1
	sd zero, HREC_READY(t0)         # the target's job will set it
	li t1, 2
	fence rw, rw
	sd t1, HREC_READY(s2)           # go
	mv a0, s1
	la a1, secondary_entry
	la a2, job_wait_release
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	mv s4, a0                       # s4 = our error
	addi a0, s2, HREC_RESULT
	call wait_nonzero
	expect a0, 1, "starter done"
	ld s5, HREC_RESULT(s2)
	addi s5, s5, -100               # s5 = the starter's error
	# exactly one SUCCESS
	seqz t0, s4
	seqz t1, s5
	add t0, t0, t1
	expect t0, 1, "successful hart_starts"
	or t0, s4, s5                   # the loser: INVALID_PARAM or ALREADY_AVAILABLE
	li t1, SBI_ERR_INVALID_PARAM
	beq t0, t1, 3f
	li t1, SBI_ERR_ALREADY_AVAILABLE
	beq t0, t1, 3f
	fail t0, "the losing hart_start's error"
3:	mv a0, s1
	call wait_ready
	expect a0, 1, "target running"
	mv a0, s1
	call release_and_wait_stopped
	expect a0, 1, "target stopped"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "starter stopped"
	la t0, test_failed
	ld t0, 0(t0)
	bnez t0, 4f
	addi s3, s3, -1
	bnez s3, 2b
4:	epilogue

t_suspend_types:
	prologue
	.irp type, 1, 0x0fffffff, 0x80000001, 0x8fffffff
	li a0, \type
	li a1, 0
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	expect a0, SBI_ERR_INVALID_PARAM, "reserved type \type"
	.endr
	epilogue

# SBI v2.0: platform-specific types the implementation lacks are INVALID_PARAM.
t_suspend_platform_types:
	prologue
	.irp type, 0x10000000, 0x7fffffff, 0x90000000, 0xffffffff
	li a0, \type
	la a1, secondary_entry
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	expect a0, SBI_ERR_INVALID_PARAM, "platform type \type"
	.endr
	epilogue

t_suspend_bad_addr:
	prologue
	li a0, SBI_HSM_SUSPEND_NON_RET_DEFAULT
	li a1, 0x80000000
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	expect a0, SBI_ERR_INVALID_ADDRESS, "resume at 0x80000000"
	epilogue

# arm_timer(): a supervisor timer event 1 ms from now, STIE on, SIE off, so
# the pending interrupt ends wfi without being taken.
arm_timer:
	csrci sstatus, SSTATUS_SIE
	li t0, SIP_STIP
	csrw sie, t0
	rdtime a0
	li t0, 10000
	add a0, a0, t0
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	ret

# disarm_timer(): set_timer(-1), STIE off.
disarm_timer:
	li a0, -1
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	csrw sie, zero
	ret

t_suspend_ret:
	prologue
	call arm_timer
	li a0, SBI_HSM_SUSPEND_RET_DEFAULT
	li a1, 0
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	mv s0, a0
	call disarm_timer
	expect s0, SBI_SUCCESS, "suspend"
	mv a0, tp
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	mv s0, a1
	expect s0, SBI_HSM_STATE_STARTED, "state after resume"
	epilogue

# Non-retentive: the call does not return; the hart resumes at nonret_resume
# with a0 = hartid, a1 = opaque, satp = 0, sstatus.SIE = 0, and registers lost.
t_suspend_nonret:
	prologue
	la t0, nonret_sp
	sd sp, 0(t0)
	csrr t1, stvec
	sd t1, 8(t0)
	call arm_timer
	li a0, SBI_HSM_SUSPEND_NON_RET_DEFAULT
	la a1, nonret_resume
	li a2, NONRET_MAGIC
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	mv s0, a0
	call disarm_timer
	fail s0, "non-retentive suspend returned, error"
	epilogue
nonret_resume:
	la t0, nonret_sp
	ld sp, 0(t0)
	ld t1, 8(t0)
	csrw stvec, t1
	mv s0, a0
	mv s1, a1
	la t0, boot_hartid
	ld tp, 0(t0)
	csrr s2, satp
	csrr s3, sstatus
	andi s3, s3, SSTATUS_SIE
	call disarm_timer
	expect_reg s0, tp, "a0 on resume (hartid)"
	expect s1, NONRET_MAGIC, "a1 on resume (opaque)"
	expect s2, 0, "satp on resume"
	expect s3, 0, "sstatus.SIE on resume"
	epilogue

# A secondary suspends (retentive, SSIE only); it reports SUSPENDED, and an
# IPI, which must reach a SUSPENDED hart, wakes it.
t_suspend_secondary:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	mv s0, a0
	hrec s1, s0
	la a1, job_suspend
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	call wait_ready
	mv a0, s0
	li a1, SBI_HSM_STATE_SUSPENDED
	call wait_status
	expect a0, 1, "secondary SUSPENDED"
	li a0, 1
	mv a1, s0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_SUCCESS, "send_ipi"
	addi a0, s1, HREC_RESULT
	li a1, SBI_SUCCESS + 1
	call wait_eq
	ld s2, HREC_RESULT(s1)
	addi s2, s2, -1
	expect s2, SBI_SUCCESS, "suspend returned"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped"
	epilogue

# A secondary in non-retentive suspend, woken by an IPI, resumes at the
# given address with a0 = hartid, a1 = opaque, satp = 0, sstatus.SIE = 0.
t_suspend_secondary_nonret:
	prologue
	li a0, 0
	call next_secondary
	bgez a0, 1f
	epilogue_skip "needs 2 harts"
1:	mv s0, a0
	hrec s1, s0
	la a1, job_suspend_non_retentive
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	call wait_ready
	mv a0, s0
	li a1, SBI_HSM_STATE_SUSPENDED
	call wait_status
	expect a0, 1, "secondary SUSPENDED"
	ld s2, HREC_ARRIVALS(s1)
	li a0, 1
	mv a1, s0
	sbi SBI_EXT_IPI, SBI_IPI_SEND_IPI
	expect a0, SBI_SUCCESS, "send_ipi"
	addi a0, s1, HREC_ARRIVALS
	addi a1, s2, 1
	call wait_eq
	expect a0, 1, "resumed at resume_addr"
	ld s3, HREC_ENTRY_A0(s1)
	expect_reg s3, s0, "a0 on resume (hartid)"
	ld s3, HREC_ENTRY_A1(s1)
	la t0, job_resumed
	expect_reg s3, t0, "a1 on resume (opaque)"
	ld s3, HREC_ENTRY_SATP(s1)
	expect s3, 0, "satp on resume"
	ld s3, HREC_ENTRY_SSTATUS(s1)
	andi s3, s3, SSTATUS_SIE
	expect s3, 0, "sstatus.SIE on resume"
	ld s3, HREC_RESULT(s1)
	expect s3, 0, "suspend returned (error + 100)"
	mv a0, s0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped"
	epilogue

t_hsm_fid:
	prologue
	sbi SBI_EXT_HSM, 4
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 4"
	epilogue

	.section .bss
	.balign 8
nonret_sp: .zero 16
