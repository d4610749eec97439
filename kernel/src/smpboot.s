# smpboot.s: per-CPU kernel threads that follow their CPU through hotplug
# (Linux kernel/smpboot.c and the park/unpark half of kernel/kthread.c).
#
# A descriptor (struct smp_hotplug_thread, offsets.inc) gives the thread's
# should_run(cpu) and fn(cpu). smpboot_create_thread makes one bound thread
# per possible CPU; it stays parked (never started) until its CPU comes up
# and smpboot_unpark_threads / kthread_unpark lets it run. cpu_down parks
# the registered ones before the CPU goes (selfparking ones, the stopper and
# the hotplug thread, are left to their owners).

.include "kernel.inc"

.section .text
# smpboot_create_thread(ht, cpu) -> a0 = task, created parked.
ENTRY smpboot_create_thread
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	la a0, smpboot_thread_fn
	mv a1, s0
	mv a2, s1
	ld a3, HT_NAME(s0)
	call kthread_create_on_cpu
	mv s2, a0
	mv a1, s1
	call kthread_bind
	sd s0, TASK_HT(s2)
	# Created parked: a never-started thread counts as parked, so parking
	# it is a no-op and unparking it is its first wakeup.
	li t0, 1
	sd t0, TASK_SHOULD_PARK(s2)
	sd t0, TASK_PARKED(s2)
	per_cpu_ptr t1, s1
	ld t0, HT_STORE(s0)
	add t1, t1, t0
	sd s2, 0(t1)
	mv a0, s2
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret
END smpboot_create_thread

# smpboot_register_percpu_thread(ht): a thread on every possible CPU;
# non-selfparking ones join the list that hotplug parks and unparks.
ENTRY smpboot_register_percpu_thread
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	li s1, 0
1:	ld t0, nr_cpu_ids
	bgeu s1, t0, 2f
	mv a0, s0
	mv a1, s1
	call smpboot_create_thread
	addi s1, s1, 1
	j 1b
2:	ld t0, HT_SELFPARKING(s0)
	bnez t0, 3f
	ld t0, smpboot_threads
	sd t0, HT_NEXT(s0)
	sd s0, smpboot_threads, t1
	# CPUs already online get theirs running now (later CPUs get them
	# from the smpboot/threads hotplug step).
	li s1, -1
4:	mv a0, s1
	ld a1, cpu_online_mask
	call cpumask_next
	mv s1, a0
	li t0, NR_CPUS
	bgeu s1, t0, 3f
	per_cpu_ptr t1, s1
	ld t0, HT_STORE(s0)
	add t1, t1, t0
	ld a0, 0(t1)
	call kthread_unpark
	j 4b
3:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	addi sp, sp, 32
	ret
END smpboot_register_percpu_thread

# smpboot_thread_fn(ht): the body of every smpboot thread, on its CPU.
# The state is set before the conditions are tested, with a full fence, so
# a waker that changes a condition and then calls wake_up_process cannot be
# missed (the pattern of Linux's set_current_state()).
ENTRY smpboot_thread_fn
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	mv s0, a0
	get_current s1
	sd zero, TASK_PARKED(s1)
.Lsmpboot_loop:
	li t0, TASK_UNINTERRUPTIBLE
	sd t0, TASK_STATE(s1)
	fence rw, rw
	ld t0, TASK_SHOULD_PARK(s1)
	beqz t0, 1f
	sd zero, TASK_STATE(s1)
	ld t0, HT_PARK(s0)
	beqz t0, 2f
	ld a0, TASK_CPU(s1)
	jalr t0
2:	call kthread_parkme
	j .Lsmpboot_loop
	# Nothing to do: sleep. A waker that made should_run true after our
	# test finds our state set and wakes us; schedule then returns at once.
1:	ld t0, HT_SHOULD_RUN(s0)
	ld a0, TASK_CPU(s1)
	jalr t0
	bnez a0, 3f
	call schedule
	j .Lsmpboot_loop
3:	sd zero, TASK_STATE(s1)
	ld t0, HT_FN(s0)
	ld a0, TASK_CPU(s1)
	jalr t0
	j .Lsmpboot_loop
END smpboot_thread_fn

# kthread_parkme: sleep while current->should_park, saying so in parked.
ENTRY kthread_parkme
	frame 2
	sd s0, 8(sp)
	get_current s0
	li t0, 1
	sd t0, TASK_PARKED(s0)
	addi a0, s0, TASK_PARKED_DONE
	call complete               # kthread_park's wait ends
1:	li t0, TASK_UNINTERRUPTIBLE
	sd t0, TASK_STATE(s0)
	fence rw, rw
	ld t0, TASK_SHOULD_PARK(s0)
	beqz t0, 2f
	call schedule
	j 1b
2:	sd zero, TASK_STATE(s0)
	sd zero, TASK_PARKED(s0)
	ld s0, 8(sp)
	unframe 2
	ret
END kthread_parkme

# kthread_park(p): ask p to park and wait until it has. For p == current
# (the stopper parking itself in take_cpu_down) only the request is made,
# as in Linux.
ENTRY kthread_park
	frame 2
	sd s0, 8(sp)
	mv s0, a0
	li t0, 1
	sd t0, TASK_SHOULD_PARK(s0)
	fence rw, rw
	get_current t0
	beq t0, s0, 2f
	ld t0, TASK_PARKED(s0)      # parked, or never started: nothing to do
	bnez t0, 2f
	mv a0, s0
	call wake_up_process
	addi a0, s0, TASK_PARKED_DONE
	call wait_for_completion
2:	fence r, rw
	ld s0, 8(sp)
	unframe 2
	ret
END kthread_park

# kthread_unpark(p): let p run again (or for the first time). p is asleep
# here, so resetting its parked completion cannot race with it: a park
# that nobody waited for must not satisfy the next kthread_park.
ENTRY kthread_unpark
	frame 2
	sd a0, 8(sp)
	addi a0, a0, TASK_PARKED_DONE
	call init_completion
	ld a0, 8(sp)
	sd zero, TASK_SHOULD_PARK(a0)
	fence rw, rw
	call wake_up_process
	unframe 2
	ret
END kthread_unpark

# smpboot_park_threads(cpu) / smpboot_unpark_threads(cpu): every registered
# descriptor's thread on cpu. Hotplug steps, run on cpu's hotplug thread.
ENTRY smpboot_park_threads
	la a1, kthread_park
	j smpboot_for_each
END smpboot_park_threads

ENTRY smpboot_unpark_threads
	la a1, kthread_unpark
	j smpboot_for_each
END smpboot_unpark_threads

# smpboot_for_each(cpu, op): op(task) for each registered thread of cpu.
smpboot_for_each:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	per_cpu_ptr s1, a0
	mv s2, a1
	ld s0, smpboot_threads
1:	beqz s0, 2f
	ld t0, HT_STORE(s0)
	add t0, t0, s1
	ld a0, 0(t0)
	jalr s2
	ld s0, HT_NEXT(s0)
	j 1b
2:	li a0, 0
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

.section .data
.balign 8
smpboot_threads:
	.dword 0
