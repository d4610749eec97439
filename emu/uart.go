package emu

import (
	"io"
	"sync"
)

// NS16550A UART register map, as byte offsets from the base (0x1000_0000 on the
// virt board; the window is 0x100 bytes, registers repeat every 8 bytes as on
// QEMU, which decodes only the low 3 address bits). Every register is 8 bits
// wide; as on QEMU, an access of 2, 4 or 8 bytes reaches the one register at
// its address (reads zero-extend it, writes use the low byte).
//
//	0 RBR (read)   receive buffer; THR (write) transmit holding; DLL when LCR.DLAB
//	1 IER          interrupt enable: 0 RX data, 1 THR empty, 2 line status, 3 modem
//	               status; DLM when LCR.DLAB
//	2 IIR (read)   interrupt identification, bits 7:6 set while FIFOs are enabled;
//	  FCR (write)  FIFO control: 0 enable, 1 clear RX, 2 clear TX, 7:6 RX trigger
//	3 LCR          line control; bit 7 DLAB selects the divisor latch at 0 and 1
//	4 MCR          modem control: 0 DTR, 1 RTS, 2 OUT1, 3 OUT2, 4 loopback
//	5 LSR (read)   line status: 0 data ready, 1 overrun, 5 THR empty, 6 TX empty
//	6 MSR (read)   modem status: CTS, DSR, DCD set (no modem attached); in
//	               loopback the MCR outputs show up as CTS/DSR/RI/DCD
//	7 SCR          scratch
//
// Transmission is instantaneous: a THR write goes to the output at once and THR
// is always empty again. Received bytes wait in a 16-byte FIFO.
const (
	uartRBR = 0 // also THR, DLL
	uartIER = 1 // also DLM
	uartIIR = 2 // also FCR
	uartLCR = 3
	uartMCR = 4
	uartLSR = 5
	uartMSR = 6
	uartSCR = 7

	uartSize = 0x100

	lsrDR   = 0x01
	lsrOE   = 0x02
	lsrTHRE = 0x20
	lsrTEMT = 0x40

	ierRDI  = 0x01
	ierTHRI = 0x02
	ierRLSI = 0x04
	ierMSI  = 0x08

	iirNone    = 0x01
	iirRLS     = 0x06
	iirRDA     = 0x04
	iirTimeout = 0x0c
	iirTHRE    = 0x02
	iirFIFO    = 0xc0

	mcrLoop = 0x10
	lcrDLAB = 0x80

	uartFIFODepth = 16
)

// UART is the NS16550A. Its methods are safe for concurrent use.
type UART struct {
	mu         sync.Mutex
	ier, lcr   uint8
	mcr, scr   uint8
	fcr        uint8
	dll, dlm   uint8
	lsrErr     uint8 // sticky error bits of LSR (overrun)
	thrPending bool  // "THR empty" interrupt condition, as the 8250 latches it
	rx         []byte
	in         *uartInput
	out        io.Writer
	line       []byte
	irq        func(level bool)
	level      bool

	// OnLine, when set, receives each complete line of output (without the
	// newline), for tracing.
	OnLine func(line string)
}

// NewUART returns a UART writing to out (nil discards) and reading from in
// (nil: no input). irq drives the UART's interrupt line (PLIC source 10).
func NewUART(out io.Writer, in io.Reader, irq func(level bool)) *UART {
	if out == nil {
		out = io.Discard
	}
	return &UART{out: out, in: newUARTInput(in), irq: irq, dll: 1, mcr: 0x08}
}

// Load reads the register at off.
func (u *UART) Load(off uint64, size int) (uint64, bool) {
	u.mu.Lock()
	defer u.mu.Unlock()
	var v uint8
	switch off & 7 {
	case uartRBR:
		if u.lcr&lcrDLAB != 0 {
			v = u.dll
			break
		}
		u.refill()
		if len(u.rx) > 0 {
			v = u.rx[0]
			u.rx = u.rx[1:]
		}
	case uartIER:
		v = u.ier
		if u.lcr&lcrDLAB != 0 {
			v = u.dlm
		}
	case uartIIR:
		v = u.iir()
		if v&0x0f == iirTHRE {
			u.thrPending = false // reading IIR acknowledges THR empty
		}
		if u.fcr&1 != 0 {
			v |= iirFIFO
		}
	case uartLCR:
		v = u.lcr
	case uartMCR:
		v = u.mcr
	case uartLSR:
		u.refill()
		v = lsrTHRE | lsrTEMT | u.lsrErr
		if len(u.rx) > 0 {
			v |= lsrDR
		}
		u.lsrErr = 0
	case uartMSR:
		v = u.msr()
	case uartSCR:
		v = u.scr
	}
	u.updateIRQ()
	return uint64(v), true
}

// Store writes the register at off.
func (u *UART) Store(off uint64, size int, val uint64) bool {
	v := uint8(val)
	u.mu.Lock()
	defer u.mu.Unlock()
	switch off & 7 {
	case uartRBR:
		if u.lcr&lcrDLAB != 0 {
			u.dll = v
			break
		}
		u.transmit(v)
		u.thrPending = true // THR is empty again at once
	case uartIER:
		if u.lcr&lcrDLAB != 0 {
			u.dlm = v
			break
		}
		// Enabling the THR-empty interrupt while THR is empty raises it, as
		// the 8250 does; drivers rely on this to start transmitting.
		if v&ierTHRI != 0 && u.ier&ierTHRI == 0 {
			u.thrPending = true
		}
		u.ier = v & 0x0f
	case uartIIR: // FCR
		if v&0x02 != 0 {
			// Clearing the RX FIFO discards typed-ahead input, as on
			// hardware; scripted input is put back instead, since a
			// script cannot see that the guest was not ready yet.
			if u.in != nil && !u.in.async {
				u.in.unread(u.rx)
			}
			u.rx = u.rx[:0]
		}
		u.fcr = v & 0xc1
	case uartLCR:
		u.lcr = v
	case uartMCR:
		u.mcr = v & 0x1f
	case uartSCR:
		u.scr = v
	}
	u.updateIRQ()
	return true
}

// transmit sends one byte, or loops it back to the receiver in loopback mode.
func (u *UART) transmit(b byte) {
	if u.mcr&mcrLoop != 0 {
		u.receive(b)
		return
	}
	u.out.Write([]byte{b})
	if u.OnLine == nil {
		return
	}
	if b == '\n' {
		u.OnLine(string(u.line))
		u.line = u.line[:0]
	} else if b != '\r' {
		u.line = append(u.line, b)
	}
}

func (u *UART) receive(b byte) {
	if len(u.rx) >= uartFIFODepth {
		u.lsrErr |= lsrOE
		return
	}
	u.rx = append(u.rx, b)
}

// iir returns the highest-priority pending interrupt, 8250 order: line status,
// received data, THR empty, modem status.
func (u *UART) iir() uint8 {
	switch {
	case u.ier&ierRLSI != 0 && u.lsrErr != 0:
		return iirRLS
	case u.ier&ierRDI != 0 && len(u.rx) > 0:
		if u.fcr&1 != 0 && len(u.rx) < u.trigger() {
			return iirTimeout // below the trigger level: the character timeout
		}
		return iirRDA
	case u.ier&ierTHRI != 0 && u.thrPending:
		return iirTHRE
	}
	return iirNone
}

// trigger is the RX FIFO trigger level selected by FCR bits 7:6.
func (u *UART) trigger() int { return [4]int{1, 4, 8, 14}[u.fcr>>6] }

func (u *UART) msr() uint8 {
	if u.mcr&mcrLoop == 0 {
		return 0xb0 // DCD, DSR, CTS: a cable with nobody objecting
	}
	m := u.mcr
	return (m&0x02)<<3 | (m&0x01)<<5 | (m&0x04)<<4 | (m&0x08)<<4 // CTS, DSR, RI, DCD
}

func (u *UART) updateIRQ() {
	level := u.iir() != iirNone
	if level != u.level {
		u.level = level
		if u.irq != nil {
			u.irq(level)
		}
	}
}

// refill moves input into an empty RX FIFO when the guest looks for it
// (reads LSR or RBR).
//
// Scripted (synchronous) input arrives one byte at a time and only when the
// guest asks, so a driver that clears the FIFO while initialising (U-Boot's
// does) loses nothing, and a script is read exactly as far as the guest got.
func (u *UART) refill() {
	if len(u.rx) == 0 && u.in != nil && u.mcr&mcrLoop == 0 {
		n := uartFIFODepth
		if !u.in.async {
			n = 1
		}
		u.rx = u.in.take(u.rx, n)
	}
}

// Poll moves available input into the RX FIFO and updates the interrupt line.
// The machine calls it between scheduling quanta. Scripted input is offered
// here only to an interrupt-driven driver (IER.RDI set), which does not look
// before the interrupt comes.
func (u *UART) Poll() {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.in != nil && u.mcr&mcrLoop == 0 {
		if u.in.async {
			u.rx = u.in.take(u.rx, uartFIFODepth)
		} else if u.ier&ierRDI != 0 {
			u.refill()
		}
	}
	u.updateIRQ()
}

// Flush writes out a partial last line to OnLine (at the end of a run).
func (u *UART) Flush() {
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.line) > 0 && u.OnLine != nil {
		u.OnLine(string(u.line))
		u.line = u.line[:0]
	}
}

// InputPending reports whether input may still arrive asynchronously (from a
// terminal or pipe) and would raise the RX interrupt: a reason for a machine
// whose harts all sleep to wait rather than report a deadlock. (A polling
// driver never sleeps in WFI, so it needs no such reason.)
func (u *UART) InputPending() bool {
	u.mu.Lock()
	rdi := u.ier&ierRDI != 0
	u.mu.Unlock()
	return rdi && u.in != nil && u.in.async && !u.in.closed()
}

// WaitInput blocks until asynchronous input arrives or ends, or done is closed.
func (u *UART) WaitInput(done <-chan struct{}) {
	if u.in != nil {
		u.in.wait(done)
	}
}
