# Directives, expressions, symbols, macros and conditionals: the loaded bytes
# must equal GNU as's (TestGNUCorpus); instruction lines carry encodings.
	.equ	ONE, 1
	.set	TWO, ONE + 1
	THREE = TWO + 1
	.equiv	FOUR, 4
	.globl	_start
	.type	_start, @function
	.text
_start:
	li	a0, ONE + TWO * THREE   # 451d
	li	a1, (1 + 2) << 3        # 45e1
	li	a2, 1 + 2 << 3          # 4645
	li	a3, 7 / 2 + 7 % 2       # 4691
	li	a4, -16 >> 60           # 473d
	li	a5, ~0 ^ 0xff           # f0000793
	li	a6, 3 < 4               # 587d
	li	a7, (3 == 3) & 5        # 4895
	li	t0, !0 + (5 > 2) + (2 >= 2) + (1 != 1) + (2 <= 1) # 52fd
	li	t1, 'a' + '\n'          # 06b00313
	li	t2, 010 + 0b101 + 0x10  # 43f5
	li	t3, 1 | 2 && 0 || 4     # 4e05
	addi	a0, a0, %lo(table)      # 13850513
	lui	a0, %hi(0x12345678)     # 12345537
	addi	a0, a0, %lo(0x12345678) # 67850513
1:	auipc	a0, %pcrel_hi(table)    # 00000517
	addi	a0, a0, %pcrel_lo(1b)   # 11050513
2:	auipc	a1, %pcrel_hi(table + 8) # 00000597
	ld	a1, %pcrel_lo(2b)(a1)   # 1105b583
3:	auipc	a2, %pcrel_hi(words)    # 00000617
	sw	zero, %pcrel_lo(3b)(a2) # 18062423
	.size	_start, . - _start

# Numeric labels, forward and backward, reused.
	.type	loops, %function
loops:
1:	addi	a0, a0, -1              # 157d
	bnez	a0, 1b                  # fd7d
	beqz	a1, 1f                  # c191
	j	2f                      # a011
1:	nop                             # 0001
2:	j	1b                      # bffd
	.size	loops, . - loops

# Macros: named and default arguments, \@, nesting, .exitm, vararg.
	.macro	push reg, off=8
	addi	sp, sp, -\off
	sd	\reg, 0(sp)
	.endm
	.macro	pop reg, off=8
	ld	\reg, 0(sp)
	addi	sp, sp, \off
	.endm
	.macro	twice insn:vararg
	\insn
	\insn
	.endm
	.macro	count_down n
	.if	\n
	li	a0, \n
	count_down \n - 1
	.endif
	.endm
	.macro	labelled
.Lm\@:	j	.Lm\@
	.endm
	.macro	early n
	li	a0, \n
	.exitm
	li	a0, 99
	.endm
	.macro	str s
	.pushsection .rodata
	.asciz	"\s"
	.popsection
	.endm
	.macro	kw a=1, b=2
	li	a0, \a
	li	a1, \b
	.endm
macros:
	push	ra                      # 1161 e006
	push	s0, 16                  # 1141 e022
	pop	s0, 16                  # 6402 0141
	pop	ra                      # 6082 0121
	twice	addi a0, a0, 1          # 0505 0505
	count_down 3                    # 450d 4509 4505
	labelled                        # a001
	labelled                        # a001
	early	5                       # 4515
	kw	b=7                     # 4505 459d
	kw	3                       # 450d 4589
	kw	4 5                     # 4511 4595
	kw	(1 + 1), 2              # 4509 4589

# Repetition.
	.rept	3
	nop                             # 0001 0001 0001
	.endr
	.irp	r, 5, 6, 7
	li	x\r, \r                 # 4295 4319 439d
	.endr
	.irpc	c, 123
	li	a0, \c                  # 4505 4509 450d
	.endr

# Conditionals.
	.if	ONE == 1
	li	a0, 1                   # 4505
	.elseif	TWO
	li	a0, 2
	.else
	li	a0, 3
	.endif
	.ifdef	ONE
	li	a0, 4                   # 4511
	.endif
	.ifndef	UNDEFINED_THING
	li	a0, 5                   # 4515
	.endif
	.ifeq	ONE - 1
	li	a0, 6                   # 4519
	.endif
	.ifne	0
	li	a0, 7
	.else
	.if	1
	li	a0, 8                   # 4521
	.endif
	.endif
	.ifc	abc, abc
	li	a0, 9                   # 4525
	.endif
	.ifnc	abc, abd
	li	a0, 10                  # 4529
	.endif
	.ifb
	li	a0, 11                  # 452d
	.endif
	.ifnb	x
	li	a0, 12                  # 4531
	.endif
	.ifgt	TWO - ONE
	li	a0, 13                  # 4535
	.endif
	.iflt	-1
	li	a0, 14                  # 4539
	.endif

# Alignment in code pads with nops; several statements on a line.
	nop                             # 0001
	.balign	16
	nop; nop                        # 0001 0001
	.p2align 3
	nop                             # 0001
	.align	4
	.option	push
	.option	norvc
	nop                             # 00000013
	.option	pop
	.balign	8, 0xff
	.p2align 4,,2
	nop                             # 0001
	.balign	64,,8
	ret                             # 8082

	.section .rodata
table:
	.byte	1, 2, 3, -1, 255, 'x'
	.half	0x1234, -2
	.short	7
	.2byte	8
	.word	0xdeadbeef, -1
	.long	table
	.int	9
	.4byte	10
	.dword	table, table + 8, _start
	.quad	0x123456789abcdef0
	.8byte	-1
	.ascii	"abc", "de\n"
	.asciz	"tab\there", "q\"uote\\", "\101\x42"
	.string	"str"
	.zero	3
	.space	2, 0x5a
	.skip	1
	.fill	3, 2, 0x1234
	.fill	2, 8, 0x11223344
	.fill	1
	.balign	8
words:
	.dword	words - table
	.word	loops - _start, . - table
	.uleb128 127
	.uleb128 624485
	.sleb128 -64
	.sleb128 -123456
	.balign	8
	.float	1.5, -2e3, 0f0.1
	.single	3
	.double	0.1, -1.25e-300, 0d2.5
	.byte	. - words
	.org	0x1c0
	.byte	0xee
	.org	0x200, 0x77
	.byte	0xdd

	.data
	.p2align 4
counter:
	.dword	0
	.type	counter, @object
	.size	counter, 8
	.pushsection .rodata.extra, "a"
extra:
	.byte	42
	.popsection
	.dword	extra
	.previous
	.byte	1
	.previous
	.byte	2

	.bss
	.balign	32
buf:
	.zero	100
	.skip	28
	.section .sbss, "aw", @nobits
small:
	.zero	8
	.section .text.late, "ax", @progbits
late:
	tail	_start                  # 00000317 f0030067
	call	loops                   # 00000097 f38080e7
	jal	ra, macros              # f3dff0ef
	lla	t0, counter             # 00000297 22c28293
	la	t1, buf                 # 00000317 24430313
	ld	t2, small               # 00000397 2bc3b383
	sd	t2, small, t3           # 00000e17 2a7e3a23
