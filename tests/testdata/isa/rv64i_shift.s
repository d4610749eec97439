# rv64i_shift.s: RV64I shifts. Register shifts use only the low 6 bits of rs2
# (5 bits for the W forms); W forms shift the low word and sign-extend bit 31.
	.include "harness.inc"

	TEST_RR  2, sll, 0x8000000000000000, 1, 63
	TEST_RR  3, sll, 1, 1, 64               # 64 & 63 = 0
	TEST_RR  4, sll, 2, 1, 65
	TEST_RR  5, sll, 0x8000000000000000, 1, -1
	TEST_RR  6, srl, 1, 0x8000000000000000, 63
	TEST_RR  7, srl, 0x8000000000000000, 0x8000000000000000, 64
	TEST_RR  8, srl, 0x0000ffffffffffff, -1, 0xffffffffffffff10
	TEST_RR  9, sra, -1, 0x8000000000000000, 63
	TEST_RR 10, sra, 0xc000000000000000, 0x8000000000000000, 1
	TEST_RR 11, sra, 0x3fffffffffffffff, 0x7fffffffffffffff, 1
	TEST_RR 12, sra, 0x8000000000000000, 0x8000000000000000, 128
	TEST_RR_SRC12_EQ_DEST 13, sll, 0x380, 7
	TEST_RR_ZERODEST 14, sra, -1, 3
	TEST_RR_ZEROSRC1 15, srl, 0, 5

	TEST_RI 16, slli, 0x8000000000000000, 1, 63
	TEST_RI 17, slli, 0x0123456789abcdef << 4, 0x0123456789abcdef, 4
	TEST_RI 18, srli, 1, 0x8000000000000000, 63
	TEST_RI 19, srli, 0x00ffffffffffffff, -1, 8
	TEST_RI 20, srai, -1, 0x8000000000000000, 63
	TEST_RI 21, srai, 0xffff800000000000, 0x8000000000000000, 16
	TEST_RI 22, srai, 0x0000400000000000, 0x4000000000000000, 16
	TEST_RI 23, slli, 0x1234, 0x1234, 0
	TEST_RI_ZERODEST 24, srli, -1, 1

	# W forms: the shift amount is rs2[4:0]; the 32-bit result is sign-extended.
	TEST_RR 25, sllw, 0xffffffff80000000, 1, 31
	TEST_RR 26, sllw, 1, 1, 32              # 32 & 31 = 0
	TEST_RR 27, sllw, 0, 0xffffffff00000000, 4   # upper source bits ignored
	TEST_RR 28, sllw, 0xfffffffff0000000, 0x0f000000f, 28
	TEST_RR 29, srlw, 1, 0x80000000, 31
	TEST_RR 30, srlw, 0xffffffff80000000, 0xffffffff80000000, 32   # shift 0 keeps bit 31
	TEST_RR 31, srlw, 0x7fffffff, 0x12345678ffffffff, 1
	TEST_RR 32, sraw, -1, 0x80000000, 31
	TEST_RR 33, sraw, 0xffffffffc0000000, 0x0000000080000000, 33
	TEST_RR 34, sraw, 0x3fffffff, 0xffffffff7fffffff, 1
	TEST_RI 35, slliw, 0xffffffff80000000, 1, 31
	TEST_RI 36, slliw, 0x12345678 << 4 & 0xffffffff, 0xffffffff12345678, 4
	TEST_RI 37, srliw, 1, 0xffffffff80000000, 31
	TEST_RI 38, srliw, 0xffffffff80000000, 0x80000000, 0
	TEST_RI 39, sraiw, -1, 0x80000000, 31
	TEST_RI 40, sraiw, 0x7fffffff >> 4, 0xaaaaaaaa7fffffff, 4
	TEST_RI 41, sraiw, 0xfffffffffff80000, 0x0000000080000000, 12
	TEST_RI_ZERODEST 42, sraiw, -1, 1
	TEST_RR_ZERODEST 43, srlw, -1, 1
	PASS
