package emu

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestBootROMConvention: harts arrive at the ELF entry in M-mode with
// a0 = mhartid, a1 = the FDT address QEMU would use, a2 = the fw_dynamic
// info block (magic "OSBI", version 2, next address, next mode S).
func TestBootROMConvention(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	csrr t0, mhartid
	bne a0, t0, f1
	li t0, 0x87e00000
	bne a1, t0, f2
	lwu t0, 0(a2)
	li t1, 0x4942534f
	bne t0, t1, f3
	ld t0, 8(a2)
	li t1, 2
	bne t0, t1, f3
	ld t0, 16(a2)
	li t1, 0x80200000
	bne t0, t1, f4
	ld t0, 24(a2)
	li t1, 1
	bne t0, t1, f4
	csrr t0, mstatus # still M-mode: MPP readable, no trap
	bnez a0, park
	PASS
f1:	FAIL 1
f2:	FAIL 2
f3:	FAIL 3
f4:	FAIL 4
park:	wfi
	j park
`)
	m, err := New(Config{Harts: 2})
	if err != nil {
		t.Fatal(err)
	}
	img, err := m.LoadELF(elf)
	if err != nil {
		t.Fatal(err)
	}
	m.SetEntry(img.Entry, KernelBase)
	res, _ := m.Run()
	if res.Reason != ExitFinisher || res.Status != 0 {
		t.Fatalf("%v status %d\n%s", res.Reason, res.Status, res.Report)
	}
}

func TestHTIF(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	la t0, tohost
	li t1, (1 << 56) | (1 << 48) | 'h' # console putchar
	sd t1, 0(t0)
1:	ld t2, 0(t0) # wait for the host to take it
	bnez t2, 1b
	la t3, fromhost
	ld t3, 0(t3)
	beqz t3, 1b
	li t1, (5 << 1) | 1 # exit 5
	sd t1, 0(t0)
2:	j 2b
	.data
	.align 6
	.globl tohost, fromhost
tohost:	.dword 0
fromhost: .dword 0
`)
	res, _ := runELF(t, Config{}, elf)
	if res.Reason != ExitHTIF || res.Status != 5 || string(res.Console) != "h" {
		t.Fatalf("%v status %d console %q\n%s", res.Reason, res.Status, res.Console, res.Report)
	}
}

// echoProg is an interrupt-driven echo: UART RX -> PLIC source 10 -> hart
// 1's M-mode context (2) -> mip.MEIP; the handler claims, reads every byte,
// echoes it upper-cased, completes; '.' ends the run.
const echoProg = `
	.equ PLIC, 0xc000000
	.globl _start
_start:
	li t0, 1
	bne a0, t0, park # hart 1 does the work, hart 0 sleeps
	la t0, handler
	csrw mtvec, t0
	li t0, PLIC + 4*10
	li t1, 1
	sw t1, 0(t0) # priority of source 10
	li t0, PLIC + 0x2000 + 2*0x80 # context 2 = hart 1 M-mode
	li t1, 1 << 10
	sw t1, 0(t0)
	li t0, PLIC + 0x200000 + 2*0x1000
	sw zero, 0(t0) # threshold 0
	li t0, UART
	li t1, 1
	sb t1, 1(t0) # IER: received data
	li t0, 1 << 11
	csrw mie, t0 # MEIE
	csrsi mstatus, 8
park:	wfi
	j park
	.align 2
handler:
	li s0, PLIC + 0x200004 + 2*0x1000
	lw s1, 0(s0) # claim
	li t0, 10
	bne s1, t0, bad
	li s2, UART
1:	lbu t0, 5(s2) # LSR
	andi t0, t0, 1
	beqz t0, 2f
	lbu t1, 0(s2)
	li t2, '.'
	beq t1, t2, done
	addi t1, t1, -32
	sb t1, 0(s2)
	j 1b
2:	sw s1, 0(s0) # complete
	mret
done:	PASS
bad:	FAIL 9
`

// TestUARTInterruptThroughPLIC runs echoProg on scripted input.
func TestUARTInterruptThroughPLIC(t *testing.T) {
	elf := buildELF(t, echoProg)
	res, _ := runELF(t, Config{Harts: 2, Stdin: strings.NewReader("echo."), MaxInsns: 1e6}, elf)
	if res.Reason != ExitFinisher || res.Status != 0 || string(res.Console) != "ECHO" {
		t.Fatalf("%v status %d console %q\n%s", res.Reason, res.Status, res.Console, res.Report)
	}
}

type markerObserver struct {
	NopObserver
	got []string
}

func (o *markerObserver) Marker(step uint64, hart int, name string, arg uint64) {
	o.got = append(o.got, fmt.Sprintf("h%d %s %#x", hart, name, arg))
}

func TestTraceMarker(t *testing.T) {
	elf := buildELF(t, `
	.equ MARKER, 0x10010000
	.globl _start
_start:
	li t0, MARKER
	slli t1, a0, 4
	addi t1, t1, 0x42
	sd t1, 0(t0) # ARG = 0x42 + 16*hartid
	la t1, name
	sd t1, 8(t0) # NAME: emit
	li t1, 0x12345
	sd t1, 8(t0) # a name outside RAM shows as "?"
	bnez a0, park
	li t0, 100000 # let hart 1 get there too
1:	addi t0, t0, -1
	bnez t0, 1b
	PASS
park:	wfi
	j park
	.section .rodata
name:	.asciz "multi_cpu_stop:RUN"
`)
	o := &markerObserver{}
	res, _ := runELF(t, Config{Harts: 2, Observer: o, KeepReservations: true}, elf)
	if res.Reason != ExitFinisher || res.Status != 0 {
		t.Fatalf("%v status %d\n%s", res.Reason, res.Status, res.Report)
	}
	sort.Strings(o.got)
	want := []string{"h0 ? 0x42", "h0 multi_cpu_stop:RUN 0x42", "h1 ? 0x52", "h1 multi_cpu_stop:RUN 0x52"}
	if fmt.Sprint(o.got) != fmt.Sprint(want) {
		t.Errorf("markers %q, want %q", o.got, want)
	}
}

// TestInteractiveInput: with input from a pipe, a machine whose harts all
// sleep waiting for the RX interrupt waits for the input instead of reporting
// a deadlock; Stop ends a run at once.
func TestInteractiveInput(t *testing.T) {
	elf := buildELF(t, echoProg)
	r, w := io.Pipe()
	go func() {
		time.Sleep(50 * time.Millisecond)
		w.Write([]byte("ab"))
		time.Sleep(50 * time.Millisecond)
		w.Write([]byte("c."))
	}()
	res, _ := runELF(t, Config{Harts: 2, Stdin: r, Timeout: 20 * time.Second}, elf)
	if res.Reason != ExitFinisher || res.Status != 0 || string(res.Console) != "ABC" {
		t.Fatalf("%v status %d console %q\n%s", res.Reason, res.Status, res.Console, res.Report)
	}

	m, _ := New(Config{Harts: 2, Stdin: r, Timeout: 20 * time.Second})
	m.LoadELF(elf)
	time.AfterFunc(50*time.Millisecond, m.Stop)
	res, _ = m.Run()
	if res.Reason != ExitStopped || res.Status == 0 || !strings.Contains(res.Report, "stopped") {
		t.Fatalf("after Stop: %v status %d\n%s", res.Reason, res.Status, res.Report)
	}
}
