# tests_base.s: the BASE extension, unknown extensions and functions, the
# legacy console, and the calling convention itself.

	.include "sbitest.inc"

	ktap_case "base_spec_version", t_spec_version
	ktap_case "base_impl_id_and_version", t_impl
	ktap_case "base_probe_extension", t_probe
	ktap_case "base_machine_ids", t_machine_ids
	ktap_case "base_unknown_function", t_base_unknown_fid
	ktap_case "unknown_extension", t_unknown_ext
	ktap_case "ecall_preserves_registers", t_preserve
	ktap_case "legacy_console_putchar", t_putchar
	ktap_case "legacy_console_getchar_empty", t_getchar

	.section .text
# SBI v2.0: major 2 in bits 30:24, minor 0.
t_spec_version:
	prologue
	sbi SBI_EXT_BASE, SBI_BASE_GET_SPEC_VERSION
	mv s0, a1
	expect a0, SBI_SUCCESS, "error"
	expect s0, 0x02000000, "spec version"
	epilogue

t_impl:
	prologue
	sbi SBI_EXT_BASE, SBI_BASE_GET_IMPL_ID
	mv s0, a1
	expect a0, SBI_SUCCESS, "get_impl_id error"
	sbi SBI_EXT_BASE, SBI_BASE_GET_IMPL_VERSION
	mv s1, a1
	expect a0, SBI_SUCCESS, "get_impl_version error"
	epilogue

# probe_extension must be 1 for everything implemented, 0 for an unknown EID.
t_probe:
	prologue
	.irp eid, SBI_EXT_BASE, SBI_EXT_TIME, SBI_EXT_IPI, SBI_EXT_RFENCE, SBI_EXT_HSM, SBI_EXT_SRST, SBI_EXT_0_1_CONSOLE_PUTCHAR, SBI_EXT_0_1_CONSOLE_GETCHAR
	li a0, \eid
	sbi SBI_EXT_BASE, SBI_BASE_PROBE_EXT
	mv s0, a1
	expect a0, SBI_SUCCESS, "probe \eid error"
	expect s0, 1, "probe \eid"
	.endr
	li a0, 0x0affffff               # nobody's extension
	sbi SBI_EXT_BASE, SBI_BASE_PROBE_EXT
	mv s0, a1
	expect a0, SBI_SUCCESS, "probe unknown error"
	expect s0, 0, "probe unknown"
	epilogue

# mvendorid, marchid, mimpid: S-mode cannot read the CSRs; the SBI must answer.
t_machine_ids:
	prologue
	sbi SBI_EXT_BASE, SBI_BASE_GET_MVENDORID
	expect a0, SBI_SUCCESS, "mvendorid error"
	sbi SBI_EXT_BASE, SBI_BASE_GET_MARCHID
	expect a0, SBI_SUCCESS, "marchid error"
	sbi SBI_EXT_BASE, SBI_BASE_GET_MIMPID
	expect a0, SBI_SUCCESS, "mimpid error"
	epilogue

t_base_unknown_fid:
	prologue
	sbi SBI_EXT_BASE, 7
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 7"
	sbi SBI_EXT_BASE, 0x7fffffff
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 0x7fffffff"
	epilogue

t_unknown_ext:
	prologue
	sbi 0x0affffff, 0
	expect a0, SBI_ERR_NOT_SUPPORTED, "EID 0x0affffff"
	sbi 0x7fffffff, 3
	expect a0, SBI_ERR_NOT_SUPPORTED, "EID 0x7fffffff"
	epilogue

# Every register but a0 and a1 comes back unchanged from an SBI call: fill
# them with patterns, call BASE get_spec_version, store all 31 registers on
# the stack (sp itself must be unchanged for that), then compare.
t_preserve:
	prologue
	addi sp, sp, -256
	la t0, saved_regs
	sd gp, 0(t0)
	sd tp, 8(t0)
	sd ra, 16(t0)
	sd sp, 24(t0)
	.irp n, 1,3,4,5,6,7,8,9,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	li x\n, 0x0101010101010101 * \n
	.endr
	li a7, SBI_EXT_BASE
	li a6, SBI_BASE_GET_SPEC_VERSION
	ecall
	.irp n, 1,2,3,4,5,6,7,8,9,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	sd x\n, \n*8(sp)
	.endr
	la t0, saved_regs
	ld gp, 0(t0)
	ld tp, 8(t0)
	ld ra, 16(t0)
	mv s0, sp
	ld s1, 2*8(s0)
	ld t1, 24(t0)
	expect_reg s1, t1, "sp"
	ld s1, 16*8(s0)
	expect s1, SBI_BASE_GET_SPEC_VERSION, "a6"
	ld s1, 17*8(s0)
	expect s1, SBI_EXT_BASE, "a7"
	.irp n, 1,3,4,5,6,7,8,9,12,13,14,15,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	ld s1, \n*8(s0)
	expect s1, 0x0101010101010101 * \n, "x\n"
	.endr
	addi sp, sp, 256
	epilogue

# Legacy calls return a0 only: a1 must survive.
t_putchar:
	prologue
	li a0, '#'
	li a1, 0x1234
	sbi SBI_EXT_0_1_CONSOLE_PUTCHAR, 0
	mv s0, a1
	expect a0, 0, "a0"
	expect s0, 0x1234, "a1 preserved"
	call newline
	epilogue

# Nothing is typed during the run: getchar must say so with -1.
t_getchar:
	prologue
	sbi SBI_EXT_0_1_CONSOLE_GETCHAR, 0
	expect a0, -1, "a0"
	epilogue

	.section .bss
	.balign 8
saved_regs: .zero 32
