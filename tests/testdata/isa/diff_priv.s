# diff_priv.s: a differential program for the privileged state: traps taken in
# M and in S from each mode, with delegation, leave their marks in the trap CSRs
# and in mstatus's stacked fields; the CSRs are dumped after each step and the
# whole register file at the end, for QEMU and rvstop to print identically.
# It avoids the behaviours where QEMU 7.2 departs from the spec (docs/isa-tests.md).
	.include "harness.inc"
	.include "dump.inc"

	la	a1, strap_entry
	csrw	stvec, a1
	li	a1, (1 << CAUSE_ECALL_U) | (1 << CAUSE_BREAKPOINT)
	csrw	medeleg, a1
	li	a1, MIP_SSIP | MIP_STIP | MIP_SEIP
	csrw	mideleg, a1
	li	a1, 0xaaa
	csrw	mie, a1

	# U: an ecall and a breakpoint go to S; an illegal instruction goes to M.
	ENTER_MODE PRV_U
	TRAP_ARM
	ecall
	EXPECT_STRAP 2, CAUSE_ECALL_U
	ld	s2, A_SSTATUS(tp)       # s2..s9 keep trap records for the dump
	TRAP_ARM
	ebreak
	EXPECT_STRAP 3, CAUSE_BREAKPOINT
	TRAP_ARM
	.word	0x0000700b
	EXPECT_MTRAP 4, CAUSE_ILLEGAL
	ld	s4, A_MTVAL(tp)
	ld	s5, A_MSTATUS(tp)
	ENTER_M
	DUMP_CSR mstatus
	DUMP_CSR mcause
	DUMP_CSR mepc
	DUMP_CSR mtval
	DUMP_CSR scause
	DUMP_CSR sepc
	DUMP_CSR stval

	# S: a load fault goes to M; a delegated software interrupt goes to S.
	li	s10, RAM_END
	csrsi	mstatus, MSTATUS_SIE
	ENTER_MODE PRV_S
	TRAP_ARM
	lw	a0, 4(s10)
	EXPECT_MTRAP 5, CAUSE_LOAD_ACCESS
	ld	s6, A_MTVAL(tp)
	ld	s7, A_MSTATUS(tp)
	TRAP_ARM
	csrsi	sip, MIP_SSIP
	nop
	EXPECT_STRAP 6, CAUSE_INTR | IRQ_SSI
	ld	s8, A_SSTATUS(tp)
	ld	s9, A_SEPC(tp)
	csrci	sip, MIP_SSIP
	ENTER_M_FROM_S
	DUMP_CSR mstatus
	DUMP_CSR mcause
	DUMP_CSR mtval
	DUMP_CSR scause
	DUMP_CSR stval
	DUMP_CSR mie
	DUMP_CSR mip
	DUMP_CSR medeleg
	DUMP_CSR mideleg
	DUMP_CSR misa
	DUMP_CSR mhartid

	# Leave something in every other register.
	li	s0, 0x1111
	.irp	r, 1,5,6,7,9,10,11,12,13,14,15,16,17,28,29,30,31
	addi	x\r, s0, \r
	.endr
	DUMP_REGS
	PASS
