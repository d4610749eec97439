package hart

import "github.com/rvstop/rvstop/isa"

// execA executes the A extension (unprivileged spec chapter 8). Addresses must
// be naturally aligned: LR raises a load-misaligned exception, SC and AMOs a
// store/AMO-misaligned one, whatever the Misaligned setting. It reports whether
// the instruction retired.
func (h *Hart) execA(e *icEntry, pc uint64) bool {
	in := &e.inst
	x := &h.x
	addr, src := x[in.Rs1&31], x[in.Rs2&31]
	size := 4
	if in.Op >= isa.LR_D {
		size = 8
	}
	if addr&uint64(size-1) != 0 {
		c := uint64(CauseStoreMisaligned)
		if in.Op == isa.LR_W || in.Op == isa.LR_D {
			c = CauseLoadMisaligned
		}
		h.exception(c, addr, pc)
		return false
	}
	var r uint64
	switch in.Op {
	case isa.LR_W, isa.LR_D:
		v, ok := h.loadReserved(addr, size)
		if !ok {
			h.exception(CauseLoadAccess, addr, pc)
			return false
		}
		r = v
	case isa.SC_W, isa.SC_D:
		r = 1 // failure code
		if h.storeConditional(addr, size, src) {
			r = 0
		}
	default:
		old, ok := h.amo(in.Op, addr, size, src)
		if !ok {
			h.exception(CauseStoreAccess, addr, pc)
			return false
		}
		r = old
	}
	if size == 4 {
		r = sext32(r)
	}
	x[in.Rd&31] = r
	return true
}

// amoResult is the value an AMO stores, given the old memory value and rs2.
// For .w forms both are 32-bit quantities (the comparisons are on 32 bits).
func amoResult(op isa.Op, old, src uint64) uint64 {
	switch op {
	case isa.AMOSWAP_W, isa.AMOSWAP_D:
		return src
	case isa.AMOADD_W, isa.AMOADD_D:
		return old + src
	case isa.AMOXOR_W, isa.AMOXOR_D:
		return old ^ src
	case isa.AMOAND_W, isa.AMOAND_D:
		return old & src
	case isa.AMOOR_W, isa.AMOOR_D:
		return old | src
	case isa.AMOMIN_W:
		return pick(int32(old) < int32(src), old, src)
	case isa.AMOMAX_W:
		return pick(int32(old) > int32(src), old, src)
	case isa.AMOMINU_W:
		return pick(uint32(old) < uint32(src), old, src)
	case isa.AMOMAXU_W:
		return pick(uint32(old) > uint32(src), old, src)
	case isa.AMOMIN_D:
		return pick(int64(old) < int64(src), old, src)
	case isa.AMOMAX_D:
		return pick(int64(old) > int64(src), old, src)
	case isa.AMOMINU_D:
		return pick(old < src, old, src)
	case isa.AMOMAXU_D:
		return pick(old > src, old, src)
	}
	return old
}

func pick(c bool, a, b uint64) uint64 {
	if c {
		return a
	}
	return b
}

// amo performs a read-modify-write and returns the old value (zero-extended
// for .w). In RAM it is atomic with respect to every hart: a plain update in
// the deterministic mode (one goroutine), a compare-and-swap loop in parallel
// mode. Outside RAM it is a Bus load then store (devices are not shared
// memory). It breaks other harts' reservations like any store.
func (h *Hart) amo(op isa.Op, addr uint64, size int, src uint64) (uint64, bool) {
	mask := ^uint64(0)
	if size == 4 {
		mask = 0xffffffff
	}
	off, inRAM := h.inRAM(addr, size)
	var old uint64
	switch {
	case inRAM && h.par:
		for {
			old = h.ramLoadAtomic(off, size)
			if h.ramCAS(off, size, old, amoResult(op, old, src)&mask) {
				break
			}
		}
	case inRAM:
		old = h.ramLoad(off, size)
		h.ramStore(off, size, amoResult(op, old, src))
	default:
		if h.bus == nil {
			return 0, false
		}
		v, ok := h.bus.Load(addr, size)
		if !ok || !h.bus.Store(addr, size, amoResult(op, v, src)&mask) {
			return 0, false
		}
		old = v
	}
	h.storeDone(addr, size)
	h.memVal = old
	return old, true
}

// loadReserved is LR: read and register a reservation on the granule. Only
// RAM can be reserved; LR elsewhere is an access fault.
func (h *Hart) loadReserved(addr uint64, size int) (uint64, bool) {
	off, inRAM := h.inRAM(addr, size)
	if !inRAM {
		return 0, false
	}
	sh := h.shared
	if h.par {
		sh.mu.Lock()
		defer sh.mu.Unlock()
	}
	sh.reserve(h.slot, addr)
	var v uint64
	if h.par {
		v = h.ramLoadAtomic(off, size)
	} else {
		v = h.ramLoad(off, size)
	}
	h.lrAddr, h.lrVal, h.memVal = addr, v, v
	return v, true
}

// storeConditional is SC: store only if this hart still holds the reservation
// made by an LR of the same address. In parallel mode the store is also a
// compare-and-swap against the value LR read, which closes the window between
// another hart's store and its breaking of our reservation. The reservation is
// gone afterwards, success or not.
func (h *Hart) storeConditional(addr uint64, size int, v uint64) bool {
	sh := h.shared
	if h.par {
		sh.mu.Lock()
		defer sh.mu.Unlock()
	}
	ok := sh.holds(h.slot, addr) && h.lrAddr == addr
	sh.clear(h.slot)
	h.scOK = false
	if !ok {
		return false
	}
	off, _ := h.inRAM(addr, size) // LR only reserves RAM
	if h.par {
		if !h.ramCAS(off, size, h.lrVal, v) {
			return false
		}
	} else {
		h.ramStore(off, size, v)
	}
	h.storeDone(addr, size)
	h.scOK = true
	return true
}
