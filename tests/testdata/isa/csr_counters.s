# csr_counters.s: the counters (cycle, instret, time and their M twins), their
# gating by mcounteren/scounteren for S and U, menvcfg.STCE and Sstc's stimecmp,
# which drives mip.STIP.
	.include "harness.inc"

	# instret and cycle count up; minstret and mcycle are writable.
	rdinstret a0
	rdinstret a1
	sltu	a2, a0, a1
	CHECK	2, a2, 1
	rdcycle	a0
	nop
	rdcycle	a1
	sltu	a2, a0, a1
	CHECK	3, a2, 1
	li	a1, 1000
	csrw	minstret, a1
	csrr	a0, minstret
	addi	a0, a0, -1000           # the write, then a few instructions at most
	sltiu	a0, a0, 8
	CHECK	4, a0, 1
	csrw	mcycle, zero
	csrr	a0, mcycle
	sltiu	a0, a0, 1000
	CHECK	5, a0, 1
	# instret counts instructions: 10 nops retire 10 more (plus the reads).
	rdinstret a0
	.rept	10
	nop
	.endr
	rdinstret a1
	sub	a0, a1, a0
	CHECK	6, a0, 11

	# time is the CLINT's mtime: ordered between two reads of mtime.
	li	s0, CLINT_MTIME
	ld	a0, 0(s0)
	rdtime	a1
	ld	a2, 0(s0)
	sltu	a3, a1, a0
	CHECK	7, a3, 0
	sltu	a3, a2, a1
	CHECK	8, a3, 0
	# The unprivileged counters are read-only: writing time is illegal.
	TRAP_ARM
	csrw	time, zero
	EXPECT_ILLEGAL 9
	TRAP_ARM
	csrw	cycle, zero
	EXPECT_ILLEGAL 10

	# S-mode reads counters only where mcounteren allows.
	csrwi	mcounteren, 0
	ENTER_MODE PRV_S
	TRAP_ARM
	rdcycle	a0
	EXPECT_ILLEGAL 11
	TRAP_ARM
	rdtime	a0
	EXPECT_ILLEGAL 12
	TRAP_ARM
	rdinstret a0
	EXPECT_ILLEGAL 13
	ENTER_M
	csrwi	mcounteren, 7
	ENTER_MODE PRV_S
	rdcycle	a0
	rdtime	a0
	rdinstret a0
	ENTER_M
	# U-mode needs both mcounteren and scounteren.
	csrwi	scounteren, 0
	ENTER_MODE PRV_U
	TRAP_ARM
	rdtime	a0
	EXPECT_ILLEGAL 14
	ENTER_M
	csrwi	scounteren, 5
	ENTER_MODE PRV_U
	rdcycle	a0
	rdinstret a0
	TRAP_ARM
	rdtime	a0
	EXPECT_ILLEGAL 15
	ENTER_M
	csrwi	mcounteren, 2
	csrwi	scounteren, 7
	ENTER_MODE PRV_U
	rdtime	a0
	TRAP_ARM
	rdcycle	a0
	EXPECT_ILLEGAL 16
	ENTER_M

	# menvcfg.STCE (Sstc) is writable.
	li	a1, MENVCFG_STCE
	csrs	menvcfg, a1
	csrr	a0, menvcfg
	and	a0, a0, a1
	CHECK	17, a0, MENVCFG_STCE
	# With STCE, mip.STIP is (time >= stimecmp), not a writable bit.
	li	a1, 0xffffffffff00      # far ahead (QEMU overflows on larger ones)
	csrw	stimecmp, a1
	csrr	a0, stimecmp
	CHECK	18, a0, 0xffffffffff00
	csrr	a0, mip
	andi	a0, a0, MIP_STIP
	CHECK	19, a0, 0
	li	a1, MIP_STIP
	csrs	mip, a1
	csrr	a0, mip
	andi	a0, a0, MIP_STIP
	CHECK	20, a0, 0
	csrw	stimecmp, zero
	csrr	a0, mip
	andi	a0, a0, MIP_STIP
	CHECK	21, a0, MIP_STIP
	rdtime	a1                      # a deadline in the future clears it again
	li	a2, 10000000
	add	a1, a1, a2
	csrw	stimecmp, a1
	csrr	a0, mip
	andi	a0, a0, MIP_STIP
	CHECK	22, a0, 0
	# S-mode may access stimecmp with STCE and mcounteren.TM set...
	csrwi	mcounteren, 7
	ENTER_MODE PRV_S
	li	a1, 0xfffffffff000
	csrw	stimecmp, a1
	csrr	a0, stimecmp
	CHECK	23, a0, 0xfffffffff000
	ENTER_M
	# ...but not without STCE.
	li	a1, MENVCFG_STCE
	csrc	menvcfg, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	csrr	a0, stimecmp
	EXPECT_ILLEGAL 24
	ENTER_M
	csrwi	mcounteren, 0
	PASS
