# secondary.s: how the tests drive the other harts. hart_start(h, secondary_entry,
# job) enters here in S-mode with a0 = hartid, a1 = opaque = the job's address;
# the hart records what it found on entry (a0, a1, satp, sstatus, sip), counts
# the arrival, runs job(a0 = hartid) and stops with hart_stop. Jobs talk to the
# boot hart only through the hart's record (sbitest.inc).

	.include "sbitest.inc"

	.section .text
	.globl secondary_entry
secondary_entry:
	mv tp, a0
	la sp, stacks
	addi t0, a0, 1
	slli t0, t0, STACK_SHIFT
	add sp, sp, t0
	la t0, s_trap_vector
	csrw stvec, t0
	hrec s0, a0
	sd a0, HREC_ENTRY_A0(s0)
	sd a1, HREC_ENTRY_A1(s0)
	csrr t0, satp
	sd t0, HREC_ENTRY_SATP(s0)
	csrr t0, sstatus
	sd t0, HREC_ENTRY_SSTATUS(s0)
	csrr t0, sip
	sd t0, HREC_ENTRY_SIP(s0)
	fence rw, rw
	li t0, 1
	addi t1, s0, HREC_ARRIVALS
	amoadd.d.aqrl zero, t0, (t1)
	jalr a1                         # the job, a0 = hartid still
	sbi SBI_EXT_HSM, SBI_HSM_HART_STOP
	sd a0, HREC_STOP_ERR(s0)        # hart_stop returned: record why
1:	wfi
	j 1b

	.globl job_stop
# job_stop: nothing to do; the hart stops at once.
job_stop:
	ret

	.globl job_wait_release
# job_wait_release: READY = 1, then spin with interrupts off until the boot
# hart writes READY = 2 (remote fences must still reach this hart).
job_wait_release:
	hrec t0, tp
	li t1, 1
	sd t1, HREC_READY(t0)
1:	ld t1, HREC_READY(t0)
	li t2, 2
	bne t1, t2, 1b
	ret

	.globl job_ipi_waiter
# job_ipi_waiter: take supervisor software interrupts until released; the
# boot hart counts them through HREC_SSI.
job_ipi_waiter:
	li t0, SIP_SSIP
	csrs sie, t0
	csrsi sstatus, SSTATUS_SIE
	hrec t0, tp
	li t1, 1
	sd t1, HREC_READY(t0)
1:	ld t1, HREC_READY(t0)
	li t2, 2
	bne t1, t2, 1b
	csrci sstatus, SSTATUS_SIE
	csrw sie, zero
	ret

	.globl job_suspend
# job_suspend: default retentive suspend with only the software interrupt
# enabled (and sstatus.SIE = 0), until the boot hart's IPI wakes it. The
# suspend's error goes to HREC_RESULT (+1, so 0 means "not back yet").
job_suspend:
	addi sp, sp, -16
	sd ra, 0(sp)
	csrci sstatus, SSTATUS_SIE
	li t0, SIP_SSIP
	csrw sie, t0
	hrec t0, tp
	li t1, 1
	sd t1, HREC_READY(t0)
1:	li a0, SBI_HSM_SUSPEND_RET_DEFAULT
	li a1, 0
	li a2, 0
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	csrr t1, sip                    # a spurious wake-up: suspend again
	andi t1, t1, SIP_SSIP
	bnez a0, 2f
	beqz t1, 1b
2:	li t1, SIP_SSIP
	csrc sip, t1
	csrw sie, zero
	hrec t0, tp
	addi a0, a0, 1
	sd a0, HREC_RESULT(t0)
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

	.globl job_timer
# job_timer: a timer event 1 ms ahead on this hart, taken as a supervisor timer
# interrupt (the trap handler counts it and disarms the timer). HREC_RESULT
# becomes 1 when it came, 2 when it did not within the timeout.
job_timer:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	addi sp, sp, -16
	hrec s0, tp
	ld t0, HREC_STI(s0)             # before the timer can fire
	addi t0, t0, 1
	sd t0, 0(sp)
	li t0, SIP_STIP
	csrs sie, t0
	csrsi sstatus, SSTATUS_SIE
	rdtime a0
	li t0, 10000
	add a0, a0, t0
	sbi SBI_EXT_TIME, SBI_TIME_SET_TIMER
	addi a0, s0, HREC_STI
	ld a1, 0(sp)
	addi sp, sp, 16
	call wait_eq
	csrci sstatus, SSTATUS_SIE
	csrw sie, zero
	li t0, 2
	sub t0, t0, a0
	sd t0, HREC_RESULT(s0)
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

	.globl job_race_starter
# job_race_starter: READY = 1; when the boot hart writes READY = 2, start the
# hart in race_target (running job_wait_release) at once, racing the boot
# hart's own hart_start of it. HREC_RESULT = the error + 100 (never 0).
job_race_starter:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	hrec s0, tp
	li t1, 1
	sd t1, HREC_READY(s0)
1:	ld t1, HREC_READY(s0)
	li t2, 2
	bne t1, t2, 1b
	la t0, race_target
	ld a0, 0(t0)
	la a1, secondary_entry
	la a2, job_wait_release
	sbi SBI_EXT_HSM, SBI_HSM_HART_START
	addi a0, a0, 100
	sd a0, HREC_RESULT(s0)
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

	.section .bss
	.balign 8
	.globl race_target
race_target: .dword 0           # the hart job_race_starter starts

	.section .text
	.globl job_suspend_non_retentive
# job_suspend_non_retentive: default non-retentive suspend, to be woken by an
# IPI (SSIE only). It resumes at secondary_entry with job_resumed as opaque,
# so the resume counts as an arrival and records the entry state; should the
# call return instead, HREC_RESULT = the error + 100.
job_suspend_non_retentive:
	csrci sstatus, SSTATUS_SIE
	li t0, SIP_SSIP
	csrw sie, t0
	hrec t0, tp
	li t1, 1
	sd t1, HREC_READY(t0)
	li a0, SBI_HSM_SUSPEND_NON_RET_DEFAULT
	la a1, secondary_entry
	la a2, job_resumed
	sbi SBI_EXT_HSM, SBI_HSM_HART_SUSPEND
	hrec t0, tp
	addi a0, a0, 100
	sd a0, HREC_RESULT(t0)
	csrw sie, zero
	ret

	.globl job_resumed
# job_resumed: back from a non-retentive suspend; the waking IPI is pending.
job_resumed:
	li t0, SIP_SSIP
	csrc sip, t0
	csrw sie, zero
	ret
