# timer.s: the TIME extension (EID 0x54494D45) and the machine timer interrupt.
# With Sstc (probed in hart_init.s) S-mode's stimecmp drives sip.STIP directly
# and set_timer just writes it. Without Sstc the firmware arms this hart's CLINT
# mtimecmp; the machine timer interrupt then raises mip.STIP for S-mode and
# disarms itself until the next set_timer, which also clears STIP.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_time_handler
# sbi_time_handler(a0 = stime_value, a6 = FID)
sbi_time_handler:
	beqz a6, 1f
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret
1:	ld t0, SCRATCH_FEATURES(tp)
	andi t0, t0, FEATURE_SSTC
	beqz t0, 2f
	csrw CSR_STIMECMP, a0
	j 3f
2:	ld t0, SCRATCH_HARTID(tp)
	slli t0, t0, CLINT_MTIMECMP_SHIFT
	li t1, CLINT_BASE + CLINT_MTIMECMP
	add t0, t0, t1
	sd a0, 0(t0)
	li t0, MIP_STIP
	csrc mip, t0
	li t0, MIP_MTIP
	csrs mie, t0
3:	li a0, SBI_SUCCESS
	li a1, 0
	ret

	.globl sbi_timer_process
# sbi_timer_process(): the machine timer fired; hand it to S-mode.
sbi_timer_process:
	li t0, MIP_MTIP
	csrc mie, t0
	li t0, MIP_STIP
	csrs mip, t0
	ret

	.globl sbi_timer_stop
# sbi_timer_stop(): no more timer events for this hart (hart_stop).
sbi_timer_stop:
	li t0, MIP_MTIP
	csrc mie, t0
	ld t0, SCRATCH_HARTID(tp)
	slli t0, t0, CLINT_MTIMECMP_SHIFT
	li t1, CLINT_BASE + CLINT_MTIMECMP
	add t0, t0, t1
	li t1, -1
	sd t1, 0(t0)
	ld t0, SCRATCH_FEATURES(tp)
	andi t0, t0, FEATURE_SSTC
	beqz t0, 1f
	li t1, -1
	csrw CSR_STIMECMP, t1
1:	ret
