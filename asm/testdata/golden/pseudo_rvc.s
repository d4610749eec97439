# Pseudo-instructions with automatic compression (.option rvc).
	.option	rvc
	.text
1:
	nop                             # 0001
	mv	a0, a1                  # 852e
	not	a0, a1                  # fff5c513
	neg	s0, s0                  # 40800433
	sext.w	a0, a0                  # 2501
	seqz	a0, a1                  # 0015b513
	beqz	a0, 1b                  # d57d
	beqz	a6, 1b                  # fe0806e3
	bnez	s1, 1b                  # f4e5
	beq	a0, zero, 1b            # d17d
	bne	a5, x0, 1b              # f3f5
	beq	zero, a0, 1b            # fea001e3
	blez	a0, 1b                  # fca05fe3
	j	1b                      # bfe9
	jal	1b                      # fd9ff0ef
	jr	a0                      # 8502
	jalr	a0                      # 9502
	ret                             # 8082
	call	func                    # 00000097 034080e7
	tail	func                    # 00000317 02c30067
	la	a0, data                # 00000517 02650513
	lw	a0, data                # 00000517 01e52503
	sw	a0, data, t0            # 00000297 00a2ab23
	csrr	a0, mstatus             # 30002573
	rdtime	a0                      # c0102573
	unimp                           # 0000
	ebreak                          # 9002
func:
	ret                             # 8082
	.data
data:
	.dword	0
