# main.s: the S-mode SBI test payload. The firmware (ours or OpenSBI fw_jump)
# enters _start in S-mode at 0x80200000 on the boot hart with a0 = hartid,
# a1 = FDT. It finds the harts (hart_get_status on IDs 0..63), runs the test
# table that the tests_*.s files build with ktap_case, prints KTAP (version 1),
# and ends the machine with SRST: reason none when every test passed, reason
# system failure otherwise, so the exit status tells the result too.

	.include "sbitest.inc"

	.section .text
	.globl _start
_start:
	mv tp, a0
	la sp, stacks
	addi t0, a0, 1
	slli t0, t0, STACK_SHIFT
	add sp, sp, t0
	la t0, s_trap_vector
	csrw stvec, t0
	la t0, boot_hartid
	sd a0, 0(t0)

	la a0, msg_header
	call puts
	call find_harts
	call count_tests
	mv s0, a0
	la a0, msg_plan
	call puts
	mv a0, s0
	call putdec
	call newline

	la s0, test_table
	la s1, test_table_end
	li s2, 1                        # s2 = test number
1:	bgeu s0, s1, 2f
	mv a0, s2
	ld a1, 0(s0)
	ld a2, 8(s0)
	call run_test
	addi s0, s0, 16
	addi s2, s2, 1
	j 1b
2:
	la a0, msg_totals
	call puts
	la t0, n_pass
	ld a0, 0(t0)
	call putdec
	la a0, msg_fail
	call puts
	la t0, n_fail
	ld a0, 0(t0)
	call putdec
	la a0, msg_skip
	call puts
	la t0, n_skip
	ld a0, 0(t0)
	call putdec
	call newline

	# SRST shutdown: the exit status carries the verdict.
	la t0, n_fail
	ld a1, 0(t0)
	snez a1, a1
	li a0, SBI_SRST_TYPE_SHUTDOWN
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	la a0, msg_srst_returned
	call puts
3:	wfi
	j 3b

# find_harts: hart_get_status on IDs 0..63 fills nharts, hart_mask, last_hart.
find_harts:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	li s0, 0
	li s1, 0                        # s1 = mask
1:	mv a0, s0
	sbi SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS
	bnez a0, 2f
	li t0, 1
	sll t0, t0, s0
	or s1, s1, t0
	la t0, last_hart
	sd s0, 0(t0)
2:	addi s0, s0, 1
	li t0, MAX_HARTS
	bltu s0, t0, 1b
	la t0, hart_mask
	sd s1, 0(t0)
	li t1, 0
3:	beqz s1, 4f
	andi t2, s1, 1
	add t1, t1, t2
	srli s1, s1, 1
	j 3b
4:	la t0, nharts
	sd t1, 0(t0)
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

# count_tests() -> a0 = entries in the test table
count_tests:
	la t0, test_table
	la t1, test_table_end
	sub a0, t1, t0
	srli a0, a0, 4
	ret

# run_test(a0 = number, a1 = name, a2 = function): one KTAP result line.
run_test:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	mv s1, a1
	la t0, current_name
	sd a1, 0(t0)
	la t0, test_failed
	sd zero, 0(t0)
	la t0, skip_reason
	sd zero, 0(t0)
	jalr a2
	la t0, skip_reason
	ld t0, 0(t0)
	bnez t0, 3f
	la t0, test_failed
	ld t0, 0(t0)
	bnez t0, 2f
	la a0, msg_ok
	la t1, n_pass
	j 4f
2:	la a0, msg_not_ok
	la t1, n_fail
	j 4f
3:	la a0, msg_ok
	la t1, n_skip
4:	ld t2, 0(t1)
	addi t2, t2, 1
	sd t2, 0(t1)
	call puts
	mv a0, s0
	call putdec
	li a0, ' '
	call putc
	mv a0, s1
	call puts
	la t0, skip_reason
	ld s0, 0(t0)
	beqz s0, 5f
	la a0, msg_skip_directive
	call puts
	mv a0, s0
	call puts
5:	call newline
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

	.globl test_skip
# test_skip(a0 = reason): the current test is skipped (returns to the runner).
test_skip:
	la t0, skip_reason
	sd a0, 0(t0)
	ret

	.globl check_eq
# check_eq(a0 = got, a1 = want, a2 = message): on a mismatch print
# "# test: message: got X, want Y" and mark the current test failed.
check_eq:
	bne a0, a1, 1f
	ret
1:	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	mv s2, a2
	la t0, test_failed
	li t1, 1
	sd t1, 0(t0)
	la a0, msg_diag
	call puts
	la t0, current_name
	ld a0, 0(t0)
	call puts
	la a0, msg_colon
	call puts
	mv a0, s2
	call puts
	la a0, msg_got
	call puts
	mv a0, s0
	call puthex
	la a0, msg_want
	call puts
	mv a0, s1
	call puthex
	call newline
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

	.globl test_fail
# test_fail(a0 = message, a1 = value): "# test: message 0x..." and the current
# test fails.
test_fail:
	la t0, test_failed
	li t1, 1
	sd t1, 0(t0)
	tail diag

	.globl diag
# diag(a0 = message, a1 = value): "# test: message 0x..." without failing.
diag:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	mv s1, a1
	la a0, msg_diag
	call puts
	la t0, current_name
	ld a0, 0(t0)
	call puts
	la a0, msg_colon
	call puts
	mv a0, s0
	call puts
	li a0, ' '
	call putc
	mv a0, s1
	call puthex
	call newline
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret

	.section .rodata
msg_header:         .asciz "KTAP version 1\n"
msg_plan:           .asciz "1.."
msg_ok:             .asciz "ok "
msg_not_ok:         .asciz "not ok "
msg_skip_directive: .asciz " # SKIP "
msg_diag:           .asciz "# "
msg_colon:          .asciz ": "
msg_got:            .asciz ": got "
msg_want:           .asciz ", want "
msg_totals:         .asciz "# totals: pass "
msg_fail:           .asciz " fail "
msg_skip:           .asciz " skip "
msg_srst_returned:  .asciz "# SRST shutdown returned\n"

	.section .bss
	.balign 8
	.globl boot_hartid, nharts, hart_mask, last_hart, hart_records, test_failed
boot_hartid:  .dword 0
nharts:       .dword 0
hart_mask:    .dword 0
last_hart:    .dword 0
current_name: .dword 0
test_failed:  .dword 0
skip_reason:  .dword 0
n_pass:       .dword 0
n_fail:       .dword 0
n_skip:       .dword 0
	.balign 128
hart_records: .zero MAX_HARTS * HREC_SIZE
	.balign 16
	.globl stacks
stacks:       .zero MAX_HARTS * STACK_SIZE

	# The test table: ktap_case entries of the tests_*.s files follow, up to
	# test_table_end in end.s. Nothing else may go in .data after this label.
	.section .data
	.balign 8
test_table:
