# rv64a.s: the A extension on one hart: every AMO in its W and D forms (rd gets
# the old value, W forms sign-extended; memory gets the operation's result), the
# ordering suffixes, LR/SC success and the failures the spec requires, and the
# exception for misaligned atomics (which are never emulated like plain loads).
	.include "harness.inc"

# Set the dword at `cell` to init, run `op rd, rs2, (cell)` with rs2 = val; check
# rd == old (case n) and the dword at cell == new (case n+1).
.macro TEST_AMO n, op, old, new, init, val
	li	gp, \n
	la	a1, cell
	li	a2, \init
	sd	a2, 0(a1)
	li	a2, \val
	\op	a0, a2, (a1)
	CHECK	\n, a0, \old
	CHECK_MEM \n+1, cell, \new
.endm

	TEST_AMO  2, amoswap.d, 0x1111111122222222, 0x3333333344444444, 0x1111111122222222, 0x3333333344444444
	TEST_AMO  4, amoswap.w, 0xffffffff80000000, 0x1111111100000005, 0x1111111180000000, 5
	TEST_AMO  6, amoadd.d, -1, 0, -1, 1
	TEST_AMO  8, amoadd.w, 0x7fffffff, 0x1234567880000000, 0x123456787fffffff, 1   # no carry into the upper word
	TEST_AMO 10, amoxor.d, 0xff00, 0xf0f0, 0xff00, 0x0ff0
	TEST_AMO 12, amoxor.w, 0xffffffffffffffff, 0xaaaaaaaa00000000, 0xaaaaaaaaffffffff, -1
	TEST_AMO 14, amoand.d, 0xff00ff00ff00ff00, 0x0f000f000f000f00, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f
	TEST_AMO 16, amoand.w, 0xfffffffff0f0f0f0, 0x12345678f0000000, 0x12345678f0f0f0f0, 0xff000000
	TEST_AMO 18, amoor.d, 0x0101, 0x8000000000000101, 0x0101, 0x8000000000000000
	TEST_AMO 20, amoor.w, 0x1, 0x5555555580000001, 0x5555555500000001, 0x80000000
	TEST_AMO 22, amomin.d, 5, -3, 5, -3
	TEST_AMO 24, amomin.d, -3, -3, -3, 5
	TEST_AMO 26, amomin.w, 0x7fffffff, 0xcccccccc80000000, 0xcccccccc7fffffff, 0x80000000   # signed compare of the words
	TEST_AMO 28, amomax.d, 5, 5, 5, -3
	TEST_AMO 30, amomax.w, 0xffffffff80000000, 0x00000000ffffffff, 0x80000000, -1
	TEST_AMO 32, amominu.d, 5, 5, 5, -3
	TEST_AMO 34, amominu.w, 0xffffffffffffffff, 0x7, 0xffffffff, 0x7
	TEST_AMO 36, amomaxu.d, 5, -3, 5, -3
	TEST_AMO 38, amomaxu.w, 0x7fffffff, 0x1111111180000000, 0x111111117fffffff, 0x80000000
	# The ordering bits change nothing on one hart.
	TEST_AMO 40, amoadd.d.aq, 10, 15, 10, 5
	TEST_AMO 42, amoadd.d.rl, 10, 15, 10, 5
	TEST_AMO 44, amoadd.w.aqrl, 10, 15, 10, 5
	# rd = x0 still performs the operation.
	li	gp, 46
	la	a1, cell
	sd	zero, 0(a1)
	li	a2, 9
	amoadd.d x0, a2, (a1)
	CHECK	46, x0, 0
	CHECK_MEM 47, cell, 9

	# LR/SC: success writes memory and rd = 0.
	li	gp, 48
	la	a1, cell
	li	a2, 0x1234
	sd	a2, 0(a1)
	lr.d	a0, (a1)
	CHECK	48, a0, 0x1234
	li	a3, 0x5678
	sc.d	a4, a3, (a1)
	CHECK	49, a4, 0
	CHECK_MEM 50, cell, 0x5678
	# A second SC has no reservation left: it fails (rd = 1) and writes nothing.
	li	gp, 51
	li	a3, 0x9abc
	sc.d	a4, a3, (a1)
	CHECK	51, a4, 1
	CHECK_MEM 52, cell, 0x5678
	# LR.W sign-extends; SC.W stores the low word.
	li	gp, 53
	li	a2, 0x0000000080000001
	sd	a2, 0(a1)
	lr.w.aq	a0, (a1)
	CHECK	53, a0, 0xffffffff80000001
	li	a3, 0xaaaaaaaa00000002
	sc.w.rl	a4, a3, (a1)
	CHECK	54, a4, 0
	CHECK_MEM 55, cell, 2
	# An SC to an address outside the reservation set fails.
	li	gp, 56
	la	a1, cell
	la	a2, cell2
	lr.d	a0, (a1)
	li	a3, 77
	sc.d	a4, a3, (a2)
	CHECK	56, a4, 1
	CHECK_MEM 57, cell2, 0

	# Misaligned atomics trap, with mtval = the address: LR as a load, the AMOs as
	# a store/AMO (the spec also allows an access fault; rvstop raises the
	# misaligned exception, as QEMU does).
	la	s0, cell
	addi	s0, s0, 4
	TRAP_ARM
	li	gp, 58
	lr.d	a0, (s0)
	EXPECT_MTRAP 58, CAUSE_LOAD_MISALIGNED
	ld	a5, A_MTVAL(tp)
	CHECK_EQ 59, a5, s0
	addi	s0, s0, -2
	TRAP_ARM
	li	gp, 60
	amoadd.w a0, a2, (s0)
.ifdef QEMU
	# QEMU 7.2 reports a misaligned AMO as a load (cause 4), against the spec's
	# "AMOs raise store/AMO exceptions"; the runner defines QEMU for its builds.
	EXPECT_MTRAP 60, CAUSE_LOAD_MISALIGNED
.else
	EXPECT_MTRAP 60, CAUSE_STORE_MISALIGNED
.endif
	ld	a5, A_MTVAL(tp)
	CHECK_EQ 61, a5, s0
	# The faulting AMO wrote nothing.
	CHECK_MEM 62, cell, 2
	PASS

	.data
	.balign	8
cell:	.dword	0
cell2:	.dword	0
