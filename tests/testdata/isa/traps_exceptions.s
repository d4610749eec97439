# traps_exceptions.s: synchronous exceptions other than ecall: illegal
# instructions (mtval = the instruction bits), breakpoints, load/store/fetch
# access faults (mtval = the address), their delegation to S (and that delegation
# never applies to traps taken in M), and exceptions with a vectored mtvec, which
# go to BASE like in direct mode.
	.include "harness.inc"

	la	a1, strap_entry
	csrw	stvec, a1

	# An unassigned opcode (custom-0) is illegal; mtval = its 32 bits.
	TRAP_ARM
	.word	0x1234500b
	EXPECT_MTRAP 2, CAUSE_ILLEGAL
	CHECK_AREA 3, A_MTVAL, 0x1234500b
	# So are an instruction of all ones and the privileged instructions' reserved
	# encodings (mret with rd != 0 is reserved).
	TRAP_ARM
	.word	0xffffffff
	EXPECT_ILLEGAL 4
	TRAP_ARM
	.word	0x30200073 | (1 << 7)
	EXPECT_ILLEGAL 5

	# ebreak: cause 3 with mepc at the ebreak. (mtval may be 0 or the pc.)
	TRAP_ARM
	.option	push
	.option	norvc
1:	ebreak
	.option	pop
	EXPECT_MTRAP 6, CAUSE_BREAKPOINT
	la	a0, 1b
	ld	a1, A_MEPC(tp)
	CHECK_EQ 7, a1, a0

	# Access faults where nothing answers: past the end of RAM.
	li	s0, RAM_END
	TRAP_ARM
	ld	a0, 0(s0)
	EXPECT_MTRAP 8, CAUSE_LOAD_ACCESS
	ld	a0, A_MTVAL(tp)
	CHECK_EQ 9, a0, s0
	TRAP_ARM
	sw	a0, 8(s0)
	EXPECT_MTRAP 10, CAUSE_STORE_ACCESS
	ld	a0, A_MTVAL(tp)
	addi	a1, s0, 8
	CHECK_EQ 11, a0, a1
	TRAP_ARM
	amoadd.w a0, a0, (s0)           # an AMO faults as a store
.ifdef QEMU
	# QEMU 7.2 reports a faulting AMO as a load (cause 5), as for misaligned AMOs.
	EXPECT_MTRAP 12, CAUSE_LOAD_ACCESS
.else
	EXPECT_MTRAP 12, CAUSE_STORE_ACCESS
.endif
	# A fetch fault: mepc and mtval are the target; resume explicitly.
	TRAP_ARM
	TRAP_RESUME_AT 2f
	jalr	ra, 0(s0)
2:	EXPECT_MTRAP 13, CAUSE_FETCH_ACCESS
	ld	a0, A_MEPC(tp)
	CHECK_EQ 14, a0, s0
	ld	a0, A_MTVAL(tp)
	CHECK_EQ 15, a0, s0
	# The destination of a load that faults keeps its value.
	li	a0, 0x55
	TRAP_ARM
	ld	a0, 16(s0)
	CHECK	16, a0, 0x55

	# Delegated illegal instruction from U: scause 2, stval = the bits.
	li	a1, 1 << CAUSE_ILLEGAL
	csrw	medeleg, a1
	ENTER_MODE PRV_U
	TRAP_ARM
	.word	0x0000500b
	EXPECT_STRAP 17, CAUSE_ILLEGAL
	CHECK_AREA 18, A_STVAL, 0x0000500b
	ENTER_M
	# The same delegation does not apply in M.
	TRAP_ARM
	.word	0x0000500b
	EXPECT_MTRAP 19, CAUSE_ILLEGAL
	# Not delegated (breakpoint) from S: goes to M.
	ENTER_MODE PRV_S
	TRAP_ARM
	ebreak
	EXPECT_MTRAP 20, CAUSE_BREAKPOINT
	ld	a0, A_MSTATUS(tp)
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	CHECK	21, a0, PRV_S << 11
	ENTER_M
	# Delegated load access fault from S: stval = the address.
	li	a1, 1 << CAUSE_LOAD_ACCESS
	csrw	medeleg, a1
	ENTER_MODE PRV_S
	TRAP_ARM
	ld	a0, 0(s0)
	EXPECT_STRAP 22, CAUSE_LOAD_ACCESS
	ld	a0, A_STVAL(tp)
	CHECK_EQ 23, a0, s0
	ENTER_M
	csrw	medeleg, zero

	# Vectored mtvec: exceptions still go to BASE.
	la	a1, mtrap_entry
	ori	a1, a1, 1
	csrw	mtvec, a1
	TRAP_ARM
	ecall
	EXPECT_MTRAP 24, CAUSE_ECALL_M
	la	a1, mtrap_entry
	csrw	mtvec, a1
	PASS
