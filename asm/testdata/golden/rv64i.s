# RV64I base integer instructions (unprivileged spec, chapters 2 and 5),
# every mnemonic with its operand forms. Uncompressed: .option norvc.
	.option	norvc
	.text
1:
	lui	a0, 0x12345             # 12345537
	auipc	a0, 0x12345             # 12345517
	jal	a0, 1b                  # ff9ff56f
	jalr	a0, -8(sp)              # ff810567
	beq	a0, a1, 1b              # feb508e3
	bne	a0, a1, 1b              # feb516e3
	blt	a0, a1, 1b              # feb544e3
	bge	a0, a1, 1b              # feb552e3
	bltu	a0, a1, 1b              # feb560e3
	bgeu	a0, a1, 1b              # fcb57ee3
	lb	a0, -8(sp)              # ff810503
	lh	a0, -8(sp)              # ff811503
	lw	a0, -8(sp)              # ff812503
	ld	a0, -8(sp)              # ff813503
	lbu	a0, -8(sp)              # ff814503
	lhu	a0, -8(sp)              # ff815503
	lwu	a0, -8(sp)              # ff816503
	sb	a0, -8(sp)              # fea10c23
	sh	a0, -8(sp)              # fea11c23
	sw	a0, -8(sp)              # fea12c23
	sd	a0, -8(sp)              # fea13c23
	addi	a0, a1, -42             # fd658513
	slti	a0, a1, -42             # fd65a513
	sltiu	a0, a1, -42             # fd65b513
	xori	a0, a1, -42             # fd65c513
	ori	a0, a1, -42             # fd65e513
	andi	a0, a1, -42             # fd65f513
	slli	a0, a1, 37              # 02559513
	srli	a0, a1, 37              # 0255d513
	srai	a0, a1, 37              # 4255d513
	add	a0, a1, a2              # 00c58533
	sub	a0, a1, a2              # 40c58533
	sll	a0, a1, a2              # 00c59533
	slt	a0, a1, a2              # 00c5a533
	sltu	a0, a1, a2              # 00c5b533
	xor	a0, a1, a2              # 00c5c533
	srl	a0, a1, a2              # 00c5d533
	sra	a0, a1, a2              # 40c5d533
	or	a0, a1, a2              # 00c5e533
	and	a0, a1, a2              # 00c5f533
	addiw	a0, a1, -42             # fd65851b
	slliw	a0, a1, 17              # 0115951b
	srliw	a0, a1, 17              # 0115d51b
	sraiw	a0, a1, 17              # 4115d51b
	addw	a0, a1, a2              # 00c5853b
	subw	a0, a1, a2              # 40c5853b
	sllw	a0, a1, a2              # 00c5953b
	srlw	a0, a1, a2              # 00c5d53b
	sraw	a0, a1, a2              # 40c5d53b
# Register names: numeric, ABI, fp.
	add	x0, x31, x15            # 00ff8033
	add	zero, ra, sp            # 00208033
	add	gp, tp, t0              # 005201b3
	add	t1, t2, s0              # 00838333
	add	fp, s1, a7              # 01148433
	add	s2, s11, t3             # 01cd8933
	add	t4, t5, t6              # 01ff0eb3
# Immediates at the ends of their ranges, and expressions.
	addi	a0, a1, 2047            # 7ff58513
	addi	a0, a1, -2048           # 80058513
	addi	a0, a1, 0x7ff           # 7ff58513
	addi	a0, a1, (1 << 4) | 3    # 01358513
	addi	a0, a1, 'A'             # 04158513
	addi	a0, a1, -'a' + 1        # fa058513
	xori	a0, a0, -1              # fff54513
	slli	a0, a0, 63              # 03f51513
	srai	a0, a0, 0               # 40055513
	slliw	a0, a0, 31              # 01f5151b
	lui	a0, 0                   # 00000537
	lui	a0, 0xfffff             # fffff537
	lui	a0, 1048575             # fffff537
	auipc	a0, 0                   # 00000517
	ld	a0, 2047(a1)            # 7ff5b503
	sd	a0, -2048(a1)           # 80a5b023
	lw	a0, (a1)                # 0005a503
	sb	a0, 0(a1)               # 00a58023
# Register-register mnemonics with an immediate operand (GNU aliases).
	add	a0, a1, 12              # 00c58513
	and	a0, a1, 12              # 00c5f513
	or	a0, a1, 12              # 00c5e513
	xor	a0, a1, 12              # 00c5c513
	slt	a0, a1, 12              # 00c5a513
	sltu	a0, a1, 12              # 00c5b513
	sll	a0, a1, 12              # 00c59513
	srl	a0, a1, 12              # 00c5d513
	sra	a0, a1, 12              # 40c5d513
	addw	a0, a1, 12              # 00c5851b
	sllw	a0, a1, 12              # 00c5951b
	srlw	a0, a1, 12              # 00c5d51b
	sraw	a0, a1, 12              # 40c5d51b
# Fences and system.
	fence                           # 0ff0000f
	fence	iorw, iorw              # 0ff0000f
	fence	rw, w                   # 0310000f
	fence	i, o                    # 0840000f
	fence	r, r                    # 0220000f
	fence.tso                       # 8330000f
	ecall                           # 00000073
	ebreak                          # 00100073
	scall                           # 00000073
	sbreak                          # 00100073
# Jumps in every form.
	jal	a0, 1b                  # e7dff56f
	jal	1b                      # e79ff0ef
	jal	x0, 1b                  # e75ff06f
	jalr	a0                      # 000500e7
	jalr	t0, a1                  # 000582e7
	jalr	t0, 8(a1)               # 008582e7
	jalr	t0, a1, 8               # 008582e7
	jalr	8(a1)                   # 008580e7
	jalr	a1, 8                   # 008580e7
	jr	a0                      # 00050067
	jr	8(a0)                   # 00850067
	jr	a0, 8                   # 00850067
	ret                             # 00008067
