# smp.s: inter-processor interrupts and cross-CPU function calls
# (Linux kernel/smp.c and arch/riscv/kernel/smp.c).
#
# A call is a csd (call single data) pushed onto the target CPU's lock-free
# call_single_queue; the IPI is sent only when the queue was empty, because
# otherwise one is already on its way and the target's flush will find the
# new entry too. The csd is "locked" (CSD_FLAG_LOCK) from queueing until the
# target has finished with it; unlock is a release store and waiting an
# acquire load, so a waiter sees everything the callback wrote.
#
# IPIs travel through SBI (sPI) and arrive as a supervisor software
# interrupt; per-CPU ipi_bits says why (IPI_RESCHEDULE, IPI_CALL_FUNC).

.include "kernel.inc"

# smp_call_function_many indexes cfd csds with a shift.
.if CSD_SIZE != 32
.error "smp.s assumes CSD_SIZE == 32"
.endif

.section .text
# arch_send_ipi(cpu, reason): record the reason, then interrupt that hart.
ENTRY arch_send_ipi
	# The reason bit first, with release: the target reads the bits after
	# the interrupt, and must also see what the sender queued before.
	per_cpu_ptr t3, a0
	addi t4, t3, PCPU_IPI_BITS
	amoor.d.aqrl zero, a1, (t4) # everything before is visible first
	ld a0, PCPU_HARTID(t3)
	j sbi_send_ipi_hart
END arch_send_ipi

# handle_IPI: supervisor software interrupt, interrupts off, in hardirq.
# Clear sip.SSIP before reading the reasons: an IPI that arrives after the
# clear raises SSIP again and is handled by the next interrupt.
ENTRY handle_IPI
	frame 1
	li t0, IE_SSIE
	csrc sip, t0
	addi t1, tp, PCPU_IPI_BITS
	amoswap.d.aqrl t2, zero, (t1)
	ld t0, PCPU_NR_IPIS(tp)
	addi t0, t0, 1
	sd t0, PCPU_NR_IPIS(tp)
	andi t0, t2, IPI_RESCHEDULE
	beqz t0, 1f
	li t0, 1                    # scheduler_ipi: the entry exit path
	sd t0, PCPU_NEED_RESCHED(tp) # preempts if it can
1:	andi t0, t2, IPI_CALL_FUNC
	beqz t0, 2f
	call flush_smp_call_function_queue
2:	unframe 1
	ret
END handle_IPI

# llist_add(node, head) -> a0 = 1 if the list was empty. Release ordering:
# the node's contents are visible before the node is.
ENTRY llist_add
	# A compare-and-swap loop: link the node to the head we read, then
	# install it only if the head has not moved. The store to the node
	# stays outside LR/SC so the loop is a constrained one (spec 13.3).
1:	ld t0, 0(a1)
	sd t0, CSD_NEXT(a0)
	lr.d t1, (a1)
	bne t1, t0, 1b
	sc.d.rl t2, a0, (a1)
	bnez t2, 1b
	seqz a0, t0
	ret
END llist_add

# csd_lock(csd): wait until the csd is free, then own it.
ENTRY csd_lock
1:	ld t0, CSD_FLAGS(a0)
	andi t0, t0, CSD_FLAG_LOCK
	beqz t0, 2f
	pause
	j 1b
2:	fence r, rw
	li t0, CSD_FLAG_LOCK
	sd t0, CSD_FLAGS(a0)
	ret
END csd_lock

# csd_unlock(csd): release store; the caller is done with the csd.
ENTRY csd_unlock
	fence rw, w
	sd zero, CSD_FLAGS(a0)
	ret
END csd_unlock

# csd_lock_wait(csd): acquire; returns once the target released the csd.
ENTRY csd_lock_wait
1:	ld t0, CSD_FLAGS(a0)
	andi t0, t0, CSD_FLAG_LOCK
	beqz t0, 2f
	pause
	j 1b
2:	fence r, rw
	ret
END csd_lock_wait

# smp_call_function_single(cpu, func, info, wait) -> a0 = 0 or -ENXIO.
# func(info) runs on cpu in interrupt context (or from that CPU's flush).
ENTRY smp_call_function_single
	addi sp, sp, -96
	sd ra, 0(sp)
	save_sregs 5
	mv s0, a0
	mv s1, a1
	mv s2, a2
	mv s3, a3
.ifdef BUG_ONLINE_CHECK_OUTSIDE
	# injected: the online check before get_cpu(), outside the region
	# that keeps take_cpu_down away
	li s4, -ENXIO
	ld t0, cpu_online_mask
	cpu_bit t0, t0, s0
	beqz t0, 10f
.endif
	preempt_count_inc t0        # get_cpu()
	this_cpu t0
	bne s0, t0, 1f
	# The target is this CPU: run it here, interrupts off as an IPI would.
	irq_save s4
	mv a0, s2
	jalr s1
	irq_restore s4
	li s4, 0
	j 9f
	# The online check happens with preemption off and the csd is queued
	# in the same region: take_cpu_down(cpu) cannot run in between (its
	# RUN needs our stopper), so the call either reaches the queue before
	# the dying flush or sees the CPU offline. This is the guarantee.
1:	li s4, -ENXIO
	ld t0, nr_cpu_ids
	bgeu s0, t0, 9f
.ifndef BUG_ONLINE_CHECK_OUTSIDE
	ld t0, cpu_online_mask
	cpu_bit t0, t0, s0
	beqz t0, 9f
.endif
	# wait: the csd lives on our stack; no wait: this CPU's csd_data.
	addi a0, sp, 56
	sd zero, CSD_FLAGS(a0)
	bnez s3, 2f
	addi a0, tp, PCPU_CSD
2:	sd a0, 48(sp)
	call csd_lock
	ld a0, 48(sp)
	sd s1, CSD_FUNC(a0)
	sd s2, CSD_INFO(a0)
	li t0, CSD_FLAG_LOCK
	beqz s3, 3f
	li t0, CSD_FLAG_LOCK | CSD_TYPE_SYNC
3:	sd t0, CSD_FLAGS(a0)
	mv a1, a0
	mv a0, s0
	call smp_call_queue_and_kick
	beqz s3, 4f
	ld a0, 48(sp)
	call csd_lock_wait
4:	li s4, 0
9:	call preempt_enable         # put_cpu()
10:	mv a0, s4
	ld ra, 0(sp)
	restore_sregs 5
	addi sp, sp, 96
	ret
END smp_call_function_single

# smp_call_queue_and_kick(cpu, csd): push csd on cpu's call_single_queue
# and send IPI_CALL_FUNC only if the queue was empty (Linux:
# __smp_call_single_queue + send_call_function_single_ipi).
ENTRY smp_call_queue_and_kick
	frame 2
	sd a0, 8(sp)
	per_cpu_ptr t3, a0
	mv a0, a1
	addi a1, t3, PCPU_CSQ
	call llist_add
	slli a1, a0, 8              # mark: target + 256 if we send the IPI
	ld t0, 8(sp)
	add a1, a1, t0
	sd a1, 8(sp)
	la a0, mark_csd_queue
	call trace_mark
	ld a1, 8(sp)
	srli t0, a1, 8
	beqz t0, 1f
	andi a0, a1, 0xff
	li a1, IPI_CALL_FUNC
	call arch_send_ipi
1:	unframe 2
	ret
END smp_call_queue_and_kick

# smp_call_function_many(mask, func, info, wait): func on every online CPU
# in mask except this one. Linux requires preemption off; we take it too.
ENTRY smp_call_function_many
	addi sp, sp, -80
	sd ra, 0(sp)
	save_sregs 6
	mv s1, a1
	mv s2, a2
	mv s3, a3
	preempt_count_inc t0
	ld t0, cpu_online_mask
	and s0, a0, t0
	this_cpu t0
	li t1, 1
	sll t1, t1, t0
	not t1, t1
	and s0, s0, t1
	sd s0, 56(sp)
	ld s5, PCPU_CFD(tp)         # this CPU's NR_CPUS csds, one per target
	li s4, -1
1:	mv a0, s4
	mv a1, s0
	call cpumask_next
	mv s4, a0
	li t0, NR_CPUS
	bgeu s4, t0, 3f
	slli a0, s4, 5              # CSD_SIZE == 32
	add a0, a0, s5
	sd a0, 64(sp)
	call csd_lock
	ld a0, 64(sp)
	sd s1, CSD_FUNC(a0)
	sd s2, CSD_INFO(a0)
	li t0, CSD_FLAG_LOCK
	beqz s3, 2f
	li t0, CSD_FLAG_LOCK | CSD_TYPE_SYNC
2:	sd t0, CSD_FLAGS(a0)
	mv a1, a0
	mv a0, s4
	call smp_call_queue_and_kick
	j 1b
3:	beqz s3, 6f
	li s4, -1
4:	mv a0, s4
	ld a1, 56(sp)
	call cpumask_next
	mv s4, a0
	li t0, NR_CPUS
	bgeu s4, t0, 6f
	slli a0, s4, 5
	add a0, a0, s5
	call csd_lock_wait
	j 4b
6:	call preempt_enable
	ld ra, 0(sp)
	restore_sregs 6
	addi sp, sp, 80
	ret
END smp_call_function_many

# flush_smp_call_function_queue: run everything queued to this CPU, oldest
# first. Interrupts off: from handle_IPI, or from smpcfd_dying_cpu on a CPU
# going offline. Synchronous csds are released after the callback (the
# waiter wants its effects), asynchronous ones before (the sender may reuse
# the csd while the callback runs).
ENTRY flush_smp_call_function_queue
	addi sp, sp, -48
	sd ra, 0(sp)
	save_sregs 4
	# Take the whole queue at once; anything queued after this raises a
	# new IPI, because the queue is empty again.
	addi t0, tp, PCPU_CSQ
	amoswap.d.aq t1, zero, (t0)
	# Reverse the LIFO llist into FIFO order.
	li s0, 0
1:	beqz t1, 2f
	ld t2, CSD_NEXT(t1)
	sd s0, CSD_NEXT(t1)
	mv s0, t1
	mv t1, t2
	j 1b
2:	beqz s0, 5f
	ld s1, CSD_NEXT(s0)         # read before the csd can be reused
	ld s2, CSD_FUNC(s0)
	ld s3, CSD_INFO(s0)
	la a0, mark_csd_run
	mv a1, s2
	call trace_mark
	ld t0, CSD_FLAGS(s0)
	andi t0, t0, CSD_TYPE_SYNC
	beqz t0, 3f
	mv a0, s3
	jalr s2
	mv a0, s0
	call csd_unlock
	j 4f
3:	mv a0, s0
	call csd_unlock
	mv a0, s3
	jalr s2
4:	mv s0, s1
	j 2b
5:	ld ra, 0(sp)
	restore_sregs 4
	addi sp, sp, 48
	ret
END flush_smp_call_function_queue

# on_each_cpu(func, info, wait): every online CPU, this one included.
ENTRY on_each_cpu
	addi sp, sp, -48
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	mv s2, a2
	preempt_count_inc t0
	ld a0, cpu_online_mask
	mv a1, s0
	mv a2, s1
	mv a3, s2
	call smp_call_function_many
	irq_save s2
	mv a0, s1
	jalr s0
	irq_restore s2
	call preempt_enable
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 48
	ret
END on_each_cpu

.section .rodata
mark_csd_queue:
	.asciz "csd_queue"
mark_csd_run:
	.asciz "csd_run"

.section .bss
.balign 16
.globl cfd_csds
cfd_csds:
	.zero NR_CPUS * NR_CPUS * CSD_SIZE
