# tests_srst.s: system_reset's argument checks. A valid call would end the
# run; the payload's own final shutdown (main.s) is the test of that.

	.include "sbitest.inc"

	ktap_case "srst_reserved_type", t_srst_type
	ktap_case "srst_reserved_reason", t_srst_reason
	ktap_case "srst_unknown_function", t_srst_fid

	.section .text
t_srst_type:
	prologue
	li a0, 3
	li a1, SBI_SRST_REASON_NONE
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	expect a0, SBI_ERR_INVALID_PARAM, "type 3"
	li a0, 0xefffffff
	li a1, SBI_SRST_REASON_NONE
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	expect a0, SBI_ERR_INVALID_PARAM, "type 0xefffffff"
	li a0, 0x100000000
	li a1, SBI_SRST_REASON_NONE
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	expect a0, SBI_ERR_INVALID_PARAM, "type 1<<32"
	epilogue

t_srst_reason:
	prologue
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, 2
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	expect a0, SBI_ERR_INVALID_PARAM, "reason 2"
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, 0xdfffffff
	sbi SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET
	expect a0, SBI_ERR_INVALID_PARAM, "reason 0xdfffffff"
	epilogue

t_srst_fid:
	prologue
	li a0, SBI_SRST_TYPE_SHUTDOWN
	li a1, SBI_SRST_REASON_NONE
	sbi SBI_EXT_SRST, 1
	expect a0, SBI_ERR_NOT_SUPPORTED, "FID 1"
	epilogue
