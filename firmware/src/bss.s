# bss.s: the firmware's shared variables and per-hart areas (layout.inc), and
# fw_end, the end of the image. Linked last, so fw_end ends .bss.

	.include "layout.inc"

	.section .bss
	.balign 8
	.globl fw_boot_hartid, fw_fdt, fw_hart_mask, fw_ram_start, fw_ram_end, fw_platform_name, fw_timebase
fw_boot_hartid: .dword 0
fw_fdt:         .dword 0       # the FDT the boot ROM passed
fw_hart_mask:   .dword 0       # bit h set: hart h exists (FDT /cpus)
fw_ram_start:   .dword 0
fw_ram_end:     .dword 0
fw_platform_name: .dword 0     # the FDT's model string, 0 if none
fw_timebase:    .dword 0       # mtime ticks per second

	.balign 4096
	.globl fw_hart_areas
fw_hart_areas:
	.zero MAX_HARTS * HART_AREA_SIZE

	.globl fw_end
fw_end:
