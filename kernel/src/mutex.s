# mutex.s: sleeping locks for thread context, reduced to what the kernel
# needs: a mutex (Linux kernel/locking/mutex.c) and the CPU hotplug lock, a
# reader/writer lock (Linux: the percpu-rwsem cpu_hotplug_lock).
#
# Ours do not queue waiters: a contended caller yields the CPU and retries,
# which is enough for the few, short holders here (hotplug, stop_cpus) and
# keeps them out of the scheduler. Holders may sleep and be preempted; none
# of these may be taken with preemption or interrupts off.

.include "kernel.inc"

.equ HOTPLUG_WRITER, 1 << 63

.section .text
# mutex_lock(m) / mutex_unlock(m): m is one dword, 0 = free.
ENTRY mutex_lock
	frame 2
	sd s0, 8(sp)
	mv s0, a0
1:	li t0, 1
	amoswap.d.aq t0, t0, (s0)
	beqz t0, 2f
	call cpu_relax_resched
	pause
	j 1b
2:	ld s0, 8(sp)
	unframe 2
	ret
END mutex_lock

ENTRY mutex_unlock
	amoswap.d.rl zero, zero, (a0)
	ret
END mutex_unlock

# cpus_read_lock: keep CPUs from coming or going (stop_machine takes it).
ENTRY cpus_read_lock
	frame 1
1:	la t0, cpu_hotplug_lock
	li t1, 1
	amoadd.d.aq t2, t1, (t0)
	bgez t2, 3f                 # no writer: we are in
	li t1, -1
	amoadd.d.rl zero, t1, (t0)
2:	call cpu_relax_resched
	ld t0, cpu_hotplug_lock
	bltz t0, 2b
	j 1b
3:	unframe 1
	ret
END cpus_read_lock

ENTRY cpus_read_unlock
	la t0, cpu_hotplug_lock
	li t1, -1
	amoadd.d.rl zero, t1, (t0)
	ret
END cpus_read_unlock

# cpus_write_lock: exclusive, for cpu_down/cpu_up. Claim the writer bit,
# then wait for the readers inside to leave.
ENTRY cpus_write_lock
	frame 1
1:	la t0, cpu_hotplug_lock
	li t1, HOTPLUG_WRITER
	amoor.d.aq t2, t1, (t0)
	bgez t2, 2f
	call cpu_relax_resched
	j 1b
2:	ld t0, cpu_hotplug_lock
	slli t0, t0, 1              # the reader count, without the writer bit
	beqz t0, 3f
	call cpu_relax_resched
	j 2b
3:	fence r, rw
	unframe 1
	ret
END cpus_write_lock

ENTRY cpus_write_unlock
	la t0, cpu_hotplug_lock
	li t1, ~HOTPLUG_WRITER
	amoand.d.rl zero, t1, (t0)
	ret
END cpus_write_unlock

.section .data
.balign 8
# Readers count in the low bits; bit 63 is the writer.
.globl cpu_hotplug_lock
cpu_hotplug_lock:
	.dword 0
