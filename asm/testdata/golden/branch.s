# Branch relaxation: near targets take the shortest form (c.beqz, c.bnez, c.j
# when allowed), far ones an inverted branch around a jal, and targets in
# another section the long form.
	.option	rvc
	.globl	g
0:
	beqz	a0, g                   # c539
	beqz	a0, other               # 00051463 2d00206f
	beq	a0, a1, other           # 00b51463 2c80206f
	bnez	a0, undefined_elsewhere # 00050463 2c40206f
	j	other                   # 2bc0206f
	jal	other                   # 2b8020ef
	bnez	a0, far                 # c119 1680106f
	beq	a1, a2, far             # 00c59463 1600106f
	blt	a1, a2, far             # 00c5d463 1580106f
	bgeu	a1, a2, far             # 00c5e463 1500106f
	j	far                     # 14c0106f
	jal	far                     # 148010ef
	bltu	a1, a2, 0b              # fac5ece3
	j	0b                      # bf55
g:	nop                             # 0001
	.fill	600, 4, 0
mid:
	beqz	a0, 0b                  # e4050863
	beqz	a6, 0b                  # e4080663
	j	0b                      # e48ff06f
	.fill	500, 4, 0
far:	nop                             # 0001
	.option	norvc
	beqz	a0, near                # 00050863
	j	near                    # 00c0006f
	bnez	a0, far2                # 00050463 1380106f
near:	nop                             # 00000013
	.fill	1100, 4, 0
far2:	nop                             # 00000013
	.section .text.other, "ax"
other:	ret                             # 00008067
	.globl	undefined_elsewhere
undefined_elsewhere:
	ret                             # 00008067
