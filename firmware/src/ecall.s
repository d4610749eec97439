# ecall.s: SBI call dispatch. An ecall from S-mode arrives from trap.s with the
# caller's registers in the trap frame: a7 = extension ID, a6 = function ID,
# a0..a5 = arguments. The answer goes back in a0 (error) and a1 (value); the
# legacy extensions (EID < 0x10) return a0 only and leave a1 alone.
#
# Each extension handler is called as handler(a0..a5 = arguments, a6 = FID,
# a7 = trap frame) and returns a0 = error, a1 = value. It may change mepc
# (already past the ecall) to resume S-mode elsewhere.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_ecall_handler
# sbi_ecall_handler(a0 = trap frame)
sbi_ecall_handler:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	csrr t0, mepc                   # return past the ecall
	addi t0, t0, 4
	csrw mepc, t0

	ld s1, FRAME_A7(s0)
	mv a0, s1
	call sbi_ext_find
	bnez a0, 1f
	li a0, SBI_ERR_NOT_SUPPORTED
	ld a1, FRAME_A1(s0)             # unknown extension: a1 unchanged
	j 2f
1:	mv t2, a0
	ld a0, 10*8(s0)
	ld a1, 11*8(s0)
	ld a2, 12*8(s0)
	ld a3, 13*8(s0)
	ld a4, 14*8(s0)
	ld a5, 15*8(s0)
	ld a6, 16*8(s0)
	mv a7, s0
	jalr t2
2:	sd a0, FRAME_A0(s0)
	li t0, SBI_EXT_0_1_LAST
	bleu s1, t0, 3f
	sd a1, FRAME_A1(s0)
3:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

# sbi_ext_find(a0 = EID) -> a0 = handler address, or 0 when not implemented.
# probe_extension uses it too, so the probe cannot disagree with dispatch.
	.globl sbi_ext_find
sbi_ext_find:
	la t0, sbi_ext_table
	la t1, sbi_ext_table_end
1:	bgeu t0, t1, 2f
	ld t2, 0(t0)
	beq t2, a0, 3f
	addi t0, t0, 16
	j 1b
2:	li a0, 0
	ret
3:	ld a0, 8(t0)
	ret

	.section .rodata
	.balign 8
# Every extension this firmware implements: EID, handler.
sbi_ext_table:
	.dword SBI_EXT_0_1_CONSOLE_PUTCHAR, sbi_legacy_putchar
	.dword SBI_EXT_0_1_CONSOLE_GETCHAR, sbi_legacy_getchar
	.dword SBI_EXT_BASE,   sbi_base_handler
	.dword SBI_EXT_TIME,   sbi_time_handler
	.dword SBI_EXT_IPI,    sbi_ipi_handler
	.dword SBI_EXT_RFENCE, sbi_rfence_handler
	.dword SBI_EXT_HSM,    sbi_hsm_handler
	.dword SBI_EXT_SRST,   sbi_srst_handler
	.dword SBI_EXT_DBCN,   sbi_dbcn_handler
sbi_ext_table_end:
