# time.s: the periodic tick and time keeping (Linux: the timer driver
# drivers/clocksource/timer-riscv.c plus kernel/time/tick-*.c, reduced to a
# fixed-rate tick).
#
# Every online CPU programs its own next tick through SBI set_timer; the
# S-timer interrupt (scause 5) re-arms it and calls scheduler_tick. Time is
# the `time` CSR in timebase units (timebase_frequency from the FDT).

.include "kernel.inc"

.section .text
# time_init: derive the tick period from the timebase (boot CPU, once).
ENTRY time_init
	ld t0, timebase_frequency
	li t1, HZ
	divu t0, t0, t1
	sd t0, tick_period, t1
	ret
END time_init

# tick_start_cpu: arm this CPU's first tick and enable its timer interrupt.
ENTRY tick_start_cpu
	frame 1
	rdtime a0
	ld t0, tick_period
	add a0, a0, t0
	call sbi_set_timer
	li t0, IE_STIE
	csrs sie, t0
	unframe 1
	ret
END tick_start_cpu

# tick_stop_cpu: no more ticks here (a CPU going offline).
ENTRY tick_stop_cpu
	frame 1
	li t0, IE_STIE
	csrc sie, t0
	li a0, -1
	call sbi_set_timer
	unframe 1
	ret
END tick_stop_cpu

# timer_interrupt: from handle_irq. Re-arming one period after "now" rather
# than after the previous deadline keeps a slow emulator from drowning in
# back-to-back ticks.
ENTRY timer_interrupt
	frame 1
	rdtime a0
	ld t0, tick_period
	add a0, a0, t0
	call sbi_set_timer          # also clears the pending STIP
	call scheduler_tick
	call kunit_watchdog         # a test case that overran (kunit.s)
	unframe 1
	ret
END timer_interrupt

# ktime_get_ns -> a0 = nanoseconds since reset.
ENTRY ktime_get_ns
	rdtime a0
	ld t0, timebase_frequency
	li t1, 1000000000
	# time * 1e9 / freq without overflow for the first ~30 minutes at
	# 10 MHz: split into whole seconds and the remainder.
	divu t2, a0, t0
	remu t3, a0, t0
	mul t2, t2, t1
	mul t3, t3, t1
	divu t3, t3, t0
	add a0, t2, t3
	ret
END ktime_get_ns

# msleep_us(us): wait about us microseconds, letting other tasks
# run meanwhile (a sleeping delay in spirit, without timers).
ENTRY msleep_us
	addi sp, sp, -16
	sd ra, 0(sp)
	sd s0, 8(sp)
	ld t0, timebase_frequency
	mul a0, a0, t0
	li t1, 1000000
	divu a0, a0, t1
	rdtime s0
	add s0, s0, a0
1:	rdtime t0
	bgeu t0, s0, 2f
	call yield
	pause
	j 1b
2:	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 16
	ret
END msleep_us

# udelay(us): busy-wait about us microseconds without scheduling.
ENTRY udelay
	ld t0, timebase_frequency
	mul a0, a0, t0
	li t1, 1000000
	divu a0, a0, t1
	rdtime t0
	add t0, t0, a0
1:	rdtime t1
	bgeu t1, t0, 2f
	pause
	j 1b
2:	ret
END udelay

.section .data
.balign 8
.globl tick_period
tick_period:
	.dword 100000
