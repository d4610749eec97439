// Package clint models the core-local interruptor of QEMU's riscv `virt` board:
// an ACLINT MSWI (machine software interrupts, i.e. IPIs) and an ACLINT MTIMER
// (mtime and one mtimecmp per hart) in the legacy SiFive CLINT layout.
//
// Register map, as offsets from the base (0x0200_0000 on the virt board):
//
//	0x0000 + 4·h   msip[h]      32 bits; bit 0 drives hart h's mip.MSIP, the
//	                            other bits read as zero and ignore writes
//	0x4000 + 8·h   mtimecmp[h]  64 bits; hart h's mip.MTIP is high while
//	                            mtime >= mtimecmp[h]; resets to all ones
//	0xBFF8         mtime        64 bits; counts at 10 MHz; writable (the
//	                            counter continues from the written value)
//
// Access sizes follow QEMU 7.2's aclint model, so that guest code that works on
// one works on the other:
//   - msip: aligned 4-byte accesses only;
//   - mtimecmp and mtime: aligned 4- or 8-byte accesses; a 4-byte access at +4
//     reads or writes the upper half and leaves the other half as it was;
//   - any other size or a misaligned address is refused (the hart takes an
//     access fault), as QEMU's memory core refuses it;
//   - msip/mtimecmp of a hart that does not exist read as zero, writes are ignored.
package clint

import "sync"

// Offsets and constants of the register map above.
const (
	MSIPBase     = 0x0000
	MTimecmpBase = 0x4000
	MTime        = 0xBFF8
	Size         = 0x1_0000

	// Frequency is the mtime rate in Hz, QEMU virt's timebase-frequency.
	Frequency = 10_000_000
)

// Lines are the CLINT's interrupt outputs: the machine wires them to the harts'
// mip bits. They may be called with the CLINT's lock held and must not call
// back into the CLINT.
type Lines interface {
	SetMSIP(hart int, level bool)
	SetMTIP(hart int, level bool)
}

// Observer sees guest-visible CLINT events, for tracing. from is the hart that
// made the access (-1 when not a hart). Nil fields are not called.
type Observer struct {
	// MSIPWrite reports a store to msip[to]: an IPI when value is 1.
	MSIPWrite func(from, to int, value uint32)
	// TimecmpWrite reports a new mtimecmp[hart] (after a 4- or 8-byte store).
	TimecmpWrite func(from, hart int, value uint64)
	// TimerFire reports hart's MTIP going high at mtime now.
	TimerFire func(hart int, now uint64)
}

// CLINT is the device. Its methods are safe for concurrent use, so that
// `-parallel` harts can share it.
type CLINT struct {
	mu       sync.Mutex
	msip     []bool
	mtimecmp []uint64
	mtip     []bool // last level driven on each hart's MTIP line
	clock    func() uint64
	offset   uint64 // mtime = clock() + offset; moved by mtime writes
	out      Lines
	Observe  Observer
}

// New returns a CLINT for n harts. clock gives the machine's time in ticks of
// Frequency; out receives interrupt level changes.
func New(n int, clock func() uint64, out Lines) *CLINT {
	c := &CLINT{
		msip:     make([]bool, n),
		mtimecmp: make([]uint64, n),
		mtip:     make([]bool, n),
		clock:    clock,
		out:      out,
	}
	for i := range c.mtimecmp {
		c.mtimecmp[i] = ^uint64(0)
	}
	return c
}

// Now returns mtime.
func (c *CLINT) Now() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now()
}

func (c *CLINT) now() uint64 { return c.clock() + c.offset }

// Load reads size bytes at offset off on behalf of hart from. ok is false
// when the access is refused (see the package comment).
func (c *CLINT) Load(from int, off uint64, size int) (v uint64, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case off < MTimecmpBase:
		if size != 4 || off%4 != 0 {
			return 0, false
		}
		if h := int(off / 4); h < len(c.msip) && c.msip[h] {
			return 1, true
		}
		return 0, true
	case off == MTime || off == MTime+4:
		return c.load64(c.now(), off-MTime, size)
	case off < MTime:
		h := int((off - MTimecmpBase) / 8)
		var cmp uint64
		if h < len(c.mtimecmp) {
			cmp = c.mtimecmp[h]
		}
		return c.load64(cmp, (off-MTimecmpBase)%8, size)
	}
	return 0, false
}

// load64 extracts an aligned 4- or 8-byte access at byte offset in (0 or 4)
// of a 64-bit register.
func (c *CLINT) load64(reg, in uint64, size int) (uint64, bool) {
	switch {
	case size == 8 && in == 0:
		return reg, true
	case size == 4 && in%4 == 0:
		return uint64(uint32(reg >> (8 * in))), true
	}
	return 0, false
}

// store64 merges an aligned 4- or 8-byte store at byte offset in of reg.
func store64(reg, in uint64, size int, v uint64) (uint64, bool) {
	switch {
	case size == 8 && in == 0:
		return v, true
	case size == 4 && in%4 == 0:
		sh := 8 * in
		return reg&^(0xffff_ffff<<sh) | uint64(uint32(v))<<sh, true
	}
	return reg, false
}

// Store writes size bytes at offset off on behalf of hart from.
func (c *CLINT) Store(from int, off uint64, size int, v uint64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case off < MTimecmpBase:
		if size != 4 || off%4 != 0 {
			return false
		}
		h := int(off / 4)
		if h >= len(c.msip) {
			return true
		}
		if c.Observe.MSIPWrite != nil {
			c.Observe.MSIPWrite(from, h, uint32(v)&1)
		}
		c.msip[h] = v&1 != 0
		c.out.SetMSIP(h, c.msip[h])
		return true
	case off == MTime || off == MTime+4:
		t, ok := store64(c.now(), off-MTime, size, v)
		if ok {
			c.offset = t - c.clock()
			c.update()
		}
		return ok
	case off < MTime:
		h := int((off - MTimecmpBase) / 8)
		if h >= len(c.mtimecmp) {
			_, ok := store64(0, (off-MTimecmpBase)%8, size, v)
			return ok
		}
		cmp, ok := store64(c.mtimecmp[h], (off-MTimecmpBase)%8, size, v)
		if !ok {
			return false
		}
		c.mtimecmp[h] = cmp
		if c.Observe.TimecmpWrite != nil {
			c.Observe.TimecmpWrite(from, h, cmp)
		}
		c.updateHart(h, c.now())
		return true
	}
	return false
}

// Update re-evaluates every hart's MTIP against the current mtime. The machine
// calls it whenever time has moved (between scheduling quanta, or after a
// time jump), since a timer comparison is a level, not an event.
func (c *CLINT) Update() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.update()
}

func (c *CLINT) update() {
	now := c.now()
	for h := range c.mtimecmp {
		c.updateHart(h, now)
	}
}

func (c *CLINT) updateHart(h int, now uint64) {
	level := now >= c.mtimecmp[h]
	if level == c.mtip[h] {
		return
	}
	c.mtip[h] = level
	if level && c.Observe.TimerFire != nil {
		c.Observe.TimerFire(h, now)
	}
	c.out.SetMTIP(h, level)
}

// NextDeadline returns the earliest mtimecmp whose interrupt has not fired
// yet (MTIP low), in mtime ticks, and false when no timer is armed. It may be
// at or before Now when time has passed it since the last Update. The
// scheduler uses it to end a quantum exactly when a timer fires, to skip idle
// time, and to tell a deadlock (no armed timer) from a wait.
func (c *CLINT) NextDeadline() (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	best, ok := ^uint64(0), false
	for h, cmp := range c.mtimecmp {
		if !c.mtip[h] && cmp != ^uint64(0) && cmp <= best {
			best, ok = cmp, true
		}
	}
	return best, ok
}

// ClockAt converts an mtime value into the clock() value at which mtime reaches it.
func (c *CLINT) ClockAt(mtime uint64) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return mtime - c.offset
}

// MSIP reports msip[h] and Timecmp mtimecmp[h], for inspection and hang reports.
func (c *CLINT) MSIP(h int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.msip[h]
}

// Timecmp returns mtimecmp[h].
func (c *CLINT) Timecmp(h int) uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.mtimecmp[h]
}
