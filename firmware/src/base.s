# base.s: the BASE extension (EID 0x10), called from ecall.s.
# SBI version 2.0; implementation ID and version describe this firmware.

	.include "platform.inc"
	.include "sbi.inc"

.equ SBI_SPEC_VERSION,  (2 << 24) | 0    # major in bits 30:24, minor in 23:0
.equ SBI_IMPL_VERSION,  (0 << 16) | 1    # 0.1, encoded as OpenSBI does

	.section .text
	.globl sbi_base_handler
# sbi_base_handler(a0 = argument, a6 = FID) -> a0 = error, a1 = value
sbi_base_handler:
	li t0, SBI_BASE_GET_SPEC_VERSION
	beq a6, t0, 1f
	li t0, SBI_BASE_GET_IMPL_ID
	beq a6, t0, 2f
	li t0, SBI_BASE_GET_IMPL_VERSION
	beq a6, t0, 3f
	li t0, SBI_BASE_PROBE_EXT
	beq a6, t0, 4f
	li t0, SBI_BASE_GET_MVENDORID
	beq a6, t0, 5f
	li t0, SBI_BASE_GET_MARCHID
	beq a6, t0, 6f
	li t0, SBI_BASE_GET_MIMPID
	beq a6, t0, 7f
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret
1:	li a1, SBI_SPEC_VERSION
	j 8f
2:	li a1, SBI_IMPL_ID_RVSTOP
	j 8f
3:	li a1, SBI_IMPL_VERSION
	j 8f
4:	addi sp, sp, -16
	sd ra, 0(sp)
	call sbi_ext_find
	snez a1, a0                     # 1 = available, 0 = not
	ld ra, 0(sp)
	addi sp, sp, 16
	j 8f
5:	csrr a1, mvendorid
	j 8f
6:	csrr a1, marchid
	j 8f
7:	csrr a1, mimpid
8:	li a0, SBI_SUCCESS
	ret
