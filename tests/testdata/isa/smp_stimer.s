# smp_stimer.s: Sstc on every hart: each hart, in S-mode, arms its own stimecmp
# at a different distance and takes the delegated supervisor timer interrupt
# (cause STI) in its S handler, ROUNDS times; no hart sees another's timer.
	.equ HARTS, 4
	.include "harness.inc"

	.equ ROUNDS, 3
	.equ TICKS, 700                 # per hart id + 1, in 10 MHz ticks

	mv	s11, a0
	addi	s2, s11, 1
	li	a1, TICKS
	mul	s2, s2, a1              # my delay
	li	s4, 0
	# M: delegate STI, open Sstc and the time counter to S.
	la	a1, strap_entry
	csrw	stvec, a1
	# sie.STIE stays 0 (as the harness left mie) until S arms a deadline, and
	# the S handler clears it again: each deadline interrupts exactly once.
	li	a1, MIP_STIP
	csrw	mideleg, a1
	li	a1, MENVCFG_STCE
	csrw	menvcfg, a1
	csrwi	mcounteren, 2
	ENTER_MODE PRV_S
	STIMECMP_NEVER
	csrsi	sstatus, MSTATUS_SIE

1:	TRAP_ARM
	rdtime	a1
	add	a1, a1, s2
	csrw	stimecmp, a1
	li	a2, MIP_STIP
	csrs	sie, a2
2:	ld	a2, A_ARMED(tp)         # the S handler disarms, and clears sie.STIE
	bnez	a2, 2b
	csrsi	sstatus, MSTATUS_SIE    # the handler's sret left SIE = 0
	EXPECT_STRAP 2, CAUSE_INTR | IRQ_STI
	rdtime	a2                      # it struck at or after my deadline
	csrr	a1, stimecmp
	sltu	a1, a2, a1
	CHECK	3, a1, 0
	CHECK_AREA 4, A_MCAUSE, -1      # M saw nothing of it
	addi	s4, s4, 1
	li	a1, ROUNDS
	bne	s4, a1, 1b

	STIMECMP_NEVER
	ENTER_M
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
