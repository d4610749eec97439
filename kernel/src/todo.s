# todo.s: placeholders for the parts still being written.
.include "kernel.inc"
.section .text
ENTRY ktest_init
	ret
END ktest_init
ENTRY ktest_run
	ret
END ktest_run
ENTRY demo_run
	ret
END demo_run
ENTRY shell_main
	ret
END shell_main
.section .data
.globl nr_check_failures
nr_check_failures: .dword 0
