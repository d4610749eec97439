# rv64i_arith.s: RV64I integer arithmetic, logic and compares, register and
# immediate forms, with overflow wrap-around, sign extension of the W forms and
# immediates, and x0 as source and destination.
	.include "harness.inc"

	# add/sub wrap modulo 2^64; no overflow trap exists.
	TEST_RR  2, add, 0, 0, 0
	TEST_RR  3, add, 2, 1, 1
	TEST_RR  4, add, 0x8000000000000000, 0x7fffffffffffffff, 1
	TEST_RR  5, add, 0, -1, 1
	TEST_RR  6, add, 0x1fffffffe, 0xffffffff, 0xffffffff
	TEST_RR  7, sub, -1, 0, 1
	TEST_RR  8, sub, 0x7fffffffffffffff, 0x8000000000000000, 1
	TEST_RR  9, sub, 0x8000000000000001, 0, 0x7fffffffffffffff
	TEST_RR_SRC1_EQ_DEST 10, add, 24, 13, 11
	TEST_RR_SRC2_EQ_DEST 11, sub, 2, 13, 11
	TEST_RR_SRC12_EQ_DEST 12, add, 26, 13
	TEST_RR_ZEROSRC1 13, sub, -5, 5
	TEST_RR_ZERODEST 14, add, 5, 6

	# addi: 12-bit sign-extended immediate.
	TEST_RI 15, addi, 0x800, 0x1, 0x7ff
	TEST_RI 16, addi, -0x800, 0, -0x800
	TEST_RI 17, addi, 0x7ffffffffffff800, 0x8000000000000000, -0x800
	TEST_RI 18, addi, 0, -1, 1
	TEST_RI_SRC1_EQ_DEST 19, addi, 24, 13, 11
	TEST_RI_ZERODEST 20, addi, 5, 6

	# W forms: 32-bit result, sign-extended to 64 bits; upper source bits ignored.
	TEST_RR 21, addw, 0xffffffff80000000, 0x7fffffff, 1
	TEST_RR 22, addw, 0, 0xffffffff, 1
	TEST_RR 23, addw, 2, 0x1234567800000001, 0xabcdef0000000001
	TEST_RR 24, subw, 0x7fffffff, 0xffffffff80000000, 1
	TEST_RR 25, subw, -1, 0, 1
	TEST_RR 26, subw, 0xffffffff80000000, 0, 0x80000000
	TEST_RI 27, addiw, 0xffffffff80000000, 0x7fffffff, 1
	TEST_RI 28, addiw, -1, 0xffffffff00000000, -1
	TEST_RI 29, addiw, 0x7ff, 0x5555555500000000, 0x7ff
	TEST_RI_ZERODEST 30, addiw, 1, 1
	TEST_RR_ZERODEST 31, subw, 1, 2

	# Logic, register and immediate; immediates sign-extend before the operation.
	TEST_RR 32, and, 0x0f000f00, 0xff00ff00, 0x0ff00ff0
	TEST_RR 33, or,  0xfff0fff0, 0xff00ff00, 0x0ff00ff0
	TEST_RR 34, xor, 0xf00ff00f, 0x00ff00ff, 0xf0f0f0f0
	TEST_RI 35, andi, 0xff00ff00ff00ff00, 0xff00ff00ff00ff0f, -0x10
	TEST_RI 36, ori,  0xffffffffffffff0f, 0x0f, -0x100
	TEST_RI 37, xori, 0xffffffffffffff00, 0xff, -1
	TEST_RI 38, xori, 0x00ff00ff00ff00f0, 0x00ff00ff00ff000f, 0xff
	TEST_RR_ZERODEST 39, xor, 1, 2
	TEST_RI_ZERODEST 40, andi, -1, -1

	# Set-less-than: signed and unsigned, register and immediate (sltiu compares
	# with the sign-extended immediate as an unsigned number).
	TEST_RR 41, slt,  1, -1, 0
	TEST_RR 42, slt,  0, 0, -1
	TEST_RR 43, slt,  1, 0x8000000000000000, 0x7fffffffffffffff
	TEST_RR 44, slt,  0, 5, 5
	TEST_RR 45, sltu, 0, -1, 0
	TEST_RR 46, sltu, 1, 0, -1
	TEST_RR 47, sltu, 0, 0x8000000000000000, 0x7fffffffffffffff
	TEST_RI 48, slti, 1, -2049, -2048
	TEST_RI 49, slti, 0, 0x7ff, 0x7ff
	TEST_RI 50, sltiu, 1, 0xfffffffffffff7ff, -0x800
	TEST_RI 51, sltiu, 1, 0x7fffffffffffffff, -1
	TEST_RI 52, sltiu, 0, -1, -1
	TEST_RR_ZEROSRC1 53, sltu, 1, 1
	TEST_RR_ZERODEST 54, slt, -1, 0

	# lui: the 20-bit immediate shifted left 12, sign-extended from bit 31.
	li	gp, 55
	lui	a0, 0x80000
	CHECK	55, a0, 0xffffffff80000000
	lui	a0, 0x7ffff
	CHECK	56, a0, 0x7ffff000
	lui	x0, 0x12345
	CHECK	57, x0, 0

	# auipc: pc + the immediate shifted left 12, sign-extended from bit 31;
	# la (auipc + addi) reaches its label.
	li	gp, 58
1:	auipc	a0, 0
	la	a1, 1b
	CHECK_EQ 58, a0, a1
2:	auipc	a0, 1
	la	a1, 2b
	sub	a0, a0, a1
	CHECK	59, a0, 0x1000
3:	auipc	a0, 0x80000
	la	a1, 3b
	sub	a0, a0, a1
	CHECK	60, a0, 0xffffffff80000000
	PASS
