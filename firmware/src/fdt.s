# fdt.s: what the firmware needs from the flattened device tree the boot ROM
# passes in a1: which harts exist (/cpus/cpu@*/reg) and where RAM is (the first
# /memory* node's reg, two address and two size cells as on virt), and for
# the banner the platform's name (the root's model) and the timebase
# (/cpus/timebase-frequency). A cpu node
# whose status is neither "okay" nor "ok" is left out, as OpenSBI does. Run once
# by the boot hart. The FDT is big-endian (devicetree specification v0.4, ch. 5).

	.include "platform.inc"
	.include "layout.inc"

.equ FDT_MAGIC,       0xd00dfeed
.equ FDT_BEGIN_NODE,  1
.equ FDT_END_NODE,    2
.equ FDT_PROP,        3
.equ FDT_NOP,         4
.equ FDT_END,         9
.equ FDT_MAX_TOKENS,  100000     # a corrupt tree cannot keep the boot hart forever

	.section .text
	.globl fdt_scan
# fdt_scan(a0 = FDT) -> a0 = 0 and fw_hart_mask, fw_ram_start/end set, or
# a0 = -1 when a0 is not an FDT (fw_ram_* then keep their defaults).
#
# Register use: s0 = cursor, s1 = depth, s2 = strings block, s3 = 1 inside
# /cpus, s4 = 1 inside a /cpus/cpu@ node, s5 = 1 inside the first /memory node,
# s6 = hart mask, s7 = tokens left, s8 = 1 once a memory node was read,
# s10 = the current cpu node's hart ID (-1: no reg yet), s11 = 1 if it is disabled.
fdt_scan:
	addi sp, sp, -128
	sd ra, 0(sp)
	sd s0, 8(sp)
	sd s1, 16(sp)
	sd s2, 24(sp)
	sd s3, 32(sp)
	sd s4, 40(sp)
	sd s5, 48(sp)
	sd s6, 56(sp)
	sd s7, 64(sp)
	sd s8, 72(sp)
	sd s9, 80(sp)
	sd s10, 88(sp)
	sd s11, 96(sp)
	mv s9, a0

	# Defaults, should the tree lack a memory node or a timebase.
	la t0, fw_timebase
	li t1, TIMEBASE_HZ
	sd t1, 0(t0)
	la t0, fw_ram_start
	li t1, RAM_BASE
	sd t1, 0(t0)
	la t0, fw_ram_end
	li t1, RAM_BASE + RAM_DEFAULT_SIZE
	sd t1, 0(t0)

	beqz s9, 90f
	andi t0, s9, 3
	bnez t0, 90f
	lw a0, 0(s9)
	call be32
	li t0, FDT_MAGIC
	bne a0, t0, 90f
	lw a0, 4(s9)                    # totalsize: the cursor must stay below
	call be32
	add a0, s9, a0
	sd a0, 112(sp)
	lw a0, 8(s9)                    # off_dt_struct
	call be32
	add s0, s9, a0
	lw a0, 12(s9)                   # off_dt_strings
	call be32
	add s2, s9, a0
	li s1, 0
	li s3, 0
	li s4, 0
	li s5, 0
	li s6, 0
	li s8, 0
	li s7, FDT_MAX_TOKENS

# The structure block is a stream of 32-bit tokens: BEGIN_NODE name,
# PROP len nameoff value, END_NODE, NOP, END. s1 tracks the nesting depth
# (the root node is depth 1), which with the node names tells where we are.
next_token:
	addi s7, s7, -1
	beqz s7, 90f
	ld t0, 112(sp)
	bgeu s0, t0, 90f                # ran off the tree: corrupt
	lw a0, 0(s0)
	addi s0, s0, 4
	call be32
	li t0, FDT_BEGIN_NODE
	beq a0, t0, begin_node
	li t0, FDT_END_NODE
	beq a0, t0, end_node
	li t0, FDT_PROP
	beq a0, t0, prop
	li t0, FDT_NOP
	beq a0, t0, next_token
	li t0, FDT_END
	beq a0, t0, 80f
	j 90f                           # unknown token: corrupt tree

begin_node:                         # s0 = the node's name
	addi s1, s1, 1
	li t0, 2
	bne s1, t0, 1f
	mv a0, s0                       # depth 2: children of the root
	la a1, str_cpus
	call str_equal
	mv s3, a0
	bnez s8, 2f
	mv a0, s0
	la a1, str_memory
	call str_prefix
	mv s5, a0
	j 2f
1:	li t0, 3
	bne s1, t0, 2f
	beqz s3, 2f
	mv a0, s0                       # depth 3 inside /cpus
	la a1, str_cpu_at
	call str_prefix
	mv s4, a0
	li s10, -1
	li s11, 0
2:	mv a0, s0                       # skip the name and its padding
	call str_len
	add s0, s0, a0
	addi s0, s0, 4                  # the NUL, rounded up to 4
	andi s0, s0, -4
	j next_token

end_node:
	li t0, 3
	bne s1, t0, 1f
	beqz s4, 4f                     # the end of a cpu node: count its hart
	bnez s11, 4f
	li t0, MAX_HARTS                # no scratch slot: the hart stays idle
	bgeu s10, t0, 4f
	li t0, 1
	sll t0, t0, s10
	or s6, s6, t0
4:	li s4, 0
1:	li t0, 2
	bne s1, t0, 2f
	beqz s5, 3f
	li s8, 1                        # only the first memory node counts
3:	li s3, 0
	li s5, 0
2:	addi s1, s1, -1
	bltz s1, 90f
	j next_token

prop:                               # s0 = len, nameoff, value
	lw a0, 0(s0)
	call be32
	mv s9, a0                       # s9 = value length from here on
	lw a0, 4(s0)
	call be32
	add a0, s2, a0
	sd a0, 104(sp)                  # the property's name
	li t0, 1
	bne s1, t0, 9f
	# a property of the root node: model names the platform (banner)
	la a1, str_model
	call str_equal
	beqz a0, 5f
	addi t0, s0, 8
	la t1, fw_platform_name
	sd t0, 0(t1)
	j 5f
9:	bnez s4, 8f
	beqz s3, 3f
	li t0, 2
	bne s1, t0, 3f
	# a property of /cpus: timebase-frequency is mtime's rate (banner)
	la a1, str_timebase
	call str_equal
	beqz a0, 5f
	li t0, 4
	bne s9, t0, 5f
	lw a0, 8(s0)
	call be32
	la t0, fw_timebase
	sd a0, 0(t0)
	j 5f
8:	li t0, 3
	bne s1, t0, 3f
	# in a cpu node: reg gives the hart ID (its last cell), status may disable it
	la a1, str_reg
	call str_equal
	beqz a0, 1f
	li t0, 4
	bltu s9, t0, 5f
	add t0, s0, s9
	lw a0, 4(t0)                    # value + len - 4 = s0 + 8 + len - 4
	call be32
	mv s10, a0
	j 5f
1:	ld a0, 104(sp)
	la a1, str_status
	call str_equal
	beqz a0, 5f
	addi a0, s0, 8
	la a1, str_okay
	call str_equal
	bnez a0, 2f
	addi a0, s0, 8
	la a1, str_ok
	call str_equal
2:	seqz s11, a0
	j 5f
3:	# the memory node's reg: <addr-hi addr-lo size-hi size-lo>
	beqz s5, 5f
	li t0, 2
	bne s1, t0, 5f
	ld a0, 104(sp)
	la a1, str_reg
	call str_equal
	beqz a0, 5f
	li t0, 16
	bltu s9, t0, 5f
	addi a0, s0, 8
	call be64
	mv s4, a0                       # s4 is free outside /cpus
	addi a0, s0, 16
	call be64
	add t1, s4, a0
	la t0, fw_ram_start
	sd s4, 0(t0)
	la t0, fw_ram_end
	sd t1, 0(t0)
	li s4, 0
5:	addi s0, s0, 8
	add s0, s0, s9
	addi s0, s0, 3
	andi s0, s0, -4
	j next_token

80:	beqz s6, 90f                    # a tree without harts is no use
	la t0, fw_hart_mask
	sd s6, 0(t0)
	li a0, 0
	j 99f
90:	li a0, -1
99:	ld ra, 0(sp)
	ld s0, 8(sp)
	ld s1, 16(sp)
	ld s2, 24(sp)
	ld s3, 32(sp)
	ld s4, 40(sp)
	ld s5, 48(sp)
	ld s6, 56(sp)
	ld s7, 64(sp)
	ld s8, 72(sp)
	ld s9, 80(sp)
	ld s10, 88(sp)
	ld s11, 96(sp)
	addi sp, sp, 128
	ret

# be32(a0 = a 32-bit word as loaded) -> a0 = its big-endian value, zero-extended.
be32:
	li a1, 0
	li t1, 4
1:	slli a1, a1, 8
	andi t0, a0, 0xff
	or a1, a1, t0
	srli a0, a0, 8
	addi t1, t1, -1
	bnez t1, 1b
	mv a0, a1
	ret

# be64(a0 = address of a 4-byte aligned big-endian 64-bit value) -> a0 = value
be64:
	addi sp, sp, -32
	sd ra, 0(sp)
	sd s0, 8(sp)
	mv s0, a0
	lw a0, 0(s0)
	call be32
	slli t2, a0, 32
	sd t2, 16(sp)
	lw a0, 4(s0)
	call be32
	ld t2, 16(sp)
	or a0, a0, t2
	ld ra, 0(sp)
	ld s0, 8(sp)
	addi sp, sp, 32
	ret

	.section .rodata
str_cpus:    .asciz "cpus"
str_cpu_at:  .asciz "cpu@"
str_memory:  .asciz "memory"
str_reg:     .asciz "reg"
str_model:   .asciz "model"
str_timebase: .asciz "timebase-frequency"
str_status:  .asciz "status"
str_okay:    .asciz "okay"
str_ok:      .asciz "ok"
