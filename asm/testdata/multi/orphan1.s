# Sections the linker script does not name (orphans): GNU ld gives each its
# own output section after the named one of the same kind.
	.globl _start
_start: nop
	.section .init,"ax"
	nop
	.section .mydata,"aw"
	.byte 1
	.section .myro,"a"
	.byte 2
	.data
	.byte 3
	.section .rodata
	.byte 4
	.bss
	.byte 0
	.section .mybss,"aw",@nobits
	.byte 0
