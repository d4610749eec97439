# smp_reservation.s: another hart's plain store to the reserved location makes
# the SC fail and leaves the other hart's value in memory. Hart 1 reserves with
# LR, hart 0 stores a different value there, hart 1's SC must then fail (the
# spec requires it whatever the interleaving); repeated for the W and D forms.
	.equ HARTS, 2
	.include "harness.inc"

	la	s0, cell
	la	s1, reserved            # hart 1 -> hart 0: my LR is done
	la	s2, stored              # hart 0 -> hart 1: my store is done
	bnez	a0, hart1

	# Hart 0: for each round, wait for the LR, then store over it.
	.irp	round, 1, 2
1:	lw	a1, 0(s1)
	li	a2, \round
	bne	a1, a2, 1b
	li	a1, 0x5500 + \round
	sd	a1, 0(s0)
	fence	w, w
	sw	a2, 0(s2)
	.endr
	# Wait for hart 1's verdicts.
	la	s3, verdicts
2:	lw	a1, 8(s3)
	beqz	a1, 2b
	fence	r, r
	ld	a0, 0(s3)
	CHECK	2, a0, 1                # the SC.D failed
	ld	a0, 16(s3)
	CHECK	3, a0, 1                # the SC.W failed
	CHECK_MEM 4, cell, 0x5502
	PASS

hart1:
	la	s3, verdicts
	# Round 1: lr.d ... (hart 0 stores) ... sc.d
	lr.d	a1, (s0)
	li	a2, 1
	sw	a2, 0(s1)
1:	lw	a3, 0(s2)
	bne	a3, a2, 1b
	li	a4, 0x7777
	sc.d	a5, a4, (s0)
	snez	a5, a5
	sd	a5, 0(s3)
	# Round 2: the same with lr.w/sc.w.
	lr.w	a1, (s0)
	li	a2, 2
	sw	a2, 0(s1)
2:	lw	a3, 0(s2)
	bne	a3, a2, 2b
	li	a4, 0x7777
	sc.w	a5, a4, (s0)
	snez	a5, a5
	sd	a5, 16(s3)
	fence	w, w
	li	a2, 1
	sw	a2, 8(s3)
	j	harness_park

	.data
	.balign	64
cell:		.dword	0
	.balign	64
reserved:	.word	0
	.balign	64
stored:		.word	0
	.balign	64
verdicts:	.zero	24
