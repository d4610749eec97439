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
	wake []chan struct{}
	done chan struct{}
	// asleep[i] is set by hart i before it blocks and cleared by whoever
	// wakes it, before the wake-up is sent; wakes counts wake-ups. Together
	// they let the monitor see "every hart asleep" exactly, even while a
	// woken goroutine waits for the host to schedule it.
	asleep []atomic.Bool
	wakes  atomic.Uint64
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
	m.par.asleep[h].Store(false)
	m.par.wakes.Add(1)
	select {
	case m.par.wake[h] <- struct{}{}:
	default:
	}
}

func newParState(n int) *parState {
	p := &parState{
		wake:      make([]chan struct{}, n),
		done:      make(chan struct{}),
		asleep:    make([]atomic.Bool, n),
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
	status := 1
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
		case m.allAsleep() && !m.parDeadline() && !m.uart.InputPending():
			reason = ExitDeadlock
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

// allAsleep reports whether every hart sleeps with no wake-up on its way: no
// wake-up happened while the flags were read.
func (m *Machine) allAsleep() bool {
	p := m.par
	w := p.wakes.Load()
	for i := range p.asleep {
		if !p.asleep[i].Load() {
			return false
		}
	}
	return p.wakes.Load() == w
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
		// Declare sleep, then look again: a line raised before the flag was
		// set is seen here; one raised after clears the flag and sends.
		p.asleep[i].Store(true)
		if h.WouldWake() {
			p.asleep[i].Store(false)
			p.sdeadline[i].Store(^uint64(0))
			continue
		}
		m.obs.Sleep(m.Step(), i)
		select {
		case <-p.wake[i]:
			m.obs.Wake(m.Step(), i)
		case <-p.done:
		}
		p.sdeadline[i].Store(^uint64(0))
	}
}
