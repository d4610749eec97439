package emutarget

import (
	"slices"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
)

// policy is the Target seen as the machine's scheduling Policy. Pick runs on
// the machine's goroutine between quanta, so it is where the debugger can
// safely stop the world.
type policy Target

func (p *policy) Name() string { return p.inner.Name() }

// Pick first looks at how the previous quantum ended (a stop for the
// debugger?), parks while the debugger is in control, then chooses the next
// quantum: the inner policy's choice restricted to the harts the debugger
// let run, or one instruction for a step.
func (p *policy) Pick(v *emu.View) emu.Decision {
	t := (*Target)(p)
	if t.mode != modeParked {
		if st, ok := t.check(v); ok {
			t.park(st)
		}
	}
	for {
		for t.mode == modeParked {
			t.markParked()
			var o order
			select {
			case o = <-t.ctl:
			case <-t.abort:
				o = order{kill: true}
			}
			t.mode, t.stepArmed, t.last = o.mode, false, -1
			if o.kill {
				// Machine.Stop has asked every hart to stop: this
				// quantum ends at once and Run returns.
				t.mode = modeContinue
				return emu.Decision{Hart: v.Runnable[0], Quantum: 1}
			}
			if o.mode == modeContinue {
				copy(t.run, o.run)
			}
			t.stepHart = o.hart
		}
		d := t.decide(v)
		if st, ok := t.watchBefore(d.Hart); ok {
			t.park(st)
			continue
		}
		return d
	}
}

// park reports a stop to the debugger; Pick then waits for its next order.
func (t *Target) park(st gdbstub.Stop) {
	t.mode = modeParked
	t.stops <- st
}

// watchBefore checks the instruction hart h is about to execute against the
// watchpoints. After a report, the same instruction is let through once:
// GDB steps over it (with watchpoints removed, but another client might not).
func (t *Target) watchBefore(h int) (gdbstub.Stop, bool) {
	if len(t.watches) == 0 {
		return gdbstub.Stop{}, false
	}
	pc := t.harts[h].PC()
	if t.watchSkip == (skip{h, pc, true}) {
		t.watchSkip = skip{}
		return gdbstub.Stop{}, false
	}
	st, ok := t.watchStop(h)
	if ok {
		t.watchSkip = skip{h, pc, true}
	}
	return st, ok
}

// check reports the stop the previous quantum caused, if any. A completed
// step and a user's breakpoint come before a predicted watched access at the
// same place, since GDB plants its single-step breakpoint exactly there: the
// access is reported when the hart resumes (watchBefore).
func (t *Target) check(v *emu.View) (gdbstub.Stop, bool) {
	if t.pauseReq.Swap(false) {
		return gdbstub.Stop{Reason: gdbstub.StopInterrupt, Hart: max(t.last, 0)}, true
	}
	h := t.last
	if h < 0 {
		return gdbstub.Stop{}, false
	}
	pc := t.harts[h].PC()
	planted := t.temp[h] == pc+1
	t.clearTemp(h)
	if t.mode == modeStep {
		if t.stepArmed && v.Step > t.stepAt {
			return gdbstub.Stop{Reason: gdbstub.StopStep, Hart: h}, true
		}
		return gdbstub.Stop{}, false
	}
	// The hart that just ran sits before a breakpoint: either Run stopped
	// there, or its quantum ended there and its next Run would. Both are
	// the same stop for the debugger.
	if kind, ok := t.breaks[pc]; ok {
		r := gdbstub.StopBreak
		if kind == gdbstub.BreakHardware {
			r = gdbstub.StopHWBreak
		}
		return gdbstub.Stop{Reason: r, Hart: h}, true
	}
	if planted {
		// Predict again: an interrupt may have been taken in between.
		if st, ok := t.watchStop(h); ok {
			t.watchSkip = skip{h, pc, true}
			return st, true
		}
	}
	return gdbstub.Stop{}, false
}

// decide chooses the next quantum while the debugger lets the machine run.
func (t *Target) decide(v *emu.View) emu.Decision {
	if t.mode == modeStep && slices.Contains(v.Runnable, t.stepHart) {
		// Run(1) leaves a breakpoint stop (nothing executed) as it is;
		// check then sees no progress and the next Pick comes back here,
		// when Run executes the instruction.
		t.stepArmed, t.stepAt, t.last = true, v.Step, t.stepHart
		return emu.Decision{Hart: t.stepHart, Quantum: 1}
	}
	view := *v
	if t.mode == modeContinue {
		// Harts the debugger holds (vCont;c:N with scheduler-locking)
		// stay put, unless none of the others can run: then everyone
		// runs until one of them can.
		t.allowed = t.allowed[:0]
		for _, h := range v.Runnable {
			if t.run[h] {
				t.allowed = append(t.allowed, h)
			}
		}
		if len(t.allowed) > 0 {
			view.Runnable = t.allowed
		}
	}
	d := t.inner.Pick(&view)
	if !slices.Contains(v.Runnable, d.Hart) || d.Quantum == 0 {
		d = emu.Decision{Hart: view.Runnable[0], Quantum: 1} // an inner policy that broke its contract
	}
	t.last = d.Hart
	return d
}
