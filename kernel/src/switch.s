# switch.s: __switch_to(prev, next), the register half of a context switch.
#
# Called only from __schedule with the CPU's preempt_count at 1 and
# interrupts off. Saves the callee-saved registers, ra and sp into prev's
# task_struct and loads next's; everything else is dead across a call. a0
# passes through untouched, so whoever resumes on this CPU returns from
# __switch_to with a0 = the task that ran before it (Linux's "last").
# A new kernel thread "returns" into ret_from_kernel_thread (kthread.s).

.include "kernel.inc"

.section .text
ENTRY __switch_to
	sd ra, THREAD_RA(a0)
	sd sp, THREAD_SP(a0)
	sd s0, THREAD_S0(a0)
	sd s1, THREAD_S1(a0)
	sd s2, THREAD_S2(a0)
	sd s3, THREAD_S3(a0)
	sd s4, THREAD_S4(a0)
	sd s5, THREAD_S5(a0)
	sd s6, THREAD_S6(a0)
	sd s7, THREAD_S7(a0)
	sd s8, THREAD_S8(a0)
	sd s9, THREAD_S9(a0)
	sd s10, THREAD_S10(a0)
	sd s11, THREAD_S11(a0)
	ld ra, THREAD_RA(a1)
	ld sp, THREAD_SP(a1)
	ld s0, THREAD_S0(a1)
	ld s1, THREAD_S1(a1)
	ld s2, THREAD_S2(a1)
	ld s3, THREAD_S3(a1)
	ld s4, THREAD_S4(a1)
	ld s5, THREAD_S5(a1)
	ld s6, THREAD_S6(a1)
	ld s7, THREAD_S7(a1)
	ld s8, THREAD_S8(a1)
	ld s9, THREAD_S9(a1)
	ld s10, THREAD_S10(a1)
	ld s11, THREAD_S11(a1)
	ret
END __switch_to
