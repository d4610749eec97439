# diff_compute.s: a differential program: integer, multiply/divide, memory,
# atomic and trap work leaves values in every register, then the whole register
# file and the trap CSRs are dumped to the UART; QEMU and rvstop must print the
# same dump. (It also checks a few results itself, like every program.)
	.include "harness.inc"
	.include "dump.inc"

	li	s0, 0x0123456789abcdef
	li	s1, 0xfedcba9876543210
	add	a0, s0, s1
	sub	a1, s0, s1
	mulh	a2, s0, s1
	mulhsu	a3, s1, s0
	div	a4, s1, s0
	remw	a5, s1, s0
	sraiw	a6, s1, 7
	srl	a7, s1, s0
	xor	s2, s0, a1
	sltu	s3, s1, s0
	la	s4, diff_buf
	sd	s0, 0(s4)
	sw	s1, 9(s4)               # misaligned
	ld	s5, 8(s4)
	lh	s6, 11(s4)
	li	s7, 5
	amoadd.d s8, s7, (s4)
	amomaxu.w s9, s1, (s4)
	lr.d	s10, (s4)
	sc.d	s11, s7, (s4)
	ld	t0, 0(s4)
	TRAP_ARM
	.word	0x0000500b              # illegal: fills mcause, mepc, mtval
	EXPECT_MTRAP 2, CAUSE_ILLEGAL
	mv	t1, s11
	CHECK	3, t1, 0
	li	t2, -1
	addiw	t3, t2, 0x7ff
	mv	t4, a0
	mv	t5, a1
	mv	t6, a2
	mv	ra, a3
	DUMP_REGS
	DUMP_CSR mcause
	DUMP_CSR mtval
	DUMP_CSR mepc
	PASS

	.data
	.balign	8
diff_buf:	.zero	32
