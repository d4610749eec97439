package hart

import "github.com/rvstop/rvstop/isa"

// Tracer observes a hart. With a tracer set, Run uses its observing loop,
// which calls Retire after every retired instruction and Trap for every
// exception or interrupt taken. The pointers are valid only during the call.
type Tracer interface {
	Retire(h *Hart, r *Retired)
	Trap(h *Hart, t *TrapInfo)
}

// SetTracer installs t (nil removes it). Without a tracer and breakpoints Run
// pays one nil check per call and nothing per instruction.
func (h *Hart) SetTracer(t Tracer) { h.tracer = t }

// MemKind says what a retired instruction did to memory.
type MemKind uint8

const (
	MemNone MemKind = iota
	MemLoad
	MemStore
	MemLR
	MemSCOK   // store-conditional that stored
	MemSCFail // store-conditional that failed: nothing stored
	MemAMO    // read-modify-write: MemValue stored, Retired.RdNew read
)

var memKindNames = [...]string{"none", "load", "store", "lr", "sc", "sc-fail", "amo"}

func (k MemKind) String() string { return memKindNames[k] }

// Retired describes one retired instruction.
type Retired struct {
	PC   uint64
	Raw  uint32 // 16 significant bits for a compressed instruction
	Inst isa.Inst
	Priv Priv // mode it executed in
	Next Priv // mode after it (differs for mret and sret)

	RdWritten    bool // an integer register other than x0 was written
	Rd           uint8
	RdOld, RdNew uint64

	Mem      MemKind
	MemAddr  uint64
	MemSize  int
	MemValue uint64 // loaded (load, LR) or stored (store, SC, AMO) value

	CSRWritten     bool // a CSR instruction that writes (even the same value)
	CSR            uint16
	CSROld, CSRNew uint64
}

// TrapInfo describes a trap taken: an exception (Cause < 2^63) or an
// interrupt (Cause has bit 63 set).
type TrapInfo struct {
	Cause, Tval uint64
	EPC         uint64 // the pc saved in mepc/sepc
	From, To    Priv
	Count       uint64 // how many traps this hart has taken, this one included
}

// Interrupt reports whether the trap was an interrupt.
func (t TrapInfo) Interrupt() bool { return t.Cause>>63 != 0 }

// writesRd reports whether op writes its rd field.
func writesRd(op isa.Op) bool {
	switch {
	case op >= isa.BEQ && op <= isa.BGEU, op >= isa.SB && op <= isa.SD,
		op >= isa.FENCE && op <= isa.FENCE_I, op >= isa.SRET:
		return false
	}
	return op != isa.ILLEGAL
}

// describeMem fills the memory fields of r from the operands read before the
// instruction (rs1, rs2) and its results.
func describeMem(h *Hart, r *Retired, rs1, rs2 uint64) {
	in := &r.Inst
	addr := rs1 + uint64(in.Imm)
	r.Mem, r.MemAddr, r.MemSize, r.MemValue = MemNone, 0, 0, 0
	switch op := in.Op; {
	case op >= isa.LB && op <= isa.LWU:
		sizes := [...]int{1, 2, 4, 8, 1, 2, 4}
		r.Mem, r.MemAddr, r.MemSize = MemLoad, addr, sizes[op-isa.LB]
		r.MemValue = r.RdNew & sizeMask(r.MemSize)
	case op >= isa.SB && op <= isa.SD:
		r.Mem, r.MemAddr, r.MemSize = MemStore, addr, 1<<(op-isa.SB)
		r.MemValue = rs2 & sizeMask(r.MemSize)
	case op >= isa.LR_W && op <= isa.AMOMAXU_D:
		r.MemAddr, r.MemSize = rs1, 4
		if op >= isa.LR_D {
			r.MemSize = 8
		}
		m := sizeMask(r.MemSize)
		switch op {
		case isa.LR_W, isa.LR_D:
			r.Mem, r.MemValue = MemLR, h.memVal&m
		case isa.SC_W, isa.SC_D:
			r.Mem, r.MemValue = MemSCFail, rs2&m
			if h.scOK {
				r.Mem = MemSCOK
			}
		default:
			r.Mem, r.MemValue = MemAMO, amoResult(op, h.memVal, rs2)&m
		}
	}
}

func sizeMask(n int) uint64 {
	if n == 8 {
		return ^uint64(0)
	}
	return 1<<(8*n) - 1
}
