# printk.s: kernel console output, "[    1.234567] CPU2: message".
#
# printk(fmt, args...) takes up to seven arguments in a1..a7 and formats a
# subset of Linux's vsprintf: %d %u %x %s %c %% with an optional '0' flag,
# a width and a Linux-style 'l' (ignored: every argument is 64 bits), plus %b,
# a cpumask printed as a range list ("0-2,5") like Linux's %*pbl.
# A line is formatted on the caller's stack, then written in one piece under
# console_lock with interrupts off, so lines from different CPUs never mix.
# Callable from any context, including interrupts and stop_machine callbacks.

.include "kernel.inc"

.equ PRINTK_BUF, 256

.section .text
# printk(fmt, a1..a7)
ENTRY printk
	addi sp, sp, -(PRINTK_BUF + 128)
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	# The variadic arguments become an array the formatter walks.
	sd a1, 64(sp)
	sd a2, 72(sp)
	sd a3, 80(sp)
	sd a4, 88(sp)
	sd a5, 96(sp)
	sd a6, 104(sp)
	sd a7, 112(sp)
	mv s0, a0
	# Two vsnprintf calls: the prefix, then the caller's format appended.
	# Interrupts off from here: the CPU number, the timestamp and the
	# position in the console output then all belong together.
	irq_save s2
	# The prefix: seconds and microseconds since reset from the time CSR.
	rdtime t0
	ld t1, timebase_frequency
	divu t2, t0, t1
	remu t3, t0, t1
	li t4, 1000000
	mul t3, t3, t4
	divu t3, t3, t1
	sd t2, 32(sp)
	sd t3, 40(sp)
	this_cpu t0
	sd t0, 48(sp)
	addi a0, sp, 128
	li a1, PRINTK_BUF
	la a2, printk_prefix
	addi a3, sp, 32
	call vsnprintf
	mv s1, a0
	addi a0, sp, 128
	add a0, a0, s1
	li a1, PRINTK_BUF
	sub a1, a1, s1
	mv a2, s0
	addi a3, sp, 64
	call vsnprintf
	add s1, s1, a0
	# Write the line. During a panic the lock may be held by the CPU that
	# died, so oops_in_progress bypasses it (as Linux's console does).
	ld t0, oops_in_progress
	bnez t0, 1f
	la a0, console_lock
	call arch_spin_lock
1:	addi a0, sp, 128
	mv a1, s1
	call sbi_console_write
	ld t0, oops_in_progress
	bnez t0, 2f
	la a0, console_lock
	call arch_spin_unlock
2:	irq_restore s2
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, (PRINTK_BUF + 128)
	ret
END printk

# console_puts(s): raw text, no prefix (the shell's prompt and echo).
ENTRY console_puts
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	call strlen
	mv s1, a0
	irq_save t0
	sd t0, 24(sp)
	la a0, console_lock
	call arch_spin_lock
	mv a0, s0
	mv a1, s1
	call sbi_console_write
	la a0, console_lock
	call arch_spin_unlock
	ld t0, 24(sp)
	irq_restore t0
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END console_puts

# console_putc(c): one raw character.
ENTRY console_putc
	addi sp, sp, -16
	sd ra, 0(sp)
	sb a0, 8(sp)
	sb zero, 9(sp)
	addi a0, sp, 8
	call console_puts
	ld ra, 0(sp)
	addi sp, sp, 16
	ret
END console_putc

# vsnprintf(buf, size, fmt, args) -> a0 = length written, NUL-terminated.
# Register use: s0 = output cursor, s1 = last usable byte, s2 = fmt,
# s3 = next argument, s4 = pad char, s5 = width. The emit_* helpers below
# are private leaf routines that share these registers.
ENTRY vsnprintf
	addi sp, sp, -64
	sd ra, 0(sp)
	save_sregs 6
	sd a0, 56(sp)
	mv s0, a0
	add s1, a0, a1
	addi s1, s1, -1
	mv s2, a2
	mv s3, a3
.Lvs_loop:
	lbu t0, 0(s2)
	addi s2, s2, 1
	beqz t0, .Lvs_done
	li t1, '%'
	beq t0, t1, .Lvs_spec
	mv a0, t0
	jal emit_char
	j .Lvs_loop
.Lvs_spec:
	# A conversion: flags and width first, then one letter. Every
	# argument is one 64-bit slot, whatever the letter.
	li s4, ' '
	li s5, 0
	lbu t0, 0(s2)
	li t1, '0'
	bne t0, t1, 1f
	li s4, '0'
	addi s2, s2, 1
1:	lbu t0, 0(s2)               # width digits
	addi t1, t0, -'0'
	li t2, 10
	bgeu t1, t2, 2f
	mul s5, s5, t2
	add s5, s5, t1
	addi s2, s2, 1
	j 1b
2:	li t1, 'l'
	bne t0, t1, 3f
	addi s2, s2, 1
	lbu t0, 0(s2)
3:	addi s2, s2, 1
	li t1, 'd'
	beq t0, t1, .Lvs_d
	li t1, 'u'
	beq t0, t1, .Lvs_u
	li t1, 'x'
	beq t0, t1, .Lvs_x
	li t1, 's'
	beq t0, t1, .Lvs_s
	li t1, 'c'
	beq t0, t1, .Lvs_c
	li t1, 'b'
	beq t0, t1, .Lvs_b
	beqz t0, .Lvs_done          # a lone '%' at the end
	mv a0, t0                   # '%%' and unknown conversions print as is
	jal emit_char
	j .Lvs_loop
.Lvs_d:
	# Signed: print the magnitude with a leading minus.
	ld a0, 0(s3)
	addi s3, s3, 8
	bgez a0, 4f
	neg a0, a0
	li a2, 1
	j 5f
4:	li a2, 0
5:	li a1, 10
	jal emit_number
	j .Lvs_loop
.Lvs_u:
	ld a0, 0(s3)
	addi s3, s3, 8
	li a1, 10
	li a2, 0
	jal emit_number
	j .Lvs_loop
.Lvs_x:
	ld a0, 0(s3)
	addi s3, s3, 8
	li a1, 16
	li a2, 0
	jal emit_number
	j .Lvs_loop
.Lvs_c:
	ld a0, 0(s3)
	addi s3, s3, 8
	jal emit_char
	j .Lvs_loop
.Lvs_s:
	ld t3, 0(s3)
	addi s3, s3, 8
	bnez t3, 6f
	la t3, str_null
6:	lbu a0, 0(t3)
	beqz a0, .Lvs_loop
	jal emit_char
	addi t3, t3, 1
	j 6b
.Lvs_b:
	ld a0, 0(s3)
	addi s3, s3, 8
	jal emit_cpumask
	j .Lvs_loop
.Lvs_done:
	# s1 kept one byte for the NUL, so this store is always in bounds.
	sb zero, 0(s0)
	ld t0, 56(sp)
	sub a0, s0, t0
	ld ra, 0(sp)
	restore_sregs 6
	addi sp, sp, 64
	ret
END vsnprintf

# emit_char: store a0 at the cursor unless the buffer is full. Clobbers t0.
emit_char:
	bgeu s0, s1, 1f
	sb a0, 0(s0)
	addi s0, s0, 1
1:	ret

# emit_number(value a0, base a1, negative a2), padded to s5 with s4.
# Digits are produced backwards into a 32-byte scratch frame.
emit_number:
	addi sp, sp, -32
	addi t4, sp, 31             # the scratch fills downwards
	mv t5, t4
1:	remu t0, a0, a1
	divu a0, a0, a1
	li t1, 10
	blt t0, t1, 2f
	addi t0, t0, 'a' - 10 - '0'
2:	addi t0, t0, '0'
	sb t0, 0(t5)
	addi t5, t5, -1
	bnez a0, 1b
	beqz a2, 3f
	li t0, '-'
	sb t0, 0(t5)
	addi t5, t5, -1
3:	sub t2, t4, t5              # digits produced
4:	bge t2, s5, 5f              # pad to the width
	bgeu s0, s1, 5f
	sb s4, 0(s0)
	addi s0, s0, 1
	addi t2, t2, 1
	j 4b
5:	addi t5, t5, 1
	bgt t5, t4, 6f
	bgeu s0, s1, 6f
	lbu t0, 0(t5)
	sb t0, 0(s0)
	addi s0, s0, 1
	j 5b
6:	addi sp, sp, 32
	ret

# emit_cpumask(mask a0): "0-3,6"; "none" for an empty mask.
emit_cpumask:
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s6, 8(sp)
	sd s7, 16(sp)
	sd s8, 24(sp)
	sd s5, 32(sp)
	li s5, 0                    # no padding inside the list
	mv s6, a0
	li s7, 0                    # bit index
	li s8, 0                    # ranges printed so far
	bnez s6, 1f
	la t3, str_none
7:	lbu a0, 0(t3)
	beqz a0, 9f
	jal emit_char
	addi t3, t3, 1
	j 7b
1:	li t0, 64
	bgeu s7, t0, 9f
	srl t0, s6, s7
	andi t0, t0, 1
	bnez t0, 2f
	addi s7, s7, 1
	j 1b
2:	beqz s8, 3f                 # a range starts at s7
	li a0, ','
	jal emit_char
3:	addi s8, s8, 1
	mv a0, s7
	li a1, 10
	li a2, 0
	jal emit_number
	mv t3, s7                   # find the range's last bit
4:	addi t3, t3, 1
	li t0, 64
	bgeu t3, t0, 5f
	srl t0, s6, t3
	andi t0, t0, 1
	bnez t0, 4b
5:	addi t3, t3, -1
	beq t3, s7, 6f
	sd t3, 40(sp)
	li a0, '-'
	jal emit_char
	ld a0, 40(sp)
	li a1, 10
	li a2, 0
	jal emit_number
	ld t3, 40(sp)
6:	addi s7, t3, 1
	j 1b
9:	ld ra, 0(sp)
	ld s6, 8(sp)
	ld s7, 16(sp)
	ld s8, 24(sp)
	ld s5, 32(sp)
	addi sp, sp, 48
	ret

.section .rodata
printk_prefix:
	.asciz "[%5u.%06u] CPU%u: "
str_null:
	.asciz "(null)"
str_none:
	.asciz "none"

.section .data
.balign 8
.globl console_lock
console_lock:
	.dword 0
.globl oops_in_progress
oops_in_progress:
	.dword 0
