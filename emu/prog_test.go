package emu

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// Test programs are assembled with GNU as and linked with GNU ld (the
// oracles) at 0x80000000; tests skip where binutils is absent.

// prelude is included at the top of every test program.
const prelude = `
	.equ UART, 0x10000000
	.equ FINISHER, 0x100000
	.equ CLINT, 0x2000000
	.equ MTIMECMP, 0x2004000
	.equ MTIME, 0x200bff8

	# pass: exit through the finisher with status 0
	.macro PASS
	li t0, FINISHER
	li t1, 0x5555
	sw t1, 0(t0)
.Lpass\@: j .Lpass\@ # the run ends at the end of the quantum
	.endm
	# FAIL code: exit through the finisher with status code
	.macro FAIL code
	li t0, FINISHER
	li t1, (\code << 16) | 0x3333
	sw t1, 0(t0)
.Lfail\@: j .Lfail\@
	.endm
	# PUTC reg: write the low byte of reg to the UART (clobbers t6)
	.macro PUTC reg
	li t6, UART
	sb \reg, 0(t6)
	.endm
`

func buildELF(t testing.TB, src string) []byte {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	dir := t.TempDir()
	s := filepath.Join(dir, "prog.s")
	lds := filepath.Join(dir, "link.ld")
	if err := os.WriteFile(s, []byte(prelude+src), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(lds, []byte(oracle.LinkerScript), 0o644)
	obj, elf := filepath.Join(dir, "prog.o"), filepath.Join(dir, "prog.elf")
	if out, err := exec.Command(as, "-march=rv64imac_zicsr_zifencei", "-o", obj, s).CombinedOutput(); err != nil {
		t.Fatalf("as: %v\n%s", err, out)
	}
	if out, err := exec.Command(ld, "-T", lds, "-Ttext=0x80000000", "-o", elf, obj).CombinedOutput(); err != nil {
		t.Fatalf("ld: %v\n%s", err, out)
	}
	b, err := os.ReadFile(elf)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// runELF builds a machine from cfg, loads the program and runs it.
func runELF(t testing.TB, cfg Config, elf []byte) (Result, *Machine) {
	t.Helper()
	m, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(elf); err != nil {
		t.Fatal(err)
	}
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	return res, m
}
