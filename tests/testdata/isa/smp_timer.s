# smp_timer.s: each hart's own CLINT timer interrupts it, and only it: every hart
# sets mtimecmp[hart] at different distances, sleeps in wfi, and takes MTI with
# mtime past its own mtimecmp, ROUNDS times; hart 0 checks everyone's count.
	.equ HARTS, 4
	.include "harness.inc"

	.equ ROUNDS, 3
	.equ TICKS, 1000                # per hart id + 1, in 10 MHz mtime ticks

	mv	s11, a0
	li	s0, CLINT_MTIME
	li	s1, CLINT_MTIMECMP
	slli	a1, s11, 3
	add	s1, s1, a1              # my mtimecmp
	addi	s2, s11, 1
	li	a1, TICKS
	mul	s2, s2, a1              # my delay
	li	s4, 0

1:	ld	a1, 0(s0)
	add	a1, a1, s2
	sd	a1, 0(s1)
	TRAP_ARM
	li	a1, MIP_MTIP
	csrs	mie, a1
	WFI_UNTIL_TRAP
	EXPECT_MTRAP 2, CAUSE_INTR | IRQ_MTI
	ld	a1, 0(s1)               # mtime has reached my deadline
	ld	a2, 0(s0)
	sltu	a1, a2, a1
	CHECK	3, a1, 0
	li	a1, -1
	sd	a1, 0(s1)
	csrr	a1, mip                 # and the line dropped with mtimecmp = -1
	andi	a1, a1, MIP_MTIP
	CHECK	4, a1, 0
	addi	s4, s4, 1
	li	a1, ROUNDS
	bne	s4, a1, 1b

	la	s3, ticks_seen
	slli	a1, s11, 3
	add	s3, s3, a1
	sd	s4, 0(s3)
	la	s6, done
	li	a1, 1
	fence	w, w
	amoadd.w zero, a1, (s6)
	bnez	s11, harness_park
	li	a2, HARTS
3:	lw	a1, 0(s6)
	bne	a1, a2, 3b
	fence	rw, rw
	la	s3, ticks_seen
	.irp	h, 0, 1, 2, 3
	ld	a0, \h * 8(s3)
	CHECK	5 + \h, a0, ROUNDS
	.endr
	PASS

	.data
	.balign	8
ticks_seen:	.zero	8 * HARTS
done:		.word	0
