# march-ext: fd
# F single-precision floating point (unprivileged spec, chapter 20), each
# instruction with the default and an explicit rounding mode.
	.option	norvc
	flw	fa0, -8(sp)             # ff812507
	fsw	fa0, -8(sp)             # fea12c27
	fmadd.s	fa0, fa1, fa2, fa3      # 68c5f543
	fmadd.s	fa0, fa1, fa2, fa3, rtz # 68c59543
	fmsub.s	fa0, fa1, fa2, fa3      # 68c5f547
	fmsub.s	fa0, fa1, fa2, fa3, rtz # 68c59547
	fnmsub.s	fa0, fa1, fa2, fa3 # 68c5f54b
	fnmsub.s	fa0, fa1, fa2, fa3, rtz # 68c5954b
	fnmadd.s	fa0, fa1, fa2, fa3 # 68c5f54f
	fnmadd.s	fa0, fa1, fa2, fa3, rtz # 68c5954f
	fadd.s	fa0, fa1, fa2           # 00c5f553
	fadd.s	fa0, fa1, fa2, rtz      # 00c59553
	fsub.s	fa0, fa1, fa2           # 08c5f553
	fsub.s	fa0, fa1, fa2, rtz      # 08c59553
	fmul.s	fa0, fa1, fa2           # 10c5f553
	fmul.s	fa0, fa1, fa2, rtz      # 10c59553
	fdiv.s	fa0, fa1, fa2           # 18c5f553
	fdiv.s	fa0, fa1, fa2, rtz      # 18c59553
	fsqrt.s	fa0, fa1                # 5805f553
	fsqrt.s	fa0, fa1, rtz           # 58059553
	fsgnj.s	fa0, fa1, fa2           # 20c58553
	fsgnjn.s	fa0, fa1, fa2   # 20c59553
	fsgnjx.s	fa0, fa1, fa2   # 20c5a553
	fmin.s	fa0, fa1, fa2           # 28c58553
	fmax.s	fa0, fa1, fa2           # 28c59553
	fcvt.w.s	a0, fa0         # c0057553
	fcvt.w.s	a0, fa0, rtz    # c0051553
	fcvt.wu.s	a0, fa0         # c0157553
	fcvt.wu.s	a0, fa0, rtz    # c0151553
	fcvt.l.s	a0, fa0         # c0257553
	fcvt.l.s	a0, fa0, rtz    # c0251553
	fcvt.lu.s	a0, fa0         # c0357553
	fcvt.lu.s	a0, fa0, rtz    # c0351553
	fmv.x.w	a0, fa0                 # e0050553
	feq.s	a0, fa0, fa1            # a0b52553
	flt.s	a0, fa0, fa1            # a0b51553
	fle.s	a0, fa0, fa1            # a0b50553
	fclass.s	a0, fa0         # e0051553
	fcvt.s.w	fa0, a0         # d0057553
	fcvt.s.w	fa0, a0, rtz    # d0051553
	fcvt.s.wu	fa0, a0         # d0157553
	fcvt.s.wu	fa0, a0, rtz    # d0151553
	fcvt.s.l	fa0, a0         # d0257553
	fcvt.s.l	fa0, a0, rtz    # d0251553
	fcvt.s.lu	fa0, a0         # d0357553
	fcvt.s.lu	fa0, a0, rtz    # d0351553
	fmv.w.x	fa0, a0                 # f0050553
	fadd.s	ft0, ft1, ft2, rne      # 00208053
	fadd.s	ft0, ft1, ft2, rdn      # 0020a053
	fadd.s	ft0, ft1, ft2, rup      # 0020b053
	fadd.s	ft0, ft1, ft2, rmm      # 0020c053
	fadd.s	ft0, ft1, ft2, dyn      # 0020f053
	fadd.s	f31, fs11, ft11         # 01fdffd3
	flw	fa0, 4(a0)              # 00452507
	fsw	fa0, -4(a0)             # fea52e27
	fmv.s	fa0, fa1                # 20b58553
	fneg.s	fa0, fa1                # 20b59553
	fabs.s	fa0, fa1                # 20b5a553
	frcsr	a0                      # 00302573
	fscsr	a0, a1                  # 00359573
	fscsr	a1                      # 00359073
	frrm	a0                      # 00202573
	fsrm	a0, a1                  # 00259573
	fsrm	a1                      # 00259073
	frflags	a0                      # 00102573
	fsflags	a0, a1                  # 00159573
	fsflags	a1                      # 00159073
	fsrmi	a0, 2                   # 00215573
	fsrmi	3                       # 0021d073
	fsflagsi	a0, 1           # 0010d573
	fsflagsi	1               # 0010d073
