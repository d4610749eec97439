# kunit_cases.s: the table of KTAP test cases, in run order (Linux: the
# kunit_suite arrays). kunit_main walks it from kunit_cases to
# kunit_cases_end; `test=GLOB` selects rows by "suite.name" or by suite.
# A row: KUNIT_CASE suite, name, fn[, timeout in ms of `time`].

.include "kernel.inc"
.macro KUNIT_FILE
.ascii "kunit_cases.s"
.endm
.include "kunit.inc"

# The rows live in .data because KUNIT_CASE puts its strings in .rodata.
.section .data
.balign 8
.globl kunit_cases
kunit_cases:
	KUNIT_CASE stop_machine, state_order, test_sm_state_order
	KUNIT_CASE stop_machine, in_stopper, test_sm_in_stopper
	KUNIT_CASE stop_machine, fn_once, test_sm_fn_once
	KUNIT_CASE stop_machine, preempt_off, test_sm_preempt_off
	KUNIT_CASE stop_machine, cpu_back, test_sm_cpu_back
	KUNIT_CASE hotplug, down_post, test_hp_down_post
	KUNIT_CASE hotplug, errors, test_hp_errors
	KUNIT_CASE hotplug, hart_rules, test_hp_hart_rules
	KUNIT_CASE ipi, wait, test_ipi_wait
	KUNIT_CASE ipi, enxio, test_ipi_enxio
	KUNIT_CASE ipi, dying_flush, test_ipi_dying_flush
	KUNIT_CASE ipi, offline_race, test_ipi_offline_race
	KUNIT_CASE stop, one_cpu, test_stop_one_cpu
	KUNIT_CASE stop, two_cpus, test_stop_two_cpus
	KUNIT_CASE stop, cpus, test_stop_cpus
	KUNIT_CASE stoptorture, run, test_stoptorture
	KUNIT_CASE stoptorture, self_race, test_ipi_self_race, 8000
.globl kunit_cases_end
kunit_cases_end:
