package emutarget

import "github.com/rvstop/rvstop/gdbstub"

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
			for i, h := range t.harts {
				if t.temp[i] != addr+1 {
					h.SetBreakpoint(addr, false)
				}
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

// setWatches installs the watch list and, while it is not empty, the
// tracer that predicts watched accesses (watch.go), chained to the harts'
// own tracer if they have one (KeepTracer). Without watchpoints the harts
// are left as they were: untraced, on their fast loop, or with that tracer.
func (t *Target) setWatches(ws []watch) {
	t.watches = ws
	tr := t.tracer
	if len(ws) > 0 {
		tr = watcher{t}
	}
	for i, h := range t.harts {
		h.SetTracer(tr)
		t.clearTemp(i)
	}
}
