# banner.s: the boot banner, printed once by the boot hart before it enters
# S-mode, in the layout of OpenSBI's so the two read alike side by side.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

# line LABEL: print a label string
.macro line label
	la a0, \label
	call console_puts
.endm

	.section .text
	.globl banner_print
banner_print:
	addi sp, sp, -16
	sd ra, 0(sp)
	line msg_logo
	line msg_platform
	la t0, fw_platform_name
	ld a0, 0(t0)
	bnez a0, 5f
	la a0, msg_unknown
5:	call console_puts
	line msg_nl

	line msg_harts
	la t0, fw_hart_mask
	ld a0, 0(t0)
	call popcount
	call console_putdec
	line msg_nl

	line msg_ipi
	line msg_timer
	la t0, fw_timebase
	ld a0, 0(t0)
	call console_putdec
	line msg_hz
	ld t0, SCRATCH_FEATURES(tp)
	andi t0, t0, FEATURE_SSTC
	beqz t0, 1f
	line msg_sstc
1:	line msg_nl
	line msg_console
	line msg_reset

	line msg_fw_base
	li a0, RAM_BASE
	call console_puthex
	line msg_nl
	line msg_fw_size
	la a0, fw_end
	li t0, RAM_BASE
	sub a0, a0, t0
	srli a0, a0, 10
	call console_putdec
	line msg_kb

	line msg_ram
	la t0, fw_ram_start
	ld a0, 0(t0)
	call console_puthex
	line msg_dash
	la t0, fw_ram_end
	ld a0, 0(t0)
	call console_puthex
	line msg_nl

	line msg_boot_hart
	ld a0, SCRATCH_HARTID(tp)
	call console_putdec
	line msg_nl
	line msg_isa_ext
	ld t0, SCRATCH_FEATURES(tp)
	andi t1, t0, FEATURE_SSTC | FEATURE_PMP
	bnez t1, 2f
	line msg_none
2:	ld t0, SCRATCH_FEATURES(tp)
	andi t1, t0, FEATURE_SSTC
	beqz t1, 3f
	line msg_ext_sstc
3:	ld t0, SCRATCH_FEATURES(tp)
	andi t1, t0, FEATURE_PMP
	beqz t1, 4f
	line msg_ext_pmp
4:	line msg_nl

	line msg_next_addr
	li a0, FW_JUMP_ADDR
	call console_puthex
	line msg_nl
	line msg_next_arg1
	la t0, fw_fdt
	ld a0, 0(t0)
	call console_puthex
	line msg_nl
	line msg_next_mode
	line msg_nl
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# popcount(a0) -> a0 = number of bits set
popcount:
	li t0, 0
1:	beqz a0, 2f
	andi t1, a0, 1
	add t0, t0, t1
	srli a0, a0, 1
	j 1b
2:	mv a0, t0
	ret

	.section .rodata
msg_logo:      .asciz "\nrvstop SBI firmware v0.1 (SBI v2.0)\n\n"
msg_platform:  .asciz "Platform Name             : "
msg_unknown:   .asciz "unknown"
msg_harts:     .asciz "Platform HART Count       : "
msg_ipi:       .asciz "Platform IPI Device       : aclint-mswi\n"
msg_timer:     .asciz "Platform Timer Device     : aclint-mtimer @ "
msg_hz:        .asciz "Hz"
msg_sstc:      .asciz " (S-mode uses sstc)"
msg_console:   .asciz "Platform Console Device   : uart8250\n"
msg_reset:     .asciz "Platform Reboot Device    : sifive_test\nPlatform Shutdown Device  : sifive_test\n"
msg_fw_base:   .asciz "Firmware Base             : "
msg_fw_size:   .asciz "Firmware Size             : "
msg_kb:        .asciz " KB\n"
msg_ram:       .asciz "RAM                       : "
msg_dash:      .asciz " - "
msg_boot_hart: .asciz "Boot HART ID              : "
msg_isa_ext:   .asciz "Boot HART ISA Extensions  :"
msg_none:      .asciz " none"
msg_ext_sstc:  .asciz " sstc"
msg_ext_pmp:   .asciz " pmp"
msg_next_addr: .asciz "Domain0 Next Address      : "
msg_next_arg1: .asciz "Domain0 Next Arg1         : "
msg_next_mode: .asciz "Domain0 Next Mode         : S-mode\n"
msg_nl:        .asciz "\n"
