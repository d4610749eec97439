# ipi.s: inter-processor interrupts as OpenSBI does them. A sender ORs an event
# bit into the target's pending word with an AMO and writes the target's CLINT
# MSIP only when the word was empty; the target, in its machine software
# interrupt, clears MSIP first, then swaps the word with 0 and acts on every
# event it took. An IPI can thus not be lost: any event set after the swap
# either finds the word empty (and writes MSIP again) or is taken by this swap.
# The CLINT is I/O, so the fences between the word and MSIP order I/O too
# (`fence iorw, iorw`), not only memory.
# Also the S-mode IPI extension (EID 0x735049).

	.include "platform.inc"
	.include "layout.inc"
	.include "sbi.inc"

	.section .text
	.globl sbi_ipi_handler
# sbi_ipi_handler(a0 = hart_mask, a1 = hart_mask_base, a6 = FID)
sbi_ipi_handler:
	beqz a6, 1f
	li a0, SBI_ERR_NOT_SUPPORTED
	li a1, 0
	ret
1:	addi sp, sp, -16
	sd ra, 0(sp)
	call sbi_hartmask_resolve
	bnez a0, 2f
	mv a0, a1
	li a1, IPI_EVENT_SSIP
	call sbi_ipi_send_many
	li a0, SBI_SUCCESS
2:	li a1, 0
	ld ra, 0(sp)
	addi sp, sp, 16
	ret

	.globl sbi_hartmask_resolve
# sbi_hartmask_resolve(a0 = hart_mask, a1 = hart_mask_base) -> a0 = error,
# a1 = the harts as a mask of hart IDs. Base -1 means every hart. As the SBI
# spec asks, any named hart that does not exist makes the call INVALID_PARAM
# (OpenSBI 1.1 ignores such bits unless the base itself is beyond the last hart).
sbi_hartmask_resolve:
	la t0, fw_hart_mask
	ld t0, 0(t0)                    # t0 = harts that exist
	li t1, -1
	bne a1, t1, 1f
	mv a1, t0
	li a0, SBI_SUCCESS
	ret
1:	li t1, 64
	bgeu a1, t1, 9f
	srl t1, t0, a1                  # the base must name an existing hart or one below
	beqz t1, 9f
	sll t2, a0, a1
	srl t1, t2, a1
	bne t1, a0, 9f                  # bits shifted out: hart IDs beyond 63
	not t1, t0
	and t1, t1, t2
	bnez t1, 9f
	mv a1, t2
	li a0, SBI_SUCCESS
	ret
9:	li a0, SBI_ERR_INVALID_PARAM
	li a1, 0
	ret

	.globl sbi_hart_interruptible
# sbi_hart_interruptible(a0 = hartid) -> a0 = 1 when the hart is STARTED or
# SUSPENDED: the only states in which it takes S-mode IPIs and remote fences.
sbi_hart_interruptible:
	hart_scratch a0, a0
	ld t0, SCRATCH_HSM_STATE(a0)
	li a0, 1
	li t1, SBI_HSM_STATE_STARTED
	beq t0, t1, 1f
	li t1, SBI_HSM_STATE_SUSPENDED
	beq t0, t1, 1f
	li a0, 0
1:	ret

	.globl sbi_ipi_send_many
# sbi_ipi_send_many(a0 = mask of hart IDs, a1 = event): the event goes to every
# interruptible hart in the mask; IPIs to other harts are dropped, as OpenSBI.
sbi_ipi_send_many:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	mv s0, a0
	mv s1, a1
	li s2, 0                        # s2 = hartid
1:	beqz s0, 3f
	andi t0, s0, 1
	beqz t0, 2f
	mv a0, s2
	call sbi_hart_interruptible
	beqz a0, 2f
	mv a0, s2
	mv a1, s1
	call sbi_ipi_send
2:	srli s0, s0, 1
	addi s2, s2, 1
	j 1b
3:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	addi sp, sp, 32
	ret

	.globl sbi_ipi_send
# sbi_ipi_send(a0 = hartid, a1 = event): post the event, ring only if needed.
sbi_ipi_send:
	hart_scratch t0, a0
	addi t0, t0, SCRATCH_IPI_PENDING
	amoor.d.aqrl t1, a1, (t0)
	bnez t1, 1f                     # already pending: the target will see it
	fence iorw, iorw                    # the event before the doorbell
	slli t0, a0, CLINT_MSIP_SHIFT
	li t1, CLINT_BASE
	add t0, t0, t1
	li t1, 1
	sw t1, 0(t0)
1:	ret

	.globl sbi_ipi_process
# sbi_ipi_process(): this hart's machine software interrupt (tp = scratch).
# Also called by harts waiting in M-mode (hart_wait, remote fence waits), so
# that events sent to them are still acknowledged.
sbi_ipi_process:
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	ld t0, SCRATCH_HARTID(tp)
	slli t0, t0, CLINT_MSIP_SHIFT
	li t1, CLINT_BASE
	add t0, t0, t1
	sw zero, 0(t0)                  # MSIP off first, then take the events
	fence iorw, iorw
	addi t0, tp, SCRATCH_IPI_PENDING
	amoswap.d.aqrl s0, zero, (t0)
	andi t0, s0, IPI_EVENT_SSIP
	beqz t0, 1f
	# An S-mode IPI; dropped if this hart stopped since it was sent.
	ld a0, SCRATCH_HARTID(tp)
	call sbi_hart_interruptible
	beqz a0, 1f
	li t0, MIP_SSIP
	csrs mip, t0
1:	andi t0, s0, IPI_EVENT_RFENCE
	beqz t0, 2f
	call sbi_rfence_process
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
