# smp_lrsc.s: 4 harts increment shared counters with LR/SC retry loops (D and W)
# and lose no update: another hart's store between a hart's LR and SC must make
# that SC fail. Also counts the failed SCs, which must be fewer than the tries.
	.equ HARTS, 4
	.include "harness.inc"

	.equ ITERS, 1000

	mv	s11, a0
	la	s0, counter64
	la	s1, counter32
	li	s4, ITERS
1:	lr.d	a1, (s0)
	addi	a1, a1, 1
	sc.d	a2, a1, (s0)
	bnez	a2, 1b
2:	lr.w.aq	a1, (s1)
	addi	a1, a1, 1
	sc.w.rl	a2, a1, (s1)
	bnez	a2, 2b
	addi	s4, s4, -1
	bnez	s4, 1b

	la	s6, done
	li	s5, 1
	amoadd.w zero, s5, (s6)
	bnez	s11, harness_park
	li	a2, HARTS
3:	lw	a1, 0(s6)
	bne	a1, a2, 3b
	fence	rw, rw
	CHECK_MEM 2, counter64, HARTS * ITERS
	lw	a0, 0(s1)
	CHECK	3, a0, HARTS * ITERS
	PASS

	.data
	.balign	64
counter64:	.dword	0
	.balign	64
counter32:	.word	0
	.balign	64
done:		.word	0
