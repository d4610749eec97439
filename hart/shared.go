package hart

import (
	"sync"
	"sync/atomic"
)

// granule is the size of an LR reservation: an aligned doubleword, so LR.D and
// LR.W both reserve exactly the bytes they read, and a store anywhere in those
// 8 bytes by another hart breaks the reservation.
const granule = 8

// Shared is the state all harts of one machine share: their LR reservations.
// Create one per machine with NewShared and pass it in every hart's Config.
type Shared struct {
	parallel bool

	mu    sync.Mutex // serialises LR and SC in parallel mode
	nresv atomic.Int32
	// resv[i] is hart slot i's reserved granule address | 1, or 0 for none.
	// A fixed array keeps the per-store check free of slice headers and growth.
	resv  [maxHarts]atomic.Uint64
	flags [maxHarts]hartFlags
	slots int
}

// maxHarts bounds the harts of one machine (QEMU virt allows 512; rvstop's
// -smp is far smaller).
const maxHarts = 64

// NewShared creates the shared state of a machine. parallel says that harts run
// on their own goroutines, so RAM is accessed with sync/atomic.
func NewShared(parallel bool) *Shared { return &Shared{parallel: parallel} }

// Parallel reports whether harts run concurrently.
func (s *Shared) Parallel() bool { return s.parallel }

func (s *Shared) register() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.slots == maxHarts {
		panic("hart: more than 64 harts on one Shared") // a board bug, not a guest's
	}
	s.slots++
	return s.slots - 1
}

// reserve records slot's reservation of the granule holding addr.
func (s *Shared) reserve(slot int, addr uint64) {
	if s.resv[slot].Swap(addr&^(granule-1)|1) == 0 {
		s.nresv.Add(1)
	}
}

// holds reports whether slot still holds a reservation covering addr.
func (s *Shared) holds(slot int, addr uint64) bool {
	return s.resv[slot].Load() == addr&^(granule-1)|1
}

// clear drops slot's reservation, if any.
func (s *Shared) clear(slot int) {
	if s.resv[slot].Swap(0) != 0 {
		s.nresv.Add(-1)
	}
}

// ClearAll drops every hart's reservation (a scheduler that wants Spike's
// behaviour of dropping reservations at a switch may call it).
func (s *Shared) ClearAll() {
	for i := range s.slots {
		s.clear(i)
	}
}

// breakOthers drops the reservations of other harts on the granules that a
// store of size bytes at addr touches. Callers check nresv first, so a machine
// with no outstanding LR pays one load per store.
func (s *Shared) breakOthers(self int, addr uint64, size int) {
	lo := addr&^(granule-1) | 1
	hi := (addr+uint64(size)-1)&^(granule-1) | 1
	for i := range s.slots {
		if i == self {
			continue
		}
		if r := s.resv[i].Load(); r == lo || r == hi {
			if s.resv[i].CompareAndSwap(r, 0) {
				s.nresv.Add(-1)
			}
		}
	}
}

// Per-hart flags that other goroutines (devices, debuggers) read or set.
type hartFlags struct {
	stop    atomic.Bool
	waiting atomic.Bool
}

func (s *Shared) requestStop(slot int) { s.flags[slot].stop.Store(true) }

// stopReq consumes a pending stop request.
func (s *Shared) stopReq(slot int) bool {
	f := &s.flags[slot].stop
	return f.Load() && f.Swap(false)
}
