# irq_supervisor.s: S-level interrupts and delegation: a delegated SSIP, STIP or
# SEIP goes to the S handler, is masked by SIE in S but not in U, and never
# interrupts M; undelegated it goes to M even from S with MIE = 0; M-level
# interrupts take priority over S-level ones; Sstc's stimecmp raises STIP alone.
	.include "harness.inc"

	la	a1, strap_entry
	csrw	stvec, a1
	li	s1, CLINT_MTIMECMP

	# Delegated SSIP, pending and enabled: taken in S as soon as SIE allows.
	li	a1, MIP_SSIP | MIP_STIP
	csrw	mideleg, a1
	csrw	mie, a1
	csrsi	mip, MIP_SSIP
	csrsi	mstatus, MSTATUS_SIE
	TRAP_ARM
	ENTER_MODE PRV_S
1:	nop
	EXPECT_STRAP 2, CAUSE_INTR | IRQ_SSI
	la	a0, 1b
	ld	a1, A_SEPC(tp)          # it struck the first instruction in S
	CHECK_EQ 3, a1, a0
	ld	a0, A_SSTATUS(tp)       # SPP = S, SPIE = 1
	andi	a0, a0, MSTATUS_SPP | MSTATUS_SPIE | MSTATUS_SIE
	CHECK	4, a0, MSTATUS_SPP | MSTATUS_SPIE
	csrci	sip, MIP_SSIP
	ENTER_M

	# In S with SIE = 0 it waits; in U it is taken regardless of SIE.
	csrsi	mip, MIP_SSIP
	li	a1, MIP_SSIP
	csrs	mie, a1
	csrci	mstatus, MSTATUS_SIE
	ld	s3, A_SCOUNT(tp)
	ENTER_MODE PRV_S
	nop
	nop
	ld	a0, A_SCOUNT(tp)
	sub	a0, a0, s3
	CHECK	5, a0, 0
	TRAP_ARM
	ENTER_MODE_FROM_S PRV_U
	nop
	EXPECT_STRAP 6, CAUSE_INTR | IRQ_SSI
	ld	a0, A_SSTATUS(tp)       # SPP = U
	andi	a0, a0, MSTATUS_SPP
	CHECK	7, a0, 0
	ENTER_M
	csrci	mip, MIP_SSIP

	# M is never interrupted by a delegated interrupt, even with MIE and SIE set.
	csrsi	mip, MIP_SSIP
	li	a1, MIP_SSIP
	csrs	mie, a1
	ld	s3, A_MCOUNT(tp)
	ld	s4, A_SCOUNT(tp)
	csrsi	mstatus, MSTATUS_MIE | MSTATUS_SIE
	nop
	nop
	csrci	mstatus, MSTATUS_MIE | MSTATUS_SIE
	ld	a0, A_MCOUNT(tp)
	sub	a0, a0, s3
	CHECK	8, a0, 0
	ld	a0, A_SCOUNT(tp)
	sub	a0, a0, s4
	CHECK	9, a0, 0
	csrci	mip, MIP_SSIP

	# Not delegated: SSIP in S goes to M although MIE = 0 (M's interrupts are
	# always enabled below M).
	csrw	mideleg, zero
	li	a1, MIP_SSIP
	csrw	mie, a1
	csrsi	mip, MIP_SSIP
	TRAP_ARM
	ENTER_MODE PRV_S                # MPIE was 0: MIE = 0 in S
	nop
	EXPECT_MTRAP 10, CAUSE_INTR | IRQ_SSI
	ENTER_M
	csrci	mip, MIP_SSIP

	# Priority: MTI before SSI when both go to M.
	li	a1, MIP_SSIP | MIP_MTIP
	csrw	mie, a1
	csrsi	mip, MIP_SSIP
	sd	zero, 0(s1)
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
.ifndef QEMU
	EXPECT_MTRAP 11, CAUSE_INTR | IRQ_MTI
.else
	# QEMU 7.2 takes SSI before MTI, against the order the spec fixes
	# (MEI, MSI, MTI, SEI, SSI, STI).
	EXPECT_MTRAP 11, CAUSE_INTR | IRQ_SSI
.endif
	TRAP_ARM
	csrsi	mstatus, MSTATUS_MIE
	nop
.ifndef QEMU
	EXPECT_MTRAP 12, CAUSE_INTR | IRQ_SSI
.else
	EXPECT_MTRAP 12, CAUSE_INTR | IRQ_MTI
.endif
	li	a0, -1
	sd	a0, 0(s1)
	csrci	mip, MIP_SSIP
	csrw	mie, zero

	# A delegated STIP set by M (menvcfg.STCE = 0) goes to S.
	csrw	menvcfg, zero
	li	a1, MIP_STIP
	csrw	mideleg, a1
	csrw	mie, a1
	csrs	mip, a1
	csrsi	mstatus, MSTATUS_SIE
	TRAP_ARM
	ENTER_MODE PRV_S
	nop
	EXPECT_STRAP 13, CAUSE_INTR | IRQ_STI
	ENTER_M
	li	a1, MIP_STIP
	csrc	mip, a1

	# Sstc: S arms its own timer with stimecmp and waits for it.
	li	a1, MENVCFG_STCE
	csrs	menvcfg, a1
	csrwi	mcounteren, 2           # TM: S may use time and stimecmp
	STIMECMP_NEVER
	li	a1, MIP_STIP
	csrw	mie, a1
	ENTER_MODE PRV_S
	csrsi	sstatus, MSTATUS_SIE
	li	a1, MIP_STIP
	csrs	sie, a1
	TRAP_ARM
	rdtime	a0
	addi	a0, a0, 2000
	csrw	stimecmp, a0
2:	ld	a0, A_ARMED(tp)
	bnez	a0, 2b
	EXPECT_STRAP 14, CAUSE_INTR | IRQ_STI
	csrr	a0, sip                 # still pending: stimecmp has not moved
	andi	a0, a0, MIP_STIP
	CHECK	15, a0, MIP_STIP
	STIMECMP_NEVER
	csrr	a0, sip
	andi	a0, a0, MIP_STIP
	CHECK	16, a0, 0
	ENTER_M

	# SEIP written by M (as firmware forwards an external interrupt) and
	# delegated: taken in S as a supervisor external interrupt.
	li	a1, MIP_SEIP
	csrw	mideleg, a1
	csrw	mie, a1
	csrs	mip, a1
	csrsi	mstatus, MSTATUS_SIE
	TRAP_ARM
	ENTER_MODE PRV_S
	nop
	EXPECT_STRAP 17, CAUSE_INTR | IRQ_SEI
	ENTER_M
	li	a1, MIP_SEIP
	csrc	mip, a1
	csrw	menvcfg, zero
	csrw	mcounteren, zero
	csrw	mideleg, zero
	csrw	mie, zero
	PASS
