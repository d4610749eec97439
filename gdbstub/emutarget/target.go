// Package emutarget puts an emu.Machine under the GDB stub's control.
//
// The machine keeps its own run loop (Machine.Run, on the caller's
// goroutine); the debugger steers it through the two hooks emu already has.
// The scheduling Policy (policy.go) is asked before every quantum: that is
// where the machine parks while the debugger looks at it, where a stop is
// noticed after a quantum, and where a step becomes a one-instruction
// quantum for one hart. The Observer's Exit tells the debugger the run is
// over. So the debugger sees exactly the machine that runs without it, and
// a run without a debugger attached follows the same seeded schedule.
//
// Use:
//
//	t, err := emutarget.Prepare(&cfg) // before emu.New: wraps Policy and Observer
//	m, err := emu.New(cfg)
//	t.Bind(m)                          // before m.Run
//	go gdbstub.Serve(listener, t)
//	res, err := m.Run()
//
// Only the deterministic mode can be debugged: in -parallel mode harts run
// on their own goroutines and no policy is asked.
package emutarget

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/hart"
)

// Target implements gdbstub.Target over an emu.Machine.
//
// Concurrency: the machine's goroutine owns every hart while it runs; it
// parks in Policy.Pick, blocked on ctl, while the debugger is in control.
// The session's goroutine only touches harts, RAM and the fields below
// while the machine is parked (or finished), and the channel operations
// order the two. pauseReq is the only field shared while running.
type Target struct {
	m     *emu.Machine
	harts []*hart.Hart
	inner emu.Policy

	ctl    chan order        // debugger → machine: what to do next
	stops  chan gdbstub.Stop // machine → debugger: why it parked again
	parked chan struct{}     // closed when the machine first parks or ends
	first  atomic.Bool       // parked has been closed

	pauseReq atomic.Bool                  // Ctrl-C: park at the next quantum boundary
	end      atomic.Pointer[gdbstub.Stop] // how the run ended, once it has
	abort    chan struct{}                // closed by Abort
	aborted  atomic.Bool

	// Owned by whichever side is in control (see above).
	mode      mode
	run       []bool // continue: harts allowed to run
	allowed   []int  // decide's scratch: runnable harts in run
	stepHart  int
	stepArmed bool   // the one-instruction quantum has been handed out
	stepAt    uint64 // machine step count when it was
	last      int    // hart of the previous decision in this resume; -1 none
	breaks    map[uint64]gdbstub.BreakKind
	watches   []watch
	watchSkip skip     // an access already reported, let through once
	temp      []uint64 // per hart: pc+1 of a breakpoint planted for a watched access; 0 none
	dcache    *decodeCache
	tracer    hart.Tracer // the harts' own tracer (KeepTracer), kept under watchpoints
}

// skip names one hart at one pc.
type skip struct {
	hart  int
	pc    uint64
	valid bool
}

type mode uint8

const (
	modeParked mode = iota
	modeContinue
	modeStep
)

type order struct {
	mode mode
	run  []bool
	hart int
	kill bool
}

// Prepare makes cfg debuggable: it wraps its Policy (the default random one
// if none) and Observer. Call it before emu.New(cfg), then Bind.
func Prepare(cfg *emu.Config) (*Target, error) {
	if cfg.Parallel {
		return nil, errors.New("gdb: the debugger needs the deterministic mode; drop -parallel")
	}
	t := &Target{
		inner:  cfg.Policy,
		ctl:    make(chan order),
		stops:  make(chan gdbstub.Stop, 1),
		parked: make(chan struct{}),
		abort:  make(chan struct{}),
		breaks: map[uint64]gdbstub.BreakKind{},
		last:   -1,
	}
	if t.inner == nil {
		t.inner = emu.NewRandomPolicy(cfg.Seed)
	}
	inner := cfg.Observer
	if inner == nil {
		inner = emu.NopObserver{}
	}
	cfg.Policy = (*policy)(t)
	cfg.Observer = exitObserver{inner, t}
	return t, nil
}

// Bind attaches the machine built from the prepared config.
func (t *Target) Bind(m *emu.Machine) {
	t.m = m
	t.harts = m.Harts()
	t.run = make([]bool, len(t.harts))
	t.temp = make([]uint64, len(t.harts))
}

// KeepTracer tells the target that the harts carry tr (rvstop -trace).
// A hart has one tracer; watchpoints install their own, which passes every
// event on to tr, and put tr back when the last watchpoint goes. Call it
// after Bind and before the run starts.
func (t *Target) KeepTracer(tr hart.Tracer) { t.tracer = tr }

// waitParked blocks until the machine is first under the debugger's control
// (Run has reached its first quantum) or has finished.
func (t *Target) waitParked() { <-t.parked }

func (t *Target) markParked() {
	if !t.first.Swap(true) {
		close(t.parked)
	}
}

// NumHarts implements gdbstub.Target.
func (t *Target) NumHarts() int { return len(t.harts) }

// Continue implements gdbstub.Target.
func (t *Target) Continue(ctx context.Context, run []bool) gdbstub.Stop {
	return t.resume(ctx, order{mode: modeContinue, run: run})
}

// Step implements gdbstub.Target. If the hart sleeps in WFI, the others run
// until something wakes it; then it executes one instruction.
func (t *Target) Step(ctx context.Context, h int) gdbstub.Stop {
	return t.resume(ctx, order{mode: modeStep, hart: h})
}

func (t *Target) resume(ctx context.Context, o order) gdbstub.Stop {
	t.waitParked()
	if st := t.end.Load(); st != nil {
		return *st
	}
	// A Ctrl-C that came as the previous run stopped is stale.
	t.pauseReq.Store(false)
	select {
	case t.ctl <- o:
	case <-t.abort:
		return gdbstub.Stop{Reason: gdbstub.StopExited, Code: 1}
	}
	select {
	case st := <-t.stops:
		return st
	case <-ctx.Done():
		t.pauseReq.Store(true)
		return <-t.stops
	}
}

// Detach implements gdbstub.Target: every breakpoint and watchpoint goes.
func (t *Target) Detach() {
	t.waitParked()
	t.setWatches(nil) // first, so that no planted breakpoint survives
	for pc := range t.breaks {
		for _, h := range t.harts {
			h.SetBreakpoint(pc, false)
		}
	}
	clear(t.breaks)
}

// Kill ends the run: Machine.Run returns with emu.ExitStopped. Call it when
// gdbstub.Serve returns gdbstub.ErrKilled.
func (t *Target) Kill() {
	t.waitParked()
	if t.end.Load() != nil {
		return
	}
	t.m.Stop()
	select {
	case t.ctl <- order{kill: true}:
		<-t.stops
	case <-t.abort:
	}
}

// Abort ends the run from outside the debugger (rvstop's own Ctrl-C
// handler), whether the debugger holds the machine or not: it calls
// Machine.Stop and lets a parked machine go, so Machine.Run returns with
// emu.ExitStopped. Safe from any goroutine. A debugger still attached is
// told the run exited; it must not be in the middle of a command, which is
// acceptable only because the process is about to end.
func (t *Target) Abort() {
	if t.aborted.Swap(true) {
		return
	}
	if t.m != nil {
		t.m.Stop()
	}
	close(t.abort)
}

// exitObserver passes every event on and tells the debugger when the run ends.
type exitObserver struct {
	emu.Observer
	t *Target
}

func (o exitObserver) Exit(step uint64, reason emu.ExitReason, status int) {
	o.Observer.Exit(step, reason, status)
	t := o.t
	st := gdbstub.Stop{Reason: gdbstub.StopExited, Code: status}
	if !reason.Guest() && reason != emu.ExitStopped {
		// A limit or a deadlock: the harts are still there to look at.
		st = gdbstub.Stop{Reason: gdbstub.StopHalted, Hart: max(t.last, 0),
			Note: fmt.Sprintf("rvstop: the run ended (%v) after %d instructions; the harts can be inspected but not resumed\n", reason, step)}
	}
	t.end.Store(&st)
	if t.mode != modeParked {
		t.mode = modeParked
		t.stops <- st
	}
	t.markParked()
}
