# csr_machine.s: the M-mode CSRs' read/write behaviour where the privileged spec
# (v1.12) fixes it: misa's base and extensions, the read-only ID CSRs (a write
# attempt is illegal even when it would write 0 or the same value), scratch and
# the full set/clear/immediate CSR instruction family, mepc's cleared bit 0,
# the WARL fields of mstatus, medeleg/mideleg's read-only M bits, mtvec modes,
# mie/mip writability.
	.include "harness.inc"

	# misa: MXL = 2 (64-bit) and at least I, M, A, C, S, U.
	.equ MISA_IMACSU, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 2) | (1 << 18) | (1 << 20)
	csrr	a0, misa
	srli	a1, a0, 62
	CHECK	2, a1, 2
	li	a2, MISA_IMACSU
	and	a1, a0, a2
	CHECK	3, a1, MISA_IMACSU
	andi	a1, a0, 1 << 4          # E is exclusive with I
	CHECK	4, a1, 0

	# The ID CSRs read without trapping; mhartid is 0 on hart 0.
	csrr	a0, mvendorid
	csrr	a0, marchid
	csrr	a0, mimpid
	csrr	a0, mconfigptr
	csrr	a0, mhartid
	CHECK	5, a0, 0
	csrrsi	a0, mhartid, 0          # uimm = 0 does not write: legal
	CHECK	6, a0, 0

	# Writes to read-only CSRs are illegal, whatever the value: csrrw always
	# writes, and csrrs/csrrc write when rs1 is not x0, even if it holds 0.
	TRAP_ARM
	csrw	mvendorid, x0
	EXPECT_ILLEGAL 7
	li	a1, 0
	TRAP_ARM
	csrrwi	a0, marchid, 0
	EXPECT_ILLEGAL 8
.ifndef QEMU
	# QEMU 7.2 decides from the value of rs1, not from its number, whether
	# csrrs/csrrc write; the spec says a write is attempted when rs1 != x0.
	TRAP_ARM
	csrrs	a0, mhartid, a1
	EXPECT_ILLEGAL 9
	TRAP_ARM
	csrrc	a0, mimpid, a1
	EXPECT_ILLEGAL 10
.endif
	TRAP_ARM
	csrw	mconfigptr, zero
	EXPECT_ILLEGAL 44
	# A CSR number that does not exist is illegal too (0x7ff: custom M range, unused).
	TRAP_ARM
	csrr	a0, 0x7ff
	EXPECT_ILLEGAL 11

	# The CSR instruction family on mscratch: rd gets the old value.
	li	a1, 0x0123456789abcdef
	csrw	mscratch, a1
	csrr	a0, mscratch
	CHECK	12, a0, 0x0123456789abcdef
	li	a2, -1
	csrrw	a0, mscratch, a2
	CHECK	13, a0, 0x0123456789abcdef
	li	a2, 0xff
	csrrc	a0, mscratch, a2
	CHECK	14, a0, -1
	csrrs	a0, mscratch, x0
	CHECK	15, a0, 0xffffffffffffff00
	csrrci	a0, mscratch, 0x1f
	csrrsi	a0, mscratch, 0x15      # immediates are 5-bit, zero-extended
	CHECK	16, a0, 0xffffffffffffff00
	csrrwi	a0, mscratch, 0x1f
	CHECK	17, a0, 0xffffffffffffff15
	csrr	a0, mscratch
	CHECK	18, a0, 0x1f
	csrrw	x0, mscratch, a1        # rd = x0: write only
	csrr	a0, mscratch
	CHECK	19, a0, 0x0123456789abcdef

	# mepc, mtval, mcause hold what is written (mepc with bit 0 cleared: IALIGN=16).
.ifndef QEMU
	# QEMU 7.2 keeps mepc[0] as written (it clears it only on mret).
	li	a1, 0x80001235
	csrw	mepc, a1
	csrr	a0, mepc
	CHECK	20, a0, 0x80001234
.endif
	li	a1, 0x80002002
	csrw	mepc, a1
	csrr	a0, mepc
	CHECK	21, a0, 0x80002002
	li	a1, 0x88001234
	csrw	mtval, a1
	csrr	a0, mtval
	CHECK	22, a0, 0x88001234
	li	a1, CAUSE_INTR | IRQ_MTI
	csrw	mcause, a1
	csrr	a0, mcause
	CHECK	23, a0, CAUSE_INTR | IRQ_MTI
	csrwi	mcause, CAUSE_ILLEGAL
	csrr	a0, mcause
	CHECK	24, a0, CAUSE_ILLEGAL

	# mstatus: MPP holds each implemented mode (M, S, U) and never the reserved 2.
	.irp	mode, PRV_M, PRV_S, PRV_U
	li	a1, MSTATUS_MPP
	csrc	mstatus, a1
	li	a1, (\mode) << 11
	csrs	mstatus, a1
	csrr	a0, mstatus
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	srli	a0, a0, 11
	CHECK	25, a0, \mode
	.endr
.ifndef QEMU
	# QEMU 7.2 stores MPP = 2 as written; the spec makes MPP WARL over M, S, U.
	li	a1, MSTATUS_MPP
	csrc	mstatus, a1
	li	a1, 2 << 11
	csrs	mstatus, a1
	csrr	a0, mstatus
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	srli	a0, a0, 11
	addi	a0, a0, -2
	snez	a0, a0
	CHECK	26, a0, 1
.endif
	# UXL and SXL are 2 (64-bit U and S).
	csrr	a0, mstatus
	srli	a0, a0, 32
	andi	a0, a0, 0xf
	CHECK	27, a0, 0xa
	# The single-bit fields M-mode software relies on are writable: set and clear.
	.irp	bit, MSTATUS_SIE, MSTATUS_MIE, MSTATUS_SPIE, MSTATUS_MPIE, MSTATUS_SPP, MSTATUS_MPRV, MSTATUS_MXR, MSTATUS_TVM, MSTATUS_TW, MSTATUS_TSR
	li	a1, \bit
	csrs	mstatus, a1
	csrr	a0, mstatus
	and	a0, a0, a1
	CHECK	28, a0, \bit
	csrc	mstatus, a1
	csrr	a0, mstatus
	and	a0, a0, a1
	CHECK	29, a0, 0
	.endr

	# mideleg: M-level interrupts (bits 3, 7, 11) cannot be delegated, their bits
	# are read-only 0. (v1.12 only says medeleg[11] "should" be read-only 0, and
	# QEMU 7.2 keeps it writable; traps_ecall.s checks that it has no effect.)
	li	a1, -1
	csrw	medeleg, a1
	csrw	mideleg, a1
	csrr	a0, mideleg
	li	a2, MIP_MSIP | MIP_MTIP | MIP_MEIP
	and	a0, a0, a2
	CHECK	31, a0, 0
	csrr	a0, mideleg             # the S-level interrupts are delegable
	li	a2, MIP_SSIP | MIP_STIP | MIP_SEIP
	and	a0, a0, a2
	CHECK	32, a0, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrw	medeleg, zero
	csrw	mideleg, zero
	csrr	a0, medeleg
	CHECK	33, a0, 0
	csrr	a0, mideleg
	CHECK	34, a0, 0

	# mtvec: direct (MODE 0) and vectored (MODE 1) both read back.
	csrr	s0, mtvec
	la	a1, mtvec_test_base
	csrw	mtvec, a1
	csrr	a0, mtvec
	CHECK_EQ 35, a0, a1
	ori	a1, a1, 1
	csrw	mtvec, a1
	csrr	a0, mtvec
	CHECK_EQ 36, a0, a1
	csrw	mtvec, s0

	# mie: the six standard enable bits are writable.
	li	a1, -1
	csrw	mie, a1
	csrr	a0, mie
	li	a2, 0xaaa
	and	a0, a0, a2
	CHECK	37, a0, 0xaaa
	csrw	mie, zero
	csrr	a0, mie
	CHECK	38, a0, 0

	# mip: MSIP, MTIP, MEIP are read-only (driven by the CLINT and PLIC, all quiet
	# here); SSIP, STIP and SEIP are writable from M (menvcfg.STCE = 0).
	csrw	menvcfg, zero
	li	a1, MIP_MSIP | MIP_MTIP | MIP_MEIP
	csrs	mip, a1
	csrr	a0, mip
	and	a0, a0, a1
	CHECK	39, a0, 0
	li	a1, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrs	mip, a1
	csrr	a0, mip
	and	a0, a0, a1
	CHECK	40, a0, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrc	mip, a1
	csrr	a0, mip
	and	a0, a0, a1
	CHECK	41, a0, 0

	# mcounteren: CY, TM and IR are writable.
	csrwi	mcounteren, 7
	csrr	a0, mcounteren
	andi	a0, a0, 7
	CHECK	42, a0, 7
	csrwi	mcounteren, 0
	csrr	a0, mcounteren
	CHECK	43, a0, 0

	# CSRs that must exist in M even where they do nothing (hardwired counters and
	# events are WARL): accessing them does not trap.
	ld	s1, A_MCOUNT(tp)
	csrr	a0, mhpmcounter3
	csrw	mhpmcounter3, zero
	csrr	a0, mhpmevent3
	csrw	mhpmevent3, zero
	csrr	a0, mcountinhibit
	csrr	a0, senvcfg
	ld	a0, A_MCOUNT(tp)
	sub	a0, a0, s1
	CHECK	45, a0, 0
	# PMP: the harness's NAPOT entry reads back in pmpcfg0's low byte.
	csrr	a0, pmpcfg0
	andi	a0, a0, 0xff
	CHECK	46, a0, 0x1f
	PASS

	# A vectored mtvec base needs 4-byte alignment at least; 64 is safe for both.
	.balign	64
mtvec_test_base:
	j	.
