package hart

// Exception causes (privileged spec, table 3.6: mcause values with the
// interrupt bit clear).
const (
	CauseFetchMisaligned = 0
	CauseFetchAccess     = 1
	CauseIllegal         = 2
	CauseBreakpoint      = 3
	CauseLoadMisaligned  = 4
	CauseLoadAccess      = 5
	CauseStoreMisaligned = 6 // also AMO and SC
	CauseStoreAccess     = 7 // also AMO and SC
	CauseEcallU          = 8
	CauseEcallS          = 9
	CauseEcallM          = 11
	CauseFetchPage       = 12
	CauseLoadPage        = 13
	CauseStorePage       = 15
)

// CauseInterrupt is mcause's interrupt bit; the rest is the mip bit number.
const CauseInterrupt = 1 << 63

// exception takes a synchronous trap for the instruction at epc.
func (h *Hart) exception(cause, tval, epc uint64) { h.trap(cause, tval, epc) }

// illegal raises an illegal-instruction exception; tval holds the instruction
// bits (16 of them for a compressed instruction), as QEMU and Spike report.
func (h *Hart) illegal(e *icEntry, pc uint64) { h.trap(CauseIllegal, uint64(e.bits()), pc) }

// trap enters the trap handler: S-mode if the cause is delegated and the hart
// is not in M-mode (privileged spec 3.1.8), M-mode otherwise.
func (h *Hart) trap(cause, tval, epc uint64) {
	from := h.priv
	code := cause &^ CauseInterrupt
	deleg := h.medeleg
	if cause&CauseInterrupt != 0 {
		deleg = h.mideleg
	}
	if from <= PrivS && code < 64 && deleg>>code&1 != 0 {
		h.sepc, h.scause, h.stval = epc, cause, tval
		st := h.mstatus
		st = setBit(st, mstatusSPIE, st&mstatusSIE != 0)
		st = setBit(st, mstatusSPP, from == PrivS)
		h.mstatus = st &^ mstatusSIE
		h.priv = PrivS
		h.pc = vector(h.stvec, cause)
	} else {
		h.mepc, h.mcause, h.mtval = epc, cause, tval
		st := h.mstatus
		st = setBit(st, mstatusMPIE, st&mstatusMIE != 0)
		st = st&^mstatusMPP | uint64(from)<<mstatusMPPShift
		h.mstatus = st &^ mstatusMIE
		h.priv = PrivM
		h.pc = vector(h.mtvec, cause)
	}
	h.shared.clear(h.slot)
	h.traps++
	h.lastTrap = TrapInfo{Cause: cause, Tval: tval, EPC: epc, From: from, To: h.priv, Count: h.traps}
	h.event = true
	if h.tracer != nil {
		t := h.lastTrap
		h.tracer.Trap(h, &t)
	}
}

// vector is the handler address for a cause under an xtvec value: the base,
// plus 4*cause for interrupts in vectored mode.
func vector(tvec, cause uint64) uint64 {
	base := tvec &^ 3
	if tvec&3 == 1 && cause&CauseInterrupt != 0 {
		return base + 4*(cause&^CauseInterrupt)
	}
	return base
}

func setBit(v, bit uint64, on bool) uint64 {
	if on {
		return v | bit
	}
	return v &^ bit
}
