package gdbstub

import (
	"context"
	"fmt"
	"sync"
)

// fakeTarget is a toy machine for the stub's tests: every "instruction" adds 4
// to the hart's pc, harts take turns one instruction each, and memory is one
// RAM block. It records what the stub asked of it.
type fakeTarget struct {
	mu       sync.Mutex
	harts    []fakeHart
	base     uint64
	mem      []byte
	breaks   map[fakeBreak]bool
	maxRun   int    // instructions a Continue may run before StopHalted; 0: forever
	exitPC   uint64 // a hart reaching this pc ends the machine with status exitCode
	exitCode int
	next     *Stop // forced result of the next Continue (watchpoint tests)
	detached int
	executed []int         // per hart: instructions executed
	started  chan struct{} // closed when a Continue starts (interrupt tests)
}

type fakeHart struct {
	x    [32]uint64
	pc   uint64
	priv uint64
	csr  map[uint16]uint64
}

type fakeBreak struct {
	kind BreakKind
	addr uint64
	size uint64
}

func newFake(n int) *fakeTarget {
	f := &fakeTarget{base: 0x80000000, mem: make([]byte, 0x1000), breaks: map[fakeBreak]bool{},
		executed: make([]int, n), maxRun: 100000}
	for i := 0; i < n; i++ {
		h := fakeHart{pc: 0x80000000, priv: 3, csr: map[uint16]uint64{0x300: 0x1800, 0xf14: uint64(i)}}
		for r := 1; r < 32; r++ {
			h.x[r] = uint64(i)<<32 | uint64(r)
		}
		f.harts = append(f.harts, h)
	}
	return f
}

func (f *fakeTarget) NumHarts() int { return len(f.harts) }

func (f *fakeTarget) CSRs() []uint16 { return []uint16{0x300, 0x305, 0xf14, 0x7c0} }

func (f *fakeTarget) ReadReg(hart, reg int) (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := &f.harts[hart]
	switch {
	case reg == 0:
		return 0, nil
	case reg < 32:
		return h.x[reg], nil
	case reg == RegPC:
		return h.pc, nil
	case reg == RegPriv:
		return h.priv, nil
	case reg >= RegCSR0 && reg < RegCSR0+4096:
		if v, ok := h.csr[uint16(reg-RegCSR0)]; ok {
			return v, nil
		}
	}
	return 0, ErrNoReg
}

func (f *fakeTarget) WriteReg(hart, reg int, v uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := &f.harts[hart]
	switch {
	case reg == 0:
	case reg < 32:
		h.x[reg] = v
	case reg == RegPC:
		h.pc = v
	case reg == RegPriv:
		if v != 0 && v != 1 && v != 3 {
			return fmt.Errorf("bad priv %d", v)
		}
		h.priv = v
	case reg >= RegCSR0 && reg < RegCSR0+4096:
		if _, ok := h.csr[uint16(reg-RegCSR0)]; !ok {
			return ErrNoReg
		}
		h.csr[uint16(reg-RegCSR0)] = v
	default:
		return ErrNoReg
	}
	return nil
}

func (f *fakeTarget) ReadMem(hart int, addr uint64, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		a := addr + uint64(n)
		if a < f.base || a-f.base >= uint64(len(f.mem)) {
			return n, fmt.Errorf("access fault at %#x", a)
		}
		buf[n] = f.mem[a-f.base]
		n++
	}
	return n, nil
}

func (f *fakeTarget) WriteMem(hart int, addr uint64, data []byte) (int, error) {
	for n, b := range data {
		a := addr + uint64(n)
		if a < f.base || a-f.base >= uint64(len(f.mem)) {
			return n, fmt.Errorf("access fault at %#x", a)
		}
		f.mem[a-f.base] = b
	}
	return len(data), nil
}

func (f *fakeTarget) AddBreakpoint(kind BreakKind, addr, size uint64) error {
	if kind == WatchRead {
		return ErrUnsupported
	}
	f.breaks[fakeBreak{kind, addr, size}] = true
	return nil
}

func (f *fakeTarget) RemoveBreakpoint(kind BreakKind, addr, size uint64) error {
	delete(f.breaks, fakeBreak{kind, addr, size})
	return nil
}

func (f *fakeTarget) Detach() {
	f.detached++
	clear(f.breaks)
}

// exec runs one instruction on a hart and reports a stop if the new pc is
// the exit address or carries a breakpoint.
func (f *fakeTarget) exec(hart int) (Stop, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := &f.harts[hart]
	h.pc += 4
	f.executed[hart]++
	if f.exitPC != 0 && h.pc == f.exitPC {
		return Stop{Reason: StopExited, Hart: hart, Code: f.exitCode}, true
	}
	for b := range f.breaks {
		if h.pc == b.addr && (b.kind == BreakSoftware || b.kind == BreakHardware) {
			r := StopBreak
			if b.kind == BreakHardware {
				r = StopHWBreak
			}
			return Stop{Reason: r, Hart: hart}, true
		}
	}
	return Stop{}, false
}

func (f *fakeTarget) Step(ctx context.Context, hart int) Stop {
	if st, ok := f.exec(hart); ok && st.Reason == StopExited {
		return st
	}
	return Stop{Reason: StopStep, Hart: hart}
}

func (f *fakeTarget) Continue(ctx context.Context, run []bool) Stop {
	if f.started != nil {
		close(f.started)
		f.started = nil
	}
	if f.next != nil {
		st := *f.next
		f.next = nil
		return st
	}
	for i := 0; f.maxRun == 0 || i < f.maxRun; i++ {
		if ctx.Err() != nil {
			return Stop{Reason: StopInterrupt}
		}
		for h, r := range run {
			if r {
				if st, ok := f.exec(h); ok {
					return st
				}
			}
		}
	}
	return Stop{Reason: StopHalted}
}
