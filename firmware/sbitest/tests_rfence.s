# tests_rfence.s: the RFENCE extension. Remote fences return only once every
# target fenced, so they must complete while the targets spin in S-mode with
# interrupts off (the firmware's M-mode IPI still reaches them).

	.include "sbitest.inc"

	ktap_case "rfence_local", t_rfence_local
	ktap_case "rfence_all_harts_running", t_rfence_all
	ktap_case "rfence_stopped_harts_skipped", t_rfence_stopped
	ktap_case "rfence_bad_mask", t_rfence_bad_mask
	ktap_case "rfence_mask_names_missing_hart", t_rfence_missing_hart
	ktap_case "rfence_unknown_function", t_rfence_fid

	.section .text
# fences(a0 = mask, a1 = base) -> a0 = the first error of the three fences
fences:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	mv s1, a1
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I
	bnez a0, 1f
	mv a0, s0
	mv a1, s1
	li a2, 0
	li a3, -1                       # the whole address space
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA
	bnez a0, 1f
	mv a0, s0
	mv a1, s1
	li a2, 0x1000
	li a3, 0x2000
	li a4, 1
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA_ASID
1:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

t_rfence_local:
	prologue
	li a0, 1
	mv a1, tp
	call fences
	expect a0, SBI_SUCCESS, "fences on this hart"
	epilogue

t_rfence_all:
	prologue
	# Every secondary running job_wait_release.
	li s0, 0
1:	mv a0, s0
	call next_secondary
	bltz a0, 2f
	mv s0, a0
	la a1, job_wait_release
	call start_job
	expect a0, SBI_SUCCESS, "hart_start"
	mv a0, s0
	call wait_ready
	expect a0, 1, "secondary ready"
	addi s0, s0, 1
	j 1b
2:	li s1, 2                        # rounds (the spinning harts share the host CPUs)
3:	li a0, 0
	li a1, -1
	call fences
	expect a0, SBI_SUCCESS, "fences on all harts"
	la t0, hart_mask
	ld a0, 0(t0)
	li a1, 0
	call fences
	expect a0, SBI_SUCCESS, "fences on hart_mask"
	addi s1, s1, -1
	bnez s1, 3b
	li s0, 0
4:	mv a0, s0
	call next_secondary
	bltz a0, 5f
	mv s0, a0
	call release_and_wait_stopped
	expect a0, 1, "secondary stopped"
	addi s0, s0, 1
	j 4b
5:	epilogue

# With every secondary STOPPED, fences on all harts return at once: stopped
# harts are not waited for.
t_rfence_stopped:
	prologue
	li s0, 0
1:	mv a0, s0
	call next_secondary
	bltz a0, 2f
	mv s0, a0
	li a1, SBI_HSM_STATE_STOPPED
	call wait_status
	expect a0, 1, "secondary stopped"
	addi s0, s0, 1
	j 1b
2:	li a0, 0
	li a1, -1
	call fences
	expect a0, SBI_SUCCESS, "fences on all harts"
	la t0, hart_mask
	ld a0, 0(t0)
	li a1, 0
	call fences
	expect a0, SBI_SUCCESS, "fences on hart_mask"
	epilogue

# each_fence_bad(a0 = mask, a1 = base, a2 = message): each of the three fences
# with this hart mask must be INVALID_PARAM.
each_fence_bad:
	prologue
	mv s0, a0
	mv s1, a1
	mv s2, a2
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_FENCE_I
	li a1, SBI_ERR_INVALID_PARAM
	mv a2, s2
	call check_eq
	mv a0, s0
	mv a1, s1
	li a2, 0
	li a3, -1
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA
	li a1, SBI_ERR_INVALID_PARAM
	mv a2, s2
	call check_eq
	mv a0, s0
	mv a1, s1
	li a2, 0
	li a3, -1
	li a4, 0
	sbi SBI_EXT_RFENCE, SBI_RFENCE_REMOTE_SFENCE_VMA_ASID
	li a1, SBI_ERR_INVALID_PARAM
	mv a2, s2
	call check_eq
	epilogue

t_rfence_bad_mask:
	prologue
	la t0, last_hart
	ld a1, 0(t0)
	addi a1, a1, 1
	li a0, 1
	la a2, msg_base_beyond
	call each_fence_bad
	epilogue

# The SBI spec: INVALID_PARAM when any hart the mask names is not valid.
t_rfence_missing_hart:
	prologue
	la t0, last_hart
	ld t0, 0(t0)
	addi t0, t0, 1
	li a0, 1
	sll a0, a0, t0
	li a1, 0
	la a2, msg_missing_hart
	call each_fence_bad
	epilogue

t_rfence_fid:
	prologue
	li a0, 0
	li a1, -1
	sbi SBI_EXT_RFENCE, 7
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 7"
	epilogue

	.section .rodata
msg_base_beyond:  .asciz "base = last hart + 1"
msg_missing_hart: .asciz "mask bit last hart + 1"
