# priv_restrict.s: what less privileged modes may not do: U touching S or M CSRs
# (illegal, mtval = the instruction), S touching M CSRs, wfi in U and, with
# mstatus.TW, in S; satp and sfence.vma in S with TVM, sfence.vma in U.
	.include "harness.inc"

	# U-mode: every S and M CSR is out of reach, reads and writes alike.
	ENTER_MODE PRV_U
	TRAP_ARM
	csrr	a0, mstatus
	EXPECT_ILLEGAL 2
	TRAP_ARM
	csrr	a0, sstatus
	EXPECT_ILLEGAL 3
	TRAP_ARM
	csrw	sscratch, a0
	EXPECT_ILLEGAL 4
	TRAP_ARM
	csrr	a0, mhartid
	EXPECT_ILLEGAL 5
	TRAP_ARM
	csrr	a0, satp
	EXPECT_ILLEGAL 6
	TRAP_ARM
	wfi                             # illegal in U whenever S-mode exists
	EXPECT_ILLEGAL 7
	TRAP_ARM
	sfence.vma
	EXPECT_ILLEGAL 8
	ENTER_M

	# S-mode: M CSRs are out of reach; its own are not.
	ENTER_MODE PRV_S
	TRAP_ARM
	csrr	a0, mscratch
	EXPECT_ILLEGAL 9
	TRAP_ARM
	csrw	mtvec, zero
	EXPECT_ILLEGAL 10
	TRAP_ARM
	csrr	a0, mip
	EXPECT_ILLEGAL 11
	csrr	a0, sstatus
	csrr	a0, satp
	sfence.vma
	ENTER_M

	# wfi in S without TW does not trap; with a delegated interrupt pending and
	# enabled in sie but SIE = 0, it is not taken and wfi returns at once.
	li	a1, MIP_SSIP
	csrw	mideleg, a1
	csrw	mie, a1
	csrs	mip, a1
	li	a1, MSTATUS_SIE
	csrc	mstatus, a1
	ENTER_MODE PRV_S
	li	a0, 0
	wfi
	li	a0, 1
	CHECK	12, a0, 1
	ENTER_M
	# With TW, wfi in S is illegal.
	li	a1, MSTATUS_TW
	csrs	mstatus, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	wfi
	EXPECT_ILLEGAL 13
	ENTER_M
	li	a1, MSTATUS_TW
	csrc	mstatus, a1
	csrci	mip, MIP_SSIP
	csrw	mie, zero
	csrw	mideleg, zero
	# wfi in M is always allowed (the pending interrupt wakes it, MIE = 0).
	li	a1, MIP_SSIP
	csrw	mie, a1
	csrs	mip, a1
	wfi
	csrw	mie, zero
	csrc	mip, a1

	# TVM: satp and sfence.vma are illegal in S...
	li	a1, MSTATUS_TVM
	csrs	mstatus, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	csrr	a0, satp
	EXPECT_ILLEGAL 14
	TRAP_ARM
	sfence.vma
	EXPECT_ILLEGAL 15
	ENTER_M
	# ...and still allowed in M.
	csrr	a0, satp
	sfence.vma
	li	a1, MSTATUS_TVM
	csrc	mstatus, a1
	CHECK	16, a0, 0
	PASS
