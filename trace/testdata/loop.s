# A compute loop for the tracing benchmarks: CRC-32 (bitwise, reflected
# polynomial 0xEDB88320) over a 4 KiB buffer, repeated; loads, stores,
# branches, shifts and a multiply, on hart 0. Other harts park in wfi.
	.equ FINISHER, 0x100000
	.equ PASS, 0x5555
	.equ ROUNDS, 16

	.text
	.globl _start
_start:
	csrr	t0, mhartid
	bnez	t0, park
	la	s0, buf
	li	s1, 4096
	li	s2, ROUNDS
	li	s3, 0xEDB88320
	li	a0, -1			# crc
round:
	mv	t1, s0
	add	t2, s0, s1
byte:
	lbu	t3, 0(t1)
	xor	a0, a0, t3
	li	t4, 8
bit:
	andi	t5, a0, 1
	srli	a0, a0, 1
	mul	t5, t5, s3		# 0 or the polynomial, without a branch
	xor	a0, a0, t5
	addi	t4, t4, -1
	bnez	t4, bit
	sb	a0, 0(t1)		# feed the result back into the buffer
	addi	t1, t1, 1
	bltu	t1, t2, byte
	addi	s2, s2, -1
	bnez	s2, round
	li	t0, FINISHER
	li	t1, PASS
	sw	t1, 0(t0)
park:
	wfi
	j	park

	.bss
buf:	.zero 4096
