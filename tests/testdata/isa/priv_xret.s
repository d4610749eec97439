# priv_xret.s: mret and sret with every MPP and SPP: the mode they return to
# (told by the cause of an ecall made there), the stack of interrupt-enable bits
# (xIE = xPIE, xPIE = 1, xPP = U), MPRV cleared when leaving M, and the modes in
# which they are illegal (mret below M, sret in U, sret in S with TSR).
	.include "harness.inc"

# Return with `insn` (mret or sret, with `status` and `epc` the CSRs it reads) to the next
# instruction after `prv` is set in mstatus's MPP or SPP (given as mask and shift), then ecall there
# and check that the ecall came from `prv`.
.macro XRET_TO n, insn, status, epc, mask, shift, prv, cause
	li	t6, \mask
	csrc	\status, t6
	li	t6, (\prv) << \shift
	csrs	\status, t6
	la	t6, .Lxret_to\@
	csrw	\epc, t6
	\insn
.Lxret_to\@:
	TRAP_ARM
	ecall
	EXPECT_MTRAP \n, \cause
.endm

	XRET_TO 2, mret, mstatus, mepc, MSTATUS_MPP, 11, PRV_M, CAUSE_ECALL_M
	XRET_TO 3, mret, mstatus, mepc, MSTATUS_MPP, 11, PRV_S, CAUSE_ECALL_S
	ENTER_M
	XRET_TO 4, mret, mstatus, mepc, MSTATUS_MPP, 11, PRV_U, CAUSE_ECALL_U
	ENTER_M
	# sret from M returns to SPP's mode (M may execute sret).
	XRET_TO 5, sret, sstatus, sepc, MSTATUS_SPP, 8, PRV_S, CAUSE_ECALL_S
	ENTER_M
	XRET_TO 6, sret, sstatus, sepc, MSTATUS_SPP, 8, PRV_U, CAUSE_ECALL_U
	ENTER_M
	# sret from S to S and to U.
	ENTER_MODE PRV_S
	XRET_TO 7, sret, sstatus, sepc, MSTATUS_SPP, 8, PRV_S, CAUSE_ECALL_S
	XRET_TO 8, sret, sstatus, sepc, MSTATUS_SPP, 8, PRV_U, CAUSE_ECALL_U
	ENTER_M

	# mret to M: MIE = MPIE (1), MPIE = 1, MPP = U; MPRV stays.
	li	a1, MSTATUS_MIE | MSTATUS_MPP | MSTATUS_MPRV
	csrc	mstatus, a1
	li	a1, MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV
	csrs	mstatus, a1
	la	a1, 1f
	csrw	mepc, a1
	mret
1:	csrr	a0, mstatus
	li	a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MPRV
	and	a0, a0, a1
	CHECK	9, a0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPRV
	# mret with MPIE = 0 clears MIE.
	li	a1, MSTATUS_MPIE
	csrc	mstatus, a1
	li	a1, MSTATUS_MPP
	csrs	mstatus, a1
	la	a1, 2f
	csrw	mepc, a1
	mret
2:	csrr	a0, mstatus
	li	a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPRV
	and	a0, a0, a1
	CHECK	10, a0, MSTATUS_MPIE | MSTATUS_MPRV
	# mret to S clears MPRV (seen by the ecall trap, which does not touch it).
	ENTER_MODE PRV_S
	TRAP_ARM
	ecall
	EXPECT_MTRAP 11, CAUSE_ECALL_S
.ifndef QEMU
	# QEMU 7.2 predates the v1.12 rule "an MRET or SRET that changes the privilege
	# mode to one less privileged than M also sets MPRV = 0".
	ld	a0, A_MSTATUS(tp)
	li	a1, MSTATUS_MPRV
	and	a0, a0, a1
	CHECK	12, a0, 0
.endif
	ENTER_M

	# sret: SIE = SPIE, SPIE = 1, SPP = U; and from M it clears MPRV.
	li	a1, MSTATUS_MPRV | MSTATUS_SPIE | MSTATUS_SPP
	csrs	mstatus, a1
	csrci	mstatus, MSTATUS_SIE
	la	a1, 3f
	csrw	sepc, a1
	sret
3:	csrr	a0, sstatus             # in S now
	andi	a0, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
	CHECK	13, a0, MSTATUS_SIE | MSTATUS_SPIE
	li	a1, MSTATUS_SPIE        # SPIE = 0: sret to S clears SIE
	csrc	sstatus, a1
	csrsi	sstatus, MSTATUS_SIE
	li	a1, MSTATUS_SPP
	csrs	sstatus, a1
	la	a1, 4f
	csrw	sepc, a1
	sret
4:	csrr	a0, sstatus
	andi	a0, a0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
	CHECK	14, a0, MSTATUS_SPIE
	ENTER_M
.ifndef QEMU
	csrr	a0, mstatus
	li	a1, MSTATUS_MPRV
	and	a0, a0, a1
	CHECK	15, a0, 0
.endif
	li	a1, MSTATUS_MPRV
	csrc	mstatus, a1

	# mret is illegal in S and U; sret is illegal in U.
	ENTER_MODE PRV_S
	TRAP_ARM
	mret
	EXPECT_ILLEGAL 16
	ENTER_M
	ENTER_MODE PRV_U
	TRAP_ARM
	mret
	EXPECT_ILLEGAL 17
	TRAP_ARM
	sret
	EXPECT_ILLEGAL 18
	ENTER_M
	# TSR: sret in S traps; sret in M does not.
	li	a1, MSTATUS_TSR
	csrs	mstatus, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	sret
	EXPECT_ILLEGAL 19
	ENTER_M
	li	a1, MSTATUS_SPP
	csrs	mstatus, a1
	la	a1, 5f
	csrw	sepc, a1
	sret
5:	TRAP_ARM
	ecall
	EXPECT_MTRAP 20, CAUSE_ECALL_S
	ENTER_M
	li	a1, MSTATUS_TSR
	csrc	mstatus, a1
	PASS
