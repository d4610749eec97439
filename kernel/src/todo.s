# todo.s: placeholders for the parts still being written.
.include "kernel.inc"
.section .text
ENTRY shell_main
	ret
END shell_main
