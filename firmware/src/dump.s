# dump.s: the end of the line for a trap the firmware cannot handle (an
# illegal instruction in S-mode, an interrupt nobody enabled, a fault in the
# firmware itself): the trap CSRs and every register go to the console, then
# the machine shuts down with a failing status, so nothing hangs silently.

	.include "platform.inc"
	.include "layout.inc"

.equ REG_NAME_SHIFT, 3              # reg_names entries are 8 bytes

	.section .text
	.globl sbi_trap_dump
# sbi_trap_dump(a0 = trap frame, a1 = 1 if the trap was taken in M-mode)
sbi_trap_dump:
	mv s0, a0
	mv s1, a1
	# No console_lock: its holder may be the code that faulted.
	la a0, msg_trap
	call console_puts
	la a0, msg_from_s
	beqz s1, 1f
	la a0, msg_from_m
1:	call console_puts
	ld a0, SCRATCH_HARTID(tp)
	call console_putdec
	la a0, msg_nl
	call console_puts

	la a0, msg_mcause
	call console_puts
	csrr a0, mcause
	call console_puthex
	la a0, msg_mtval
	call console_puts
	csrr a0, mtval
	call console_puthex
	la a0, msg_nl
	call console_puts
	la a0, msg_mepc
	call console_puts
	csrr a0, mepc
	call console_puthex
	la a0, msg_mstatus
	call console_puts
	csrr a0, mstatus
	call console_puthex
	la a0, msg_nl
	call console_puts

	# x1..x31, three a line: "sbi:  ra 0x...  sp 0x...  gp 0x..."
	li s2, 1                        # s2 = register number
	li s3, 0                        # s3 = registers on this line
2:	bnez s3, 3f
	la a0, msg_prefix
	call console_puts
3:	la a0, reg_names
	slli t0, s2, REG_NAME_SHIFT
	add a0, a0, t0
	call console_puts
	slli t0, s2, 3
	add t0, s0, t0
	ld a0, 0(t0)
	call console_puthex
	addi s3, s3, 1
	li t0, 3
	blt s3, t0, 4f
	li s3, 0
	la a0, msg_nl
	call console_puts
4:	addi s2, s2, 1
	li t0, 32
	blt s2, t0, 2b
	la a0, msg_nl
	call console_puts

	li a0, 1                        # SRST reason: system failure
	call sbi_system_shutdown
5:	wfi                             # no finisher: stop here, having said why
	j 5b

	.section .rodata
msg_trap:    .asciz "sbi: unexpected trap "
msg_from_s:  .asciz "from S/U-mode on hart "
msg_from_m:  .asciz "in the firmware (M-mode) on hart "
msg_mcause:  .asciz "sbi: mcause "
msg_mtval:   .asciz " mtval "
msg_mepc:    .asciz "sbi: mepc   "
msg_mstatus: .asciz " mstatus "
msg_prefix:  .asciz "sbi:"
msg_nl:      .asciz "\n"
# ABI names, 8 bytes each, indexed by register number.
	.balign 8
reg_names:
	.asciz "  x0 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  ra "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  sp "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  gp "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  tp "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t0 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t1 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t2 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s0 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s1 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a0 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a1 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a2 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a3 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a4 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a5 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a6 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  a7 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s2 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s3 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s4 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s5 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s6 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s7 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s8 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  s9 "
	.balign 1 << REG_NAME_SHIFT
	.asciz " s10 "
	.balign 1 << REG_NAME_SHIFT
	.asciz " s11 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t3 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t4 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t5 "
	.balign 1 << REG_NAME_SHIFT
	.asciz "  t6 "
	.balign 1 << REG_NAME_SHIFT
