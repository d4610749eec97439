# end.s: linked last (kernel.go's Files). Its .bss label is the end of the
# image's .bss, which head.s's _start zeroes from __bss_start.

.section .bss
.globl __bss_stop
__bss_stop:
