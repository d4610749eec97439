# uart.s: the NS16550A UART driver (polled, no interrupts), as OpenSBI's uart8250.
# Leaf functions; they clobber only t0..t2 and a0.

	.include "platform.inc"

	.section .text
	.globl uart_init
# uart_init: 115200 8N1, FIFOs on, interrupts off. Run once by the boot hart.
uart_init:
	li t0, UART_BASE
	sb zero, UART_IER(t0)
	li t1, UART_LCR_DLAB
	sb t1, UART_LCR(t0)
	li t1, UART_DIVISOR
	sb t1, UART_DLL(t0)
	sb zero, UART_DLM(t0)
	li t1, UART_LCR_8N1
	sb t1, UART_LCR(t0)
	li t1, UART_FCR_ENABLE
	sb t1, UART_FCR(t0)
	sb zero, UART_MCR(t0)
	ret

	.globl uart_putc
# uart_putc(a0 = byte): waits for room in the transmitter.
uart_putc:
	li t0, UART_BASE
1:	lbu t1, UART_LSR(t0)
	andi t1, t1, UART_LSR_THRE
	beqz t1, 1b
	sb a0, UART_THR(t0)
	ret

	.globl uart_getc
# uart_getc() -> a0 = the next received byte, or -1 when none is waiting.
uart_getc:
	li t0, UART_BASE
	lbu t1, UART_LSR(t0)
	andi t1, t1, UART_LSR_DR
	beqz t1, 1f
	lbu a0, UART_RBR(t0)
	ret
1:	li a0, -1
	ret
