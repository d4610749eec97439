# RV64A atomics (unprivileged spec, chapter 14), with each ordering suffix.
	.option	norvc
	lr.w	a0, (a3)                # 1006a52f
	lr.w.aq	a0, (a3)                # 1406a52f
	lr.w.rl	a0, (a3)                # 1206a52f
	lr.w.aqrl	a0, (a3)        # 1606a52f
	sc.w	a0, a1, (a3)            # 18b6a52f
	sc.w.aq	a0, a1, (a3)            # 1cb6a52f
	sc.w.rl	a0, a1, (a3)            # 1ab6a52f
	sc.w.aqrl	a0, a1, (a3)    # 1eb6a52f
	amoswap.w	a0, a1, (a3)    # 08b6a52f
	amoswap.w.aq	a0, a1, (a3)    # 0cb6a52f
	amoswap.w.rl	a0, a1, (a3)    # 0ab6a52f
	amoswap.w.aqrl	a0, a1, (a3)    # 0eb6a52f
	amoadd.w	a0, a1, (a3)    # 00b6a52f
	amoadd.w.aq	a0, a1, (a3)    # 04b6a52f
	amoadd.w.rl	a0, a1, (a3)    # 02b6a52f
	amoadd.w.aqrl	a0, a1, (a3)    # 06b6a52f
	amoxor.w	a0, a1, (a3)    # 20b6a52f
	amoxor.w.aq	a0, a1, (a3)    # 24b6a52f
	amoxor.w.rl	a0, a1, (a3)    # 22b6a52f
	amoxor.w.aqrl	a0, a1, (a3)    # 26b6a52f
	amoand.w	a0, a1, (a3)    # 60b6a52f
	amoand.w.aq	a0, a1, (a3)    # 64b6a52f
	amoand.w.rl	a0, a1, (a3)    # 62b6a52f
	amoand.w.aqrl	a0, a1, (a3)    # 66b6a52f
	amoor.w	a0, a1, (a3)            # 40b6a52f
	amoor.w.aq	a0, a1, (a3)    # 44b6a52f
	amoor.w.rl	a0, a1, (a3)    # 42b6a52f
	amoor.w.aqrl	a0, a1, (a3)    # 46b6a52f
	amomin.w	a0, a1, (a3)    # 80b6a52f
	amomin.w.aq	a0, a1, (a3)    # 84b6a52f
	amomin.w.rl	a0, a1, (a3)    # 82b6a52f
	amomin.w.aqrl	a0, a1, (a3)    # 86b6a52f
	amomax.w	a0, a1, (a3)    # a0b6a52f
	amomax.w.aq	a0, a1, (a3)    # a4b6a52f
	amomax.w.rl	a0, a1, (a3)    # a2b6a52f
	amomax.w.aqrl	a0, a1, (a3)    # a6b6a52f
	amominu.w	a0, a1, (a3)    # c0b6a52f
	amominu.w.aq	a0, a1, (a3)    # c4b6a52f
	amominu.w.rl	a0, a1, (a3)    # c2b6a52f
	amominu.w.aqrl	a0, a1, (a3)    # c6b6a52f
	amomaxu.w	a0, a1, (a3)    # e0b6a52f
	amomaxu.w.aq	a0, a1, (a3)    # e4b6a52f
	amomaxu.w.rl	a0, a1, (a3)    # e2b6a52f
	amomaxu.w.aqrl	a0, a1, (a3)    # e6b6a52f
	lr.d	a0, (a3)                # 1006b52f
	lr.d.aq	a0, (a3)                # 1406b52f
	lr.d.rl	a0, (a3)                # 1206b52f
	lr.d.aqrl	a0, (a3)        # 1606b52f
	sc.d	a0, a1, (a3)            # 18b6b52f
	sc.d.aq	a0, a1, (a3)            # 1cb6b52f
	sc.d.rl	a0, a1, (a3)            # 1ab6b52f
	sc.d.aqrl	a0, a1, (a3)    # 1eb6b52f
	amoswap.d	a0, a1, (a3)    # 08b6b52f
	amoswap.d.aq	a0, a1, (a3)    # 0cb6b52f
	amoswap.d.rl	a0, a1, (a3)    # 0ab6b52f
	amoswap.d.aqrl	a0, a1, (a3)    # 0eb6b52f
	amoadd.d	a0, a1, (a3)    # 00b6b52f
	amoadd.d.aq	a0, a1, (a3)    # 04b6b52f
	amoadd.d.rl	a0, a1, (a3)    # 02b6b52f
	amoadd.d.aqrl	a0, a1, (a3)    # 06b6b52f
	amoxor.d	a0, a1, (a3)    # 20b6b52f
	amoxor.d.aq	a0, a1, (a3)    # 24b6b52f
	amoxor.d.rl	a0, a1, (a3)    # 22b6b52f
	amoxor.d.aqrl	a0, a1, (a3)    # 26b6b52f
	amoand.d	a0, a1, (a3)    # 60b6b52f
	amoand.d.aq	a0, a1, (a3)    # 64b6b52f
	amoand.d.rl	a0, a1, (a3)    # 62b6b52f
	amoand.d.aqrl	a0, a1, (a3)    # 66b6b52f
	amoor.d	a0, a1, (a3)            # 40b6b52f
	amoor.d.aq	a0, a1, (a3)    # 44b6b52f
	amoor.d.rl	a0, a1, (a3)    # 42b6b52f
	amoor.d.aqrl	a0, a1, (a3)    # 46b6b52f
	amomin.d	a0, a1, (a3)    # 80b6b52f
	amomin.d.aq	a0, a1, (a3)    # 84b6b52f
	amomin.d.rl	a0, a1, (a3)    # 82b6b52f
	amomin.d.aqrl	a0, a1, (a3)    # 86b6b52f
	amomax.d	a0, a1, (a3)    # a0b6b52f
	amomax.d.aq	a0, a1, (a3)    # a4b6b52f
	amomax.d.rl	a0, a1, (a3)    # a2b6b52f
	amomax.d.aqrl	a0, a1, (a3)    # a6b6b52f
	amominu.d	a0, a1, (a3)    # c0b6b52f
	amominu.d.aq	a0, a1, (a3)    # c4b6b52f
	amominu.d.rl	a0, a1, (a3)    # c2b6b52f
	amominu.d.aqrl	a0, a1, (a3)    # c6b6b52f
	amomaxu.d	a0, a1, (a3)    # e0b6b52f
	amomaxu.d.aq	a0, a1, (a3)    # e4b6b52f
	amomaxu.d.rl	a0, a1, (a3)    # e2b6b52f
	amomaxu.d.aqrl	a0, a1, (a3)    # e6b6b52f
	lr.d	t0, 0(a0)               # 100532af
	amoswap.d.aqrl	zero, t1, (s0)  # 0e64302f
