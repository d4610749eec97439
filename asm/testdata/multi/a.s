# Three files linked together: cross-file calls, branches and data references,
# sections of different alignments in each file, weak and global symbols.
	.globl	_start
	.text
_start:
	call	helper
	tail	helper2
	j	helper
	beqz	a0, helper
	bnez	s0, helper2
	jal	helper
	la	a0, shared
	lla	a1, table_b
	ld	a2, shared
	sd	a2, shared, t0
	lw	a3, counter_c
	la	a4, weak_thing
	.section .text.init, "ax"
init:
	nop
	ret
	.data
	.byte	1
	.section .rodata
	.asciz	"a"
	.bss
	.zero	3
