# stress.s: `hotplug_stress=N` in the bootargs: N rounds of cpu_down and
# cpu_up of every non-boot CPU, with a stop_machine after each, an IPI
# queued to each CPU just before it goes down, and the busy per-CPU threads
# of ktest.s spinning (so parking and pushing run against real load). They
# spin without ktest's lock here: on an emulator whose host has fewer cores
# than harts, a contended ticket lock convoys and the run would crawl.
# It checks after every operation that the online mask is what it should
# be, that each stop_machine ran fn on exactly the online CPUs, and that
# every queued IPI ran exactly once; it ends with one ktest_check line.

.include "kernel.inc"

.section .text
# stress_fn: stop_machine fn with every online CPU active.
ENTRY stress_fn
	this_cpu t0
	li t1, 1
	sll t1, t1, t0
	la t0, stress_ran
	amoor.d zero, t1, (t0)
	li a0, 0
	ret
END stress_fn

# stress_ipi_fn: counts the calls queued just before a cpu_down.
ENTRY stress_ipi_fn
	la t0, stress_ipis_ran
	li t1, 1
	amoadd.d zero, t1, (t0)
	ret
END stress_ipi_fn

# stress_stop_machine -> a0 = 0 if fn ran on exactly the online CPUs.
stress_stop_machine:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd zero, stress_ran, t0
	ld t0, cpu_online_mask
	sd t0, 8(sp)
	la a0, stress_fn
	li a1, 0
	addi a2, sp, 8
	call stop_machine
	ld t0, stress_ran
	ld t1, cpu_online_mask
	xor t0, t0, t1
	or a0, a0, t0
	la t1, stress_sm
	li t2, 1
	amoadd.d zero, t2, (t1)
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# hotplug_stress(rounds)
ENTRY hotplug_stress
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	sd s3, 32(sp)
	mv s0, a0                   # rounds left
	li s2, 0                    # failures
	ld s3, cpu_online_mask      # what every round must end with
	la a0, msg_stress
	mv a1, s0
	mv a2, s3
	call printk
	li a0, 2
	call ktest_start_spinning_mode
1:	beqz s0, 5f
	li s1, 1
2:	ld t0, nr_cpu_ids
	bgeu s1, t0, 4f
	# An IPI queued while the CPU is still online must run exactly once.
	la t0, stress_ipis_sent
	li t1, 1
	amoadd.d zero, t1, (t0)
	mv a0, s1
	la a1, stress_ipi_fn
	li a2, 0
	li a3, 0
	call smp_call_function_single
	snez a0, a0
	add s2, s2, a0
	# Every operation's result is counted, never just printed: the single
	# verdict line at the end must reflect all of them.
	mv a0, s1
	call cpu_down
	snez a0, a0
	add s2, s2, a0
	ld t0, cpu_online_mask
	cpu_bit t0, t0, s1
	add s2, s2, t0
	call stress_stop_machine
	snez a0, a0
	add s2, s2, a0
	mv a0, s1
	call cpu_up
	snez a0, a0
	add s2, s2, a0
	call stress_stop_machine
	snez a0, a0
	add s2, s2, a0
	la t0, stress_cycles
	li t1, 1
	amoadd.d zero, t1, (t0)
	addi s1, s1, 1
	j 2b
4:	ld t0, cpu_online_mask
	xor t0, t0, s3
	snez t0, t0
	add s2, s2, t0
	addi s0, s0, -1
	j 1b
5:	call ktest_stop_spinning
	ld t0, stress_ipis_sent
	ld t1, stress_ipis_ran
	xor t0, t0, t1
	snez t0, t0
	add s2, s2, t0
	seqz a0, s2
	la a1, fmt_stress
	ld a2, stress_cycles
	ld a3, stress_sm
	ld a4, stress_ipis_sent
	ld a5, stress_ipis_ran
	ld a6, cpu_online_mask
	mv a7, s2
	call ktest_check
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	ld s3, 32(sp)
	addi sp, sp, 48
	ret
END hotplug_stress

.section .rodata
msg_stress:
	.asciz "stress: %u rounds of cpu_down/cpu_up of every CPU but CPU0 (online %b), each followed by a stop_machine\n"
fmt_stress:
	.asciz "stress: %u down/up cycles, %u stop_machines, IPIs queued before offline %u, ran %u; online %b; %u failures"

.section .data
.balign 8
stress_ran:        .dword 0
stress_sm:         .dword 0
stress_cycles:     .dword 0
stress_ipis_sent:  .dword 0
stress_ipis_ran:   .dword 0
