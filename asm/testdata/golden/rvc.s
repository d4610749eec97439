# march-ext: fd
# C compressed instructions written explicitly (unprivileged spec, chapter 26),
# quadrant by quadrant.
	.option	rvc
1:
# Quadrant 0.
	c.addi4spn	s0, sp, 4       # 0040
	c.addi4spn	a5, sp, 1020    # 1ffc
	c.fld	fa0, 8(s1)              # 2488
	c.lw	a0, 124(a1)             # 5de8
	c.ld	a0, 248(a1)             # 7de8
	c.fsd	fs1, 0(a5)              # a384
	c.sw	a0, 4(a1)               # c1c8
	c.sd	a0, 8(a1)               # e588
# Quadrant 1.
	c.nop                           # 0001
	c.addi	a0, -32                 # 1501
	c.addi	sp, 31                  # 017d
	c.addiw	a0, 0                   # 2501
	c.addiw	t0, -1                  # 32fd
	c.li	a0, 31                  # 457d
	c.li	ra, -32                 # 5081
	c.addi16sp	sp, -512        # 7101
	c.addi16sp	sp, 496         # 617d
	c.lui	a0, 1                   # 6505
	c.lui	t0, 0x1f                # 62fd
	c.lui	s1, 0xfffe0             # 7481
	c.srli	a0, 1                   # 8105
	c.srli	s1, 63                  # 90fd
	c.srai	a5, 32                  # 9781
	c.andi	a0, -1                  # 997d
	c.andi	s0, 31                  # 887d
	c.sub	a0, a1                  # 8d0d
	c.xor	s0, s1                  # 8c25
	c.or	a4, a5                  # 8f5d
	c.and	a0, a0                  # 8d69
	c.subw	a0, a1                  # 9d0d
	c.addw	a2, a3                  # 9e35
	c.j	1b                      # b7c9
	c.beqz	a0, 1b                  # d161
	c.bnez	s1, 1b                  # fcdd
# Quadrant 2.
	c.slli	a0, 1                   # 0506
	c.slli	t6, 63                  # 1ffe
	c.fldsp	ft0, 504(sp)            # 307e
	c.lwsp	a0, 252(sp)             # 557e
	c.ldsp	ra, 8(sp)               # 60a2
	c.jr	ra                      # 8082
	c.mv	a0, t6                  # 857e
	c.ebreak                        # 9002
	c.jalr	a0                      # 9502
	c.add	s0, t0                  # 9416
	c.fsdsp	fs0, 0(sp)              # a022
	c.swsp	a0, 12(sp)              # c62a
	c.sdsp	ra, 504(sp)             # ff86
	c.unimp                         # 0000
