package emutarget

import (
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/hart"
)

// Breakpoints live in the harts (Hart.SetBreakpoint: Run stops before the
// instruction), never in guest memory, so Z0 and Z1 are the same thing and
// the guest cannot see or overwrite them. Every hart gets every breakpoint:
// GDB's breakpoints are per address space, and the harts share one.

// AddBreakpoint implements gdbstub.Target.
func (t *Target) AddBreakpoint(kind gdbstub.BreakKind, addr, size uint64) error {
	t.waitParked()
	switch kind {
	case gdbstub.BreakSoftware, gdbstub.BreakHardware:
		t.breaks[addr] = kind
		for _, h := range t.harts {
			h.SetBreakpoint(addr, true)
		}
		return nil
	case gdbstub.WatchWrite, gdbstub.WatchRead, gdbstub.WatchAccess:
		w := watch{kind: kind, addr: addr, size: size}
		for _, old := range t.watches {
			if old == w {
				return nil
			}
		}
		t.setWatches(append(t.watches, w))
		return nil
	}
	return gdbstub.ErrUnsupported
}

// RemoveBreakpoint implements gdbstub.Target.
func (t *Target) RemoveBreakpoint(kind gdbstub.BreakKind, addr, size uint64) error {
	t.waitParked()
	switch kind {
	case gdbstub.BreakSoftware, gdbstub.BreakHardware:
		if _, ok := t.breaks[addr]; ok {
			delete(t.breaks, addr)
			for _, h := range t.harts {
				h.SetBreakpoint(addr, false)
			}
		}
		return nil
	case gdbstub.WatchWrite, gdbstub.WatchRead, gdbstub.WatchAccess:
		w := watch{kind: kind, addr: addr, size: size}
		var keep []watch
		for _, old := range t.watches {
			if old != w {
				keep = append(keep, old)
			}
		}
		t.setWatches(keep)
		return nil
	}
	return gdbstub.ErrUnsupported
}

// watch is one watched range.
type watch struct {
	kind       gdbstub.BreakKind
	addr, size uint64
}

// watchHit is the first watched access since the machine last resumed.
type watchHit struct {
	reason gdbstub.StopReason
	hart   int
	addr   uint64
}

// setWatches installs the watch list and, while it is not empty, a tracer
// on every hart (the tracer's slower loop costs nothing once they are gone).
func (t *Target) setWatches(ws []watch) {
	t.watches = ws
	var tr hart.Tracer
	if len(ws) > 0 {
		tr = watcher{t}
	}
	for _, h := range t.harts {
		h.SetTracer(tr)
	}
}

// watcher is the hart.Tracer that evaluates watchpoints after each retired
// instruction. It runs on the machine's goroutine.
type watcher struct{ t *Target }

func (w watcher) Trap(*hart.Hart, *hart.TrapInfo) {}

func (w watcher) Retire(h *hart.Hart, r *hart.Retired) {
	t := w.t
	if t.hit != nil || r.Mem == hart.MemNone || r.Mem == hart.MemSCFail {
		return
	}
	read := r.Mem == hart.MemLoad || r.Mem == hart.MemLR || r.Mem == hart.MemAMO
	write := r.Mem == hart.MemStore || r.Mem == hart.MemSCOK || r.Mem == hart.MemAMO
	lo, hi := r.MemAddr, r.MemAddr+uint64(r.MemSize)
	for _, wp := range t.watches {
		if lo >= wp.addr+wp.size || hi <= wp.addr {
			continue
		}
		var reason gdbstub.StopReason
		switch {
		case wp.kind == gdbstub.WatchWrite && write:
			reason = gdbstub.StopWatch
		case wp.kind == gdbstub.WatchRead && read:
			reason = gdbstub.StopReadWatch
		case wp.kind == gdbstub.WatchAccess:
			reason = gdbstub.StopAccessWatch
		default:
			continue
		}
		// GDB matches the reported address against its watchpoints, so
		// report one inside the watched range.
		t.hit = &watchHit{reason: reason, hart: int(h.ID()), addr: max(lo, wp.addr)}
		return
	}
}
