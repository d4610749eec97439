# irq_machine.s: machine interrupts from the CLINT: the timer (mtime reaching
# mtimecmp) and software (msip); pending versus enabled (mie) versus globally
# enabled (mstatus.MIE); wfi waking without taking the interrupt; priority
# MSI over MTI; and the vectored mtvec, which sends interrupt i to BASE + 4*i.
	.include "harness.inc"

	.equ TICKS, 2000                # 200 us of the 10 MHz mtime

	li	s0, CLINT_MTIME
	li	s1, CLINT_MTIMECMP      # hart 0's
	li	s2, CLINT_MSIP

	# A timer interrupt: mtimecmp in the near future, MTIE and MIE set, wait.
	ld	a0, 0(s0)
	addi	a0, a0, TICKS
	sd	a0, 0(s1)
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	2, a0, 0                # not yet
	li	a1, MIP_MTIP
	csrw	mie, a1
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
1:	ld	a0, A_ARMED(tp)
	bnez	a0, 1b
	EXPECT_MTRAP 3, CAUSE_INTR | IRQ_MTI
	CHECK_AREA 4, A_MTVAL, 0
	ld	a0, A_MSTATUS(tp)       # as the trap left it: MPP = M, MPIE = 1, MIE = 0
	li	a1, MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE
	and	a0, a0, a1
	CHECK	5, a0, MSTATUS_MPP | MSTATUS_MPIE
	ld	a0, 0(s1)               # it struck no earlier than mtimecmp
	ld	a1, 0(s0)
	sltu	a0, a1, a0
	CHECK	6, a0, 0
	# MTIP stays pending until mtimecmp moves.
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	7, a0, MIP_MTIP
	li	a0, -1
	sd	a0, 0(s1)
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	8, a0, 0

	# Pending but not enabled in mie: nothing happens, even with MIE set.
	csrw	mie, zero
	sd	zero, 0(s1)             # mtimecmp = 0: pending at once
	ld	s3, A_MCOUNT(tp)
	csrsi	mstatus, MSTATUS_MIE
	.rept	20
	nop
	.endr
	csrci	mstatus, MSTATUS_MIE
	ld	a0, A_MCOUNT(tp)
	sub	a0, a0, s3
	CHECK	9, a0, 0
	# Enabled in mie but MIE = 0: not taken, yet wfi wakes up.
	li	a1, MIP_MTIP
	csrw	mie, a1
	wfi
	ld	a0, A_MCOUNT(tp)
	sub	a0, a0, s3
	CHECK	10, a0, 0
	csrw	mie, zero
	li	a0, -1
	sd	a0, 0(s1)

	# A software interrupt: msip = 1 sets mip.MSIP, taken when enabled.
	li	a0, 1
	sw	a0, 0(s2)
	csrr	a0, mip
	andi	a0, a0, MIP_MSIP
	CHECK	11, a0, MIP_MSIP
	li	a1, MIP_MSIP
	csrw	mie, a1
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
	EXPECT_MTRAP 12, CAUSE_INTR | IRQ_MSI
	sw	zero, 0(s2)
	csrr	a0, mip
	andi	a0, a0, MIP_MSIP
	CHECK	13, a0, 0

	# Both pending and enabled: MSI is taken first, then MTI.
	li	a0, 1
	sw	a0, 0(s2)
	sd	zero, 0(s1)
	li	a1, MIP_MSIP | MIP_MTIP
	csrw	mie, a1
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
	EXPECT_MTRAP 14, CAUSE_INTR | IRQ_MSI
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
	EXPECT_MTRAP 15, CAUSE_INTR | IRQ_MTI
	sw	zero, 0(s2)
	li	a0, -1
	sd	a0, 0(s1)
	csrw	mie, zero

	# Vectored mtvec: the timer interrupt enters at BASE + 4*7.
	la	a1, mvectors
	ori	a1, a1, 1
	csrw	mtvec, a1
	sd	zero, 0(s1)
	li	a1, MIP_MTIP
	csrw	mie, a1
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
	EXPECT_MTRAP 16, CAUSE_INTR | IRQ_MTI
	CHECK_AREA 17, A_USER, IRQ_MTI  # the slot it came through
	# And the software interrupt at BASE + 4*3.
	li	a0, -1
	sd	a0, 0(s1)
	li	a0, 1
	sw	a0, 0(s2)
	li	a1, MIP_MSIP
	csrw	mie, a1
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
	EXPECT_MTRAP 18, CAUSE_INTR | IRQ_MSI
	CHECK_AREA 19, A_USER, IRQ_MSI
	sw	zero, 0(s2)
	la	a1, mtrap_entry
	csrw	mtvec, a1
	PASS

# The vector table: slot i notes i in A_USER, then joins the common handler.
	.balign	64
mvectors:
	.option	push
	.option	norvc                   # 4-byte slots: no c.j
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11
	j	mvector_\i
	.endr
	.option	pop
	.irp	i, 0,1,2,3,4,5,6,7,8,9,10,11
mvector_\i:
	sd	t0, A_SAVE_T0(tp)
	li	t0, \i
	sd	t0, A_USER(tp)
	ld	t0, A_SAVE_T0(tp)
	j	mtrap_entry
	.endr
