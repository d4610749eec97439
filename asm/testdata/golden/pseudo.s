# Pseudo-instructions (unprivileged spec, "RISC-V Assembly Programmer's
# Handbook" chapter), uncompressed.
	.option	norvc
	.text
1:
	nop                             # 00000013
	mv	a0, a1                  # 00058513
	move	a0, a1                  # 00058513
	not	a0, a1                  # fff5c513
	neg	a0, a1                  # 40b00533
	negw	a0, a1                  # 40b0053b
	sext.w	a0, a1                  # 0005851b
	zext.b	a0, a1                  # 0ff5f513
	seqz	a0, a1                  # 0015b513
	snez	a0, a1                  # 00b03533
	sltz	a0, a1                  # 0005a533
	sgtz	a0, a1                  # 00b02533
	sgt	a0, a1, a2              # 00b62533
	sgtu	a0, a1, a2              # 00b63533
	beqz	a0, 1b                  # fc0504e3
	bnez	a0, 1b                  # fc0512e3
	blez	a0, 1b                  # fca050e3
	bgez	a0, 1b                  # fa055ee3
	bltz	a0, 1b                  # fa054ce3
	bgtz	a0, 1b                  # faa04ae3
	bgt	a0, a1, 1b              # faa5c8e3
	ble	a0, a1, 1b              # faa5d6e3
	bgtu	a0, a1, 1b              # faa5e4e3
	bleu	a0, a1, 1b              # faa5f2e3
	j	1b                      # fa1ff06f
	jal	1b                      # f9dff0ef
	jr	a0                      # 00050067
	jalr	a0                      # 000500e7
	ret                             # 00008067
	call	func                    # 00000097 0dc080e7
	call	t0, func                # 00000317 0d4302e7
	tail	func                    # 00000317 0cc30067
	jump	func, t2                # 00000397 0c438067
	la	a0, data                # 00000517 0c050513
	lla	a0, data                # 00000517 0b850513
	la	a0, data + 8            # 00000517 0b850513
	la	a0, 0x1234              # 00001537 2345051b
	lb	a0, data                # 00000517 0a050503
	lh	a0, data                # 00000517 09851503
	lw	a0, data                # 00000517 09052503
	ld	a0, data                # 00000517 08853503
	lbu	a0, data                # 00000517 08054503
	lhu	a0, data                # 00000517 07855503
	lwu	a0, data                # 00000517 07056503
	sb	a0, data, t0            # 00000297 06a28423
	sh	a0, data, t0            # 00000297 06a29023
	sw	a0, data, t0            # 00000297 04a2ac23
	sd	a0, data, t0            # 00000297 04a2b823
	csrr	a0, mstatus             # 30002573
	csrw	mstatus, a0             # 30051073
	csrs	mstatus, a0             # 30052073
	csrc	mstatus, a0             # 30053073
	csrwi	mstatus, 8              # 30045073
	csrsi	mstatus, 8              # 30046073
	csrci	mstatus, 31             # 300ff073
	csrw	mstatus, 8              # 30045073
	csrs	mstatus, 8              # 30046073
	csrc	mstatus, 8              # 30047073
	rdcycle	a0                      # c0002573
	rdtime	a0                      # c0102573
	rdinstret	a0              # c0202573
	fence                           # 0ff0000f
	fence.tso                       # 8330000f
	pause                           # 0100000f
	unimp                           # c0001073
func:
	ret                             # 00008067
	.data
data:
	.dword	0, 0
