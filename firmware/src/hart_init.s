# hart_init.s: the per-hart M-mode CSR setup, run by every hart once before it
# first enters S-mode (entry.s). In: tp = this hart's scratch area, M-mode, mie = 0.
# Features are probed, not assumed: a CSR access that traps means "absent".

	.include "platform.inc"
	.include "layout.inc"

	.section .text
	.globl hart_init
hart_init:
	csrw mscratch, tp
	sd zero, SCRATCH_FEATURES(tp)

	# Probe with a trap vector that skips the faulting CSR instruction.
	la t0, probe_trap
	csrw mtvec, t0

	# Sstc: menvcfg and stimecmp must both exist and STCE must stick.
	li t5, 0
	csrr t0, CSR_MENVCFG
	bnez t5, 1f
	csrr t0, CSR_STIMECMP
	bnez t5, 1f
	li t0, 1
	slli t0, t0, 63                 # menvcfg.STCE
	csrs CSR_MENVCFG, t0
	csrr t0, CSR_MENVCFG
	bgez t0, 1f
	li t0, FEATURE_SSTC
	sd t0, SCRATCH_FEATURES(tp)
	li t0, -1                       # no S-mode timer event yet
	csrw CSR_STIMECMP, t0
1:
	# PMP: open all of memory to S and U with entry 0, where PMP exists.
	li t5, 0
	li t0, -1
	srli t0, t0, 10
	csrw pmpaddr0, t0
	bnez t5, 2f
	li t0, PMPCFG_TOR_RWX
	csrw pmpcfg0, t0
	bnez t5, 2f
	ld t0, SCRATCH_FEATURES(tp)
	ori t0, t0, FEATURE_PMP
	sd t0, SCRATCH_FEATURES(tp)
2:
	la t0, sbi_trap_vector
	csrw mtvec, t0

	# With F or D, floating point starts usable from S-mode (mstatus.FS, as
	# OpenSBI sets it) with fcsr cleared.
	csrr t0, misa
	andi t0, t0, MISA_F | MISA_D
	beqz t0, 3f
	li t0, MSTATUS_FS
	csrs mstatus, t0
	csrw fcsr, zero
3:

	# Interrupts and exceptions S-mode handles itself.
	li t0, MEDELEG_BITS
	csrw medeleg, t0
	li t0, MIDELEG_BITS
	csrw mideleg, t0

	# Counters readable from S and U (cycle, time, instret, hpm*), as OpenSBI.
	li t0, -1
	csrw mcounteren, t0

	# No machine timer event until S-mode asks for one.
	ld t0, SCRATCH_HARTID(tp)
	slli t0, t0, CLINT_MTIMECMP_SHIFT
	li t1, CLINT_BASE + CLINT_MTIMECMP
	add t0, t0, t1
	li t1, -1
	sd t1, 0(t0)

	# Only the IPI wakes this hart in M-mode; MTIE is set by set_timer.
	li t0, MIP_MSIP
	csrw mie, t0
	ret

# probe_trap: the mtvec while probing. Skips the trapping instruction (CSR
# instructions are always 4 bytes) and sets t5 = 1.
	.balign 4
probe_trap:
	csrr t5, mepc
	addi t5, t5, 4
	csrw mepc, t5
	li t5, 1
	mret
