# fdt.s: read what the kernel needs from the flattened device tree.
#
# Called once by start_kernel on the boot CPU, before anything else runs,
# with the FDT address the firmware passed in a1 (QEMU's tree, possibly
# patched by OpenSBI, or rvstop's). Linux's early_init_dt_scan() and
# riscv_fill_hartid_map()/setup_smp(): one linear walk of the structure block
# (FDT spec v0.4 ch. 5) that records
#   /cpus/timebase-frequency            -> timebase_frequency
#   /cpus/cpu@N/reg, status             -> cpuid_to_hartid_map, nr_cpu_ids
#   /memory@.../reg (2+2 cells)         -> memory_start, memory_size
#   /chosen/bootargs                    -> bootargs (copied: the FDT may be
#                                          overwritten later)
#   .../trace-marker@N, compatible "rvstop,trace-marker", reg (2 cells)
#                                       -> trace_marker_base (trace.s)
# Logical CPU 0 is the boot hart, whatever its hartid; the other harts take
# CPU numbers 1, 2, ... in the order the tree lists them, as in Linux.

.include "kernel.inc"

.equ FDT_MAGIC,      0xd00dfeed
.equ FDT_BEGIN_NODE, 1
.equ FDT_END_NODE,   2
.equ FDT_PROP,       3
.equ FDT_NOP,        4
.equ FDT_END,        9
.equ BOOTARGS_SIZE,  256

# Kinds of depth-2 node we care about.
.equ NODE_OTHER,  0
.equ NODE_CPUS,   1
.equ NODE_MEMORY, 2
.equ NODE_CHOSEN, 3

.section .text
# early_init_dt_scan(fdt, boot_hartid): panics on a tree it cannot read.
ENTRY early_init_dt_scan
	addi sp, sp, -96
	sd ra, 0(sp)
	save_sregs 10
	mv s8, a0
	mv s7, a1
	# The boot hart is CPU 0 before the walk finds anyone else.
	la t0, cpuid_to_hartid_map
	sd s7, 0(t0)
	li t0, 1
	sd t0, nr_cpu_ids, t1
	# A bad pointer from the firmware would send the walk anywhere:
	# check the magic before trusting any offset in the header.
	call be32
	li t0, FDT_MAGIC
	beq a0, t0, 1f
	la a0, msg_bad_magic
	mv a1, s8
	call panic
1:	addi a0, s8, 8              # off_dt_struct
	call be32
	add s0, s8, a0
	addi a0, s8, 12             # off_dt_strings
	call be32
	add s1, s8, a0
	# The walk keeps only what it needs: the depth, what kind of node the
	# current depth-2 ancestor is, and the cpu node being read.
	li s2, 0                    # depth
	li s3, NODE_OTHER
	li s4, 0                    # inside /cpus/cpu@N
	li s9, 0                    # boot hart seen among the cpu nodes
.Lfdt_token:
	mv a0, s0
	call be32
	addi s0, s0, 4
	li t0, FDT_BEGIN_NODE
	beq a0, t0, .Lfdt_begin
	li t0, FDT_END_NODE
	beq a0, t0, .Lfdt_end_node
	li t0, FDT_PROP
	beq a0, t0, .Lfdt_prop
	li t0, FDT_NOP
	beq a0, t0, .Lfdt_token
	li t0, FDT_END
	beq a0, t0, .Lfdt_done
	mv a1, a0
	la a0, msg_bad_token
	call panic

.Lfdt_begin:
	# The root is depth 1, its children depth 2, /cpus/cpu@N depth 3.
	addi s2, s2, 1
	# The trace marker may sit anywhere (rvstop puts it under /soc).
	mv a0, s0
	la a1, str_marker
	call str_has_prefix
	beqz a0, 1f
	sd s2, fdt_marker_depth, t0
	sd zero, fdt_marker_compat, t0
	sd zero, fdt_marker_addr, t0
1:
	li t0, 2
	bne s2, t0, 2f
	# A child of the root: classify it.
	li s3, NODE_OTHER
	mv a0, s0
	la a1, str_cpus
	call strcmp
	bnez a0, 3f
	li s3, NODE_CPUS
	j .Lfdt_skip_name
3:	mv a0, s0
	la a1, str_memory
	call str_has_prefix
	beqz a0, 4f
	li s3, NODE_MEMORY
	j .Lfdt_skip_name
4:	mv a0, s0
	la a1, str_chosen
	call strcmp
	bnez a0, .Lfdt_skip_name
	li s3, NODE_CHOSEN
	j .Lfdt_skip_name
2:	li t0, 3
	bne s2, t0, .Lfdt_skip_name
	li t0, NODE_CPUS
	bne s3, t0, .Lfdt_skip_name
	mv a0, s0
	la a1, str_cpu_at
	call str_has_prefix
	beqz a0, .Lfdt_skip_name
	# A cpu node: reg and status may come in any order, so decide at
	# its END_NODE.
	li s4, 1
	li s5, -1                   # hartid not seen yet
	li s6, 1                    # status okay unless said otherwise
.Lfdt_skip_name:
	# Names and property values are padded to 4 bytes (FDT spec 5.4).
	mv a0, s0
	call strlen
	add s0, s0, a0
	addi s0, s0, 4              # the NUL, then round up to 4
	andi s0, s0, -4
	j .Lfdt_token

.Lfdt_end_node:
	ld t0, fdt_marker_depth
	bne t0, s2, 1f
	sd zero, fdt_marker_depth, t0
	ld t0, fdt_marker_compat
	beqz t0, 1f
	ld t0, fdt_marker_addr
	sd t0, trace_marker_base, t1
1:	li t0, 3
	bne s2, t0, 5f
	beqz s4, 5f
	# The end of a cpu node: record the hart if it is usable.
	li s4, 0
	beqz s6, 5f
	bltz s5, 5f
	# The boot hart is CPU 0 already; the others number from 1 in tree
	# order, as Linux's setup_smp() does.
	bne s5, s7, 6f
	li s9, 1                    # the boot hart: already CPU 0
	j 5f
6:	ld t0, nr_cpu_ids
	li t1, NR_CPUS
	bgeu t0, t1, 7f
	la t1, cpuid_to_hartid_map
	slli t2, t0, 3
	add t1, t1, t2
	sd s5, 0(t1)
	addi t0, t0, 1
	sd t0, nr_cpu_ids, t1
	j 5f
7:	la a0, msg_too_many
	mv a1, s5
	li a2, NR_CPUS
	call printk_deferred
5:	addi s2, s2, -1
	j .Lfdt_token

.Lfdt_prop:
	mv a0, s0
	call be32
	sd a0, 88(sp)               # len
	addi a0, s0, 4
	call be32
	add a1, s1, a0              # name
	addi a2, s0, 8              # value
	ld t0, 88(sp)
	add s0, a2, t0
	addi s0, s0, 3
	andi s0, s0, -4
	mv a0, a1
	mv a1, a2
	ld a2, 88(sp)
	call fdt_prop
	j .Lfdt_token

.Lfdt_done:
	# A boot hart missing from /cpus means the tree is not this machine's.
	bnez s9, 8f
	la a0, msg_no_boot_hart
	mv a1, s7
	call panic
8:	ld ra, 0(sp)
	restore_sregs 10
	addi sp, sp, 96
	ret
END early_init_dt_scan

# fdt_prop(name, value, len): one property of the node the walk is in.
# Shares the walk's state in s2 (depth), s3 (node kind), s4..s6 (cpu node).
fdt_prop:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd a0, 8(sp)
	sd a1, 16(sp)
	sd a2, 24(sp)
	ld t0, fdt_marker_depth
	beq t0, s2, .Lprop_marker
	li t0, 3
	beq s2, t0, .Lprop_cpu
	li t0, 2
	bne s2, t0, .Lprop_out
	li t0, NODE_CPUS
	beq s3, t0, .Lprop_cpus
	li t0, NODE_MEMORY
	beq s3, t0, .Lprop_memory
	li t0, NODE_CHOSEN
	beq s3, t0, .Lprop_chosen
	j .Lprop_out
.Lprop_cpus:
	la a1, str_timebase
	call strcmp
	bnez a0, .Lprop_out
	ld a0, 16(sp)
	call be32
	sd a0, timebase_frequency, t0
	j .Lprop_out
.Lprop_memory:
	la a1, str_reg
	call strcmp
	bnez a0, .Lprop_out
	ld a0, 16(sp)               # two cells of address, two of size
	call be32
	slli a0, a0, 32
	sd a0, memory_start, t0
	ld a0, 16(sp)
	addi a0, a0, 4
	call be32
	ld t1, memory_start
	or t1, t1, a0
	sd t1, memory_start, t0
	ld a0, 16(sp)
	addi a0, a0, 8
	call be32
	slli a0, a0, 32
	sd a0, memory_size, t0
	ld a0, 16(sp)
	addi a0, a0, 12
	call be32
	ld t1, memory_size
	or t1, t1, a0
	sd t1, memory_size, t0
	j .Lprop_out
.Lprop_chosen:
	la a1, str_bootargs
	call strcmp
	bnez a0, .Lprop_out
	la a0, bootargs
	ld a1, 16(sp)
	li a2, BOOTARGS_SIZE
	call strscpy
	j .Lprop_out
.Lprop_cpu:
	beqz s4, .Lprop_out
	la a1, str_reg
	call strcmp
	bnez a0, 1f
	ld a0, 16(sp)               # the hartid is the last cell of reg
	ld t0, 24(sp)
	add a0, a0, t0
	addi a0, a0, -4
	call be32
	mv s5, a0
	j .Lprop_out
1:	ld a0, 8(sp)
	la a1, str_status
	call strcmp
	bnez a0, .Lprop_out
	ld a0, 16(sp)
	la a1, str_okay
	call str_has_prefix         # "okay" (and the old "ok")
	mv s6, a0
	j .Lprop_out
.Lprop_marker:
	la a1, str_compatible
	call strcmp
	bnez a0, 2f
	ld a0, 16(sp)               # the first compatible string
	la a1, str_marker_compat
	call strcmp
	seqz a0, a0
	sd a0, fdt_marker_compat, t0
	j .Lprop_out
2:	ld a0, 8(sp)
	la a1, str_reg
	call strcmp
	bnez a0, .Lprop_out
	ld a0, 16(sp)               # two cells of address
	call be32
	slli a0, a0, 32
	sd a0, fdt_marker_addr, t0
	ld a0, 16(sp)
	addi a0, a0, 4
	call be32
	ld t1, fdt_marker_addr
	or t1, t1, a0
	sd t1, fdt_marker_addr, t0
.Lprop_out:
	ld ra, 0(sp)
	addi sp, sp, 32
	ret

# printk_deferred: printk before the console is set up is still fine here
# (SBI needs no setup), so it is printk under a name that says "boot time".
ENTRY printk_deferred
	j printk
END printk_deferred

.section .rodata
str_cpus:       .asciz "cpus"
str_memory:     .asciz "memory"
str_chosen:     .asciz "chosen"
str_cpu_at:     .asciz "cpu@"
str_timebase:   .asciz "timebase-frequency"
str_reg:        .asciz "reg"
str_status:     .asciz "status"
str_okay:       .asciz "ok"
str_bootargs:   .asciz "bootargs"
str_marker:     .asciz "trace-marker@"
str_compatible: .asciz "compatible"
str_marker_compat: .asciz "rvstop,trace-marker"
msg_bad_magic:  .asciz "no flattened device tree at %x"
msg_bad_token:  .asciz "bad FDT token %x"
msg_no_boot_hart: .asciz "boot hart %u is not in the FDT's /cpus"
msg_too_many:   .asciz "FDT: hart %u ignored, more than NR_CPUS=%u harts\n"

.section .data
.balign 8
.globl timebase_frequency
timebase_frequency:
	.dword 10000000             # until the FDT says otherwise
.globl memory_start
memory_start:
	.dword 0
.globl memory_size
memory_size:
	.dword 0
.globl nr_cpu_ids
nr_cpu_ids:
	.dword 1
fdt_marker_depth:   .dword 0       # depth of the marker node being read
fdt_marker_compat:  .dword 0
fdt_marker_addr:    .dword 0

.section .bss
.balign 8
.globl cpuid_to_hartid_map
cpuid_to_hartid_map:
	.zero NR_CPUS * 8
.globl bootargs
bootargs:
	.zero BOOTARGS_SIZE
