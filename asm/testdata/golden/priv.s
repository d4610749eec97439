# Zifencei (chapter 6), Zihintpause (chapter 10) and the privileged
# instructions (privileged spec, chapters 3 and 4).
	.option	norvc
	fence.i                         # 0000100f
	pause                           # 0100000f
	mret                            # 30200073
	sret                            # 10200073
	wfi                             # 10500073
	sfence.vma                      # 12000073
	sfence.vma	a0              # 12050073
	sfence.vma	a0, a1          # 12b50073
	sfence.vma	zero, zero      # 12000073
