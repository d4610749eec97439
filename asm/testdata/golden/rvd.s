# march-ext: fd
# D double-precision floating point (unprivileged spec, chapter 21).
	.option	norvc
	fld	fa0, -8(sp)             # ff813507
	fsd	fa0, -8(sp)             # fea13c27
	fmadd.d	fa0, fa1, fa2, fa3      # 6ac5f543
	fmadd.d	fa0, fa1, fa2, fa3, rtz # 6ac59543
	fmsub.d	fa0, fa1, fa2, fa3      # 6ac5f547
	fmsub.d	fa0, fa1, fa2, fa3, rtz # 6ac59547
	fnmsub.d	fa0, fa1, fa2, fa3 # 6ac5f54b
	fnmsub.d	fa0, fa1, fa2, fa3, rtz # 6ac5954b
	fnmadd.d	fa0, fa1, fa2, fa3 # 6ac5f54f
	fnmadd.d	fa0, fa1, fa2, fa3, rtz # 6ac5954f
	fadd.d	fa0, fa1, fa2           # 02c5f553
	fadd.d	fa0, fa1, fa2, rtz      # 02c59553
	fsub.d	fa0, fa1, fa2           # 0ac5f553
	fsub.d	fa0, fa1, fa2, rtz      # 0ac59553
	fmul.d	fa0, fa1, fa2           # 12c5f553
	fmul.d	fa0, fa1, fa2, rtz      # 12c59553
	fdiv.d	fa0, fa1, fa2           # 1ac5f553
	fdiv.d	fa0, fa1, fa2, rtz      # 1ac59553
	fsqrt.d	fa0, fa1                # 5a05f553
	fsqrt.d	fa0, fa1, rtz           # 5a059553
	fsgnj.d	fa0, fa1, fa2           # 22c58553
	fsgnjn.d	fa0, fa1, fa2   # 22c59553
	fsgnjx.d	fa0, fa1, fa2   # 22c5a553
	fmin.d	fa0, fa1, fa2           # 2ac58553
	fmax.d	fa0, fa1, fa2           # 2ac59553
	fcvt.s.d	fa0, fa1        # 4015f553
	fcvt.s.d	fa0, fa1, rtz   # 40159553
	fcvt.d.s	fa0, fa1        # 42058553
	feq.d	a0, fa0, fa1            # a2b52553
	flt.d	a0, fa0, fa1            # a2b51553
	fle.d	a0, fa0, fa1            # a2b50553
	fclass.d	a0, fa0         # e2051553
	fcvt.w.d	a0, fa0         # c2057553
	fcvt.w.d	a0, fa0, rtz    # c2051553
	fcvt.wu.d	a0, fa0         # c2157553
	fcvt.wu.d	a0, fa0, rtz    # c2151553
	fcvt.l.d	a0, fa0         # c2257553
	fcvt.l.d	a0, fa0, rtz    # c2251553
	fcvt.lu.d	a0, fa0         # c2357553
	fcvt.lu.d	a0, fa0, rtz    # c2351553
	fmv.x.d	a0, fa0                 # e2050553
	fcvt.d.w	fa0, a0         # d2050553
	fcvt.d.wu	fa0, a0         # d2150553
	fcvt.d.l	fa0, a0         # d2257553
	fcvt.d.l	fa0, a0, rtz    # d2251553
	fcvt.d.lu	fa0, a0         # d2357553
	fcvt.d.lu	fa0, a0, rtz    # d2351553
	fmv.d.x	fa0, a0                 # f2050553
	fmv.d	fa0, fa1                # 22b58553
	fneg.d	fa0, fa1                # 22b59553
	fabs.d	fa0, fa1                # 22b5a553
	fld	fs0, 8(sp)              # 00813407
	fsd	fs0, 8(sp)              # 00813427
