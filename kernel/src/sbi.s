# sbi.s: calls into SBI firmware, the kernel's only way to reach M-mode.
#
# Convention (SBI spec): a7 = extension, a6 = function, a0..a5 = arguments;
# returns a0 = error, a1 = value; every other register survives the ecall.
# Each wrapper mirrors one Linux arch/riscv/kernel/sbi.c helper.

.include "kernel.inc"

.section .text
# sbi_probe_extension(eid) -> a0 = probe value (0: absent).
ENTRY sbi_probe_extension
	li a7, SBI_EXT_BASE
	li a6, SBI_BASE_PROBE_EXT
	ecall
	bnez a0, 1f
	mv a0, a1
	ret
1:	li a0, 0
	ret
END sbi_probe_extension

# sbi_init: remember which optional extensions the firmware offers.
ENTRY sbi_init
	frame 2
	li a0, SBI_EXT_DBCN
	call sbi_probe_extension
	snez a0, a0
	sd a0, sbi_has_dbcn, t0
	unframe 2
	ret
END sbi_init

# sbi_console_write(buf, len): DBCN console_write when the firmware has it
# (one call per line), else the legacy putchar one byte at a time.
ENTRY sbi_console_write
	ld t0, sbi_has_dbcn
	beqz t0, 2f
	mv t1, a0
	mv t2, a1
1:	beqz t2, 3f
	mv a0, t2                   # num_bytes
	mv a1, t1                   # base_addr_lo (physical: satp = 0)
	li a2, 0                    # base_addr_hi
	li a6, 0
	li a7, SBI_EXT_DBCN
	ecall
	bnez a0, 3f                 # an error: drop the rest rather than spin
	add t1, t1, a1              # a1 = bytes written; may be partial
	sub t2, t2, a1
	j 1b
2:	mv t1, a0
	add t2, a0, a1
4:	bgeu t1, t2, 3f
	lbu a0, 0(t1)
	li a6, 0
	li a7, SBI_EXT_0_1_PUTCHAR
	ecall
	addi t1, t1, 1
	j 4b
3:	ret
END sbi_console_write

# sbi_console_getchar -> a0 = next input byte, or -1 when none is waiting.
ENTRY sbi_console_getchar
	ld t0, sbi_has_dbcn
	beqz t0, 1f
	addi sp, sp, -16
	li a0, 1                    # num_bytes
	mv a1, sp                   # base_addr_lo
	li a2, 0
	li a6, 1                    # console_read
	li a7, SBI_EXT_DBCN
	ecall
	li t1, -1
	bnez a0, 2f
	beqz a1, 2f
	lbu t1, 0(sp)
2:	addi sp, sp, 16
	mv a0, t1
	ret
1:	li a6, 0
	li a7, SBI_EXT_0_1_GETCHAR
	ecall
	ret
END sbi_console_getchar

# sbi_set_timer(stime_value): next S-timer interrupt at that time.
ENTRY sbi_set_timer
	li a6, 0
	li a7, SBI_EXT_TIME
	ecall
	ret
END sbi_set_timer

# sbi_send_ipi_hart(hartid): an S-mode software interrupt to one hart;
# hart_mask = 1 with hart_mask_base = hartid reaches any hartid.
ENTRY sbi_send_ipi_hart
	mv a1, a0
	li a0, 1
	li a6, 0
	li a7, SBI_EXT_IPI
	ecall
	ret
END sbi_send_ipi_hart

# sbi_hart_start(hartid, start_addr, opaque) -> a0 = SBI error.
ENTRY sbi_hart_start
	li a6, SBI_HSM_HART_START
	li a7, SBI_EXT_HSM
	ecall
	ret
END sbi_hart_start

# sbi_hart_stop: only with sstatus.SIE = 0; does not return on success.
ENTRY sbi_hart_stop
	li a6, SBI_HSM_HART_STOP
	li a7, SBI_EXT_HSM
	ecall
	ret
END sbi_hart_stop

# sbi_hart_get_status(hartid) -> a0 = HSM state, or a negative SBI error.
ENTRY sbi_hart_get_status
	li a6, SBI_HSM_HART_STATUS
	li a7, SBI_EXT_HSM
	ecall
	bnez a0, 1f
	mv a0, a1
1:	ret
END sbi_hart_get_status

# sbi_shutdown(reason): SRST shutdown; reason 0 = none, 1 = failure.
# Returns only if the firmware lacks SRST.
ENTRY sbi_shutdown
	mv a1, a0
	li a0, SBI_SRST_SHUTDOWN
	li a6, 0
	li a7, SBI_EXT_SRST
	ecall
	ret
END sbi_shutdown

.section .data
.globl sbi_has_dbcn
sbi_has_dbcn:
	.dword 0
