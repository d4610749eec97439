# main.s: start_kernel and kernel_init (Linux init/main.c).
#
# start_kernel runs on the boot hart (CPU 0) with interrupts off: it reads
# the FDT, sets up CPU 0 and the per-CPU threads of every possible CPU,
# starts the tick, creates kernel_init and becomes CPU 0's idle task.
# kernel_init, a normal kernel thread, brings the other CPUs up through
# cpu_up (the same hotplug path as later) and then does what the bootargs
# ask: by default the kernel's self-checks and the narrated stop_machine
# demonstration (demo.s); with `shell` a console shell (shell.s); with
# `hotplug_stress=N` N rounds of hotplug against load (stress.s); with
# `bench` the measurements of bench.s; with `test=GLOB` the KTAP test
# cases (kunit.s). Either
# way the machine is shut down through SBI SRST at the end.

.include "kernel.inc"

.section .text
# start_kernel(hartid, fdt): never returns.
ENTRY start_kernel
	mv s0, a0
	mv s1, a1
	call sbi_init
	mv a0, s1
	mv a1, s0
	call early_init_dt_scan
	call time_init
	call smp_prepare_cpus
	la a0, msg_banner
	mv a1, s0
	ld a2, nr_cpu_ids
	ld a3, timebase_frequency
	ld a4, memory_start
	ld a5, memory_size
	srli a5, a5, 20
	la a6, bootargs
	ld a7, sbi_has_dbcn
	call printk
	call print_cpu_map
	ld a1, trace_marker_base
	beqz a1, 1f
	la a0, msg_markers
	call printk
1:
	li a0, 0
	call set_cpu_online
	li a0, 0
	li a1, 1
	call set_cpu_active
	call cpu_stop_init
	call cpuhp_threads_init
	call ktest_init
	li t0, IE_SSIE
	csrs sie, t0
	call tick_start_cpu
	la a0, kernel_init
	li a1, 0
	li a2, 0
	la a3, kernel_init_name
	call kthread_create_on_cpu
	call wake_up_process
	# init_task becomes CPU 0's idle task (Linux: rest_init).
	get_current t0
	li t1, 1
	sd t1, TASK_ON_CPU(t0)
	j cpu_startup_entry
END start_kernel

# print_cpu_map: one line per CPU, "CPU<n> is hart <h>" (the logical map).
print_cpu_map:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	li s0, 0
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 2f
	la t0, cpuid_to_hartid_map
	slli t1, s0, 3
	add t0, t0, t1
	la a0, msg_cpu_map
	mv a1, s0
	ld a2, 0(t0)
	call printk
	addi s0, s0, 1
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret

# kernel_init(unused): the first normal thread.
ENTRY kernel_init
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	# smp_init: bring every other possible CPU online, in order.
	li s0, 1
1:	ld t0, nr_cpu_ids
	bgeu s0, t0, 2f
	mv a0, s0
	call cpu_up
	beqz a0, 3f
	mv a2, a0
	la a0, msg_cpu_up_failed
	mv a1, s0
	call printk
3:	addi s0, s0, 1
	j 1b
2:
	call num_online_cpus
	mv a1, a0
	la a0, msg_smp_up
	ld a2, cpu_online_mask
	call printk
	la a0, str_shell
	call cmdline_has
	beqz a0, 4f
	call shell_main             # returns on "poweroff"
	j 5f
4:	la a0, str_stress
	call cmdline_get
	beqz a0, 7f
	call simple_strtoul
	call hotplug_stress         # stress.s
	j 5f
7:	la a0, str_bench
	call cmdline_has
	beqz a0, 8f
	call bench_run              # bench.s
	j 5f
	# `crash`: a breakpoint in thread context (ebreak: delegated to
	# S-mode by OpenSBI and ours, unlike illegal instructions), to show (and
	# test) the oops path: die, register dump, panic, SRST "failure".
8:	la a0, str_crash
	call cmdline_has
	beqz a0, 6f
	ebreak
	# `test=GLOB` or `stoptorture`: the KTAP test cases (kunit.s).
6:	la a0, str_test
	call cmdline_get
	bnez a0, 9f
	la a0, str_stoptorture
	call cmdline_has
	bnez a0, 9f
	call ktest_run              # the kernel core's self-checks
	call demo_run               # the narrated stop_machine demo
	j 5f
9:	call kunit_main
5:	call kernel_poweroff
END kernel_init

# kernel_poweroff: report, then SRST shutdown; reason "failure" if any
# check failed (nr_check_failures, ktest.s).
ENTRY kernel_poweroff
	ld a1, nr_check_failures
	la a0, msg_poweroff
	call printk
	ld a0, nr_check_failures
	snez a0, a0                 # SBI_SRST_FAILURE when non-zero
	call sbi_shutdown
	la a0, msg_no_srst
	call panic
END kernel_poweroff

# cmdline_has(word) -> a0 = 1 if bootargs contain word as a whole token
# (separated by spaces). cmdline_get(key) -> a0 = the value after "key="
# in bootargs (up to the next space), or 0.
ENTRY cmdline_has
	li a1, 0
	j cmdline_scan
END cmdline_has

ENTRY cmdline_get
	li a1, '='
	j cmdline_scan
END cmdline_get

# cmdline_scan(word, terminator): terminator 0 matches a whole token,
# '=' a "key=" prefix. Returns 1 (token) or the value pointer, or 0.
cmdline_scan:
	la t0, bootargs
1:	lbu t1, 0(t0)               # skip spaces
	beqz t1, 8f
	li t2, ' '
	bne t1, t2, 2f
	addi t0, t0, 1
	j 1b
2:	mv t3, a0                   # compare the token with word
	mv t4, t0
3:	lbu t1, 0(t3)
	beqz t1, 4f
	lbu t2, 0(t4)
	bne t1, t2, 6f
	addi t3, t3, 1
	addi t4, t4, 1
	j 3b
4:	lbu t2, 0(t4)               # word matched; what follows it?
	bnez a1, 5f
	beqz t2, 7f
	li t1, ' '
	beq t2, t1, 7f
	j 6f
5:	bne t2, a1, 6f
	addi a0, t4, 1
	ret
6:	lbu t1, 0(t0)               # skip the rest of this token
	beqz t1, 8f
	li t2, ' '
	beq t1, t2, 1b
	addi t0, t0, 1
	j 6b
7:	li a0, 1
	ret
8:	li a0, 0
	ret

.section .rodata
msg_banner:
	.asciz "rvstop kernel: boot hart %u, %u CPUs, timebase %u Hz, memory %x (%u MiB), bootargs \"%s\", DBCN %u\n"
msg_markers:
	.asciz "trace: marker device at %x\n"
msg_cpu_map:
	.asciz "smp: CPU%u is hart %u\n"
msg_cpu_up_failed:
	.asciz "smp: CPU%u did not come up: %d\n"
msg_smp_up:
	.asciz "smp: Brought up %u CPUs, online mask %b\n"
msg_poweroff:
	.asciz "reboot: Power down (%u failed checks)\n"
msg_no_srst:
	.asciz "SBI SRST shutdown returned"
kernel_init_name:
	.asciz "kernel_init"
str_shell:
	.asciz "shell"
str_stress:
	.asciz "hotplug_stress"
str_bench:
	.asciz "bench"
str_crash:
	.asciz "crash"
str_test:
	.asciz "test"
str_stoptorture:
	.asciz "stoptorture"
