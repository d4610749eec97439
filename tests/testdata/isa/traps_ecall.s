# traps_ecall.s: ecall from each mode, the cause that names the mode, the epc
# and the state the trap saves in mstatus/sstatus; delegation of ecalls to S
# with medeleg; ecall from M is never delegated.
	.include "harness.inc"

	la	a1, strap_entry
	csrw	stvec, a1

	# ecall from M: cause 11, mepc = the ecall, mtval = 0, MPP = M.
	TRAP_ARM
1:	ecall
	EXPECT_MTRAP 2, CAUSE_ECALL_M
	la	a0, 1b
	ld	a1, A_MEPC(tp)
	CHECK_EQ 3, a1, a0
	CHECK_AREA 4, A_MTVAL, 0
	ld	a0, A_MSTATUS(tp)
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	CHECK	5, a0, MSTATUS_MPP

	# ecall from S: cause 9, MPP = S; MPIE = the old MIE (1 here), MIE = 0.
	csrsi	mstatus, MSTATUS_MIE
	ENTER_MODE PRV_S                # mret: MIE = MPIE
	TRAP_ARM
2:	ecall
	EXPECT_MTRAP 6, CAUSE_ECALL_S
	ld	a0, A_MSTATUS(tp)
	li	a1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
	and	a0, a0, a1
	CHECK	7, a0, (PRV_S << 11) | MSTATUS_MPIE
	la	a0, 2b
	ld	a1, A_MEPC(tp)
	CHECK_EQ 8, a1, a0
	ENTER_M

	# ecall from U: cause 8, MPP = U.
	ENTER_MODE PRV_U
	TRAP_ARM
	ecall
	EXPECT_MTRAP 9, CAUSE_ECALL_U
	ld	a0, A_MSTATUS(tp)
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	CHECK	10, a0, PRV_U << 11
	ENTER_M

	# Delegated: ecall from U goes to S; scause = 8, sepc = the ecall, SPP = U,
	# SPIE = the old SIE, SIE = 0; the M registers are untouched.
	li	a1, 1 << CAUSE_ECALL_U
	csrw	medeleg, a1
	csrw	mcause, zero
	csrsi	sstatus, MSTATUS_SIE
	ENTER_MODE PRV_U
	TRAP_ARM
3:	ecall
	EXPECT_STRAP 11, CAUSE_ECALL_U
	la	a0, 3b
	ld	a1, A_SEPC(tp)
	CHECK_EQ 12, a1, a0
	CHECK_AREA 13, A_STVAL, 0
	ld	a0, A_SSTATUS(tp)
	andi	a0, a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
	CHECK	14, a0, MSTATUS_SPIE
	CHECK_AREA 15, A_MCAUSE, -1     # TRAP_ARM's mark: M took no trap
	ENTER_M                         # through S: medeleg[9] is clear
	csrr	a0, mcause
	CHECK	16, a0, CAUSE_ECALL_S

	# Delegated ecall from S stays in S: SPP = S.
	li	a1, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ECALL_S)
	csrw	medeleg, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	ecall
	EXPECT_STRAP 17, CAUSE_ECALL_S
	ld	a0, A_SSTATUS(tp)
	andi	a0, a0, MSTATUS_SPP
	CHECK	18, a0, MSTATUS_SPP
	ENTER_M_FROM_S

	# ecall from M is never delegated, whatever medeleg says.
	li	a1, -1
	csrw	medeleg, a1
	TRAP_ARM
	ecall
	EXPECT_MTRAP 19, CAUSE_ECALL_M
	csrw	medeleg, zero
	PASS
