# lib.s: string and cpumask helpers (Linux lib/string.c, <linux/cpumask.h>).
#
# Leaf routines: they clobber only a0-a3 and t0-t3, so callers in delicate
# places (printk, the FDT walk) may keep state in other temporaries.
# A cpumask is one dword, bit N = CPU N (NR_CPUS <= 64).

.include "kernel.inc"

.section .text
# strcmp(a, b) -> a0 = 0 when equal, else the difference of the first
# differing bytes.
ENTRY strcmp
1:	lbu t0, 0(a0)
	lbu t1, 0(a1)
	bne t0, t1, 2f
	beqz t0, 2f
	addi a0, a0, 1
	addi a1, a1, 1
	j 1b
2:	sub a0, t0, t1
	ret
END strcmp

# str_has_prefix(s, prefix) -> a0 = 1 if s starts with prefix.
ENTRY str_has_prefix
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
END str_has_prefix

# strlen(s) -> a0.
ENTRY strlen
	mv t0, a0
1:	lbu t1, 0(t0)
	beqz t1, 2f
	addi t0, t0, 1
	j 1b
2:	sub a0, t0, a0
	ret
END strlen

# strscpy(dst, src, size): copy at most size-1 bytes and terminate.
ENTRY strscpy
	beqz a2, 2f
	addi a2, a2, -1
1:	beqz a2, 2f
	lbu t0, 0(a1)
	beqz t0, 2f
	sb t0, 0(a0)
	addi a0, a0, 1
	addi a1, a1, 1
	addi a2, a2, -1
	j 1b
2:	sb zero, 0(a0)
	ret
END strscpy

# memset8(dst, value, bytes): bytes a multiple of 8, dst 8-aligned.
ENTRY memset8
	add t0, a0, a2
1:	bgeu a0, t0, 2f
	sd a1, 0(a0)
	addi a0, a0, 8
	j 1b
2:	ret
END memset8

# be32(p) -> the big-endian 32-bit value at p (any alignment).
ENTRY be32
	# Byte loads: FDT cells are big-endian and only 4-byte aligned, and
	# RV64 has no byte-swap without Zbb.
	lbu t0, 0(a0)
	lbu t1, 1(a0)
	lbu t2, 2(a0)
	lbu t3, 3(a0)
	slli t0, t0, 24
	slli t1, t1, 16
	slli t2, t2, 8
	or t0, t0, t1
	or t0, t0, t2
	or a0, t0, t3
	ret
END be32

# cpumask_weight(mask) -> number of set bits.
ENTRY cpumask_weight
	# Kernighan's loop: one iteration per set bit (no Zbb cpop here).
	li t0, 0
1:	beqz a0, 2f
	addi t1, a0, -1
	and a0, a0, t1              # clear the lowest set bit
	addi t0, t0, 1
	j 1b
2:	mv a0, t0
	ret
END cpumask_weight

# cpumask_next(n, mask) -> the first set bit above n, or NR_CPUS.
# cpumask_first(mask) is cpumask_next(-1, mask).
ENTRY cpumask_first
	mv a1, a0
	li a0, -1
	j cpumask_next
END cpumask_first

ENTRY cpumask_next
	addi a0, a0, 1
	li t1, NR_CPUS
1:	bgeu a0, t1, 2f
	srl t0, a1, a0
	andi t0, t0, 1
	bnez t0, 3f
	addi a0, a0, 1
	j 1b
2:	li a0, NR_CPUS
3:	ret
END cpumask_next

# simple_strtoul(s) -> a0 = the decimal number at s (stops at the first non-digit),
# a1 = pointer past it; a1 == s when there was no digit.
ENTRY simple_strtoul
	li t0, 0
	li t2, 10
1:	lbu t1, 0(a0)
	addi t1, t1, -'0'
	bgeu t1, t2, 2f
	mul t0, t0, t2
	add t0, t0, t1
	addi a0, a0, 1
	j 1b
2:	mv a1, a0
	mv a0, t0
	ret
END simple_strtoul
