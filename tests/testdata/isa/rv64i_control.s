# rv64i_control.s: RV64I branches (taken, not taken, backward, signed versus
# unsigned), jal and jalr (link value, offset, bit 0 cleared, rd == rs1), and the
# instructions that must change no register: fence, fence.i, pause, nop.
	.include "harness.inc"

	TEST_BR  2, beq,  1, 0, 0
	TEST_BR  3, beq,  0, 0, 1
	TEST_BR  4, beq,  1, -1, 0xffffffffffffffff
	TEST_BR  5, bne,  1, 0x100000000, 0
	TEST_BR  6, bne,  0, -7, -7
	TEST_BR  7, blt,  1, -1, 0
	TEST_BR  8, blt,  0, 0, -1
	TEST_BR  9, blt,  0, 3, 3
	TEST_BR 10, blt,  1, 0x8000000000000000, 0x7fffffffffffffff
	TEST_BR 11, bge,  1, 3, 3
	TEST_BR 12, bge,  1, 0, -1
	TEST_BR 13, bge,  0, -1, 0
	TEST_BR 14, bltu, 0, -1, 0
	TEST_BR 15, bltu, 1, 0, -1
	TEST_BR 16, bltu, 1, 0x7fffffffffffffff, 0x8000000000000000
	TEST_BR 17, bgeu, 1, -1, 0
	TEST_BR 18, bgeu, 1, 5, 5
	TEST_BR 19, bgeu, 0, 0, -1

	# A backward branch loop runs exactly its count.
	li	gp, 20
	li	a0, 0
	li	a1, 10
1:	addi	a0, a0, 1
	bne	a0, a1, 1b
	CHECK	20, a0, 10

	# jal: rd = the address of the next instruction.
	li	gp, 21
	jal	a0, 2f
3:	j	fail_jump
2:	la	a1, 3b
	CHECK_EQ 21, a0, a1

	# jal x0 (j) links nothing; jal to the next instruction is a plain step.
	li	gp, 22
	li	a0, 0
	j	4f
	li	a0, 1
4:	CHECK	22, a0, 0

	# jalr: target = (rs1 + imm) with bit 0 cleared; rd = pc + 4.
	li	gp, 23
	la	a1, 5f
	addi	a1, a1, -4
	jalr	a0, 4(a1)
6:	j	fail_jump
5:	la	a2, 6b
	CHECK_EQ 23, a0, a2
	li	gp, 24
	la	a1, 7f
	addi	a1, a1, 1              # odd target: the low bit is dropped
	jalr	a0, 0(a1)
	j	fail_jump
7:	li	a0, 7
	CHECK	24, a0, 7
	# rd == rs1: the target uses the old rs1.
	li	gp, 25
	la	a1, 8f
	jalr	a1, 0(a1)
9:	j	fail_jump
8:	la	a2, 9b
	CHECK_EQ 25, a1, a2
	# jalr with a negative offset.
	li	gp, 26
	la	a1, 10f
	addi	a1, a1, 64
	jalr	x0, -64(a1)
	j	fail_jump
10:	CHECK	26, x0, 0

	# Instructions without a register result leave registers alone.
	li	gp, 27
	li	a0, 0x5a5a
	fence
	fence	rw, rw
	fence	i, o
	fence.tso
	fence.i
	pause
	nop
	CHECK	27, a0, 0x5a5a

	# fence.i makes a store to code visible to fetch: patch an addi's immediate.
	li	gp, 28
	la	a1, 11f
	lw	a2, 0(a1)
	li	a3, 0x000fffff         # clear imm[11:0] (bits 31:20) of the addi
	and	a2, a2, a3
	li	a3, 42 << 20
	or	a2, a2, a3
	sw	a2, 0(a1)
	fence.i
	li	a0, 0
11:	.option	push
	.option	norvc
	addi	a0, a0, 1
	.option	pop
	CHECK	28, a0, 42
	PASS

# A jump landed on the instruction after a jal/jalr: its link or target is wrong.
fail_jump:
	jal	ra, fail_check
