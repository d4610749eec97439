package emutarget

import (
	"fmt"

	"github.com/rvstop/rvstop/emu"
)

// Memory as a debugger sees it. The harts translate nothing yet (satp is
// Bare), so a hart's view is physical memory: RAM directly, and the boot ROM
// through the hart's instruction fetch (Hart.Decode). Device registers are
// refused: reading a UART or PLIC register has side effects (it pops input,
// claims an interrupt), and a debugger's look must not change the run.

// bootROM is where QEMU's virt puts its mask ROM, and so does emu.
const (
	bootROMBase = 0x1000
	bootROMEnd  = 0x1000 + 0xf000
)

// ReadMem implements gdbstub.Target.
func (t *Target) ReadMem(h int, addr uint64, buf []byte) (int, error) {
	t.waitParked()
	if h < 0 || h >= len(t.harts) {
		return 0, fmt.Errorf("gdb: no hart %d", h)
	}
	ram := t.m.RAM()
	for n := 0; n < len(buf); {
		a := addr + uint64(n)
		switch {
		case a >= emu.RAMBase && a-emu.RAMBase < uint64(len(ram)):
			n += copy(buf[n:], ram[a-emu.RAMBase:])
		case a >= bootROMBase && a < bootROMEnd:
			// Decode fetches 2 or 4 bytes at an even address; the low
			// half-word is what is stored there.
			_, raw, ok := t.harts[h].Decode(a &^ 1)
			if !ok {
				return n, fmt.Errorf("gdb: cannot read %#x", a)
			}
			buf[n] = byte(raw >> (8 * (a & 1)))
			n++
		default:
			return n, fmt.Errorf("gdb: no memory at %#x (device registers are not read by the debugger)", a)
		}
	}
	return len(buf), nil
}

// WriteMem implements gdbstub.Target: RAM only. Harts notice code written
// here because their decode cache checks the raw bits on every fetch.
func (t *Target) WriteMem(h int, addr uint64, data []byte) (int, error) {
	t.waitParked()
	ram := t.m.RAM()
	if addr < emu.RAMBase || addr-emu.RAMBase >= uint64(len(ram)) {
		return 0, fmt.Errorf("gdb: %#x is not RAM", addr)
	}
	n := copy(ram[addr-emu.RAMBase:], data)
	if n < len(data) {
		return n, fmt.Errorf("gdb: %#x is not RAM", addr+uint64(n))
	}
	return n, nil
}
