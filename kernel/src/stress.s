# stress.s: `hotplug_stress=N` in the bootargs: N rounds of cpu_down and
# cpu_up of every non-boot CPU, each followed by a stop_machine, against
# everything else the kernel does concurrently:
#   - kernel_init takes CPUs 1..n-2 down and up, and a second thread does
#     the same to CPU n-1 at the same time (hotplug must serialize);
#   - a third thread calls stop_two_cpus(k, 0) in a loop over k (it must
#     get -ENOENT for a CPU that is down, never hang or run fn elsewhere);
#   - an IPI is queued to each CPU just before it goes down;
#   - ktest.s's busy per-CPU threads spin (so parking and pushing run
#     against load). They spin without ktest's lock: on an emulator whose
#     host has fewer cores than harts a contended ticket lock convoys.
# Every operation's result is counted; the run ends with one ktest_check
# line whose numbers the host test verifies.

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

# stress_fail: one more failure.
stress_fail:
	la t0, stress_failures
	li t1, 1
	amoadd.d zero, t1, (t0)
	ret

# stress_stop_machine: fn must run on exactly the CPUs online during the
# call. The caller reads the mask under the hotplug read lock, as a
# stop_machine user must when the mask matters (another thread is doing
# hotplug meanwhile).
stress_stop_machine:
	addi sp, sp, -16
	sd ra, 0(sp)
	call cpus_read_lock
	ld t0, cpu_online_mask
	sd t0, 8(sp)
	la a0, stress_fn
	li a1, 0
	addi a2, sp, 8
	call stop_machine_cpuslocked_ran
	call cpus_read_unlock
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# stop_machine_cpuslocked_ran(fn, data, &mask): the stop_machine, then the
# comparison of who ran with mask. stress_ran is shared by the two hotplug
# threads, so it is guarded by stress_ran_mutex.
stop_machine_cpuslocked_ran:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd a0, 8(sp)
	sd a1, 16(sp)
	sd a2, 24(sp)
	la a0, stress_ran_mutex
	call mutex_lock
	sd zero, stress_ran, t0
	ld a0, 8(sp)
	ld a1, 16(sp)
	ld a2, 24(sp)
	call stop_machine_cpuslocked
	ld t0, stress_ran
	ld t1, 24(sp)
	ld t1, 0(t1)
	xor t0, t0, t1
	or a0, a0, t0
	beqz a0, 1f
	call stress_fail
1:	la t1, stress_sm
	li t2, 1
	amoadd.d zero, t2, (t1)
	la a0, stress_ran_mutex
	call mutex_unlock
	ld ra, 0(sp)
	addi sp, sp, 32
	ret

# stress_cycle(cpu): IPI, cpu_down, stop_machine, cpu_up, stop_machine.
stress_cycle:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
	# An IPI queued while the CPU is online must run exactly once.
	la t0, stress_ipis_sent
	li t1, 1
	amoadd.d zero, t1, (t0)
	mv a0, s0
	la a1, stress_ipi_fn
	li a2, 0
	li a3, 0
	call smp_call_function_single
	beqz a0, 1f
	call stress_fail
1:	mv a0, s0
	call cpu_down
	bnez a0, 2f
	ld t0, cpu_online_mask      # only this thread moves this CPU
	cpu_bit t0, t0, s0
	beqz t0, 3f
2:	call stress_fail
3:	call stress_stop_machine
	mv a0, s0
	call cpu_up
	beqz a0, 4f
	call stress_fail
4:	call stress_stop_machine
	la t0, stress_cycles
	li t1, 1
	amoadd.d zero, t1, (t0)
	ld s0, 8(sp)
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# stress_hp_thread(rounds): the second hotplug thread, on the last CPU.
ENTRY stress_hp_thread
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
1:	beqz s0, 2f
	ld a0, nr_cpu_ids
	addi a0, a0, -1
	call stress_cycle
	addi s0, s0, -1
	j 1b
2:	la a0, stress_hp_done
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END stress_hp_thread

# stress_two_cb(k): stop_two_cpus's fn; must run on k, the active CPU.
ENTRY stress_two_cb
	this_cpu t0
	beq t0, a0, 1f
	la t0, stress_failures
	li t1, 1
	amoadd.d zero, t1, (t0)
1:	la t0, stress_two_ran
	li t1, 1
	amoadd.d zero, t1, (t0)
	li a0, 0
	ret
END stress_two_cb

# stress_two_thread: stop_two_cpus(k, 0) for k = 1, 2, ... while the
# hotplug threads run; 0 and -ENOENT are the only acceptable results.
ENTRY stress_two_thread
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	li s0, 0
1:	ld t0, stress_running
	beqz t0, 5f
	addi s0, s0, 1
	ld t0, nr_cpu_ids
	bltu s0, t0, 2f
	li s0, 1
2:	mv a0, s0
	li a1, 0
	la a2, stress_two_cb
	mv a3, s0
	call stop_two_cpus
	la t0, stress_two_ok
	beqz a0, 3f
	la t0, stress_two_enoent
	li t1, -ENOENT
	beq a0, t1, 3f
	call stress_fail
	j 1b
3:	li t1, 1
	amoadd.d zero, t1, (t0)
	j 1b
5:	la a0, stress_two_done
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END stress_two_thread

# hotplug_stress(rounds)
ENTRY hotplug_stress
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s0, a0                   # rounds
	ld s3, cpu_online_mask      # what the run must end with
	la a0, msg_stress
	mv a1, s0
	mv a2, s3
	call printk
	ld t0, nr_cpu_ids
	li t1, 1
	ble t0, t1, 9f              # one CPU: nothing to take down
	li a0, 2
	call ktest_start_spinning_mode
	la a0, stress_hp_done
	call init_completion
	la a0, stress_two_done
	call init_completion
	li t0, 1
	sd t0, stress_running, t1
	la a0, stress_two_thread
	li a1, 0
	li a2, 0
	la a3, two_name
	call kthread_create_on_cpu
	call wake_up_process
	# With 3 or more CPUs the last one belongs to the second hotplug
	# thread; kernel_init takes 1..n-2.
	ld s2, nr_cpu_ids           # first CPU kernel_init does not cycle
	li t0, 3
	blt s2, t0, 1f
	addi s2, s2, -1
	la a0, stress_hp_thread
	mv a1, s0
	li a2, 0
	la a3, hp_name
	call kthread_create_on_cpu
	call wake_up_process
1:	mv s1, s0
2:	beqz s1, 4f
	li t0, 1
3:	bgeu t0, s2, 31f
	sd t0, 40(sp)
	mv a0, t0
	call stress_cycle
	ld t0, 40(sp)
	addi t0, t0, 1
	j 3b
31:	addi s1, s1, -1
	j 2b
4:	ld t0, nr_cpu_ids
	bne s2, t0, 5f
	j 6f
5:	la a0, stress_hp_done
	call wait_for_completion
6:	sd zero, stress_running, t0
	la a0, stress_two_done
	call wait_for_completion
	call ktest_stop_spinning
	# The verdict: every CPU back, every IPI once, every fn where it
	# belonged, no operation failed.
9:	ld t0, cpu_online_mask
	xor t0, t0, s3
	beqz t0, 7f
	call stress_fail
7:	ld t0, stress_ipis_sent
	ld t1, stress_ipis_ran
	beq t0, t1, 8f
	call stress_fail
8:	ld t0, stress_two_ok
	ld t1, stress_two_ran
	beq t0, t1, 10f
	call stress_fail
10:	ld t0, stress_failures
	seqz a0, t0
	la a1, fmt_stress
	ld a2, stress_cycles
	ld a3, stress_sm
	ld a4, stress_ipis_sent
	ld a5, stress_ipis_ran
	ld a6, stress_two_ok
	ld a7, stress_two_enoent
	call ktest_check
	la a0, fmt_stress2
	ld a1, cpu_online_mask
	ld a2, stress_failures
	call printk
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END hotplug_stress

.section .rodata
msg_stress:
	.asciz "stress: %u rounds of cpu_down/cpu_up of every CPU but CPU0 (online %b), with concurrent hotplug, stop_machine, stop_two_cpus and IPIs\n"
fmt_stress:
	.asciz "stress: %u down/up cycles, %u stop_machines, IPIs queued before offline %u, ran %u; stop_two_cpus %u ok, %u -ENOENT"
fmt_stress2:
	.asciz "stress: online %b at the end, %u failures\n"
two_name:
	.asciz "kstress_two"
hp_name:
	.asciz "kstress_hp"

.section .data
.balign 8
stress_ran:        .dword 0
stress_ran_mutex:  .dword 0
stress_sm:         .dword 0
stress_cycles:     .dword 0
stress_ipis_sent:  .dword 0
stress_ipis_ran:   .dword 0
stress_two_ok:     .dword 0
stress_two_enoent: .dword 0
stress_two_ran:    .dword 0
stress_failures:   .dword 0
stress_running:    .dword 0

.section .bss
.balign 8
stress_hp_done:
	.zero COMP_SIZE
stress_two_done:
	.zero COMP_SIZE
