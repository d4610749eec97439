# smode.s: the way out of the firmware into S-mode, shared by the cold boot
# (entry.s) and hart_start (hsm.s). The SBI spec's start state: satp = 0,
# sstatus.SIE = 0, a0 = hartid, a1 = opaque; no stale S-mode interrupt pending.

	.include "platform.inc"
	.include "layout.inc"

	.section .text
	.globl sbi_enter_smode
# sbi_enter_smode(a0 = hartid, a1 = argument, a2 = address): does not return.
sbi_enter_smode:
	csrw mepc, a2
	li t0, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
	csrc mstatus, t0
	li t0, MSTATUS_MPP_S
	csrs mstatus, t0
	csrw satp, zero
	csrw sie, zero
	# Remote fences skip harts that are not started, so a hart coming out of
	# STOPPED must not run on instructions or translations from before.
	fence.i
	sfence.vma
	li t0, MIP_SSIP | MIP_STIP
	csrc mip, t0
	# The M-mode stack starts empty at the next trap.
	mv sp, tp
	csrw mscratch, tp
	mret
