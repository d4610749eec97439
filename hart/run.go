package hart

import "github.com/rvstop/rvstop/isa"

// StopReason says why Run returned.
type StopReason uint8

const (
	StopBudget     StopReason = iota // the budget is used up
	StopWFI                          // the hart executed wfi and sleeps
	StopEbreak                       // ebreak with SetDebugEbreak(true); pc is at the ebreak
	StopBreakpoint                   // pc is at a breakpoint, not yet executed
	StopRequested                    // RequestStop was called
)

var stopNames = [...]string{"budget", "wfi", "ebreak", "breakpoint", "requested"}

func (r StopReason) String() string { return stopNames[r] }

// Run executes up to budget instructions. executed counts instructions that
// retired or trapped; taking an interrupt uses no budget. A sleeping hart (see
// Waiting) wakes when WouldWake is true, otherwise Run returns (0, StopWFI).
func (h *Hart) Run(budget uint64) (executed uint64, why StopReason) {
	if h.shared.stopReq(h.slot) {
		return 0, StopRequested
	}
	if h.wfi {
		if !h.WouldWake() {
			return 0, StopWFI
		}
		h.setWaiting(false)
	}
	h.event = true
	if h.tracer != nil || len(h.breakpoints) != 0 {
		return h.runObserved(budget)
	}
	h.skipBreak = 0
	// interpret runs the straight-line stretches; everything rare
	// (interrupts, stops) happens here between them, behind h.event.
	n := uint64(0)
	for {
		for h.event { // taking an interrupt sets it again
			if why, stop := h.handleEvent(); stop {
				return uncount(n, why), why
			}
		}
		if n >= budget {
			return n, StopBudget
		}
		n += h.interpret(budget - n)
	}
}

// handleEvent runs between instructions when h.event is set: it reports a
// stop, or takes the highest-priority takeable interrupt.
func (h *Hart) handleEvent() (StopReason, bool) {
	h.event = false
	if h.stop != StopBudget {
		why := h.stop
		h.stop = StopBudget
		return why, true
	}
	h.takeInterrupt()
	return StopBudget, false
}

// runObserved is Run with breakpoints and the tracer: it snapshots what the
// Retired record needs before each instruction and compares after.
func (h *Hart) runObserved(budget uint64) (uint64, StopReason) {
	n := uint64(0)
	var r Retired
	for {
		// Taking an interrupt sets h.event again: loop until it stays clear.
		for h.event {
			if why, stop := h.handleEvent(); stop {
				return uncount(n, why), why
			}
		}
		if n >= budget {
			return n, StopBudget
		}
		pc := h.pc
		if len(h.breakpoints) != 0 && h.atBreakpoint(pc) {
			return n, StopBreakpoint
		}
		if h.tracer == nil {
			n += h.interpret(1)
			continue
		}
		// Decode without taking a trap to snapshot what Retired needs; a
		// fetch fault shows up as a trap in interpret.
		e, c := h.peek(pc)
		if c != noTrap {
			n += h.interpret(1)
			continue
		}
		in := &e.inst
		rs1, rs2 := h.x[in.Rs1&31], h.x[in.Rs2&31]
		// Field by field, not a composite literal: building the literal
		// and copying it costed more than the rest of this loop.
		r.PC, r.Raw, r.Inst, r.Priv, r.Rd = pc, e.bits(), *in, h.priv, in.Rd
		r.RdOld = h.x[in.Rd&31]
		r.CSRWritten, r.CSR, r.CSROld, r.CSRNew = false, 0, 0, 0
		isCSR := in.Op >= isa.CSRRW && in.Op <= isa.CSRRCI
		if isCSR {
			r.CSR = in.CSR
			r.CSROld, _ = h.csrRead(in.CSR)
		}
		traps := h.traps
		k := h.interpret(1)
		n += k
		if k == 0 || h.traps != traps || (h.stop == StopEbreak && h.pc == pc) {
			continue // not run (an event came first), trapped or stopped: nothing retired
		}
		r.Next = h.priv
		r.RdNew = h.x[in.Rd&31]
		r.RdWritten = in.Rd != 0 && writesRd(in.Op)
		if isCSR {
			r.CSRWritten = csrWrites(in)
			r.CSRNew, _ = h.csrRead(in.CSR)
		}
		describeMem(h, &r, rs1, rs2)
		h.tracer.Retire(h, &r)
	}
}

// RequestStop makes the hart's current or next Run return StopRequested at
// its next call boundary; safe from any goroutine.
func (h *Hart) RequestStop() { h.shared.requestStop(h.slot) }

// StopSoon ends the current Run right after the instruction being executed,
// with StopRequested. Unlike RequestStop it may only be called on the
// goroutine running the hart: the board calls it when a store this hart makes
// ends the run (the sifive_test finisher), so no instruction runs after the
// guest asked to stop, as on QEMU.
func (h *Hart) StopSoon() { h.stop, h.event = StopRequested, true }

// uncount removes a debug-stopped ebreak from the executed count: it neither
// retired nor trapped (every other stop happens between instructions).
func uncount(n uint64, why StopReason) uint64 {
	if why == StopEbreak {
		return n - 1
	}
	return n
}

// atBreakpoint reports whether to stop before the instruction at pc: it is a
// breakpoint and we are not resuming from it.
func (h *Hart) atBreakpoint(pc uint64) bool {
	if _, bp := h.breakpoints[pc]; !bp || h.skipBreak == pc+1 {
		h.skipBreak = 0
		return false
	}
	h.skipBreak = pc + 1 // resuming here executes the instruction
	return true
}
