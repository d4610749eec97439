# rv64m.s: the M extension on RV64: the high halves of signed, unsigned and mixed
# products, and division's defined results (it never traps): x/0 = all ones,
# x%0 = x, and the signed overflow -2^63 / -1 = -2^63 with remainder 0, for the
# 64-bit and the W forms (W results sign-extended from bit 31). Expected values
# follow the spec's definitions (chapter "M", table "Semantics for division by
# zero and division overflow").
	.include "harness.inc"

	# mul: the low 64 bits of the product, the same for any signedness.
	TEST_RR   2, mul, 0x0, 0x0, 0x1234
	TEST_RR   3, mul, 0xffffffffffffffeb, 0x7, 0xfffffffffffffffd
	TEST_RR   4, mul, 0xfffffffffffffffe, 0x7fffffffffffffff, 0x2
	TEST_RR   5, mul, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
	TEST_RR   6, mul, 0x236d88fe5618cf00, 0x123456789abcdef0, 0xfedcba9876543210
	TEST_RR   7, mul, 0x1, 0xffffffffffffffff, 0xffffffffffffffff

	# mulh, mulhu, mulhsu: the high 64 bits of the 128-bit signed x signed,
	# unsigned x unsigned and signed x unsigned products.
	TEST_RR   8, mulh, 0x0, 0xffffffffffffffff, 0xffffffffffffffff
	TEST_RR   9, mulh, 0x4000000000000000, 0x8000000000000000, 0x8000000000000000
	TEST_RR  10, mulh, 0x3fffffffffffffff, 0x7fffffffffffffff, 0x7fffffffffffffff
	TEST_RR  11, mulh, 0xc000000000000000, 0x8000000000000000, 0x7fffffffffffffff
	TEST_RR  12, mulh, 0xffffffffffffffff, 0xfffffffffffffffe, 0x3
	TEST_RR  13, mulh, 0xffeb49923cc09532, 0x123456789abcdef0, 0xfedcba9876543210
	TEST_RR  14, mulhu, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff
	TEST_RR  15, mulhu, 0x1, 0x8000000000000000, 0x2
	TEST_RR  16, mulhu, 0x121fa00ad77d7422, 0x123456789abcdef0, 0xfedcba9876543210
	TEST_RR  17, mulhu, 0x0, 0x5, 0x7
	TEST_RR  18, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff
	TEST_RR  19, mulhsu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
	TEST_RR  20, mulhsu, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
	TEST_RR  21, mulhsu, 0x7ffffffffffffffe, 0x7fffffffffffffff, 0xffffffffffffffff
	TEST_RR  22, mulhsu, 0xffffffffffffffff, 0xfffffffffffffffe, 0x3

	# mulw: the low 32 bits of the product of the low words, sign-extended.
	TEST_RR  23, mulw, 0xfffffffffffffffe, 0x7fffffff, 0x2
	TEST_RR  24, mulw, 0x1, 0x12345678ffffffff, 0xabcdef00ffffffff
	TEST_RR  25, mulw, 0x0, 0x10000, 0x10000
	TEST_RR  26, mulw, 0xffffffff80000000, 0xffffffffffffffff, 0x80000000

	# div/rem round toward zero; the remainder takes the dividend's sign.
	# Division by zero: quotient all ones, remainder the dividend.
	# Overflow (MIN64 / -1): quotient MIN64, remainder 0.
	TEST_RR  27, div, 0x3, 0x14, 0x6
	TEST_RR  28, div, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6
	TEST_RR  29, div, 0xfffffffffffffffd, 0x14, 0xfffffffffffffffa
	TEST_RR  30, div, 0x3, 0xffffffffffffffec, 0xfffffffffffffffa
	TEST_RR  31, div, 0x8000000000000000, 0x8000000000000000, 0xffffffffffffffff
	TEST_RR  32, div, 0x8000000000000000, 0x8000000000000000, 0x1
	TEST_RR  33, div, 0xffffffffffffffff, 0x5, 0x0
	TEST_RR  34, div, 0xffffffffffffffff, 0xfffffffffffffffb, 0x0
	TEST_RR  35, div, 0xffffffffffffffff, 0x0, 0x0
	TEST_RR  36, divu, 0x3, 0x14, 0x6
	TEST_RR  37, divu, 0x2aaaaaaaaaaaaaa7, 0xffffffffffffffec, 0x6
	TEST_RR  38, divu, 0x0, 0x8000000000000000, 0xffffffffffffffff
	TEST_RR  39, divu, 0xffffffffffffffff, 0x5, 0x0
	TEST_RR  40, divu, 0xffffffffffffffff, 0xffffffffffffffff, 0x1
	TEST_RR  41, rem, 0x2, 0x14, 0x6
	TEST_RR  42, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0x6
	TEST_RR  43, rem, 0x2, 0x14, 0xfffffffffffffffa
	TEST_RR  44, rem, 0xfffffffffffffffe, 0xffffffffffffffec, 0xfffffffffffffffa
	TEST_RR  45, rem, 0x0, 0x8000000000000000, 0xffffffffffffffff
	TEST_RR  46, rem, 0x5, 0x5, 0x0
	TEST_RR  47, rem, 0xfffffffffffffffb, 0xfffffffffffffffb, 0x0
	TEST_RR  48, rem, 0x8000000000000000, 0x8000000000000000, 0x0
	TEST_RR  49, remu, 0x2, 0x14, 0x6
	TEST_RR  50, remu, 0x2, 0xffffffffffffffec, 0x6
	TEST_RR  51, remu, 0x5, 0x5, 0x0
	TEST_RR  52, remu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
	TEST_RR  53, remu, 0x0, 0xffffffffffffffff, 0xffffffffffffffff

	# W forms divide the low words and sign-extend the 32-bit result, also for
	# x/0 (all ones), x%0 (the dividend's low word) and MIN32 / -1.
	TEST_RR  54, divw, 0x3, 0x14, 0x6
	TEST_RR  55, divw, 0xfffffffffffffffd, 0xffffffffffffffec, 0x6
	TEST_RR  56, divw, 0xffffffff80000000, 0xffffffff80000000, 0xffffffffffffffff
	TEST_RR  57, divw, 0xffffffff80000000, 0x80000000, 0xffffffffffffffff
	TEST_RR  58, divw, 0xffffffffffffffff, 0x1234500000005, 0x0
	TEST_RR  59, divw, 0xfffffffffffffffd, 0xaaaaaaaa00000014, 0xbbbbbbbbfffffffa
	TEST_RR  60, divuw, 0x3, 0x14, 0x6
	TEST_RR  61, divuw, 0xffffffffffffffff, 0xffffffff, 0x1
	TEST_RR  62, divuw, 0x0, 0xfffffffe, 0xffffffff
	TEST_RR  63, divuw, 0xffffffffffffffff, 0x5, 0x0
	TEST_RR  64, divuw, 0xffffffffffffffff, 0x80000000, 0x0
	TEST_RR  65, remw, 0x2, 0x14, 0x6
	TEST_RR  66, remw, 0xfffffffffffffffe, 0xffffffffffffffec, 0x6
	TEST_RR  67, remw, 0x0, 0x80000000, 0xffffffffffffffff
	TEST_RR  68, remw, 0xffffffff80000000, 0x1234580000000, 0x0
	TEST_RR  69, remw, 0x7, 0xffffffff00000007, 0x0
	TEST_RR  70, remw, 0xfffffffffffffffe, 0xaaaaaaaafffffffb, 0x3
	TEST_RR  71, remuw, 0x2, 0x14, 0x6
	TEST_RR  72, remuw, 0x2, 0xfffffffb, 0x3
	TEST_RR  73, remuw, 0xffffffff80000005, 0x80000005, 0x0
	TEST_RR  74, remuw, 0xffffffffffffffff, 0xffffffffffffffff, 0x0
	TEST_RR  75, remuw, 0xfffffffffffffffa, 0xfffffffa, 0xffffffff

	# x0 destinations and rd == rs1 == rs2.
	TEST_RR_ZERODEST 76, mul, 3, 4
	TEST_RR_ZERODEST 77, div, 1, 0
	TEST_RR_SRC12_EQ_DEST 78, mulh, 0x3fffffffffffffff, 0x8000000000000001
	TEST_RR_SRC1_EQ_DEST 79, divu, 3, 20, 6
	TEST_RR_SRC2_EQ_DEST 80, remu, 2, 20, 6
	TEST_RR_ZEROSRC1 81, divu, 0, 9
	PASS
