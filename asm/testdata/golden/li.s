# li: the sequences GNU as's load_const picks for 64-bit constants, without
# and with compression.
	.option	norvc
	li	a0, 0                   # 00000513
	li	a0, 1                   # 00100513
	li	a0, -1                  # fff00513
	li	a0, 2047                # 7ff00513
	li	a0, -2048               # 80000513
	li	a0, 2048                # 00001537 8005051b
	li	a0, -2049               # fffff537 7ff5051b
	li	a0, 4096                # 00001537
	li	a0, 0x7ffff7ff          # 7ffff537 7ff5051b
	li	a0, 0x7ffff800          # 80000537 8005051b
	li	a0, 0x7fffffff          # 80000537 fff5051b
	li	a0, -0x80000000         # 80000537
	li	a0, 0x80000000          # 0010051b 01f51513
	li	a0, 0xffffffff          # 0010051b 02051513 fff50513
	li	a0, 0x100000000         # 0010051b 02051513
	li	a0, 0x100000001         # 0010051b 02051513 00150513
	li	a0, 0x123456789abcdef0  # 00247537 8ad5051b 00e51513 c4d50513 00c51513 5e750513 00d51513 ef050513
	li	a0, 0x8000000000000000  # fff0051b 03f51513
	li	a0, 0x7fffffffffffffff  # fff0051b 03f51513 fff50513
	li	a0, 0xffffffff00000000  # fff0051b 02051513
	li	a0, 0x0000800000000800  # 0010051b 02351513 00150513 00c51513 80050513
	li	a0, 0xdeadbeefcafebabe  # ffdeb537 dbf5051b 00e51513 bf350513 00c51513 bfb50513 00e51513 abe50513
	li	a0, 0x1000000000000800  # 0010051b 03051513 00150513 00c51513 80050513
	li	t0, 0x57ac6e9d          # 57ac72b7 e9d2829b
	li	t0, 0x10000000          # 100002b7
	li	zero, 0x12345           # 00012037 3450001b
	.option	rvc
	li	a0, 0                   # 4501
	li	a0, 31                  # 457d
	li	a0, 2047                # 7ff00513
	li	a0, 4096                # 6505
	li	a0, 0x7ffff7ff          # 7ffff537 7ff5051b
	li	a0, 0x7ffff800          # 80000537 8005051b
	li	a0, 0x7ffff801          # 80000537 8015051b
	li	a0, 0x80000000          # 0010051b 057e
	li	a0, 0xffffffff          # 0010051b 1502 157d
	li	a0, 0x100000000         # 0010051b 1502
	li	a0, 0x123456789abcdef0  # 00247537 8ad5051b 053a c4d50513 0532 5e750513 0536 ef050513
	li	a0, 0xdeadbeefcafebabe  # ffdeb537 dbf5051b 053a bf350513 0532 bfb50513 053a abe50513
	li	sp, 0x10000             # 00010137
	li	s0, 0x2000000000        # 0010041b 1416
