# A second file adding to the orphan .init section.
	.section .init,"ax"
	ret
	.text
	nop
