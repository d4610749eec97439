# print.s: console output for the payload through the legacy SBI putchar
# (EID 0x01), which OpenSBI 1.1 and rvstop's firmware both implement, so the
# output channel is never what a test is probing.

	.include "sbitest.inc"

	.section .text
	.globl putc
# putc(a0 = byte); preserves every register but a0, a1, a6, a7.
putc:
	sbi SBI_EXT_0_1_CONSOLE_PUTCHAR, 0
	ret

	.globl puts
# puts(a0 = NUL-terminated string)
puts:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
1:	lbu a0, 0(s0)
	beqz a0, 2f
	call putc
	addi s0, s0, 1
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

	.globl newline
newline:
	li a0, '\n'
	tail putc

	.globl puthex
# puthex(a0 = value): 0x and 16 digits
puthex:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	li a0, '0'
	call putc
	li a0, 'x'
	call putc
	li s1, 60
1:	srl t0, s0, s1
	andi t0, t0, 0xf
	li a0, '0'
	add a0, a0, t0
	li t1, 10
	bltu t0, t1, 2f
	addi a0, a0, 'a' - '0' - 10
2:	call putc
	addi s1, s1, -4
	bgez s1, 1b
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

	.globl putdec
# putdec(a0 = unsigned value)
putdec:
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	addi s0, sp, 40
	sb zero, 0(s0)
	li t1, 10
1:	remu t0, a0, t1
	divu a0, a0, t1
	addi t0, t0, '0'
	addi s0, s0, -1
	sb t0, 0(s0)
	bnez a0, 1b
	mv a0, s0
	call puts
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 48
	ret
