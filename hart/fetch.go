package hart

import (
	"unsafe"

	"github.com/rvstop/rvstop/isa"
)

// The decoded-instruction cache: direct-mapped by pc, tagged with the raw
// instruction bits. A decoded isa.Inst depends only on those bits, so an entry
// is valid for any pc whose fetched bits equal its tag; every fetch reads the
// bits anyway (one host load), which makes stale code impossible without any
// invalidation on stores or fence.i. The zero entry (raw 0, Op ILLEGAL) is
// itself correct: 0 is the defined illegal instruction.
const (
	icacheBits = 12
	icacheSize = 1 << icacheBits
)

type icEntry struct {
	inst isa.Inst
	// raw is the tag: the 32 bits at pc, which for a compressed instruction
	// include the next halfword. Masking that off would cost every fetch
	// three operations; keeping it costs a miss when only the neighbour
	// changes. bits() gives the instruction's own bits.
	raw uint32
}

// bits returns the instruction's own bits: 16 of them if compressed.
func (e *icEntry) bits() uint32 {
	if e.raw&3 != 3 {
		return e.raw & 0xffff
	}
	return e.raw
}

// noTrap is the "no exception" value of a cause; 0 cannot serve because it is
// instruction-address-misaligned.
const noTrap = ^uint64(0)

// fetch returns the decoded instruction at pc, or nil after taking an
// instruction access fault.
func (h *Hart) fetch(pc uint64) *icEntry {
	e, c := h.peek(pc)
	if c != noTrap {
		h.exception(c, h.badAddr, pc)
		return nil
	}
	return e
}

// peek is fetch without the trap: the entry, or the fault's cause.
func (h *Hart) peek(pc uint64) (*icEntry, uint64) {
	if off := pc - h.ramBase; off < h.lim4 {
		return h.decodeCached(pc, *(*uint32)(unsafe.Add(h.ramPtr, off))), noTrap
	}
	if off := pc - h.ramBase; h.par && off < h.ramSize && h.ramSize-off >= 4 {
		return h.decodeCached(pc, h.fetchAtomic(off)), noTrap
	}
	return h.fetchSlow(pc)
}

// decodeCached returns the cache entry for raw at pc, decoding on a miss.
func (h *Hart) decodeCached(pc uint64, raw uint32) *icEntry {
	e := &h.icache[pc>>1&(icacheSize-1)]
	if e.raw != raw {
		e.raw = raw
		e.inst, _ = isa.Decode(raw)
	}
	return e
}

// fetchSlow fetches outside the RAM fast path (boot ROM, the last bytes of
// RAM, parallel mode) one halfword at a time, so that a 4-byte instruction
// whose second half faults reports that half's address. The decode cache
// still applies: it is keyed by the bits, wherever they came from.
func (h *Hart) fetchSlow(pc uint64) (*icEntry, uint64) {
	raw, c := h.fetchRaw(pc)
	if c != noTrap {
		return nil, c
	}
	return h.decodeCached(pc, raw), noTrap
}

// fetchNoCache decodes the instruction at pc without touching the cache.
func (h *Hart) fetchNoCache(pc uint64) (icEntry, uint64) {
	raw, c := h.fetchRaw(pc)
	if c != noTrap {
		return icEntry{}, c
	}
	in, _ := isa.Decode(raw)
	return icEntry{inst: in, raw: raw}, noTrap
}

func (h *Hart) fetchRaw(pc uint64) (uint32, uint64) {
	lo, ok := h.loadPhys(pc, 2)
	if !ok {
		h.badAddr = pc
		return 0, CauseFetchAccess
	}
	raw := uint32(lo)
	if raw&3 == 3 {
		hi, ok := h.loadPhys(pc+2, 2)
		if !ok {
			h.badAddr = pc + 2
			return 0, CauseFetchAccess
		}
		raw |= uint32(hi) << 16
	}
	return raw, noTrap
}
