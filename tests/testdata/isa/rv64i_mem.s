# rv64i_mem.s: RV64I loads and stores: every width, sign and zero extension,
# negative and positive offsets, x0 as destination, and misaligned accesses, which
# QEMU and rvstop (by default) perform in place instead of trapping.
	.include "harness.inc"

	# Loads of the little-endian pattern at `pattern`.
	TEST_LD  2, lb,  0xffffffffffffff88, 0, pattern
	TEST_LD  3, lbu, 0x88, 0, pattern
	TEST_LD  4, lb,  0x77, 1, pattern
	TEST_LD  5, lh,  0x7788, 0, pattern
	TEST_LD  6, lh,  0xffffffffffff8586, 2, pattern
	TEST_LD  7, lhu, 0x8586, 2, pattern
	TEST_LD  8, lw,  0xffffffff85867788, 0, pattern
	TEST_LD  9, lwu, 0x85867788, 0, pattern
	TEST_LD 10, lw,  0x11223344, 4, pattern
	TEST_LD 11, ld,  0x1122334485867788, 0, pattern
	TEST_LD 12, ld,  0xfedcba9876543210, 8, pattern
	TEST_LD 13, lbu, 0xfe, -1, pattern_end
	TEST_LD 14, ld,  0xfedcba9876543210, -8, pattern_end
	TEST_LD 15, lhu, 0xfedc, -2, pattern_end

	# A load into x0 still happens but leaves x0 zero.
	li	gp, 16
	la	a1, pattern
	ld	x0, 0(a1)
	CHECK	16, x0, 0

	# Stores of every width, read back; narrow stores leave the neighbours alone.
	TEST_ST 17, sb, lb, -1, 0xff, 0, scratch
	TEST_ST 18, sh, lh, 0xffffffffffffa55a, 0xa55a, 2, scratch
	TEST_ST 19, sw, lwu, 0xdeadbeef, 0xdeadbeef, 4, scratch
	TEST_ST 20, sd, ld, 0x0123456789abcdef, 0x0123456789abcdef, 8, scratch
	TEST_ST 21, sd, ld, -1, -1, -8, scratch_end
	TEST_LD 22, ld, 0xdeadbeefa55a00ff, 0, scratch
	TEST_ST 23, sb, ld, 0xdeadbeefa55a0012, 0x3456789012, 0, scratch
	TEST_ST 24, sh, lhu, 0x5678, 0x12345678, 2, scratch
	TEST_LD 25, ld, 0xdeadbeef56780012, 0, scratch

	# Misaligned loads: every width at odd offsets, within and across a dword.
	TEST_LD 26, lh,  0xffffffffffff8677, 1, pattern
	TEST_LD 27, lhu, 0x4485, 3, pattern
	TEST_LD 28, lw,  0x44858677, 1, pattern
	TEST_LD 29, lwu, 0x10112233, 5, pattern
	TEST_LD 30, ld,  0x1011223344858677, 1, pattern
	TEST_LD 31, ld,  0x7654321011223344, 4, pattern
	TEST_LD 32, lw,  0x54321011, 7, pattern
	TEST_LD 33, lh,  0x1011, 7, pattern

	# Misaligned stores, read back both misaligned and by bytes.
	TEST_ST 34, sh, lhu, 0xbeef, 0xbeef, 17, scratch
	TEST_ST 35, sw, lw, 0xffffffffcafef00d, 0xcafef00d, 21, scratch
	TEST_LD 36, lbu, 0xca, 24, scratch
	TEST_ST 37, sd, ld, 0x0011223344556677, 0x0011223344556677, 27, scratch
	TEST_LD 38, lbu, 0x77, 27, scratch
	TEST_LD 39, lbu, 0x00, 34, scratch
	TEST_LD 40, lwu, 0x22334455, 29, scratch
	PASS

	.data
	.balign	8
pattern:
	.dword	0x1122334485867788
	.dword	0xfedcba9876543210
pattern_end:
scratch:
	.zero	48
scratch_end:
