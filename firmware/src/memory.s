# memory.s: which physical addresses S-mode may hand to the firmware (DBCN
# buffers, hart_start and hart_suspend entry points): RAM as the FDT describes
# it, minus the firmware's own image [RAM_BASE, fw_end), as OpenSBI's root domain.

	.include "platform.inc"

	.section .text
	.globl sbi_check_s_range
# sbi_check_s_range(a0 = address, a1 = length) -> a0 = 1 when [a0, a0+a1) is
# S-mode RAM. An empty range is always acceptable (as OpenSBI).
sbi_check_s_range:
	beqz a1, 1f
	add t0, a0, a1                  # t0 = end
	bltu t0, a0, 2f                 # wrapped around
	la t1, fw_ram_start
	ld t1, 0(t1)
	bltu a0, t1, 2f
	la t1, fw_ram_end
	ld t1, 0(t1)
	bgtu t0, t1, 2f
	# outside the firmware: end <= fw start or start >= fw end
	li t1, RAM_BASE
	bleu t0, t1, 1f
	la t1, fw_end
	bltu a0, t1, 2f
1:	li a0, 1
	ret
2:	li a0, 0
	ret
