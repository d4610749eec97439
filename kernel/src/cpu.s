# cpu.s: CPU hotplug (Linux kernel/cpu.c): the online/active masks and
# cpu_down/cpu_up driven by an ordered table of steps.
#
# Each step has a startup and a teardown callback; cpu_up runs startups in
# ascending order, cpu_down teardowns in descending order, and a CPU's
# per-CPU cpuhp state records how far it got. Steps marked AP run on the
# target CPU's own hotplug thread (cpuhp/N), the others on the caller.
#
#   state                      startup                  teardown            where
#   CPUHP_BRINGUP_CPU          bringup_cpu              takedown_cpu        caller
#   CPUHP_AP_SCHED_WAIT_EMPTY  -                        sched_cpu_wait_empty AP
#   CPUHP_AP_SMPBOOT_THREADS   smpboot_unpark_threads   smpboot_park_threads AP
#   CPUHP_AP_ACTIVE            sched_cpu_activate       sched_cpu_deactivate AP
#
# cpu_down/cpu_up are serialized by cpu_add_remove_lock and run under the
# hotplug write lock, so no stop_machine (a reader) overlaps them.

.include "kernel.inc"

.section .text
# set_cpu_online(cpu) / set_cpu_offline(cpu), set_cpu_active(cpu, on).
ENTRY set_cpu_online
	li t0, 1
	sll t0, t0, a0
	la t1, cpu_online_mask
	amoor.d.aqrl zero, t0, (t1)
	ret
END set_cpu_online

ENTRY set_cpu_offline
	li t0, 1
	sll t0, t0, a0
	not t0, t0
	la t1, cpu_online_mask
	amoand.d.aqrl zero, t0, (t1)
	ret
END set_cpu_offline

ENTRY set_cpu_active
	li t0, 1
	sll t0, t0, a0
	la t1, cpu_active_mask
	beqz a1, 1f
	amoor.d.aqrl zero, t0, (t1)
	ret
1:	not t0, t0
	amoand.d.aqrl zero, t0, (t1)
	ret
END set_cpu_active

# cpu_online(cpu) -> a0 = 1 if cpu is online.
ENTRY cpu_online
	ld t0, cpu_online_mask
	li t1, NR_CPUS
	bgeu a0, t1, 1f
	cpu_bit a0, t0, a0
	ret
1:	li a0, 0
	ret
END cpu_online

ENTRY num_online_cpus
	ld a0, cpu_online_mask
	j cpumask_weight
END num_online_cpus

# The table. One row per state: name, startup, teardown, runs-on-AP.
.section .rodata
.balign 8
.equ CPUHP_ROW, 32
cpuhp_hp_states:
	.dword str_offline, 0, 0, 0
	.dword str_bringup, bringup_cpu, takedown_cpu, 0
	.dword str_wait_empty, 0, sched_cpu_wait_empty, 1
	.dword str_threads, smpboot_unpark_threads, smpboot_park_threads, 1
	.dword str_active, sched_cpu_activate, sched_cpu_deactivate, 1
	.dword str_online, 0, 0, 0
str_offline:    .asciz "offline"
str_bringup:    .asciz "bringup_cpu"
str_wait_empty: .asciz "sched:wait_empty"
str_threads:    .asciz "smpboot/threads"
str_active:     .asciz "sched:active"
str_online:     .asciz "online"

.section .text
# cpuhp_invoke(cpu, state, teardown) -> a0 = the callback's result.
ENTRY cpuhp_invoke
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	sd a2, 32(sp)
	la s1, cpuhp_hp_states
	slli t0, a1, 5              # CPUHP_ROW == 32
	add s1, s1, t0
	addi t0, s1, 8              # startup
	beqz a2, 1f
	addi t0, s1, 16             # teardown
1:	ld s2, 0(t0)
	li a0, 0
	beqz s2, 9f
	ld t0, cpuhp_verbose
	beqz t0, 2f
	la a0, msg_step
	mv a1, s0
	ld t0, 32(sp)
	la a2, str_up
	beqz t0, 5f
	la a2, str_down
5:	ld a3, 0(s1)
	ld t1, 24(s1)
	la a4, str_on_caller
	beqz t1, 3f
	la a4, str_on_ap
3:	call printk
2:	ld a0, 0(s1)                # mark the step: cpu + 256 for teardown
	ld t0, 32(sp)
	slli a1, t0, 8
	add a1, a1, s0
	call trace_mark
	ld t0, 24(s1)
	beqz t0, 4f
	mv a0, s0
	mv a1, s2
	call cpuhp_invoke_ap_callback
	j 9f
4:	mv a0, s0
	jalr s2
9:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END cpuhp_invoke

# cpuhp_invoke_ap_callback(cpu, fn) -> a0 = fn(cpu) as run by cpuhp/cpu.
ENTRY cpuhp_invoke_ap_callback
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	per_cpu_ptr s0, a0
	sd a1, PCPU_CPUHP_CB(s0)
	fence rw, w
	li t0, 1
	sd t0, PCPU_CPUHP_SHOULD_RUN(s0)
	ld a0, PCPU_CPUHP_THREAD(s0)
	call wake_up_process
	addi a0, s0, PCPU_CPUHP_DONE
	call wait_for_completion
	ld a0, PCPU_CPUHP_RET(s0)
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret
END cpuhp_invoke_ap_callback

# The hotplug thread's smpboot callbacks (Linux cpuhp_should_run and
# cpuhp_thread_fun).
ENTRY cpuhp_should_run
	per_cpu_ptr t0, a0
	ld a0, PCPU_CPUHP_SHOULD_RUN(t0)
	ret
END cpuhp_should_run

ENTRY cpuhp_thread_fun
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	per_cpu_ptr s0, a0
	sd zero, PCPU_CPUHP_SHOULD_RUN(s0)
	fence rw, rw
	ld t0, PCPU_CPUHP_CB(s0)
	jalr t0
	sd a0, PCPU_CPUHP_RET(s0)
	addi a0, s0, PCPU_CPUHP_DONE
	call complete
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END cpuhp_thread_fun

# cpuhp_threads_init: create cpuhp/N on every possible CPU; the boot CPU's
# starts now, the others when their CPU first comes up.
ENTRY cpuhp_threads_init
	frame 1
	la a0, cpuhp_threads
	la t0, cpuhp_should_run
	sd t0, HT_SHOULD_RUN(a0)
	la t0, cpuhp_thread_fun
	sd t0, HT_FN(a0)
	la t0, cpuhp_name
	sd t0, HT_NAME(a0)
	li t0, PCPU_CPUHP_THREAD
	sd t0, HT_STORE(a0)
	li t0, 1
	sd t0, HT_SELFPARKING(a0)
	call smpboot_register_percpu_thread
	# cpuhp/N are FIFO-class, as in Linux: busy normal tasks on a CPU
	# going down or coming up cannot hold its hotplug steps back.
	li t2, 0
1:	ld t0, nr_cpu_ids
	bgeu t2, t0, 2f
	per_cpu_ptr t1, t2
	ld t0, PCPU_CPUHP_THREAD(t1)
	sd t0, PCPU_RQ_RT(t1)
	li t3, SCHED_FIFO_CLASS
	sd t3, TASK_CLASS(t0)
	addi t2, t2, 1
	j 1b
2:	ld a0, PCPU_CPUHP_THREAD(tp)
	call kthread_unpark
	li t0, CPUHP_ONLINE
	sd t0, PCPU_CPUHP_STATE(tp)
	unframe 1
	ret
END cpuhp_threads_init

# cpu_down(cpu) -> 0, -EINVAL (no such CPU) or -EBUSY (the last online
# CPU). Callable from any thread that may sleep, on any CPU, even the one
# going down (the caller then continues elsewhere).
ENTRY cpu_down
	li a1, CPUHP_OFFLINE
	j cpuhp_set_state
END cpu_down

# cpu_up(cpu) -> 0, -EINVAL or the bringup error.
ENTRY cpu_up
	li a1, CPUHP_ONLINE
	j cpuhp_set_state
END cpu_up

# cpuhp_set_state(cpu, target): walk cpu's state to target, one step at a
# time. Linux's _cpu_down/_cpu_up; a failing startup step stops the walk
# (Linux would roll back; ours only fails when a hart does not start).
ENTRY cpuhp_set_state
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	mv s0, a0
	mv s1, a1
	li s3, -EINVAL
	ld t0, nr_cpu_ids
	bgeu s0, t0, 9f
	la a0, cpu_add_remove_lock  # cpu_maps_update_begin
	call mutex_lock
	per_cpu_ptr s2, s0
	li s3, 0
	ld t0, PCPU_CPUHP_STATE(s2)
	beq t0, s1, 8f              # already there
	bnez s1, 1f
	# Going down: never the last online CPU. Checked under
	# cpu_add_remove_lock, so two cpu_down calls cannot both pass it.
	call num_online_cpus
	li t0, 1
	bgt a0, t0, 1f
	li s3, -EBUSY
	j 8f
	# The write lock waits out every stop_machine in progress and keeps
	# new ones out until the walk is done.
1:	call cpus_write_lock
2:	ld t0, PCPU_CPUHP_STATE(s2)
	beq t0, s1, 7f
	blt t0, s1, 3f
	# Teardown of the current state, then one state down.
	mv a0, s0
	mv a1, t0
	li a2, 1
	call cpuhp_invoke
	mv s3, a0
	ld t0, PCPU_CPUHP_STATE(s2)
	addi t0, t0, -1
	sd t0, PCPU_CPUHP_STATE(s2)
	bnez s3, 7f
	j 2b
3:	# One state up, then its startup.
	addi t0, t0, 1
	mv a0, s0
	mv a1, t0
	li a2, 0
	sd t0, 40(sp)
	call cpuhp_invoke
	mv s3, a0
	bnez s3, 7f
	ld t0, 40(sp)
	sd t0, PCPU_CPUHP_STATE(s2)
	j 2b
7:	call cpus_write_unlock
8:	la a0, cpu_add_remove_lock  # cpu_maps_update_done
	call mutex_unlock
9:	mv a0, s3
	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END cpuhp_set_state

# --- the steps -------------------------------------------------------------

# bringup_cpu(cpu): start the hart, wait until it is alive, then unpark
# its hotplug thread so the AP steps can run there (caller; Linux
# bringup_cpu + bringup_wait_for_ap_online).
ENTRY bringup_cpu
	frame 2
	sd a0, 8(sp)
	call __cpu_up
	bnez a0, 1f
	ld a0, 8(sp)
	per_cpu_ptr t0, a0
	ld a0, PCPU_CPUHP_THREAD(t0)
	call kthread_unpark
	li a0, 0
1:	unframe 2
	ret
END bringup_cpu

# sched_cpu_activate(cpu) / sched_cpu_deactivate(cpu): the scheduler may
# (no longer) place tasks on cpu. On cpu's hotplug thread.
ENTRY sched_cpu_activate
	li a1, 1
.Lset_active:
	frame 1
	call set_cpu_active
	li a0, 0
	unframe 1
	ret
END sched_cpu_activate

ENTRY sched_cpu_deactivate
	li a1, 0
	j .Lset_active
END sched_cpu_deactivate

# sched_cpu_wait_empty(cpu): push every remaining normal task elsewhere.
ENTRY sched_cpu_wait_empty
	frame 1
	call migrate_tasks_off
	li a0, 0
	unframe 1
	ret
END sched_cpu_wait_empty

# takedown_cpu(cpu): on the caller. stop_machine with only cpu running
# take_cpu_down, then wait until the hart is dead and stopped.
ENTRY takedown_cpu
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd a0, 16(sp)
	mv s0, a0
	li t0, 1
	sll t0, t0, s0
	sd t0, 24(sp)               # cpumask_of(cpu)
	# Only cpu is active: take_cpu_down runs there, in RUN, while every
	# other online CPU spins in its stopper with interrupts off.
	la a0, take_cpu_down
	mv a1, s0
	addi a2, sp, 24
	call stop_machine_cpuslocked
	bnez a0, 1f
	mv a0, s0
	call cpuhp_wait_dead
	li a0, 0                    # a late hart is reported, not fatal
1:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret
END takedown_cpu

# take_cpu_down(cpu): in cpu's stopper, in the RUN state of stop_machine,
# with interrupts off on every online CPU. Cannot fail.
ENTRY take_cpu_down
	frame 2
	sd s0, 8(sp)
	mv s0, a0
	mv a1, s0
	la a0, mark_take_cpu_down
	call trace_mark
	mv a0, s0
	# __cpu_disable: from here on nobody may send this CPU new work.
.ifndef BUG_OFFLINE_AFTER_FLUSH
	call set_cpu_offline
.endif
	# The dying steps. smpcfd_dying_cpu runs whatever was queued before
	# the offline, so such a call still runs exactly once.
.ifndef BUG_SKIP_DYING_FLUSH
	mv a0, s0
	call smpcfd_dying_cpu
.endif
.ifdef BUG_OFFLINE_AFTER_FLUSH
	mv a0, s0                   # injected: a call queued now is lost
	call set_cpu_offline
.endif
	# stop_machine_park: no more stopper work here.
	mv a0, s0
	call stop_machine_park
	li a0, 0
	ld s0, 8(sp)
	unframe 2
	ret
END take_cpu_down

ENTRY smpcfd_dying_cpu
	frame 1
	mv a1, a0
	la a0, mark_smpcfd
	call trace_mark
	call flush_smp_call_function_queue
	unframe 1
	ret
END smpcfd_dying_cpu

.section .rodata
msg_step:
	.asciz "cpuhp: CPU%u %s: %s (%s)\n"
str_up:
	.asciz "up"
str_down:
	.asciz "down"
str_on_ap:
	.asciz "on the CPU's cpuhp thread"
str_on_caller:
	.asciz "on the controlling CPU"
mark_take_cpu_down:
	.asciz "take_cpu_down"
mark_smpcfd:
	.asciz "smpcfd_dying_cpu"
cpuhp_name:
	.asciz "cpuhp/%u"

.section .data
.balign 8
.globl cpu_online_mask
cpu_online_mask:
	.dword 0
.globl cpu_active_mask
cpu_active_mask:
	.dword 0
.globl cpuhp_verbose
cpuhp_verbose:
	.dword 0
cpu_add_remove_lock:
	.dword 0

.section .bss
.balign 8
cpuhp_threads:
	.zero HT_SIZE
