package emu

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// deviceProbe reads and writes device registers the way guest drivers may,
// including accesses QEMU refuses, and prints one "name=value" line per probe
// ("name=F" when the access faulted). The same program runs on QEMU 7.2
// (-bios none) and on rvstop; the outputs must agree line by line: the boot
// ROM's words, register reset values, WARL masks, which access sizes fault,
// and how the UART's interrupt reaches the PLIC's pending bits.
const deviceProbe = `
	.option norvc # every probed access is 4 bytes long: the handler skips it
	.globl _start
_start:
	la t0, trap
	csrw mtvec, t0
	li s0, UART
	li s1, CLINT
	li s2, 0x0c000000 # PLIC

	# Boot ROM: the reset vector's code and the start address it jumps to
	PROBE rom0, lwu, 0x1000
	PROBE rom1, lwu, 0x1004
	PROBE rom2, lwu, 0x1008
	PROBE rom3, lwu, 0x100c
	PROBE rom4, lwu, 0x1010
	PROBE rom5, lwu, 0x1014
	PROBE romstart, ld, 0x1018
	PROBE romfw, lwu, 0x1028

	# UART reset state and registers
	PROBE pend0, lwu, 0x0c001000
	PROBE lsr, lbu, UART+5
	PROBE iir, lbu, UART+2
	PROBE lcr, lbu, UART+3
	PROBE mcr, lbu, UART+4
	PROBE msr, lbu, UART+6
	PROBE ier, lbu, UART+1
	li t0, 0x5a
	sb t0, 7(s0)
	PROBE scr, lbu, UART+7
	li t0, 0xff
	sb t0, 1(s0) # IER: all four, upper bits dropped
	PROBE ier2, lbu, UART+1
	PROBE pend1, lwu, 0x0c001000
	PROBE iirthre, lbu, UART+2
	PROBE pend2, lwu, 0x0c001000
	PROBE iirafter, lbu, UART+2
	li t0, 0x07
	sb t0, 2(s0) # FCR: FIFO on, both cleared
	PROBE iirfifo, lbu, UART+2
	sb zero, 1(s0)
	PROBE pend3, lwu, 0x0c001000
	li t0, 0x83
	sb t0, 3(s0) # DLAB
	li t0, 0x21
	sb t0, 0(s0)
	PROBE dll, lbu, UART+0
	PROBE dlm, lbu, UART+1
	li t0, 0x03
	sb t0, 3(s0)
	PROBE lsr2, lbu, UART+5
	PROBE uartw, lwu, UART+4
	PROBE uarth, lhu, UART+4

	# CLINT access sizes
	PROBE msip, lw, CLINT
	PROBE msipb, lbu, CLINT
	PROBE msiph, lhu, CLINT
	PROBE msipd, ld, CLINT
	li t0, 0x12345678
	sw t0, 0(s1)
	PROBE msipbit, lw, CLINT
	sw zero, 0(s1)
	PROBE msip9, lw, CLINT+4*9
	li t0, -1
	li t1, 0x4000
	add t1, s1, t1
	sd t0, 0(t1)
	li t0, 0x11223344
	sw t0, 0(t1)
	PROBE cmpd, ld, CLINT+0x4000
	PROBE cmphi, lwu, CLINT+0x4004
	PROBE cmpb, lbu, CLINT+0x4000
	PROBE cmph, lhu, CLINT+0x4000
	PROBE cmp9, ld, CLINT+0x4000+8*9

	# PLIC
	li t0, 9
	sw t0, 40(s2) # priority of source 10: 9 does not fit
	PROBE prio, lwu, 0x0c000028
	PROBE prio0, lwu, 0x0c000000
	li t0, -1
	li t1, 0x2000
	add t1, s2, t1
	sw t0, 0(t1) # enable everything, source 0 included
	PROBE en0, lwu, 0x0c002000
	PROBE en3, lwu, 0x0c00200c
	li t1, 0x200000
	add t1, s2, t1
	li t0, 9
	sw t0, 0(t1)
	PROBE thresh, lwu, 0x0c200000
	PROBE claim, lwu, 0x0c200004
	PROBE pending, lwu, 0x0c001000
	PROBE plich, lhu, 0x0c000028
	PROBE plicd, ld, 0x0c000028

	# Store sizes
	STPROBE smsipd, sd, CLINT, 0
	STPROBE smsipb, sb, CLINT, 0
	STPROBE scmph, sh, CLINT+0x4000, 0
	STPROBE scmpw, sw, CLINT+0x4004, 0x7fffffff
	PROBE cmpafter, ld, CLINT+0x4000
	STPROBE smtime, sd, CLINT+0xbff8, 0x100000000
	PROBE mtimehi, lwu, CLINT+0xbffc
	STPROBE suartw, sw, UART+4, 0x08 # MCR = OUT2, its reset value
	STPROBE suarth, sh, UART+6, 0x1234 # MSR is read-only
	PROBE mcr2, lbu, UART+4
	STPROBE splich, sh, 0x0c000028, 1
	STPROBE sromw, sw, 0x1000, 0
	PROBE romafter, lwu, 0x1000
	STPROBE stestb, sb, 0x100000, 0
	STPROBE stesth, sh, 0x100000, 0
	STPROBE stestw, sw, 0x100004, 0x5555
	STPROBE szero, sw, 0, 0

	# sifive_test and unmapped addresses
	PROBE test, lwu, 0x100000
	PROBE testh, lhu, 0x100000
	PROBE testb, lbu, 0x100000
	PROBE zero, lwu, 0
	PROBE pastram, lwu, 0x88000000

	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
1:	j 1b

# trap: note the fault in s11 and skip the 4-byte instruction
	.align 2
trap:	li s11, 1
	csrr t6, mepc
	addi t6, t6, 4
	csrw mepc, t6
	mret

# puts: print the NUL-terminated string at a0
puts:	lbu t5, 0(a0)
	beqz t5, 2f
1:	lbu t6, 5(s0)
	andi t6, t6, 0x20
	beqz t6, 1b
	sb t5, 0(s0)
	addi a0, a0, 1
	j puts
2:	ret

# puthex: print a0 in hexadecimal, then a newline
puthex:	mv t4, a0
	li t3, 60
1:	srl t5, t4, t3
	andi t5, t5, 15
	addi t5, t5, '0'
	li t6, '9'
	ble t5, t6, 2f
	addi t5, t5, 'a'-'9'-1
2:	sb t5, 0(s0)
	addi t3, t3, -4
	bgez t3, 1b
	li t5, '\n'
	sb t5, 0(s0)
	ret
`

// probeMacro defines PROBE name, insn, addr.
const probeMacro = `
	.macro PROBE name, insn, addr
	.pushsection .rodata
.Lname\@: .asciz "\name="
	.popsection
	la a0, .Lname\@
	jal puts
	li s11, 0
	li t0, \addr
	\insn a0, 0(t0)
	bnez s11, .Lfault\@
	jal puthex
	j .Ldone\@
.Lfault\@:
	la a0, .Lf
	jal puts
.Ldone\@:
	.endm

	# STPROBE name, insn, addr, value: a store; prints "ok" or "F"
	.macro STPROBE name, insn, addr, value
	.pushsection .rodata
.Lsname\@: .asciz "\name="
	.popsection
	la a0, .Lsname\@
	jal puts
	li s11, 0
	li t0, \addr
	li t1, \value
	\insn t1, 0(t0)
	la a0, .Lok
	beqz s11, 1f
	la a0, .Lf
1:	jal puts
	.endm
	.pushsection .rodata
.Lf:	.asciz "F\n"
.Lok:	.asciz "ok\n"
	.popsection
`

func TestDevicesMatchQEMU(t *testing.T) {
	qemu := oracle.Require(t, oracle.QEMU)
	elf := buildELF(t, probeMacro+deviceProbe)
	path := filepath.Join(t.TempDir(), "probe.elf")
	os.WriteFile(path, elf, 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	qout, err := exec.CommandContext(ctx, qemu, "-machine", "virt", "-m", "128M", "-nographic",
		"-bios", "none", "-kernel", path).Output()
	if err != nil {
		t.Fatalf("qemu: %v\n%s", err, qout)
	}
	res, _ := runELF(t, Config{}, elf)
	if res.Reason != ExitFinisher || res.Status != 0 {
		t.Fatalf("%v %d\n%s", res.Reason, res.Status, res.Report)
	}
	q := strings.Split(strings.ReplaceAll(string(qout), "\r", ""), "\n")
	o := strings.Split(string(res.Console), "\n")
	if len(q) != len(o) {
		t.Fatalf("QEMU printed %d lines, rvstop %d:\nQEMU:\n%s\nrvstop:\n%s", len(q), len(o), qout, res.Console)
	}
	for i := range q {
		if q[i] != o[i] {
			t.Errorf("QEMU %-28s rvstop %s", q[i], o[i])
		}
	}
}
