# end.s: linked last; closes the test table that main.s opens.
	.section .data
	.balign 8
	.globl test_table_end
test_table_end:
