# srst.s: the SRST extension (EID 0x53525354) and the machine's end: the
# sifive_test finisher stops QEMU and rvstop with an exit status (pass 0x5555;
# fail 0x3333 | code << 16) or resets them (0x7777).

	.include "platform.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_srst_handler
# sbi_srst_handler(a0 = reset_type, a1 = reset_reason, a6 = FID)
# Types and reasons beyond those defined are INVALID_PARAM, as OpenSBI 1.1.
sbi_srst_handler:
	beqz a6, 1f
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret
1:	li t0, SBI_SRST_TYPE_WARM_REBOOT
	bgtu a0, t0, 9f
	li t0, SBI_SRST_REASON_SYSFAIL
	bgtu a1, t0, 9f
	addi sp, sp, -16
	sd ra, 0(sp)
	li t0, SBI_SRST_TYPE_SHUTDOWN
	bne a0, t0, 2f
	mv a0, a1
	call sbi_system_shutdown
	j 3f
2:	call sbi_system_reboot
3:	# Still running: the finisher is not there.
	ld ra, 0(sp)
	addi sp, sp, 16
	li a0, SBI_ERR_FAILED
	li a1, 0
	ret
9:	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
	ret

	.globl sbi_system_shutdown
# sbi_system_shutdown(a0 = reason): exit status 0 for reason none, 1 otherwise.
# Returns only if the machine has no finisher.
sbi_system_shutdown:
	li t0, FINISHER_PASS
	beqz a0, 1f
	li t0, FINISHER_FAIL | (1 << 16)
1:	li t1, FINISHER_BASE
	fence iorw, iorw
	sw t0, 0(t1)
	j finisher_settle

	.globl sbi_system_reboot
# sbi_system_reboot(): cold and warm reboot alike reset the whole machine.
sbi_system_reboot:
	li t0, FINISHER_RESET
	li t1, FINISHER_BASE
	fence iorw, iorw
	sw t0, 0(t1)
	# fall through

# finisher_settle: a machine may take a moment to act on the finisher (an
# emulator stops its harts at its next check, which on a loaded host can be
# many milliseconds away): wait 1 s of mtime before concluding that there is
# no finisher, so that nothing runs on in the meantime.
finisher_settle:
	fence iorw, iorw
	li t0, CLINT_BASE + CLINT_MTIME
	ld t1, 0(t0)
	li t2, TIMEBASE_HZ
	add t1, t1, t2
1:	ld t2, 0(t0)
	bltu t2, t1, 1b
	ret
