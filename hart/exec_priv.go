package hart

import "github.com/rvstop/rvstop/isa"

// execPriv executes the privileged instructions (privileged spec 3.3 and 4.2).
// It returns the next pc and whether the instruction retired.
func (h *Hart) execPriv(e *icEntry, pc, next uint64) (uint64, bool) {
	st := h.mstatus
	switch e.inst.Op {
	case isa.MRET:
		if h.priv < PrivM {
			break
		}
		// Back to MPP with MIE restored from MPIE; MPIE set, MPP to U (the
		// least-privileged mode); leaving M clears MPRV.
		to := Priv(st >> mstatusMPPShift & 3)
		st = setBit(st, mstatusMIE, st&mstatusMPIE != 0) | mstatusMPIE
		st &^= mstatusMPP
		if to != PrivM {
			st &^= mstatusMPRV
		}
		h.mstatus, h.priv = st, to
		h.xret()
		return h.mepc, true
	case isa.SRET:
		// Illegal in U-mode, and in S-mode when mstatus.TSR traps it to M.
		if h.priv < PrivS || h.priv == PrivS && st&mstatusTSR != 0 {
			break
		}
		to := PrivU
		if st&mstatusSPP != 0 {
			to = PrivS
		}
		st = setBit(st, mstatusSIE, st&mstatusSPIE != 0) | mstatusSPIE
		st &^= mstatusSPP | mstatusMPRV
		h.mstatus, h.priv = st, to
		h.xret()
		return h.sepc, true
	case isa.WFI:
		// With S-mode present WFI is illegal in U-mode, and in S-mode when
		// mstatus.TW is set (we time out at once, like QEMU).
		if h.priv == PrivU || h.priv == PrivS && st&mstatusTW != 0 {
			break
		}
		// A pending and enabled interrupt makes WFI a no-op; otherwise the
		// hart sleeps after retiring it (mepc of the wake-up interrupt is the
		// next instruction).
		if !h.WouldWake() {
			h.setWaiting(true)
			h.stop, h.event = StopWFI, true
		}
		return next, true
	case isa.SFENCE_VMA:
		// No translation, so nothing to flush; the access rules still apply.
		if h.priv == PrivU || h.priv == PrivS && st&mstatusTVM != 0 {
			break
		}
		return next, true
	}
	h.illegal(e, pc)
	return 0, false
}

// xret finishes mret and sret: interrupts may now be takeable, and the
// reservation is dropped (the spec allows it; it keeps a trap handler from
// letting an interrupted LR/SC sequence succeed).
func (h *Hart) xret() {
	h.shared.clear(h.slot)
	h.event = true
}
