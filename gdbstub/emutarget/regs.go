package emutarget

import (
	"fmt"

	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/hart"
)

// ReadReg implements gdbstub.Target with the hart's debugger accessors: CSR
// reads have no side effects and no privilege check.
func (t *Target) ReadReg(h, reg int) (uint64, error) {
	t.waitParked()
	if h < 0 || h >= len(t.harts) {
		return 0, gdbstub.ErrNoReg
	}
	ht := t.harts[h]
	switch {
	case reg >= gdbstub.RegX0 && reg < gdbstub.RegX0+32:
		return ht.X(reg - gdbstub.RegX0), nil
	case reg == gdbstub.RegPC:
		return ht.PC(), nil
	case reg == gdbstub.RegPriv:
		return uint64(ht.Priv()), nil
	case reg >= gdbstub.RegCSR0 && reg < gdbstub.RegCSR0+4096:
		if v, ok := ht.ReadCSR(uint16(reg - gdbstub.RegCSR0)); ok {
			return v, nil
		}
	}
	return 0, gdbstub.ErrNoReg
}

// WriteReg implements gdbstub.Target. CSR writes follow the CSR's WARL
// rules, as a csrw would; priv accepts only the modes that exist.
func (t *Target) WriteReg(h, reg int, v uint64) error {
	t.waitParked()
	if h < 0 || h >= len(t.harts) {
		return gdbstub.ErrNoReg
	}
	ht := t.harts[h]
	switch {
	case reg >= gdbstub.RegX0 && reg < gdbstub.RegX0+32:
		ht.SetX(reg-gdbstub.RegX0, v)
	case reg == gdbstub.RegPC:
		ht.SetPC(v)
	case reg == gdbstub.RegPriv:
		p := hart.Priv(v)
		if v > 3 || (p != hart.PrivU && p != hart.PrivS && p != hart.PrivM) {
			return fmt.Errorf("gdb: no privilege mode %d", v)
		}
		ht.SetPriv(p)
	case reg >= gdbstub.RegCSR0 && reg < gdbstub.RegCSR0+4096:
		if !ht.WriteCSR(uint16(reg-gdbstub.RegCSR0), v) {
			return gdbstub.ErrNoReg
		}
	default:
		return gdbstub.ErrNoReg
	}
	return nil
}

// CSRs implements gdbstub.Target: every CSR hart 0 implements, in address
// order. Reading is enough to probe: ReadCSR fails exactly for CSRs that do
// not exist.
func (t *Target) CSRs() []uint16 {
	t.waitParked()
	var out []uint16
	if len(t.harts) == 0 {
		return out
	}
	for n := uint16(0); n < 4096; n++ {
		if _, ok := t.harts[0].ReadCSR(n); ok {
			out = append(out, n)
		}
	}
	return out
}
