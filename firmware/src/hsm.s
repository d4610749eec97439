# hsm.s: the HSM extension (EID 0x48534D): hart_start, hart_stop,
# hart_get_status, hart_suspend, and the loop where stopped harts wait.
#
# A hart's state lives in its scratch area and only moves along these edges:
#
#   STOPPED --hart_start (any hart, lr/sc)--> START_PENDING --(the hart)--> STARTED
#   STARTED --hart_stop (the hart)--> STOP_PENDING --(the hart)--> STOPPED
#   STARTED --hart_suspend (the hart)--> SUSPENDED --(wake-up)--> STARTED
#
# hart_start is the only call that changes another hart's state, and it does so
# only from STOPPED, by compare-and-swap, so two starters cannot both win. The
# winner then writes the entry point, sets START_GO and rings the target's MSIP;
# the target leaves sbi_hsm_hart_wait only on START_GO, so it never reads a
# half-written entry point.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_hsm_handler
# sbi_hsm_handler(a0..a2 = arguments, a6 = FID, a7 = trap frame)
sbi_hsm_handler:
	li t0, SBI_HSM_HART_START
	beq a6, t0, hart_start
	li t0, SBI_HSM_HART_STOP
	beq a6, t0, hart_stop
	li t0, SBI_HSM_HART_GET_STATUS
	beq a6, t0, hart_get_status
	li t0, SBI_HSM_HART_SUSPEND
	beq a6, t0, hart_suspend
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret

# hart_exists(a0 = hartid) -> a0 = 1 when the hart is in fw_hart_mask
hart_exists:
	li t0, 64
	bgeu a0, t0, 1f
	la t0, fw_hart_mask
	ld t0, 0(t0)
	srl t0, t0, a0
	andi a0, t0, 1
	ret
1:	li a0, 0
	ret

# hart_start(a0 = hartid, a1 = start_addr, a2 = opaque): checks in OpenSBI's
# order (hart, address, state).
hart_start:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	mv s2, a2
	call hart_exists
	beqz a0, 7f
	mv a0, s1
	li a1, 1
	call sbi_check_s_range
	beqz a0, 8f
	hart_scratch t0, s0
	addi t1, t0, SCRATCH_HSM_STATE
	li t2, SBI_HSM_STATE_STOPPED
	li t3, SBI_HSM_STATE_START_PENDING
1:	lr.d.aqrl t4, (t1)
	bne t4, t2, 2f
	sc.d.aqrl t5, t3, (t1)
	bnez t5, 1b
	# Ours: hand over the entry point, then let the hart go.
	sd s1, SCRATCH_START_ADDR(t0)
	sd s2, SCRATCH_START_ARG(t0)
	fence iorw, iorw
	li t1, 1
	sd t1, SCRATCH_START_GO(t0)
	fence iorw, iorw
	slli t0, s0, CLINT_MSIP_SHIFT
	li t1, CLINT_BASE
	add t0, t0, t1
	li t1, 1
	sw t1, 0(t0)
	li a0, SBI_SUCCESS
	j 9f
2:	li a0, SBI_ERR_ALREADY_AVAILABLE
	li t2, SBI_HSM_STATE_STARTED
	beq t4, t2, 9f
7:	li a0, SBI_ERR_INVALID_PARAM    # a bad hart, or one already on its way
	j 9f
8:	li a0, SBI_ERR_INVALID_ADDRESS
9:	li a1, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

# hart_stop(): STARTED -> STOP_PENDING -> STOPPED; does not return on success.
hart_stop:
	addi t1, tp, SCRATCH_HSM_STATE
	li t2, SBI_HSM_STATE_STARTED
	li t3, SBI_HSM_STATE_STOP_PENDING
1:	lr.d.aqrl t4, (t1)
	bne t4, t2, 2f
	sc.d.aqrl t5, t3, (t1)
	bnez t5, 1b
	mv sp, tp                       # the trap frame is abandoned
	call sbi_timer_stop
	call sbi_ipi_process            # acknowledge fences already asked of us
	fence iorw, iorw
	li t0, SBI_HSM_STATE_STOPPED
	sd t0, SCRATCH_HSM_STATE(tp)
	j sbi_hsm_hart_wait
2:	li a0, SBI_ERR_FAILED
	li a1, 0
	ret

	.globl sbi_hsm_hart_wait
# sbi_hsm_hart_wait: a STOPPED hart waits here, in M-mode with only MSIE
# enabled and mstatus.MIE = 0, so an IPI ends wfi without taking a trap.
# Events that still arrive are served (fences) or dropped (S-mode IPIs).
sbi_hsm_hart_wait:
	mv sp, tp
	li t0, MIP_MSIP
	csrw mie, t0
1:	call sbi_ipi_process            # clears MSIP before looking at START_GO
	ld t0, SCRATCH_START_GO(tp)
	bnez t0, 2f
	wfi
	j 1b
2:	fence iorw, iorw
	sd zero, SCRATCH_START_GO(tp)
	li t0, SBI_HSM_STATE_STARTED
	sd t0, SCRATCH_HSM_STATE(tp)
	fence iorw, iorw
	ld a0, SCRATCH_HARTID(tp)
	ld a1, SCRATCH_START_ARG(tp)
	ld a2, SCRATCH_START_ADDR(tp)
	j sbi_enter_smode

# hart_get_status(a0 = hartid) -> a1 = state
hart_get_status:
	mv t3, a0
	mv t4, ra
	call hart_exists
	mv ra, t4
	beqz a0, 1f
	hart_scratch t0, t3
	ld a1, SCRATCH_HSM_STATE(t0)
	li a0, SBI_SUCCESS
	ret
1:	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
	ret

# hart_suspend(a0 = suspend_type, a1 = resume_addr, a2 = opaque). The default
# retentive suspend returns SUCCESS after wfi; the default non-retentive one
# resumes S-mode at resume_addr with a0 = hartid, a1 = opaque, satp = 0,
# sstatus.SIE = 0. The type is 32 bits wide; upper bits are ignored (OpenSBI).
# The other types (SUSPEND_RET_PLATFORM and up) are reserved or unimplemented.
hart_suspend:
	slli a0, a0, 32
	srli a0, a0, 32
	beqz a0, 3f                     # RET_DEFAULT
	li t0, SBI_HSM_SUSPEND_NON_RET_DEFAULT
	beq a0, t0, 2f
	# Reserved types, and platform-specific ones (none is implemented), are
	# INVALID_PARAM as SBI v2.0 says (OpenSBI 1.1: NOT_SUPPORTED for the latter).
	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
	ret

2:	# non-retentive: the resume address must be S-mode memory
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	mv s2, a2
	mv a0, a1
	li a1, 1
	call sbi_check_s_range
	bnez a0, 1f
	li a0, SBI_ERR_INVALID_ADDRESS
	li a1, 0
	j 6f
1:	call suspend_wfi
	bnez a0, 6f
	csrw mepc, s1
	li t0, MSTATUS_MPP | MSTATUS_SIE
	csrc mstatus, t0
	li t0, MSTATUS_MPP_S
	csrs mstatus, t0
	csrw satp, zero
	ld a0, SCRATCH_HARTID(tp)       # the ecall returns these in a0/a1
	mv a1, s2
6:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

3:	# retentive
	addi sp, sp, -16
	sd ra, 0(sp)
	call suspend_wfi
	li a1, 0
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# suspend_wfi() -> a0 = error: STARTED -> SUSPENDED, wait for any interrupt
# S-mode or the firmware has enabled in mie, back to STARTED. IPIs reach a
# SUSPENDED hart; they are taken as traps once the ecall has returned.
suspend_wfi:
	addi t1, tp, SCRATCH_HSM_STATE
	li t2, SBI_HSM_STATE_STARTED
	li t3, SBI_HSM_STATE_SUSPENDED
1:	lr.d.aqrl t4, (t1)
	bne t4, t2, 2f
	sc.d.aqrl t5, t3, (t1)
	bnez t5, 1b
	wfi
	fence iorw, iorw
	li t0, SBI_HSM_STATE_STARTED
	sd t0, SCRATCH_HSM_STATE(tp)
	fence iorw, iorw
	li a0, SBI_SUCCESS
	ret
2:	li a0, SBI_ERR_FAILED
	ret
