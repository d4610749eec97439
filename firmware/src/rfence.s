# rfence.s: the RFENCE extension (EID 0x52464E43). Remote fences are synchronous:
# the caller returns only after every target hart has executed the fence. The
# caller sets each target's bit in its own RFENCE_WAIT mask and its own bit in
# the target's RFENCE_REQ mask, then sends IPI_EVENT_RFENCE; the target takes
# all requests at once, fences, and clears its bit in each requester's mask.
# While waiting, the caller serves fences asked of it, so two harts fencing each
# other cannot deadlock (OpenSBI's sbi_tlb does the same).
#
# Every request is carried out as a full `fence.i` plus a full `sfence.vma`,
# which covers any address range and ASID asked for.

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_rfence_handler
# sbi_rfence_handler(a0 = hart_mask, a1 = base, a2 = start, a3 = size,
# a4 = asid, a6 = FID) -> a0 = error
sbi_rfence_handler:
	li t0, SBI_RFENCE_REMOTE_SFENCE_VMA_ASID
	bleu a6, t0, 1f
	li a0, SBI_ERR_NOT_SUPPORTED    # the hypervisor fences (FID 3..6): no H extension
	li a1, 0
	ret
1:	addi sp, sp, -16
	sd ra, 0(sp)
	call sbi_hartmask_resolve
	bnez a0, 2f
	mv a0, a1
	call sbi_rfence_request
	li a0, SBI_SUCCESS
2:	li a1, 0
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

# sbi_rfence_request(a0 = mask of hart IDs): fence on every interruptible hart
# in the mask, this one included, and wait for all of them.
sbi_rfence_request:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	li s1, 0                        # s1 = target hartid
1:	beqz s0, 3f
	andi t0, s0, 1
	beqz t0, 2f
	mv a0, s1
	call sbi_hart_interruptible
	beqz a0, 2f
	li s2, 1
	sll s2, s2, s1
	addi t0, tp, SCRATCH_RFENCE_WAIT
	amoor.d.aqrl zero, s2, (t0)     # wait for this target
	hart_scratch t0, s1
	addi t0, t0, SCRATCH_RFENCE_REQ
	ld t1, SCRATCH_HARTID(tp)
	li t2, 1
	sll t2, t2, t1
	amoor.d.aqrl zero, t2, (t0)     # ask the target on our behalf
	mv a0, s1
	li a1, IPI_EVENT_RFENCE
	call sbi_ipi_send
2:	srli s0, s0, 1
	addi s1, s1, 1
	j 1b
3:	# Wait for the acknowledgements, serving our own requests meanwhile.
	ld t0, SCRATCH_RFENCE_WAIT(tp)
	beqz t0, 4f
	ld t0, SCRATCH_IPI_PENDING(tp)
	beqz t0, 5f
	call sbi_ipi_process
5:	pause
	j 3b
4:	fence rw, rw
	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

	.globl sbi_rfence_process
# sbi_rfence_process(): fence for every hart that asked, then tell each one.
sbi_rfence_process:
	addi t0, tp, SCRATCH_RFENCE_REQ
	amoswap.d.aqrl t3, zero, (t0)   # t3 = requesters
	beqz t3, 3f
	fence.i
	sfence.vma
	ld t4, SCRATCH_HARTID(tp)
	li t5, 1
	sll t5, t5, t4
	not t5, t5                      # t5 = ~(our bit)
	li t4, 0                        # t4 = requester hartid
1:	beqz t3, 3f
	andi t0, t3, 1
	beqz t0, 2f
	hart_scratch t0, t4
	addi t0, t0, SCRATCH_RFENCE_WAIT
	amoand.d.aqrl zero, t5, (t0)
2:	srli t3, t3, 1
	addi t4, t4, 1
	j 1b
3:	ret
