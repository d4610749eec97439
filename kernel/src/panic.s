# panic.s: the end of the line. panic() prints why, dumps registers, and
# asks the firmware for an SRST shutdown with reason "system failure", so a
# host (QEMU, rvstop, a test) sees both the message and a failing exit.
#
# die(regs) is entered from entry.s for an unexpected trap with a saved
# struct pt_regs; it prints cause and tval and all registers (Linux: die()
# and show_regs()), then panics.

.include "kernel.inc"

.section .text
# panic(fmt, a1..a7): never returns.
ENTRY panic
	irq_disable
	addi sp, sp, -256
	sd ra, 0(sp)
	mv s0, a0
	sd a1, 8(sp)
	sd a2, 16(sp)
	sd a3, 24(sp)
	sd a4, 32(sp)
	sd a5, 40(sp)
	sd a6, 48(sp)
	sd a7, 56(sp)
	# Only the first CPU to panic reports; others wait to be shut down.
	# (Two reports interleaved would be unreadable, and the first is the
	# one that matters.)
	li t0, 1
	la t1, panic_cpu_claimed
	amoswap.d.aq t0, t0, (t1)
	bnez t0, 9f
	# From now on printk ignores the console lock: the CPU that died may
	# hold it, and the message must get out.
	li t0, 1
	sd t0, oops_in_progress, t1
	addi a0, sp, 128
	li a1, 128
	mv a2, s0
	addi a3, sp, 8
	call vsnprintf
	la a0, fmt_panic
	addi a1, sp, 128
	call printk
	la a0, fmt_panic_caller
	ld a1, 0(sp)
	mv a2, sp
	call printk
	li a0, SBI_SRST_FAILURE
	call sbi_shutdown
9:	wfi                          # SRST is missing, or another CPU panicked
	j 9b
END panic

# die(regs): an unexpected trap.
ENTRY die
	irq_disable
	mv s0, a0
	la a0, fmt_oops
	ld a1, PT_CAUSE(s0)
	ld a2, PT_BADADDR(s0)
	ld a3, PT_EPC(s0)
	get_current a4
	addi a4, a4, TASK_NAME
	call printk
	mv a0, s0
	call show_regs
	la a0, msg_fatal
	call panic
END die

# show_regs(regs): three registers per line in pt_regs order, like Linux.
ENTRY show_regs
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	la s1, reg_names
	li s2, 0
1:	la a0, fmt_regs3
	ld a1, 0(s1)
	ld a2, 0(s0)
	ld a3, 8(s1)
	ld a4, 8(s0)
	ld a5, 16(s1)
	ld a6, 16(s0)
	call printk
	addi s0, s0, 24
	addi s1, s1, 24
	addi s2, s2, 3
	li t0, 33                   # epc, x1..x31, status: 33 slots
	blt s2, t0, 1b
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END show_regs

.section .rodata
fmt_panic:
	.asciz "Kernel panic - not syncing: %s\n"
fmt_panic_caller:
	.asciz "panic called from ra=%016x sp=%016x\n"
fmt_oops:
	.asciz "Oops: unexpected trap scause=%016x stval=%016x sepc=%016x in task %s\n"
fmt_regs3:
	.asciz " %s: %016x %s: %016x %s: %016x\n"
msg_fatal:
	.asciz "Fatal exception"
.balign 8
reg_names:
	.irp reg, epc, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6, status
	.dword reg_name_\reg
	.endr
.irp reg, epc, ra, sp, gp, tp, t0, t1, t2, s0, s1, a0, a1, a2, a3, a4, a5, a6, a7, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, t3, t4, t5, t6, status
reg_name_\reg:
	.asciz "\reg"
.endr

.section .data
.balign 8
panic_cpu_claimed:
	.dword 0
