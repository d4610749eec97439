# console.s: the SBI console calls, on the UART: legacy putchar/getchar
# (EIDs 0x01/0x02, what older kernels and U-Boot use) and the DBCN extension
# (EID 0x4442434E) whose buffers S-mode passes by physical address.

	.include "platform.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_legacy_putchar
# sbi_legacy_putchar(a0 = byte) -> a0 = 0
sbi_legacy_putchar:
	addi sp, sp, -16
	sd ra, 0(sp)
	call uart_putc
	li a0, 0
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

	.globl sbi_legacy_getchar
# sbi_legacy_getchar() -> a0 = byte, or -1 when nothing was received
sbi_legacy_getchar:
	tail uart_getc

	.globl sbi_dbcn_handler
# sbi_dbcn_handler(a0, a1, a2, a6 = FID) -> a0 = error, a1 = value
sbi_dbcn_handler:
	li t0, SBI_DBCN_CONSOLE_WRITE
	beq a6, t0, dbcn_write
	li t0, SBI_DBCN_CONSOLE_READ
	beq a6, t0, dbcn_read
	li t0, SBI_DBCN_CONSOLE_WRITE_BYTE
	beq a6, t0, dbcn_write_byte
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret

# dbcn_check(a0 = num_bytes, a1 = base_lo, a2 = base_hi) -> a0 = 1 when the
# buffer is S-mode memory. On RV64 base_hi must be 0.
dbcn_check:
	beqz a2, 1f
	li a0, 0
	ret
1:	mv t0, a0
	mv a0, a1
	mv a1, t0
	tail sbi_check_s_range

# console_write(num_bytes, base_lo, base_hi) -> a1 = bytes written
dbcn_write:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0                       # s0 = num_bytes
	mv s1, a1                       # s1 = next byte
	call dbcn_check
	beqz a0, 9f
	call console_lock
	add s2, s1, s0                  # s2 = end
1:	bgeu s1, s2, 2f
	lbu a0, 0(s1)
	call uart_putc
	addi s1, s1, 1
	j 1b
2:	call console_unlock
	li a0, SBI_SUCCESS
	mv a1, s0
	j 10f
9:	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
10:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

# console_read(num_bytes, base_lo, base_hi) -> a1 = bytes read, without waiting
dbcn_read:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0                       # s0 = num_bytes
	mv s1, a1                       # s1 = buffer
	call dbcn_check
	beqz a0, 9f
	li s2, 0                        # s2 = bytes read
1:	bgeu s2, s0, 2f
	call uart_getc
	bltz a0, 2f
	add t0, s1, s2
	sb a0, 0(t0)
	addi s2, s2, 1
	j 1b
2:	li a0, SBI_SUCCESS
	mv a1, s2
	j 10f
9:	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
10:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

# console_write_byte(byte) -> a0 = 0
dbcn_write_byte:
	addi sp, sp, -16
	sd ra, 0(sp)
	andi a0, a0, 0xff
	call uart_putc
	li a0, SBI_SUCCESS
	li a1, 0
	ld ra, 0(sp)
	addi sp, sp, 16
	ret
