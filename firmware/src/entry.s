# entry.s: where every hart starts. The boot ROM (QEMU's or rvstop's) jumps here
# in M-mode on all harts at once, with a0 = mhartid and a1 = the FDT address.
# One hart wins the boot lottery and sets the machine up (coldboot: .bss, UART,
# FDT, every hart's scratch area); then each hart the FDT lists sets up its own
# CSRs (hart_setup). The boot hart (the winner, unless the FDT disables it)
# prints the banner and enters the next stage in S-mode; the others park in
# HSM STOPPED until hart_start.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl _start
_start:
	csrw mie, zero
	mv s0, a0                       # s0 = hartid for the whole boot path
	mv s1, a1                       # s1 = FDT

	# Harts beyond the scratch table can never be started: keep them idle.
	li t0, MAX_HARTS
	bgeu s0, t0, hart_unusable

	# Say we are here: the hart mask when the FDT cannot tell.
	la t0, fw_arrived_mask
	li t1, 1
	sll t1, t1, s0
	amoor.d zero, t1, (t0)

	# The boot lottery: the first hart to swap in a 1 does the cold boot.
	la t0, fw_lottery
	li t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez t1, warmboot

coldboot:
	# Zero .bss up to the hart areas (the shared variables); each hart's
	# scratch area is zeroed by scratch_init_all, and stacks need no zeroing.
	la t0, fw_bss_start
	la t1, fw_hart_areas
1:	bgeu t0, t1, 2f
	sd zero, 0(t0)
	addi t0, t0, 8
	j 1b
2:
	hart_scratch tp, s0
	mv sp, tp
	# From here a fault (say, reading a device tree that is not there) is
	# reported by the trap vector instead of jumping through a reset mtvec.
	sd s0, SCRATCH_HARTID(tp)
	csrw mscratch, tp
	la t0, sbi_trap_vector
	csrw mtvec, t0
	la t0, fw_fdt
	sd s1, 0(t0)

	call uart_init
	mv a0, s1
	call fdt_scan
	beqz a0, 3f
	call fw_guess_harts             # no usable FDT: count the harts that arrived
3:	call choose_boot_hart
	call scratch_init_all

	# Release the other harts: the flag, then an IPI to every hart that may
	# be waiting for it in wfi.
	fence iorw, iorw
	la t0, fw_coldboot_done
	li t1, 1
	sw t1, 0(t0)
	fence iorw, iorw
	la t0, fw_hart_mask
	ld t0, 0(t0)
	la t1, fw_arrived_mask
	ld t1, 0(t1)
	or t0, t0, t1
	li t1, CLINT_BASE               # t1 = msip[0]
	li t2, 1
1:	beqz t0, 2f
	andi t3, t0, 1
	beqz t3, 3f
	sw t2, 0(t1)
3:	srli t0, t0, 1
	addi t1, t1, 1 << CLINT_MSIP_SHIFT
	j 1b
2:	j hart_setup

warmboot:
	# Wait for the cold boot to finish (the boot hart zeroes .bss meanwhile),
	# asleep: the boot hart rings every hart's MSIP once it is done.
	li t0, MIP_MSIP
	csrw mie, t0
	la t0, fw_coldboot_done
1:	lw t1, 0(t0)
	bnez t1, 2f
	wfi
	j 1b
2:	fence r, rw
	csrw mie, zero

hart_setup:
	# The wake-up IPI (or one from before a reboot) is not an SBI event.
	slli t0, s0, CLINT_MSIP_SHIFT
	li t1, CLINT_BASE
	add t0, t0, t1
	sw zero, 0(t0)
	fence iorw, iorw

	# A hart the FDT does not list (or lists as disabled) cannot be addressed
	# by SBI calls: idle it.
	la t0, fw_hart_mask
	ld t0, 0(t0)
	srl t0, t0, s0
	andi t0, t0, 1
	beqz t0, hart_unusable

	hart_scratch tp, s0
	mv sp, tp
	call hart_init
	la t0, fw_boot_hartid
	ld t0, 0(t0)
	bne t0, s0, sbi_hsm_hart_wait   # STOPPED until hart_start

	# The boot hart: banner, STARTED, and into the next stage as OpenSBI
	# fw_jump does it: a0 = hartid, a1 = FDT.
	call banner_print
	li t0, SBI_HSM_STATE_STARTED
	sd t0, SCRATCH_HSM_STATE(tp)
	fence iorw, iorw
	mv a0, s0
	la a1, fw_fdt
	ld a1, 0(a1)
	li a2, FW_JUMP_ADDR
	j sbi_enter_smode

# choose_boot_hart: the lottery winner boots the next stage if the FDT lists it
# as enabled; otherwise the lowest enabled hart that has arrived does (or the
# lowest enabled one, should none have arrived yet).
choose_boot_hart:
	la t0, fw_hart_mask
	ld t0, 0(t0)
	srl t1, t0, s0
	andi t1, t1, 1
	mv t2, s0
	bnez t1, 3f
	la t1, fw_arrived_mask
	ld t1, 0(t1)
	and t1, t1, t0
	beqz t1, 1f
	mv t0, t1
1:	li t2, 0                        # t2 = the lowest set bit of t0
2:	srl t1, t0, t2
	andi t1, t1, 1
	bnez t1, 3f
	addi t2, t2, 1
	j 2b
3:	la t0, fw_boot_hartid
	sd t2, 0(t0)
	ret

# hart_unusable: no scratch area for this hart; it never leaves this loop.
hart_unusable:
	csrw mie, zero
1:	wfi
	j 1b

# fw_guess_harts: without an FDT, the harts present are those that reached
# _start within about 10 ms of the boot hart (QEMU and rvstop start all at once).
fw_guess_harts:
	li t0, CLINT_BASE + CLINT_MTIME
	ld t1, 0(t0)
	li t2, TIMEBASE_HZ / 100
	add t1, t1, t2
1:	ld t2, 0(t0)
	bltu t2, t1, 1b
	la t0, fw_arrived_mask
	ld t1, 0(t0)
	la t0, fw_hart_mask
	sd t1, 0(t0)
	ret

# scratch_init_all: every hart in fw_hart_mask gets its scratch area, in state
# STOPPED, before any hart can be the target of an SBI call.
scratch_init_all:
	la t0, fw_hart_mask
	ld t0, 0(t0)
	li t1, 0                        # t1 = hartid
1:	beqz t0, 3f
	andi t2, t0, 1
	beqz t2, 2f
	hart_scratch t3, t1
	addi t4, t3, SCRATCH_SIZE       # zero the whole area, then fill it in
4:	addi t4, t4, -8
	sd zero, 0(t4)
	bne t4, t3, 4b
	sd t1, SCRATCH_HARTID(t3)
	li t2, SBI_HSM_STATE_STOPPED
	sd t2, SCRATCH_HSM_STATE(t3)
2:	srli t0, t0, 1
	addi t1, t1, 1
	j 1b
3:	ret

	.section .data
	.balign 8
fw_lottery:        .word 0         # 1 once a hart has claimed the cold boot
fw_coldboot_done:  .word 0         # 1 once the other harts may run
fw_arrived_mask:   .dword 0        # harts that reached _start

	.section .bss
	.balign 16
	.globl fw_bss_start
fw_bss_start:
