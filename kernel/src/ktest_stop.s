# ktest_stop.s: a stop_machine check of ktest.s: stop_two_cpus runs fn
# once, on its first CPU (the only active one), and returns fn's result.

.include "kernel.inc"

.section .text
# ktest_two_fn(unused): stop_two_cpus's fn; returns 42 to be seen again.
ENTRY ktest_two_fn
	la t0, two_calls
	li t1, 1
	amoadd.d zero, t1, (t0)
	this_cpu t0
	sd t0, two_cpu, t1
	li a0, 42
	ret
END ktest_two_fn

.globl ktest_stop_two
ktest_stop_two:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	call num_online_cpus
	li t0, 1
	beq a0, t0, 1f
	ld a0, cpu_online_mask
	call demo_last_cpu
	mv s0, a0
	mv a0, s0                   # cpu1, the active one, is the higher
	li a1, 0
	la a2, ktest_two_fn
	li a3, 0
	call stop_two_cpus
	mv a3, a0
	ld t0, two_calls
	addi t0, t0, -1
	ld t1, two_cpu
	xor t1, t1, s0
	or t0, t0, t1
	addi t1, a3, -42
	or t0, t0, t1
	seqz a0, t0
	la a1, fmt_two
	mv a2, s0
	ld a4, two_calls
	ld a5, two_cpu
	call ktest_check
1:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

.section .rodata
fmt_two:
	.asciz "stop: stop_two_cpus(CPU%u, CPU0) returned %d; fn ran %u time(s), on CPU%u"

.section .bss
.balign 8
two_calls:
	.zero 8
two_cpu:
	.zero 8
