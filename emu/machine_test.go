package emu

import (
	"strings"
	"testing"
)

func TestHelloFinisher(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	# Only hart 0 prints; a0 = mhartid from the boot ROM, a1 = FDT.
	bnez a0, park
	la s0, msg
1:	lbu t0, 0(s0)
	beqz t0, 2f
	PUTC t0
	addi s0, s0, 1
	j 1b
2:	# Check the FDT magic at a1 (big-endian 0xd00dfeed).
	lwu t0, 0(a1)
	li t1, 0xedfe0dd0
	bne t0, t1, bad
	PASS
bad:	FAIL 7
park:	wfi
	j park
	.section .rodata
msg:	.asciz "hello\n"
`)
	for _, harts := range []int{1, 3} {
		res, _ := runELF(t, Config{Harts: harts}, elf)
		if res.Reason != ExitFinisher || res.Status != 0 {
			t.Fatalf("%d harts: %v status %d\n%s", harts, res.Reason, res.Status, res.Report)
		}
		if string(res.Console) != "hello\n" {
			t.Errorf("console %q", res.Console)
		}
		if res.Instructions == 0 || len(res.PerHart) != harts {
			t.Errorf("instructions %d per hart %v", res.Instructions, res.PerHart)
		}
	}
}

func TestFinisherFailAndHang(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	FAIL 42
`)
	res, _ := runELF(t, Config{}, elf)
	if res.Reason != ExitFinisher || res.Status != 42 {
		t.Errorf("fail: %v status %d", res.Reason, res.Status)
	}

	spin := buildELF(t, `
	.globl _start
_start:
spin:	j spin
`)
	res, _ = runELF(t, Config{Harts: 2, MaxInsns: 10000}, spin)
	if res.Reason != ExitMaxInsns || res.Status == 0 || res.Instructions != 10000 {
		t.Fatalf("spin: %v status %d after %d", res.Reason, res.Status, res.Instructions)
	}
	for _, want := range []string{"instruction limit", "hart 0: pc 0x80000000 <_start> M-mode running", "hart 1:"} {
		if !strings.Contains(res.Report, want) {
			t.Errorf("report lacks %q:\n%s", want, res.Report)
		}
	}
}

func TestDeadlockReport(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	csrw mie, zero
sleep:	wfi
	j sleep
`)
	res, _ := runELF(t, Config{Harts: 2}, elf)
	if res.Reason != ExitDeadlock || res.Status == 0 {
		t.Fatalf("%v status %d", res.Reason, res.Status)
	}
	if !strings.Contains(res.Report, "wfi") || !strings.Contains(res.Report, "<sleep") {
		t.Errorf("report:\n%s", res.Report)
	}
}
