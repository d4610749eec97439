package emu

import "sync"

// SiFive PLIC register map, as offsets from the base (0x0C00_0000 on the virt
// board, window 0x60_0000), laid out as QEMU's sifive_plic on `virt`:
//
//	0x00_0000 + 4·s            priority of source s (1..plicSources-1): the
//	                           value written & 7, as on QEMU
//	0x00_1000 + 4·w            pending bits of sources 32w..32w+31, read-only
//	0x00_2000 + 0x80·c + 4·w   enable bits of context c
//	0x20_0000 + 0x1000·c       priority threshold of context c (& 7)
//	0x20_0004 + 0x1000·c       claim (read) / complete (write) of context c
//
// Context 2h is hart h's M mode (drives mip.MEIP), 2h+1 its S mode (mip.SEIP).
// Every register is 32 bits; other sizes and misaligned accesses are refused,
// as on QEMU. Source 0 does not exist: its priority reads 0 and it is never
// pending (its enable bit is writable, as on QEMU).
//
// Sources are level-triggered, with the spec's gateway (and QEMU 7.2's
// observable behaviour): a line going high makes an unclaimed source pending;
// pending stays set if the line drops again before a claim; a claim takes the
// highest-priority pending enabled source whose priority exceeds the
// threshold (lowest number on ties) and clears its pending bit; a completion
// releases it, and it is pending again if its line is still high.
const (
	plicPriority  = 0x00_0000
	plicPending   = 0x00_1000
	plicEnable    = 0x00_2000
	plicContext   = 0x20_0000
	plicSize      = 0x60_0000
	plicSources   = 97 // 0..96; QEMU virt's riscv,ndev is 96
	plicMaxPrio   = 7
	plicEnStride  = 0x80
	plicCtxStride = 0x1000
	plicWords     = (plicSources + 31) / 32
)

// PLIC is the platform-level interrupt controller. Safe for concurrent use.
type PLIC struct {
	mu        sync.Mutex
	prio      [plicSources]uint32
	line      [plicWords]uint32 // source line levels
	pending   [plicWords]uint32
	claimed   [plicWords]uint32
	enable    [][plicWords]uint32 // per context
	threshold []uint32
	out       []bool
	notify    func(ctx int, level bool)
}

// NewPLIC returns a PLIC with 2 contexts per hart; notify receives each
// context's interrupt output level changes.
func NewPLIC(harts int, notify func(ctx int, level bool)) *PLIC {
	return &PLIC{
		enable:    make([][plicWords]uint32, 2*harts),
		threshold: make([]uint32, 2*harts),
		out:       make([]bool, 2*harts),
		notify:    notify,
	}
}

// SetLine sets the level of source s's interrupt line.
func (p *PLIC) SetLine(s int, level bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	w, b := s/32, uint32(1)<<(s%32)
	if level {
		p.line[w] |= b
		if p.claimed[w]&b == 0 {
			p.pending[w] |= b
		}
	} else {
		p.line[w] &^= b
	}
	p.update()
}

func (p *PLIC) Load(off uint64, size int) (uint64, bool) {
	if size != 4 || off%4 != 0 {
		return 0, false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case off < plicPending:
		if s := off / 4; s < plicSources {
			return uint64(p.prio[s]), true
		}
	case off < plicEnable:
		if w := (off - plicPending) / 4; w < plicWords {
			return uint64(p.pending[w]), true
		}
	case off < plicContext:
		c, w := (off-plicEnable)/plicEnStride, (off-plicEnable)%plicEnStride/4
		if c < uint64(len(p.enable)) && w < plicWords {
			return uint64(p.enable[c][w]), true
		}
	default:
		c, r := (off-plicContext)/plicCtxStride, (off-plicContext)%plicCtxStride
		if c >= uint64(len(p.threshold)) {
			break
		}
		switch r {
		case 0:
			return uint64(p.threshold[c]), true
		case 4:
			s := p.claim(int(c))
			p.update()
			return uint64(s), true
		}
	}
	return 0, true // reserved: reads zero, as on QEMU
}

func (p *PLIC) Store(off uint64, size int, val uint64) bool {
	if size != 4 || off%4 != 0 {
		return false
	}
	v := uint32(val)
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case off < plicPending:
		if s := off / 4; s > 0 && s < plicSources {
			p.prio[s] = v & plicMaxPrio
		}
	case off < plicEnable:
		// pending is read-only
	case off < plicContext:
		c, w := (off-plicEnable)/plicEnStride, (off-plicEnable)%plicEnStride/4
		if c < uint64(len(p.enable)) && w < plicWords {
			p.enable[c][w] = v
		}
	default:
		c, r := (off-plicContext)/plicCtxStride, (off-plicContext)%plicCtxStride
		if c >= uint64(len(p.threshold)) {
			break
		}
		switch r {
		case 0:
			p.threshold[c] = v & plicMaxPrio
		case 4:
			p.complete(int(c), int(v))
		}
	}
	p.update()
	return true
}

// best returns the source context c would claim, or 0.
func (p *PLIC) best(c int) int {
	best, bestPrio := 0, p.threshold[c]
	for w := range plicWords {
		m := p.pending[w] &^ p.claimed[w] & p.enable[c][w]
		for b := 0; m != 0; b, m = b+1, m>>1 {
			if m&1 != 0 && p.prio[32*w+b] > bestPrio {
				best, bestPrio = 32*w+b, p.prio[32*w+b]
			}
		}
	}
	return best
}

func (p *PLIC) claim(c int) int {
	s := p.best(c)
	if s != 0 {
		w, b := s/32, uint32(1)<<(s%32)
		p.pending[w] &^= b
		p.claimed[w] |= b
	}
	return s
}

func (p *PLIC) complete(c, s int) {
	if s <= 0 || s >= plicSources {
		return
	}
	w, b := s/32, uint32(1)<<(s%32)
	// As on QEMU, a completion counts only from a context that has the source
	// enabled.
	if p.enable[c][w]&b == 0 {
		return
	}
	p.claimed[w] &^= b
	if p.line[w]&b != 0 {
		p.pending[w] |= b
	}
}

func (p *PLIC) update() {
	for c := range p.out {
		level := p.best(c) != 0
		if level != p.out[c] {
			p.out[c] = level
			p.notify(c, level)
		}
	}
}
