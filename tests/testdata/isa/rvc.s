# rvc.s: the C extension through its explicit c.* mnemonics, so that each
# compressed encoding is executed whatever the assembler would choose: immediates
# at their extremes, the 3-bit register fields (x8..x15), sp-relative forms,
# compressed control transfer with its link value pc+2, and the all-zero
# parcel, which is defined to be illegal.
	.include "harness.inc"

	# Constants and register moves.
	li	gp, 2
	c.li	a0, -32
	CHECK	2, a0, -32
	c.li	a0, 31
	CHECK	3, a0, 31
	c.lui	a0, 0xfffe0            # nzimm[17:12] = -32: sign-extended from bit 17
	CHECK	4, a0, 0xfffffffffffe0000
	c.lui	a0, 31
	CHECK	5, a0, 31 << 12
	li	a1, 0x1234
	c.mv	a0, a1
	CHECK	6, a0, 0x1234

	# Register-immediate arithmetic.
	li	a0, 10
	c.addi	a0, -32
	CHECK	7, a0, -22
	li	a0, 0x7fffffff
	c.addiw	a0, 1                  # 32-bit wrap, sign-extended
	CHECK	8, a0, 0xffffffff80000000
	li	a0, 0x100000005
	c.addiw	a0, 0                  # sext.w
	CHECK	9, a0, 5
	li	a0, 1
	c.slli	a0, 63
	CHECK	10, a0, 0x8000000000000000
	li	s0, -1
	c.srli	s0, 60
	CHECK	11, s0, 0xf
	li	s1, 0x8000000000000000
	c.srai	s1, 63
	CHECK	12, s1, -1
	li	a5, 0xff
	c.andi	a5, -16
	CHECK	13, a5, 0xf0

	# Register-register arithmetic on the x8..x15 subset, and c.add on any register.
	li	s0, 0xf0f0
	li	s1, 0x0ff0
	c.and	s0, s1
	CHECK	14, s0, 0x00f0
	li	s0, 0xf0f0
	c.or	s0, s1
	CHECK	15, s0, 0xfff0
	li	s0, 0xf0f0
	c.xor	s0, s1
	CHECK	16, s0, 0xff00
	li	s0, 5
	c.sub	s0, s1
	CHECK	17, s0, 5 - 0x0ff0
	li	a4, 0x7fffffff
	li	a5, 1
	c.addw	a4, a5
	CHECK	18, a4, 0xffffffff80000000
	li	a4, 0
	c.subw	a4, a5
	CHECK	19, a4, -1
	li	t0, 40
	li	t1, 2
	c.add	t0, t1
	CHECK	20, t0, 42

	# Stack-pointer forms: c.addi16sp and c.addi4spn scale their immediates.
	mv	s2, sp
	c.addi16sp sp, -512
	sub	a0, s2, sp
	CHECK	21, a0, 512
	c.addi16sp sp, 496
	sub	a0, s2, sp
	CHECK	22, a0, 16
	c.addi4spn a0, sp, 1020
	sub	a0, a0, sp
	CHECK	23, a0, 1020
	mv	sp, s2

	# Loads and stores, base x8..x15 and sp-relative, at their largest offsets.
	la	s0, cbuf
	li	a0, 0x8000000012345678
	c.sd	a0, 248(s0)
	c.ld	a1, 248(s0)
	CHECK	24, a1, 0x8000000012345678
	li	a0, 0x80000000
	c.sw	a0, 124(s0)
	c.lw	a1, 124(s0)
	CHECK	25, a1, 0xffffffff80000000       # c.lw sign-extends
	mv	s2, sp
	la	sp, cbuf
	li	a0, 0x1122334455667788
	c.sdsp	a0, 504(sp)
	c.ldsp	a1, 504(sp)
	CHECK	26, a1, 0x1122334455667788
	li	a0, 0xfedcba98
	c.swsp	a0, 252(sp)
	c.lwsp	a1, 252(sp)
	CHECK	27, a1, 0xfffffffffedcba98
	mv	sp, s2

	# Control transfer. c.jal does not exist on RV64 (its encoding is c.addiw).
	li	a0, 0
	c.j	1f
	li	a0, 1
1:	CHECK	28, a0, 0
	la	a1, 2f
	c.jr	a1
	j	fail_jump
2:	la	a1, 3f
	c.jalr	a1                     # ra = the address after the 2-byte c.jalr
4:	j	fail_jump
3:	la	a2, 4b
	CHECK_EQ 29, ra, a2
	li	s0, 0
	c.beqz	s0, 5f
	j	fail_jump
5:	li	s0, 1
	c.bnez	s0, 6f
	j	fail_jump
6:	li	s0, 0
	c.bnez	s0, fail_jump
	li	s1, 1
	c.beqz	s1, fail_jump
	c.nop
	CHECK	30, s1, 1

	# c.ebreak is a breakpoint, 2 bytes long.
	TRAP_ARM
	li	gp, 31
7:	c.ebreak
	EXPECT_MTRAP 31, CAUSE_BREAKPOINT
	la	a0, 7b
	ld	a1, A_MEPC(tp)
	CHECK_EQ 32, a1, a0

	# The all-zero 16-bit parcel is illegal; mtval holds the instruction: 0.
	TRAP_ARM
	li	gp, 33
	.half	0
	EXPECT_MTRAP 33, CAUSE_ILLEGAL
	CHECK_AREA 34, A_MTVAL, 0
	PASS

fail_jump:
	jal	ra, fail_check

	.data
	.balign	8
cbuf:	.zero	512
