// Package firmware holds rvstop's M-mode SBI firmware and its S-mode test
// payload, both in RISC-V assembly (GNU as syntax), as embedded sources for
// the assembler (package asm) to build. docs/firmware.md describes the
// firmware: memory map, boot sequence, IPI and HSM state machines, and where
// it differs from OpenSBI.
//
// Both file systems are rooted at this directory: sources are named
// "src/entry.s", "sbitest/main.s", and .include finds its files through
// IncludeDirs.
package firmware

import "embed"

// Src holds the firmware sources (src/*.s) and their include files (src/*.inc).
//
//go:embed src
var Src embed.FS

// Files lists the firmware sources in link order. entry.s comes first (it
// holds _start and opens .bss), bss.s last (it ends the image with fw_end).
var Files = []string{
	"src/entry.s",
	"src/hart_init.s",
	"src/trap.s",
	"src/ecall.s",
	"src/base.s",
	"src/console.s",
	"src/uart.s",
	"src/print.s",
	"src/fdt.s",
	"src/string.s",
	"src/memory.s",
	"src/ipi.s",
	"src/rfence.s",
	"src/timer.s",
	"src/hsm.s",
	"src/smode.s",
	"src/srst.s",
	"src/dump.s",
	"src/banner.s",
	"src/bss.s",
}

// SBITest holds the S-mode SBI test payload (sbitest/*.s) and the SBI
// constants it shares with the firmware (src/sbi.inc).
//
//go:embed sbitest src/sbi.inc
var SBITest embed.FS

// SBITestFiles lists the payload's sources in link order: main.s opens the
// KTAP test table in .data, the tests_*.s files add to it, end.s closes it.
var SBITestFiles = []string{
	"sbitest/main.s",
	"sbitest/print.s",
	"sbitest/wait.s",
	"sbitest/trap.s",
	"sbitest/secondary.s",
	"sbitest/harts.s",
	"sbitest/tests_base.s",
	"sbitest/tests_time.s",
	"sbitest/tests_ipi.s",
	"sbitest/tests_rfence.s",
	"sbitest/tests_hsm.s",
	"sbitest/tests_srst.s",
	"sbitest/tests_dbcn.s",
	"sbitest/end.s",
}

// IncludeDirs are the directories, inside Src and SBITest, that .include
// searches (GNU as -I).
var IncludeDirs = []string{"src", "sbitest"}

// Load addresses: the firmware at the start of RAM, the payload where the
// firmware jumps (FW_JUMP_ADDR, OpenSBI fw_jump's convention).
const (
	Base        = 0x80000000
	PayloadBase = 0x80200000
)
