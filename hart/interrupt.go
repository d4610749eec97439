package hart

// Interrupt numbers: bit positions in mip and mie (and the xIE bit of the same
// number), and the cause code of the interrupt trap.
const (
	SSIP = 1
	MSIP = 3
	STIP = 5
	MTIP = 7
	SEIP = 9
	MEIP = 11
)

// interruptOrder is the priority order of privileged spec 3.1.9: MEI, MSI, MTI,
// SEI, SSI, STI (higher privilege first, then external, software, timer).
var interruptOrder = [...]uint{MEIP, MSIP, MTIP, SEIP, SSIP, STIP}

// Lines from devices, set from any goroutine. SEIP has both a line (the PLIC's
// S-mode context) and a software-writable bit; mip.SEIP reads as their OR.
const lineMask = 1<<MSIP | 1<<MTIP | 1<<MEIP | 1<<SEIP

// SetMIP drives an interrupt line: MSIP (3), MTIP (7), MEIP (11) or the
// external SEIP line (9). Other bits are ignored; SSIP and STIP are written by
// software (and STIP by stimecmp under Sstc). Safe from any goroutine; a
// running hart sees the change at its next Run call.
func (h *Hart) SetMIP(bit uint, level bool) {
	if bit >= 64 || lineMask>>bit&1 == 0 {
		return
	}
	for {
		old := h.lines.Load()
		if h.lines.CompareAndSwap(old, setBit(old, 1<<bit, level)) {
			return
		}
	}
}

// mip returns the pending interrupts as the mip CSR reads: software bits,
// device lines, and STIP from stimecmp when menvcfg.STCE is set.
func (h *Hart) mip() uint64 {
	v := h.mipSW | h.lines.Load()
	if h.menvcfg&menvcfgSTCE != 0 {
		v &^= 1 << STIP
		if h.time() >= h.stimecmp {
			v |= 1 << STIP
		}
	}
	return v
}

// Pending returns mip & mie: the interrupts that would wake the hart from WFI.
// It reads mtime only when the Sstc timer can matter (STCE and STIE set),
// since Run asks at every call.
func (h *Hart) Pending() uint64 {
	v := (h.mipSW | h.lines.Load()) & h.mie
	if h.menvcfg&menvcfgSTCE != 0 {
		v &^= 1 << STIP
		if h.mie&(1<<STIP) != 0 && h.time() >= h.stimecmp {
			v |= 1 << STIP
		}
	}
	return v
}

// WouldWake reports whether a WFI-sleeping hart would wake now: some interrupt
// is pending and enabled in mie, whatever mstatus and delegation say (spec
// 3.3.3).
func (h *Hart) WouldWake() bool { return h.Pending() != 0 }

// Waiting reports whether the hart sleeps in WFI. Safe from any goroutine.
func (h *Hart) Waiting() bool { return h.shared.flags[h.slot].waiting.Load() }

func (h *Hart) setWaiting(on bool) {
	h.wfi = on
	h.shared.flags[h.slot].waiting.Store(on)
}

// takeInterrupt takes the highest-priority interrupt that is pending, enabled
// and allowed at the current privilege (spec 3.1.6.1, 3.1.9): M-level ones
// (not delegated) when below M or when mstatus.MIE is set; S-level ones when
// below S or in S with sstatus.SIE set.
func (h *Hart) takeInterrupt() bool {
	pend := h.Pending()
	if pend == 0 {
		return false
	}
	var take uint64
	if h.priv < PrivM || h.mstatus&mstatusMIE != 0 {
		take = pend &^ h.mideleg
	}
	if h.priv < PrivS || h.priv == PrivS && h.mstatus&mstatusSIE != 0 {
		take |= pend & h.mideleg
	}
	if take == 0 {
		return false
	}
	// M-level interrupts outrank S-level ones whatever their number.
	if m := take &^ h.mideleg; m != 0 {
		take = m
	}
	for _, irq := range interruptOrder {
		if take>>irq&1 != 0 {
			h.trap(CauseInterrupt|uint64(irq), 0, h.pc)
			return true
		}
	}
	return false
}
