# print.s: the firmware's own console output (banner, trap dump): strings,
# hex and decimal numbers on the UART. Callers that may race with other harts
# take console_lock around a whole message.

	.include "platform.inc"

	.section .text
	.globl console_puts
# console_puts(a0 = NUL-terminated string)
console_puts:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
1:	lbu a0, 0(s0)
	beqz a0, 2f
	call uart_putc
	addi s0, s0, 1
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

	.globl console_puthex
# console_puthex(a0 = value): "0x" and 16 hex digits, as OpenSBI prints addresses.
console_puthex:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	li a0, '0'
	call uart_putc
	li a0, 'x'
	call uart_putc
	li s1, 60                       # shift of the next nibble
1:	srl a0, s0, s1
	andi a0, a0, 0xf
	la t0, hex_digits
	add t0, t0, a0
	lbu a0, 0(t0)
	call uart_putc
	addi s1, s1, -4
	bgez s1, 1b
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

	.globl console_putdec
# console_putdec(a0 = unsigned value) in decimal, no padding.
console_putdec:
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	addi s0, sp, 40                 # digits are built backwards in 16(sp)..39(sp)
	sb zero, 0(s0)
	li t1, 10
1:	remu t0, a0, t1
	divu a0, a0, t1
	addi t0, t0, '0'
	addi s0, s0, -1
	sb t0, 0(s0)
	bnez a0, 1b
	mv a0, s0
	call console_puts
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 48
	ret

	.globl console_lock
# console_lock / console_unlock: one message at a time from concurrent harts.
console_lock:
	la t0, console_lock_word
	li t1, 1
1:	amoswap.w.aq t2, t1, (t0)
	beqz t2, 2f
	pause
	j 1b
2:	ret

	.globl console_unlock
console_unlock:
	la t0, console_lock_word
	amoswap.w.rl zero, zero, (t0)
	ret

	.section .rodata
hex_digits:
	.ascii "0123456789abcdef"

	.section .bss
	.balign 4
console_lock_word:
	.word 0
