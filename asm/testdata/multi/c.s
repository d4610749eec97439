	.globl	helper2, counter_c
	.text
helper2:
	li	a0, 0x123456789
	ret
	.section .sdata, "aw"
	.balign	4
counter_c:
	.word	42
	.section .srodata, "a"
	.byte	7
	.section .sbss, "aw", @nobits
	.zero	5
	.data
	.dword	table_b + 4
