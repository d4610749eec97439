package hart

import "github.com/rvstop/rvstop/isa"

// execZicsr executes the CSR instructions (unprivileged spec chapter 9):
// read the old value into rd, write the new one if the instruction writes.
// An access the current mode may not make, a write to a read-only CSR, or a
// CSR that does not exist raises illegal-instruction. It reports whether the
// instruction retired.
func (h *Hart) execZicsr(e *icEntry, pc uint64) bool {
	in := &e.inst
	write := csrWrites(in)
	if !h.csrAccess(in.CSR, write) {
		h.illegal(e, pc)
		return false
	}
	old, ok := h.csrRead(in.CSR)
	if !ok {
		h.illegal(e, pc)
		return false
	}
	src := h.x[in.Rs1&31]
	if in.Op >= isa.CSRRWI {
		src = uint64(in.Imm) // zimm
	}
	if write {
		// The read-modify-write forms start from the software-writable
		// value: mip.SEIP reads as the OR with the PLIC's line, but setting
		// another bit must not latch the line into the software bit
		// (privileged spec 3.1.9).
		base := old
		if in.CSR == isa.CSR_MIP && h.mipSW&(1<<SEIP) == 0 {
			base &^= 1 << SEIP
		}
		switch in.Op {
		case isa.CSRRW, isa.CSRRWI:
			h.csrWrite(in.CSR, src)
		case isa.CSRRS, isa.CSRRSI:
			h.csrWrite(in.CSR, base|src)
		case isa.CSRRC, isa.CSRRCI:
			h.csrWrite(in.CSR, base&^src)
		}
	}
	h.x[in.Rd&31] = old
	return true
}

// csrWrites reports whether a CSR instruction writes its CSR: csrrw always
// (even with rd=x0); csrrs and csrrc only with rs1 != x0 (the register, not
// its value); the immediate forms only with a nonzero zimm.
func csrWrites(in *isa.Inst) bool {
	switch in.Op {
	case isa.CSRRW, isa.CSRRWI:
		return true
	case isa.CSRRS, isa.CSRRC:
		return in.Rs1 != 0
	}
	return in.Imm != 0
}
