# actions.s: tiny S-mode payloads for the firmware's end-of-run paths, chosen
# with --defsym ACTION=n: 1 executes an illegal instruction (the firmware must
# dump registers and fail), 2 shuts down with reason "system failure", 3 asks
# for a cold reboot, 4 has DBCN write from 0x9000_0000 (RAM only if the FDT
# lies: the firmware then faults in M-mode and must say so), 5 shuts down
# cleanly (boot benchmarks). s2..s4 hold known
# values so the dump can be checked.

	.include "sbi.inc"

	.section .text
	.globl _start
_start:
	li s2, 0x1122334455667788
	li s3, 0x0badc0de
	li s4, -2
	la a0, msg
	call puts
.if ACTION == 1
	.word 0                         # an illegal instruction in S-mode
.elseif ACTION == 4
	li a0, 4
	li a1, 0x90000000
	li a2, 0
	li a7, SBI_EXT_DBCN
	li a6, SBI_DBCN_CONSOLE_WRITE
	ecall
.elseif ACTION == 5
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, SBI_SRST_REASON_NONE
	li a7, SBI_EXT_SRST
	li a6, SBI_SRST_SYSTEM_RESET
	ecall
.elseif ACTION == 2
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, SBI_SRST_REASON_SYSFAIL
	li a7, SBI_EXT_SRST
	li a6, SBI_SRST_SYSTEM_RESET
	ecall
.else
	li a0, SBI_SRST_TYPE_COLD_REBOOT
	li a1, SBI_SRST_REASON_NONE
	li a7, SBI_EXT_SRST
	li a6, SBI_SRST_SYSTEM_RESET
	ecall
.endif
	la a0, msg_still
	call puts
1:	wfi
	j 1b

# puts(a0 = string) through the legacy console.
puts:
	mv t0, a0
1:	lbu a0, 0(t0)
	beqz a0, 2f
	li a7, SBI_EXT_0_1_CONSOLE_PUTCHAR
	ecall
	addi t0, t0, 1
	j 1b
2:	ret

	.section .rodata
msg:       .asciz "payload running\n"
msg_still: .asciz "payload still running\n"
