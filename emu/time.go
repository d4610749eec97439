package emu

import (
	"math"
	"time"

	"github.com/rvstop/rvstop/hart"
)

// timeSource is the machine's clock, in mtime ticks (10 MHz), before any
// offset the guest sets by writing mtime (the CLINT keeps that).
//
// Deterministic mode: time is virtual and follows executed instructions.
// The machine keeps `work`, a count of instructions weighted by how many harts
// were conceptually busy, and
//
//	mtime = work / N    (N harts)
//
// where a quantum of q instructions adds q·(1+s) to work when s harts sleep in
// WFI during it. So every hart runs at one instruction per tick (10 M
// instructions per virtual second) whether its neighbours run or sleep: with
// all N harts busy each gets about 1/N of the quanta and time advances by q/N
// per quantum; with one hart busy and N-1 asleep it advances by q. Within a
// quantum the running hart's retired instructions count too, so a guest
// polling the time CSR sees it move. When every hart sleeps, work jumps to the
// next timer deadline.
//
// Parallel mode: mtime is host time since the start of the run, at 10 MHz.
type timeSource struct {
	n        uint64
	parallel bool
	start    time.Time

	work    uint64
	cur     *hart.Hart // running hart, nil between quanta
	curBase uint64     // its instret when the quantum started
	curMax  uint64     // the quantum's budget
	weight  uint64     // 1 + sleeping harts during the quantum
	last    uint64     // last value returned: time never goes backwards
}

func newTimeSource(m *Machine) *timeSource {
	return &timeSource{n: uint64(m.n), parallel: m.cfg.Parallel, start: time.Now()}
}

func (t *timeSource) now() uint64 {
	if t.parallel {
		return uint64(time.Since(t.start) / 100)
	}
	w := t.work
	if t.cur != nil {
		// Capped at the budget, so a guest writing minstret cannot move time.
		w += min(t.cur.Instret()-t.curBase, t.curMax) * t.weight
	}
	t.last = max(t.last, w/t.n)
	return t.last
}

// begin and end bracket a quantum of hart h with budget q.
func (t *timeSource) begin(h *hart.Hart, q, sleeping uint64) {
	t.cur, t.curBase, t.curMax, t.weight = h, h.Instret(), q, 1+sleeping
}

func (t *timeSource) end(executed uint64) {
	t.work += executed * t.weight
	t.cur = nil
}

// insnsUntil returns how many instructions of a quantum weighted like
// begin's make the clock reach c (at least 1).
func (t *timeSource) insnsUntil(c, sleeping uint64) uint64 {
	if c > math.MaxUint64/t.n {
		return math.MaxUint64 // beyond the end of time
	}
	target := c * t.n
	if target <= t.work {
		return 1
	}
	w := 1 + sleeping
	return (target - t.work + w - 1) / w
}

// advanceTo jumps the clock to c (idle time skipped while every hart sleeps).
func (t *timeSource) advanceTo(c uint64) {
	t.work = max(t.work, min(c, math.MaxUint64/t.n)*t.n)
}
