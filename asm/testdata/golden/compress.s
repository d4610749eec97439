# march-ext: fd
# Automatic compression: which written forms GNU as compresses, and which it
# leaves 32-bit although a compressed encoding exists.
	.option	rvc
# addi: c.addi4spn, c.addi, c.nop, c.addi16sp, c.li, c.mv, in that order.
	addi	s0, sp, 16              # 0800
	addi	a0, a0, 1               # 0505
	addi	zero, zero, 0           # 0001
	addi	sp, sp, 16              # 0141
	addi	sp, sp, 64              # 6121
	addi	sp, sp, -512            # 7101
	addi	a0, zero, 7             # 451d
	addi	a0, zero, 0             # 4501
	addi	a0, a1, 0               # 852e
	addi	a0, a0, 0               # 852a
	addi	zero, a0, 0             # 00050013
	addi	a0, a1, 1               # 00158513
	addi	a0, a0, 32              # 02050513
	addi	s0, sp, 1024            # 40010413
	addi	s0, sp, 2               # 00210413
# add: c.add either way round, c.mv from x0.
	add	a0, a0, a1              # 952e
	add	a0, a1, a0              # 952e
	add	a0, zero, a1            # 852e
	add	a0, a1, zero            # 00058533
	add	a0, a1, a2              # 00c58533
	add	a0, a0, 3               # 050d
# mv and li.
	mv	a0, a1                  # 852e
	mv	a0, a0                  # 852a
	mv	a0, zero                # 00000513
	mv	zero, a0                # 00050013
	move	t0, t1                  # 829a
	li	a0, 0                   # 4501
	li	a0, 31                  # 457d
	li	a0, -32                 # 5501
	li	a0, 32                  # 02000513
	li	zero, 1                 # 00100013
	li	a0, 4096                # 6505
	li	sp, 4096                # 00001137
	li	a0, -4096               # 757d
	li	a0, 0x1f000             # 657d
	li	a0, 0x20000             # 00020537
# and/or/xor/sub/addw/subw: rd = rs1 (or rs2 for commutative ones), x8..x15.
	and	s0, s0, s1              # 8c65
	and	s0, s1, s0              # 8c65
	and	s0, s1, a0              # 00a4f433
	and	s0, s0, 7               # 881d
	andi	s0, s0, -32             # 9801
	andi	s0, s0, 32              # 02047413
	andi	a6, a6, 1               # 00187813
	or	a0, a0, a1              # 8d4d
	or	a0, a1, a0              # 8d4d
	xor	a4, a4, a5              # 8f3d
	xor	a4, a5, a4              # 8f3d
	sub	a0, a0, a1              # 8d0d
	sub	a0, a1, a0              # 40a58533
	addw	a0, a0, a1              # 9d2d
	addw	a0, a1, a0              # 9d2d
	addw	a0, a0, 5               # 2515
	addiw	a0, a0, 5               # 2515
	addiw	a0, a1, 5               # 0055851b
	addiw	zero, zero, 5           # 0050001b
	sext.w	a0, a0                  # 2501
	sext.w	a0, a1                  # 0005851b
	subw	a2, a2, a3              # 9e15
# Shifts.
	slli	a0, a0, 1               # 0506
	slli	a0, a1, 1               # 00159513
	slli	a0, a0, 0               # 00051513
	sll	a0, a0, 3               # 050e
	srli	a0, a0, 63              # 917d
	srl	a0, a0, 2               # 8109
	srli	a6, a6, 1               # 00185813
	srai	s1, s1, 7               # 849d
	sra	s1, s1, 7               # 849d
# Loads and stores.
	lw	a0, 4(sp)               # 4512
	lw	zero, 4(sp)             # 00412003
	lw	a0, 2(sp)               # 00212503
	lw	a0, 256(sp)             # 10012503
	lw	a0, 4(a1)               # 41c8
	lw	a0, 4(a6)               # 00482503
	ld	ra, 8(sp)               # 60a2
	ld	a0, 504(sp)             # 757e
	ld	a0, 512(sp)             # 20013503
	ld	a0, 248(a1)             # 7de8
	ld	a0, 4(a1)               # 0045b503
	sw	a0, 4(sp)               # c22a
	sw	zero, 4(sp)             # c202
	sw	a0, 4(a1)               # c1c8
	sd	ra, 8(sp)               # e406
	sd	a0, 8(a1)               # e588
	sd	a0, 256(a1)             # 10a5b023
	fld	fa0, 8(sp)              # 2522
	fld	fa0, 8(a0)              # 2508
	fld	fa0, 8(a6)              # 00883507
	fsd	fa0, 16(sp)             # a82a
	fsd	fs1, 16(a0)             # a904
	flw	fa0, 4(sp)              # 00412507
	fsw	fa0, 4(sp)              # 00a12227
# Jumps and system.
	jr	a0                      # 8502
	jr	zero                    # 00000067
	jalr	a0                      # 9502
	jalr	ra, a0                  # 000500e7
	jalr	ra, 0(a0)               # 000500e7
	jalr	zero, 0(a0)             # 00050067
	ret                             # 8082
	ebreak                          # 9002
	ecall                           # 00000073
	nop                             # 0001
	unimp                           # 0000
	lui	a0, 1                   # 6505
	lui	a0, 32                  # 00020537
	lui	sp, 1                   # 00001137
	lui	zero, 1                 # 00001037
	lui	a0, 0xfffff             # 757d
# Instructions without compressed aliases stay 32-bit.
	ori	a0, a0, 1               # 00156513
	xori	a0, a0, 1               # 00154513
	neg	a0, a0                  # 40a00533
	not	a0, a0                  # fff54513
	slt	a0, a0, a1              # 00b52533
	sltiu	a0, a0, 1               # 00153513
	mul	a0, a0, a1              # 02b50533
	lbu	a0, 0(a0)               # 00054503
# %hi/%lo operands are never compressed, even with constant values.
	lui	a0, %hi(0x12345)        # 00012537
	addi	a0, a0, %lo(0x12345)    # 34550513
	lui	a0, %hi(0x1000)         # 00001537
	addi	a0, a0, %lo(0x1)        # 00150513
