package hart

// Snapshot is everything that determines what a hart does next: registers,
// pc, privilege, CSRs, interrupt lines, WFI sleep, its LR reservation and
// the trap record. With a copy of RAM and of the devices it makes a
// checkpoint that replays bit for bit (reverse debugging, issue 9). The
// decode cache is not part of it: it never changes behaviour.
type Snapshot struct {
	x        [32]uint64
	pc       uint64
	priv     Priv
	csrs     csrs
	lines    uint64
	wfi      bool
	resv     uint64 // the reservation word in Shared (0: none)
	lrAddr   uint64
	lrVal    uint64
	lastTrap TrapInfo
	traps    uint64
}

// Snapshot captures the hart's state between Run calls.
func (h *Hart) Snapshot() *Snapshot {
	return &Snapshot{x: h.x, pc: h.pc, priv: h.priv, csrs: h.csrs, lines: h.lines.Load(),
		wfi: h.wfi, resv: h.shared.resv[h.slot].Load(), lrAddr: h.lrAddr, lrVal: h.lrVal,
		lastTrap: h.lastTrap, traps: h.traps}
}

// Restore puts the hart back in a captured state (of this hart or another
// hart of the same configuration).
func (h *Hart) Restore(s *Snapshot) {
	h.x, h.pc, h.priv, h.csrs = s.x, s.pc, s.priv, s.csrs
	h.lines.Store(s.lines)
	h.setWaiting(s.wfi)
	h.shared.clear(h.slot)
	if s.resv != 0 {
		h.shared.reserve(h.slot, s.resv)
	}
	h.lrAddr, h.lrVal = s.lrAddr, s.lrVal
	h.lastTrap, h.traps = s.lastTrap, s.traps
	h.stop, h.event = StopBudget, true
}

// Peek reads size bytes (1, 2, 4, 8) at a physical address through the
// hart's view (RAM, then the Bus), for debuggers. Device reads may have side
// effects, as on hardware.
func (h *Hart) Peek(addr uint64, size int) (uint64, bool) {
	if size != 1 && size != 2 && size != 4 && size != 8 {
		return 0, false
	}
	if addr&uint64(size-1) != 0 {
		var v uint64
		for i := range size {
			b, ok := h.loadPhys(addr+uint64(i), 1)
			if !ok {
				return 0, false
			}
			v |= b << (8 * i)
		}
		return v, true
	}
	return h.loadPhys(addr, size)
}

// Poke writes like a store of this hart (it breaks other harts'
// reservations), for debuggers and loaders.
func (h *Hart) Poke(addr uint64, size int, v uint64) bool {
	if size != 1 && size != 2 && size != 4 && size != 8 {
		return false
	}
	if addr&uint64(size-1) != 0 {
		for i := range size {
			if !h.storePhys(addr+uint64(i), 1, v>>(8*i)) {
				return false
			}
		}
		return true
	}
	return h.storePhys(addr, size, v)
}
