# csr_supervisor.s: the S-mode CSRs as the spec defines them: sstatus, sie and sip
# are views of mstatus, mie and mip (sie/sip show only delegated interrupts);
# stvec, sscratch, sepc, scause, stval hold what is written; satp accepts Bare.
	.include "harness.inc"

	# sstatus shows S fields of mstatus and hides the M ones.
	li	a1, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TW | MSTATUS_TSR | MSTATUS_TVM | MSTATUS_MPRV
	csrs	mstatus, a1
	csrr	a0, sstatus
	and	a0, a0, a1
	CHECK	2, a0, 0
	csrc	mstatus, a1
	# Writing sstatus changes the S fields of mstatus and leaves M fields alone.
	li	a1, MSTATUS_MPIE | MSTATUS_MPP
	csrs	mstatus, a1
	li	a2, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_MXR
	csrw	sstatus, a2
	csrr	a0, mstatus
	and	a3, a0, a2
	CHECK	3, a3, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_MXR
	and	a3, a0, a1
	CHECK	4, a3, MSTATUS_MPIE | MSTATUS_MPP
	csrw	sstatus, zero
	csrr	a0, mstatus
	and	a3, a0, a2
	CHECK	5, a3, 0
	and	a3, a0, a1
	CHECK	6, a3, MSTATUS_MPIE | MSTATUS_MPP
	csrc	mstatus, a1
	# sstatus.UXL reads 2 like mstatus's.
	csrr	a0, sstatus
	srli	a0, a0, 32
	andi	a0, a0, 3
	CHECK	7, a0, 2

	# sie: with nothing delegated, the S bits of mie are invisible and unwritable.
	csrw	mideleg, zero
	li	a1, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrw	mie, a1
	csrr	a0, sie
	CHECK	8, a0, 0
	csrw	mie, zero
	csrw	sie, a1
	csrr	a0, mie
	CHECK	9, a0, 0
	# Delegated: sie reads and writes the S bits of mie, never the M bits.
	csrw	mideleg, a1
	li	a2, -1
	csrw	sie, a2
	csrr	a0, mie
	CHECK	10, a0, MIP_SSIP | MIP_STIP | MIP_SEIP
	li	a2, MIP_MSIP | MIP_MTIP
	csrs	mie, a2
	csrr	a0, sie
	CHECK	11, a0, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrw	mie, zero

	# sip: SSIP is writable through sip when delegated; STIP and SEIP are not.
	csrw	menvcfg, zero
	csrwi	sip, MIP_SSIP
	csrr	a0, mip
	andi	a0, a0, MIP_SSIP
	CHECK	12, a0, MIP_SSIP
	csrr	a0, sip
	andi	a0, a0, MIP_SSIP
	CHECK	13, a0, MIP_SSIP
	li	a1, MIP_STIP | MIP_SEIP
	csrs	sip, a1
	csrr	a0, mip
	and	a0, a0, a1
	CHECK	14, a0, 0
	# M sets STIP; sip shows it while STI is delegated, hides it when not.
	csrs	mip, a1
	csrr	a0, sip
	and	a0, a0, a1
	CHECK	15, a0, MIP_STIP | MIP_SEIP
	csrw	mideleg, zero
	csrr	a0, sip
	CHECK	16, a0, 0
	csrc	mip, a1
	csrci	mip, MIP_SSIP
	csrr	a0, mip
	andi	a0, a0, MIP_SSIP | MIP_STIP
	CHECK	17, a0, 0

	# The plain S registers hold what is written.
	la	a1, strap_entry
	csrw	stvec, a1
	csrr	a0, stvec
	CHECK_EQ 18, a0, a1
	ori	a1, a1, 1
	csrw	stvec, a1
	csrr	a0, stvec
	CHECK_EQ 19, a0, a1
	li	a1, 0xfedcba9876543210
	csrw	sscratch, a1
	csrr	a0, sscratch
	CHECK	20, a0, 0xfedcba9876543210
	li	a1, 0x80004002
	csrw	sepc, a1
	csrr	a0, sepc
	CHECK	21, a0, 0x80004002
	li	a1, CAUSE_INTR | IRQ_STI
	csrw	scause, a1
	csrr	a0, scause
	CHECK	22, a0, CAUSE_INTR | IRQ_STI
	li	a1, 0x12345
	csrw	stval, a1
	csrr	a0, stval
	CHECK	23, a0, 0x12345
	# The M copies are separate registers.
	csrw	mscratch, zero
	csrr	a0, sscratch
	CHECK	24, a0, 0xfedcba9876543210

	# satp: Bare (MODE 0) is always supported.
	csrw	satp, zero
	csrr	a0, satp
	CHECK	25, a0, 0

	# scounteren: CY, TM, IR writable.
	csrwi	scounteren, 7
	csrr	a0, scounteren
	andi	a0, a0, 7
	CHECK	26, a0, 7
	csrwi	scounteren, 0

	# All of this is reachable from S-mode too.
	ENTER_MODE PRV_S
	csrw	sscratch, zero
	csrsi	sscratch, 6
	csrr	a0, sscratch
	CHECK	27, a0, 6
	csrr	a0, sstatus
	andi	a0, a0, MSTATUS_SPP
	CHECK	28, a0, 0               # mret from M set nothing here; still clear
	ENTER_M
	PASS
