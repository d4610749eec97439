# tests_dbcn.s: the debug console extension (SBI v2.0). OpenSBI 1.1 predates
# it; the tests skip when probe_extension says it is absent.

	.include "sbitest.inc"

	ktap_case "dbcn_console_write", t_dbcn_write
	ktap_case "dbcn_console_write_byte", t_dbcn_write_byte
	ktap_case "dbcn_console_read_empty", t_dbcn_read
	ktap_case "dbcn_bad_buffers", t_dbcn_bad
	ktap_case "dbcn_unknown_function", t_dbcn_fid

.macro need_dbcn
	li a0, SBI_EXT_DBCN
	sbi SBI_EXT_BASE, SBI_BASE_PROBE_EXT
	bnez a1, .Lhave_dbcn\@
	epilogue_skip "DBCN not implemented"
.Lhave_dbcn\@:
.endm

	.section .text
t_dbcn_write:
	prologue
	need_dbcn
	la a1, dbcn_msg
	la s1, dbcn_msg_end
	sub s1, s1, a1                  # s1 = length
	mv a0, s1
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE
	mv s0, a1
	expect a0, SBI_SUCCESS, "error"
	expect_reg s0, s1, "bytes written"
	li a0, 0                        # nothing to write: success, 0 bytes
	li a1, 0
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE
	mv s0, a1
	expect a0, SBI_SUCCESS, "empty write error"
	expect s0, 0, "empty write bytes"
	epilogue

t_dbcn_write_byte:
	prologue
	need_dbcn
	li a0, '#'
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE_BYTE
	expect a0, SBI_SUCCESS, "error"
	li a0, '\n'
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE_BYTE
	epilogue

t_dbcn_read:
	prologue
	need_dbcn
	li a0, 16
	la a1, dbcn_buf
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_READ
	mv s0, a1
	expect a0, SBI_SUCCESS, "error"
	expect s0, 0, "bytes read"
	epilogue

# Buffers must be S-mode memory: not the firmware's, not above 2^64 (base_hi),
# not wrapping around, not outside RAM.
t_dbcn_bad:
	prologue
	need_dbcn
	li a0, 4
	la a1, dbcn_msg
	li a2, 1
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE
	expect a0, SBI_ERR_INVALID_PARAM, "base_hi 1"
	li a0, 4
	li a1, 0x80000000
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE
	expect a0, SBI_ERR_INVALID_PARAM, "firmware memory"
	li a0, 16
	li a1, -8
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_WRITE
	expect a0, SBI_ERR_INVALID_PARAM, "wrapping buffer"
	li a0, 4
	li a1, 0x1000
	li a2, 0
	sbi SBI_EXT_DBCN, SBI_DBCN_CONSOLE_READ
	expect a0, SBI_ERR_INVALID_PARAM, "read into the boot ROM"
	epilogue

t_dbcn_fid:
	prologue
	need_dbcn
	sbi SBI_EXT_DBCN, 3
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 3"
	epilogue

	.section .rodata
dbcn_msg:
	.ascii "# dbcn console_write\n"
dbcn_msg_end:

	.section .bss
dbcn_buf: .zero 16
