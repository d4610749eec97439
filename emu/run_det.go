package emu

import (
	"sync"
	"time"

	"github.com/rvstop/rvstop/hart"
)

// runDeterministic interleaves the harts on this goroutine (see sched.go and
// time.go for the rules).
func (m *Machine) runDeterministic() Result {
	policy := m.cfg.Policy
	if policy == nil {
		policy = NewRandomPolicy(m.cfg.Seed)
	}
	res := Result{PerHart: make([]uint64, m.n)}
	view := View{Last: -1, Harts: m.n, Runnable: make([]int, 0, m.n)}
	asleep := make([]bool, m.n)
	began := time.Now()
	var quanta, idle uint64

	for {
		if r, done := m.checkEnd(&res, began, quanta); done {
			return r
		}
		quanta++
		// Bring time-dependent state up to date before anyone looks at it.
		m.clint.Update()
		m.uart.Poll()
		view.Runnable = view.Runnable[:0]
		for i, h := range m.harts {
			run := !h.Waiting() || h.WouldWake()
			if run {
				view.Runnable = append(view.Runnable, i)
			}
			if asleep[i] && run {
				m.obs.Wake(m.Step(), i)
			}
			asleep[i] = !run
		}
		if len(view.Runnable) == 0 {
			if d, ok := m.nextDeadline(); ok {
				m.clock.advanceTo(d)
				continue
			}
			if m.uart.InputPending() {
				m.waitInput(began)
				continue
			}
			return m.end(&res, ExitDeadlock, 1)
		}

		view.Step = m.step
		d := policy.Pick(&view)
		h := m.harts[d.Hart]
		sleeping := uint64(m.n - len(view.Runnable))
		q := max(d.Quantum, 1)
		if m.cfg.MaxInsns != 0 {
			q = min(q, m.cfg.MaxInsns-m.step)
		}
		if dl, ok := m.nextDeadline(); ok {
			q = min(q, m.clock.insnsUntil(dl, sleeping))
		}
		if d.Hart != view.Last {
			if view.Last >= 0 {
				res.Switches++
				if !m.cfg.KeepReservations {
					m.sh.ClearAll()
				}
			}
			m.obs.Switch(m.step, view.Last, d.Hart, q)
		}

		m.clock.begin(h, q, sleeping)
		n, why := h.Run(q)
		m.clock.end(n)
		m.step += n
		res.PerHart[d.Hart] += n
		view.Last = d.Hart
		m.pollHTIF()
		if why == hart.StopWFI {
			m.obs.Sleep(m.step, d.Hart)
			asleep[d.Hart] = true
		}
		// A hart that is runnable yet makes no progress (it can only be
		// stopped by a request, which checkEnd sees) must not spin forever.
		if n == 0 && why != hart.StopWFI && why != hart.StopRequested {
			if idle++; idle > 1000 {
				return m.end(&res, ExitDeadlock, 1)
			}
		} else {
			idle = 0
		}
	}
}

// checkEnd reports whether the run is over: guest exit, stop, limits.
func (m *Machine) checkEnd(res *Result, began time.Time, quanta uint64) (Result, bool) {
	switch {
	case m.exit.set.Load():
		return m.end(res, m.exit.reason, m.exit.status), true
	case m.stop.Load():
		return m.end(res, ExitStopped, 1), true
	case m.cfg.MaxInsns != 0 && m.step >= m.cfg.MaxInsns:
		return m.end(res, ExitMaxInsns, 1), true
	case m.cfg.Timeout != 0 && quanta%64 == 0 && time.Since(began) >= m.cfg.Timeout:
		return m.end(res, ExitTimeout, 1), true
	}
	return Result{}, false
}

func (m *Machine) end(res *Result, reason ExitReason, status int) Result {
	res.Reason, res.Status = reason, status
	res.Instructions = m.step
	return *res
}

// waitInput blocks while every hart sleeps but terminal or pipe input may
// still come and wake one (via the UART interrupt); limits still apply.
func (m *Machine) waitInput(began time.Time) {
	done := make(chan struct{})
	var once sync.Once
	end := func() { once.Do(func() { close(done) }) }
	if m.cfg.Timeout != 0 {
		t := time.AfterFunc(max(m.cfg.Timeout-time.Since(began), 0), end)
		defer t.Stop()
	}
	go func() { // Stop ends the wait too
		select {
		case <-m.stopCh:
			end()
		case <-done:
		}
	}()
	defer end()
	m.uart.WaitInput(done)
}

// Step returns the number of instructions executed machine-wide so far (in
// parallel mode, an approximation updated between harts' chunks).
func (m *Machine) Step() uint64 {
	if m.cfg.Parallel {
		return m.pstep.Load()
	}
	s := m.step
	if c := m.clock.cur; c != nil {
		s += min(c.Instret()-m.clock.curBase, m.clock.curMax)
	}
	return s
}

// nextDeadline returns the clock value at which the next timer fires: the
// earliest mtimecmp not fired yet or, on harts with Sstc enabled, future
// stimecmp.
func (m *Machine) nextDeadline() (uint64, bool) {
	now := m.clint.Now()
	best, ok := m.clint.NextDeadline()
	for _, h := range m.harts {
		if env, _ := h.ReadCSR(csrMenvcfg); env>>63 == 0 {
			continue
		}
		if c, _ := h.ReadCSR(csrStimecmp); c > now && c != ^uint64(0) && (!ok || c < best) {
			best, ok = c, true
		}
	}
	if !ok {
		return 0, false
	}
	return m.clint.ClockAt(best), true
}

const (
	csrMenvcfg  = 0x30a
	csrStimecmp = 0x14d
	csrMip      = 0x344
	csrMie      = 0x304
)
