	.globl	helper, table_b, shared
	.option	norvc
	.text
	nop
helper:
	addi	a0, a0, 1
	ret
	.balign	16
	.data
	.balign	8
shared:
	.dword	helper, _start
	.section .rodata
	.balign	4
table_b:
	.word	1, 2, 3
	.bss
	.balign	64
buf_b:
	.zero	100
	.weak	weak_thing
weak_thing:
	.zero	8
