# Two harts, bare metal in M-mode: hart 0 sends hart 1 an IPI through the
# CLINT; hart 1 sleeps in wfi until the machine software interrupt arrives,
# acknowledges it and ends the run through the sifive_test finisher.
	.equ CLINT_MSIP, 0x2000000
	.equ FINISHER, 0x100000
	.equ PASS, 0x5555

	.text
	.globl _start
_start:
	csrr	a0, mhartid
	bnez	a0, receiver
sender:
	li	t0, CLINT_MSIP
	li	t1, 1
	sw	t1, 4(t0)		# msip[1] = 1
1:	wfi
	j	1b

receiver:
	la	t0, handler
	csrw	mtvec, t0
	li	t0, 8			# mie.MSIE
	csrw	mie, t0
	csrsi	mstatus, 8		# mstatus.MIE
2:	wfi
	j	2b

	.align	2			# mtvec needs a 4-byte aligned base
handler:
	li	t0, CLINT_MSIP
	sw	zero, 4(t0)		# acknowledge: msip[1] = 0
	call	finish
3:	j	3b

finish:
	li	t0, FINISHER
	li	t1, PASS
	sw	t1, 0(t0)
	ret
