# bench.s: `-append bench`: the costs issue 6 asks about, measured in the
# guest with the time CSR. On rvstop in deterministic mode one time unit is
# one instruction of the measuring hart (emu/time.go), so these are guest
# instruction counts; on QEMU they are 100 ns units of host time.
#   bench: stop_machine call to RUN: <units> (average of K) on N CPUs
#   bench: cpu_down <units>, cpu_up <units> (average of K)

.include "kernel.inc"

.equ BENCH_STOPS, 20

.section .text
# bench_fn: stop_machine fn; when RUN began on the active CPU.
ENTRY bench_fn
	rdtime t0
	sd t0, bench_t_run, t1
	li a0, 0
	ret
END bench_fn

ENTRY bench_run
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	li s0, BENCH_STOPS
	li s1, 0                    # sum of call-to-RUN times
1:	rdtime s2
	la a0, bench_fn
	li a1, 0
	li a2, 0
	call stop_machine
	ld t0, bench_t_run
	sub t0, t0, s2
	add s1, s1, t0
	addi s0, s0, -1
	bnez s0, 1b
	call num_online_cpus
	mv a3, a0
	la a0, fmt_bench_stop
	li t0, BENCH_STOPS
	divu a1, s1, t0
	li a2, BENCH_STOPS
	call printk
	# Hotplug: every CPU but CPU 0 down and up once.
	ld t0, nr_cpu_ids
	li t1, 1
	ble t0, t1, 9f
	li s0, 1
	li s1, 0                    # sum of cpu_down times
	li s3, 0                    # sum of cpu_up times
2:	ld t0, nr_cpu_ids
	bgeu s0, t0, 3f
	rdtime s2
	mv a0, s0
	call cpu_down
	rdtime t0
	sub t1, t0, s2
	add s1, s1, t1
	mv s2, t0
	mv a0, s0
	call cpu_up
	rdtime t0
	sub t1, t0, s2
	add s3, s3, t1
	addi s0, s0, 1
	j 2b
3:	ld t0, nr_cpu_ids
	addi t0, t0, -1
	divu a1, s1, t0
	divu a2, s3, t0
	mv a3, t0
	la a0, fmt_bench_hotplug
	call printk
9:	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END bench_run

.section .rodata
fmt_bench_stop:
	.asciz "bench: stop_machine call to RUN: %u (average of %u) on %u CPUs\n"
fmt_bench_hotplug:
	.asciz "bench: cpu_down %u, cpu_up %u (average of %u)\n"

.section .data
.balign 8
bench_t_run:
	.dword 0
