package emu

import (
	"bytes"
	"strings"
	"testing"
)

func uartLoad(t *testing.T, u *UART, off uint64) uint8 {
	t.Helper()
	v, ok := u.Load(off, 1)
	if !ok {
		t.Fatalf("byte load at %d refused", off)
	}
	return uint8(v)
}

func TestUARTTransmitAndRegisters(t *testing.T) {
	var out bytes.Buffer
	var lines []string
	u := NewUART(&out, nil, nil)
	u.OnLine = func(l string) { lines = append(lines, l) }
	for _, b := range []byte("hi\r\nyo\n") {
		u.Store(uartRBR, 1, uint64(b))
	}
	if out.String() != "hi\r\nyo\n" || len(lines) != 2 || lines[0] != "hi" || lines[1] != "yo" {
		t.Errorf("output %q lines %q", out.String(), lines)
	}
	if lsr := uartLoad(t, u, uartLSR); lsr != lsrTHRE|lsrTEMT {
		t.Errorf("LSR = %#x, want THRE|TEMT", lsr)
	}
	// Divisor latch: DLAB switches offsets 0 and 1 to DLL/DLM.
	u.Store(uartLCR, 1, 0x83)
	u.Store(uartRBR, 1, 0x12)
	u.Store(uartIER, 1, 0x34)
	u.Store(uartLCR, 1, 0x03)
	if out.Len() != 7 {
		t.Error("a DLL write was transmitted")
	}
	u.Store(uartLCR, 1, 0x83)
	if dll, dlm := uartLoad(t, u, uartRBR), uartLoad(t, u, uartIER); dll != 0x12 || dlm != 0x34 {
		t.Errorf("DLL/DLM = %#x/%#x", dll, dlm)
	}
	u.Store(uartLCR, 1, 0x03)
	if ier := uartLoad(t, u, uartIER); ier != 0 {
		t.Errorf("IER = %#x after DLM write", ier)
	}
	u.Store(uartSCR, 1, 0xa5)
	if v := uartLoad(t, u, uartSCR+8); v != 0xa5 { // registers repeat every 8 bytes
		t.Errorf("SCR mirror = %#x", v)
	}
	if v, ok := u.Load(uartLSR, 4); !ok || v != lsrTHRE|lsrTEMT {
		t.Errorf("a 4-byte LSR read gives %#x, %v; QEMU gives the byte register", v, ok)
	}
	if msr := uartLoad(t, u, uartMSR); msr != 0xb0 {
		t.Errorf("MSR = %#x, want DCD|DSR|CTS", msr)
	}
}

func TestUARTReceiveAndInterrupts(t *testing.T) {
	var level bool
	u := NewUART(nil, strings.NewReader("ab"), func(l bool) { level = l })
	if iir := uartLoad(t, u, uartIIR); iir != iirNone {
		t.Errorf("IIR = %#x with nothing enabled", iir)
	}
	// Enabling the THR-empty interrupt raises it at once; reading IIR acks it.
	u.Store(uartIER, 1, ierTHRI)
	if !level {
		t.Fatal("no interrupt after enabling THRI with THR empty")
	}
	if iir := uartLoad(t, u, uartIIR); iir != iirTHRE {
		t.Errorf("IIR = %#x, want THRE", iir)
	}
	if level {
		t.Error("THRE interrupt still raised after IIR read")
	}
	// RX: interrupt-driven input arrives at Poll.
	u.Store(uartIER, 1, ierRDI)
	u.Store(uartIIR, 1, 0x01) // FCR: FIFO on, trigger 1
	u.Poll()
	if !level {
		t.Fatal("no RX interrupt")
	}
	if iir := uartLoad(t, u, uartIIR); iir != iirFIFO|iirRDA {
		t.Errorf("IIR = %#x, want FIFO|RDA", iir)
	}
	if lsr := uartLoad(t, u, uartLSR); lsr&lsrDR == 0 {
		t.Error("LSR.DR clear with data waiting")
	}
	if c := uartLoad(t, u, uartRBR); c != 'a' {
		t.Errorf("RBR = %q", c)
	}
	if c := uartLoad(t, u, uartRBR); c != 'b' {
		t.Errorf("RBR = %q (the next byte comes on demand)", c)
	}
	if lsr := uartLoad(t, u, uartLSR); lsr&lsrDR != 0 || level {
		t.Errorf("after the input ended: LSR %#x, irq %v", lsr, level)
	}
}

func TestUARTLoopbackAndFIFOClear(t *testing.T) {
	var out bytes.Buffer
	u := NewUART(&out, strings.NewReader("xyz"), nil)
	u.Store(uartMCR, 1, mcrLoop|0x0b) // loopback, DTR, RTS, OUT2
	u.Store(uartRBR, 1, 'L')
	if out.Len() != 0 || uartLoad(t, u, uartRBR) != 'L' {
		t.Error("loopback byte not received")
	}
	if msr := uartLoad(t, u, uartMSR); msr != 0x10|0x20|0x80 {
		t.Errorf("loopback MSR = %#x, want CTS|DSR|DCD", msr)
	}
	u.Store(uartMCR, 1, 0)
	// Scripted input survives a FIFO clear.
	uartLoad(t, u, uartLSR) // pulls 'x' into the FIFO
	u.Store(uartIIR, 1, 0x07)
	if c := uartLoad(t, u, uartRBR); c != 'x' {
		t.Errorf("after FCR clear RBR = %q, want 'x' again", c)
	}
}
