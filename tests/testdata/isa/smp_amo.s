# smp_amo.s: 4 harts increment shared counters with AMOs and lose no update:
# amoadd.d, amoadd.w, and a plain load/add/store inside a spinlock built from
# amoswap.w.aq / amoswap.w.rl (mutual exclusion and its ordering).
	.equ HARTS, 4
	.include "harness.inc"

	.equ ITERS, 1000

	mv	s11, a0                 # hart id
	la	s0, counter64
	la	s1, counter32
	la	s2, lock
	la	s3, plain
	li	s4, ITERS
	li	s5, 1
1:	amoadd.d zero, s5, (s0)
	amoadd.w zero, s5, (s1)
	# Spinlock: swap 1 in until the old value was 0; release by swapping 0 in.
2:	amoswap.w.aq a1, s5, (s2)
	bnez	a1, 2b
	ld	a2, 0(s3)
	addi	a2, a2, 1
	sd	a2, 0(s3)
	amoswap.w.rl zero, zero, (s2)
	addi	s4, s4, -1
	bnez	s4, 1b

	# Done: count in; hart 0 waits for everyone, then checks.
	la	s6, done
	amoadd.w zero, s5, (s6)
	bnez	s11, harness_park
	li	a2, HARTS
3:	lw	a1, 0(s6)
	bne	a1, a2, 3b
	fence	rw, rw
	CHECK_MEM 2, counter64, HARTS * ITERS
	lw	a0, 0(s1)
	CHECK	3, a0, HARTS * ITERS
	CHECK_MEM 4, plain, HARTS * ITERS
	CHECK_MEM 5, lock, 0
	PASS

	.data
	.balign	64
counter64:	.dword	0
	.balign	64
counter32:	.word	0
	.balign	64
lock:		.dword	0
plain:		.dword	0
	.balign	64
done:		.word	0
