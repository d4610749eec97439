package hart

import (
	"encoding/binary"
	"sync/atomic"
	"unsafe"
)

// mem is the hart's view of physical memory: RAM through a host slice (the
// fast path, inlined into each load and store arm) and everything else through
// the Bus (out of line). There is no address translation: satp is Bare only.
type mem struct {
	ram     []byte
	ramPtr  unsafe.Pointer // &ram[0]: the fast paths index it after their own limit check
	ramBase uint64
	ramSize uint64
	bus     Bus
	par     bool // parallel mode: RAM words through sync/atomic

	// lim1..lim8: an access of n bytes at RAM offset off takes the fast path
	// when off < limN. They are 0 in parallel mode, which sends every access
	// to the atomic slow path with no extra test on the fast one.
	lim1, lim2, lim4, lim8 uint64
	// amask2..8 are size-1 when misaligned accesses trap and 0 when they are
	// emulated, so one AND tests alignment only when it matters.
	amask1, amask2, amask4, amask8 uint64 // amask1 is always 0
	misTrap                        bool

	badAddr uint64 // the faulting address of the last slow-path fault
	lrAddr  uint64 // address of the last LR: SC must name the same one
	lrVal   uint64 // value LR read, for SC's compare-and-swap in parallel mode
	memVal  uint64 // value the last LR or AMO read, for tracers
	scOK    bool   // whether the last SC stored, for tracers (rd may be x0)
}

func (m *mem) init(cfg Config) {
	m.ram, m.ramBase, m.ramSize = cfg.RAM, cfg.RAMBase, uint64(len(cfg.RAM))
	m.bus, m.par = cfg.Bus, cfg.Shared.parallel
	if len(m.ram) > 0 {
		m.ramPtr = unsafe.Pointer(&m.ram[0])
		if uintptr(m.ramPtr)%8 != 0 {
			panic("hart: RAM slice is not 8-byte aligned") // board bug: atomics need it
		}
	}
	if !m.par {
		lim := func(n uint64) uint64 {
			if m.ramSize < n {
				return 0
			}
			return m.ramSize - n + 1
		}
		m.lim1, m.lim2, m.lim4, m.lim8 = lim(1), lim(2), lim(4), lim(8)
	}
	if cfg.Misaligned == MisalignedTrap {
		m.misTrap = true
		m.amask2, m.amask4, m.amask8 = 1, 3, 7
	}
}

// The fast path, inlined into the load and store arms of interpret: the host
// address of an access that lies in RAM (off < limN; the limits are 0 in
// parallel mode) and is aligned where misaligned accesses trap (amaskN),
// or nil for the slow path. Stores also need that no hart holds an LR
// reservation, so the fast path never has to break one. These are small
// enough for Go to inline; the slow paths, out of line, take the trap.

func (h *Hart) hostLoad(addr, lim, amask uint64) unsafe.Pointer {
	if off := addr - h.ramBase; off < lim && addr&amask == 0 {
		return unsafe.Add(h.ramPtr, off)
	}
	return nil
}

func (h *Hart) hostStore(addr, lim, amask uint64) unsafe.Pointer {
	if off := addr - h.ramBase; off < lim && addr&amask == 0 && h.shared.nresv.Load() == 0 {
		return unsafe.Add(h.ramPtr, off)
	}
	return nil
}

// loadSlowTrap is loadSlow, taking the exception on a fault.
func (h *Hart) loadSlowTrap(addr uint64, size int, pc uint64) (uint64, bool) {
	v, c := h.loadSlow(addr, size)
	if c != noTrap {
		h.exception(c, h.badAddr, pc)
		return 0, false
	}
	return v, true
}

// storeSlowTrap is storeSlow, taking the exception on a fault.
func (h *Hart) storeSlowTrap(addr uint64, size int, v, pc uint64) bool {
	if c := h.storeSlow(addr, size, v); c != noTrap {
		h.exception(c, h.badAddr, pc)
		return false
	}
	return true
}

func (h *Hart) storeDone(addr uint64, size int) {
	if h.shared.nresv.Load() != 0 {
		h.shared.breakOthers(h.slot, addr, size)
	}
}

// loadSlow handles what the fast path does not: misaligned accesses (trapped
// or split into bytes), the end of RAM, parallel mode, and the Bus.
func (h *Hart) loadSlow(addr uint64, size int) (uint64, uint64) {
	if addr&uint64(size-1) != 0 {
		if h.misTrap {
			h.badAddr = addr
			return 0, CauseLoadMisaligned
		}
		var v uint64
		for i := range size {
			b, ok := h.loadPhys(addr+uint64(i), 1)
			if !ok {
				h.badAddr = addr + uint64(i)
				return 0, CauseLoadAccess
			}
			v |= b << (8 * i)
		}
		return v, noTrap
	}
	v, ok := h.loadPhys(addr, size)
	if !ok {
		h.badAddr = addr
		return 0, CauseLoadAccess
	}
	return v, noTrap
}

func (h *Hart) storeSlow(addr uint64, size int, v uint64) uint64 {
	if addr&uint64(size-1) != 0 {
		if h.misTrap {
			h.badAddr = addr
			return CauseStoreMisaligned
		}
		// Check every byte first so a faulting store changes nothing.
		for i := range size {
			if !h.writable(addr + uint64(i)) {
				h.badAddr = addr + uint64(i)
				return CauseStoreAccess
			}
		}
		for i := range size {
			h.storePhys(addr+uint64(i), 1, v>>(8*i))
		}
		return noTrap
	}
	if !h.storePhys(addr, size, v) {
		h.badAddr = addr
		return CauseStoreAccess
	}
	return noTrap
}

// writable reports whether a byte store to addr could succeed: RAM always;
// for the Bus we cannot know without storing, so it is assumed (a device that
// refuses part of a misaligned store leaves the rest written).
func (h *Hart) writable(addr uint64) bool {
	return addr-h.ramBase < h.ramSize || h.bus != nil
}

// inRAM reports whether [addr, addr+size) lies in RAM, and its offset.
func (m *mem) inRAM(addr uint64, size int) (uint64, bool) {
	off := addr - m.ramBase
	return off, off < m.ramSize && m.ramSize-off >= uint64(size)
}

// loadPhys reads a naturally aligned value from RAM or the Bus.
func (h *Hart) loadPhys(addr uint64, size int) (uint64, bool) {
	if off, ok := h.inRAM(addr, size); ok {
		if h.par {
			return h.ramLoadAtomic(off, size), true
		}
		return h.ramLoad(off, size), true
	}
	if h.bus == nil {
		return 0, false
	}
	return h.bus.Load(addr, size)
}

// storePhys writes a naturally aligned value to RAM or the Bus.
func (h *Hart) storePhys(addr uint64, size int, v uint64) bool {
	if off, ok := h.inRAM(addr, size); ok {
		if h.par {
			h.ramStoreAtomic(off, size, v)
		} else {
			h.ramStore(off, size, v)
		}
		h.storeDone(addr, size)
		return true
	}
	if h.bus == nil {
		return false
	}
	return h.bus.Store(addr, size, v)
}

func (m *mem) ramLoad(off uint64, size int) uint64 {
	switch size {
	case 1:
		return uint64(m.ram[off])
	case 2:
		return uint64(binary.LittleEndian.Uint16(m.ram[off:]))
	case 4:
		return uint64(binary.LittleEndian.Uint32(m.ram[off:]))
	}
	return binary.LittleEndian.Uint64(m.ram[off:])
}

func (m *mem) ramStore(off uint64, size int, v uint64) {
	switch size {
	case 1:
		m.ram[off] = byte(v)
	case 2:
		binary.LittleEndian.PutUint16(m.ram[off:], uint16(v))
	case 4:
		binary.LittleEndian.PutUint32(m.ram[off:], uint32(v))
	default:
		binary.LittleEndian.PutUint64(m.ram[off:], v)
	}
}

// Parallel mode: RAM words through sync/atomic, so that concurrent harts never
// race in the Go memory model. Bytes and halfwords live inside an aligned
// 32-bit word; stores to them are compare-and-swap loops on that word. The
// host is little-endian (amd64, arm64, riscv64), like the guest.

func (m *mem) word32(off uint64) *uint32 {
	return (*uint32)(unsafe.Pointer(&m.ram[off&^3]))
}

func (m *mem) word64(off uint64) *uint64 {
	return (*uint64)(unsafe.Pointer(&m.ram[off&^7]))
}

func (m *mem) ramLoadAtomic(off uint64, size int) uint64 {
	switch size {
	case 8:
		return atomic.LoadUint64(m.word64(off))
	case 4:
		return uint64(atomic.LoadUint32(m.word32(off)))
	}
	w := atomic.LoadUint32(m.word32(off))
	return uint64(w>>(off&3*8)) & (1<<(8*size) - 1)
}

func (m *mem) ramStoreAtomic(off uint64, size int, v uint64) {
	switch size {
	case 8:
		atomic.StoreUint64(m.word64(off), v)
		return
	case 4:
		atomic.StoreUint32(m.word32(off), uint32(v))
		return
	}
	p, shift := m.word32(off), off&3*8
	mask := uint32(1<<(8*size)-1) << shift
	for {
		old := atomic.LoadUint32(p)
		if atomic.CompareAndSwapUint32(p, old, old&^mask|uint32(v)<<shift&mask) {
			return
		}
	}
}

// fetchAtomic reads the (up to) 4 instruction bytes at an even RAM offset
// with atomic loads of the aligned words holding them; off+4 <= ramSize.
func (m *mem) fetchAtomic(off uint64) uint32 {
	w := atomic.LoadUint32(m.word32(off))
	if off&2 == 0 {
		return w
	}
	lo := w >> 16
	if lo&3 != 3 {
		return lo
	}
	return lo | atomic.LoadUint32(m.word32(off+2))<<16
}

// ramCAS replaces the aligned 4- or 8-byte RAM value at off with new if it
// still equals old.
func (m *mem) ramCAS(off uint64, size int, old, new uint64) bool {
	if size == 8 {
		return atomic.CompareAndSwapUint64(m.word64(off), old, new)
	}
	return atomic.CompareAndSwapUint32(m.word32(off), uint32(old), uint32(new))
}
