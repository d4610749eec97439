# string.s: the few string routines the firmware needs (FDT node and property
# names). Leaf functions: they clobber only a0, a1, t0, t1.

	.section .text
	.globl str_len, str_prefix, str_equal
# str_len(a0 = string) -> a0 = its length
str_len:
	mv t0, a0
1:	lbu t1, 0(t0)
	beqz t1, 2f
	addi t0, t0, 1
	j 1b
2:	sub a0, t0, a0
	ret

# str_prefix(a0 = string, a1 = prefix) -> a0 = 1 when string starts with prefix
str_prefix:
1:	lbu t1, 0(a1)
	beqz t1, 2f
	lbu t0, 0(a0)
	bne t0, t1, 3f
	addi a0, a0, 1
	addi a1, a1, 1
	j 1b
2:	li a0, 1
	ret
3:	li a0, 0
	ret

# str_equal(a0, a1 = strings) -> a0 = 1 when equal
str_equal:
1:	lbu t0, 0(a0)
	lbu t1, 0(a1)
	bne t0, t1, 3f
	beqz t0, 2f
	addi a0, a0, 1
	addi a1, a1, 1
	j 1b
2:	li a0, 1
	ret
3:	li a0, 0
	ret

