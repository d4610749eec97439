# todo.s: placeholders for the parts still being written.
.include "kernel.inc"
.section .text
ENTRY demo_run
	ret
END demo_run
ENTRY shell_main
	ret
END shell_main
