# smp_msip.s: software interrupts between harts: a token goes round the ring
# 0 -> 1 -> 2 -> 3 -> 0 ROUNDS times, each hop an msip write that interrupts the
# next hart (cause MSI), which clears its own msip and passes the token on.
	.equ HARTS, 4
	.include "harness.inc"

	.equ ROUNDS, 25

	mv	s11, a0
	# s1 = my msip, s2 = the next hart's, s3 = my slot in `received`.
	li	s1, CLINT_MSIP
	slli	a1, s11, 2
	add	s1, s1, a1
	addi	a1, s11, 1
	li	a2, HARTS
	remu	a1, a1, a2
	li	s2, CLINT_MSIP
	slli	a1, a1, 2
	add	s2, s2, a1
	la	s3, received
	slli	a1, s11, 3
	add	s3, s3, a1
	li	s4, 0                   # tokens received

	# Everyone arms before hart 0 sends the first token.
	la	s6, ready
	li	a1, 1
	amoadd.w zero, a1, (s6)
	li	a2, HARTS
1:	lw	a1, 0(s6)
	bne	a1, a2, 1b
	bnez	s11, wait_token
	li	a1, 1
	sw	a1, 0(s2)

wait_token:
	TRAP_ARM
	li	a1, MIP_MSIP
	csrs	mie, a1
	WFI_UNTIL_TRAP
	EXPECT_MTRAP 2, CAUSE_INTR | IRQ_MSI
	sw	zero, 0(s1)             # acknowledge: my msip back to 0
	lw	a1, 0(s1)
	CHECK	3, a1, 0
	addi	s4, s4, 1
	sd	s4, 0(s3)
	fence	w, w                    # the count is visible before the token moves
	bnez	s11, 3f
	li	a1, ROUNDS
	beq	s4, a1, all_rounds
3:	li	a1, 1
	sw	a1, 0(s2)
	j	wait_token

	# Hart 0 has the token back for the last time: every hart saw every round.
all_rounds:
	fence	rw, rw
	la	s3, received
	.irp	h, 0, 1, 2, 3
	ld	a0, \h * 8(s3)
	CHECK	4 + \h, a0, ROUNDS
	.endr
	PASS

	.data
	.balign	8
received:	.zero	8 * HARTS
ready:		.word	0
