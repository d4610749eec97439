package emu

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/rvstop/rvstop/hart"
)

// Parallel mode: one goroutine per hart, for speed. Nothing is reproducible
// here: mtime follows the host clock, and interleavings are the host's.
// Correctness still holds: harts access RAM atomically (hart.Shared in
// parallel mode), devices lock, and interrupt lines are atomic.
//
// A hart runs chunks of parallelChunk instructions; it sees interrupt lines
// raised by others at its next chunk (hart.Run examines them at entry). A
// hart that executes WFI blocks on its wake channel until a device raises
// one of its lines, or the monitor sees its stimecmp deadline pass.
//
// The monitor goroutine (Run's) updates timers, input and HTIF every
// monitorPeriod and ends the run on exit, limits or deadlock.
const (
	parallelChunk = 4096
	monitorPeriod = 100 * time.Microsecond
)

type parState struct {
	wake     []chan struct{}
	done     chan struct{}
	sleeping atomic.Int32
	// stimecmp of each sleeping hart with Sstc enabled (^0: none),
	// published before it sleeps so the monitor need not touch the hart.
	sdeadline []atomic.Uint64
	perHart   []atomic.Uint64
	limit     atomic.Bool
}

func (m *Machine) wake(h int) {
	if m.par == nil {
		return
	}
	select {
	case m.par.wake[h] <- struct{}{}:
	default:
	}
}

func newParState(n int) *parState {
	p := &parState{
		wake:      make([]chan struct{}, n),
		done:      make(chan struct{}),
		sdeadline: make([]atomic.Uint64, n),
		perHart:   make([]atomic.Uint64, n),
	}
	for i := range p.wake {
		p.wake[i] = make(chan struct{}, 1)
	}
	return p
}

func (m *Machine) runParallel() Result {
	p := m.par
	var wg sync.WaitGroup
	for i, h := range m.harts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.runHart(i, h)
		}()
	}

	began := time.Now()
	tick := time.NewTicker(monitorPeriod)
	defer tick.Stop()
	res := Result{PerHart: make([]uint64, m.n)}
	var reason ExitReason
	status, quiet := 1, 0
	for reason == ExitNone {
		<-tick.C
		m.clint.Update()
		m.uart.Poll()
		m.pollHTIF()
		now := m.clint.Now()
		for i := range p.sdeadline {
			if d := p.sdeadline[i].Load(); d != ^uint64(0) && now >= d {
				m.wake(i)
			}
		}
		switch {
		case m.exit.set.Load():
			reason, status = m.exit.reason, m.exit.status
		case m.stop.Load():
			reason = ExitStopped
		case p.limit.Load():
			reason = ExitMaxInsns
		case m.cfg.Timeout != 0 && time.Since(began) >= m.cfg.Timeout:
			reason = ExitTimeout
		case int(p.sleeping.Load()) == m.n && !m.parDeadline() && !m.uart.InputPending():
			// Confirm over a few ticks: a wake-up may be in flight.
			if quiet++; quiet > 3 {
				reason = ExitDeadlock
			}
		default:
			quiet = 0
		}
	}
	close(p.done)
	for _, h := range m.harts {
		h.RequestStop()
	}
	wg.Wait()
	for i := range res.PerHart {
		res.PerHart[i] = p.perHart[i].Load()
	}
	m.step = m.pstep.Load()
	return m.end(&res, reason, status)
}

// parDeadline reports whether a timer is armed that could still wake a hart.
func (m *Machine) parDeadline() bool {
	if _, ok := m.clint.NextDeadline(); ok {
		return true
	}
	for i := range m.par.sdeadline {
		if m.par.sdeadline[i].Load() != ^uint64(0) {
			return true
		}
	}
	return false
}

func (m *Machine) runHart(i int, h *hart.Hart) {
	p := m.par
	p.sdeadline[i].Store(^uint64(0))
	for {
		select {
		case <-p.done:
			return
		default:
		}
		budget := uint64(parallelChunk)
		if m.cfg.MaxInsns != 0 {
			used := m.pstep.Load()
			if used >= m.cfg.MaxInsns {
				p.limit.Store(true)
				return
			}
			budget = min(budget, m.cfg.MaxInsns-used)
		}
		n, why := h.Run(budget)
		p.perHart[i].Add(n)
		m.pstep.Add(n)
		if why != hart.StopWFI {
			continue
		}
		if env, _ := h.ReadCSR(csrMenvcfg); env>>63 != 0 {
			c, _ := h.ReadCSR(csrStimecmp)
			p.sdeadline[i].Store(c)
		}
		p.sleeping.Add(1)
		select {
		case <-p.wake[i]:
		case <-p.done:
		}
		p.sleeping.Add(-1)
		p.sdeadline[i].Store(^uint64(0))
	}
}
