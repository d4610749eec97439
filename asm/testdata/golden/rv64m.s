# RV64M multiply and divide (unprivileged spec, chapter 13).
	.option	norvc
	mul	a0, a1, a2              # 02c58533
	mulh	a0, a1, a2              # 02c59533
	mulhsu	a0, a1, a2              # 02c5a533
	mulhu	a0, a1, a2              # 02c5b533
	div	a0, a1, a2              # 02c5c533
	divu	a0, a1, a2              # 02c5d533
	rem	a0, a1, a2              # 02c5e533
	remu	a0, a1, a2              # 02c5f533
	mulw	a0, a1, a2              # 02c5853b
	divw	a0, a1, a2              # 02c5c53b
	divuw	a0, a1, a2              # 02c5d53b
	remw	a0, a1, a2              # 02c5e53b
	remuw	a0, a1, a2              # 02c5f53b
