package emu

import (
	"cmp"
	"slices"
)

// PCTPolicy is probabilistic concurrency testing (Burckhardt, Kothari,
// Musuvathi, Nagarakatte, "A Randomized Scheduler with Probabilistic
// Guarantees of Finding Bugs", ASPLOS 2010), with instructions as steps:
//
//   - every hart gets a distinct random priority from depth..depth+n-1;
//   - depth-1 change points are drawn uniformly over the estimated run
//     length (steps); change point i demotes the hart running when the
//     machine reaches it to priority i, below every initial priority;
//   - the runnable hart with the highest priority always runs.
//
// A bug that needs d ordering constraints among n harts over k steps is then
// found in one run with probability at least 1/(n·k^(d-1)).
//
// Where this differs from the paper: its threads block, a kernel's CPUs spin
// (ticket locks, multi_cpu_stop's state loop, csd waits, waits for a CPU to
// come up), and a top-priority hart spinning on a lower one would spin
// forever: a boot of the guest kernel on 2 harts did not end within 2*10^9
// instructions. So a hart that has run pctSlice instructions in a row while
// on top yields: it drops below every priority given so far, as if it had
// blocked. Quanta are cut at change points, at slice ends and every
// pctRecheck instructions, so that a higher-priority hart woken by an
// interrupt takes over within that many instructions.
type PCTPolicy struct {
	depth, steps uint64
	rng          splitMix

	prio    []int64       // per hart; higher runs first
	changes []changePoint // by ascending step
	next    int           // index of the next change point
	low     int64         // the lowest priority given so far
	ran     []uint64      // per hart: instructions run at its current priority,
	slice   []uint64      // and how many it may run before it yields
}

// A changePoint demotes the hart running at step to priority prio.
type changePoint struct {
	step uint64
	prio int64
}

const (
	// PCTDefaultSteps is the window when none is given: about a default
	// boot of the guest kernel on 4 harts (1.9*10^7 instructions).
	PCTDefaultSteps = 20_000_000
	// pctSlice is long enough for a lock holder to finish its critical
	// section and short enough that a spin-wait costs little.
	pctSlice    = 20_000
	pctSliceLog = 14 // slices are drawn below 2^(pctSliceLog+1), capped at pctSlice
	pctRecheck  = 1024
)

// NewPCTPolicy returns the PCT policy for a seed, a bug depth d >= 1 and an
// estimate of the run's length in instructions (0: PCTDefaultSteps).
func NewPCTPolicy(seed, depth, steps uint64) *PCTPolicy {
	if steps == 0 {
		steps = PCTDefaultSteps
	}
	return &PCTPolicy{depth: max(depth, 1), steps: steps, rng: splitMix(seed)}
}

func (p *PCTPolicy) Name() string { return "pct" }

func (p *PCTPolicy) Pick(v *View) Decision {
	if p.prio == nil {
		p.init(v.Harts)
	}
	// A change point passed during the last quantum demotes the hart that
	// ran through it.
	for p.next < len(p.changes) && v.Step >= p.changes[p.next].step {
		if v.Last >= 0 {
			p.prio[v.Last] = p.changes[p.next].prio
			p.ran[v.Last], p.slice[v.Last] = 0, p.drawSlice()
		}
		p.next++
	}
	best := p.highest(v.Runnable)
	for p.ran[best] >= p.slice[best] {
		// Yield: probably spinning on a lower-priority hart. What a hart
		// has run counts until it yields, even when harts that wake up
		// and sleep again briefly take the top meanwhile; otherwise two
		// such harts could keep the others off forever.
		p.low--
		p.prio[best] = p.low
		p.ran[best], p.slice[best] = 0, p.drawSlice()
		best = p.highest(v.Runnable)
	}
	q := min(p.slice[best]-p.ran[best], pctRecheck, p.steps)
	if p.next < len(p.changes) {
		q = min(q, p.changes[p.next].step-v.Step)
	}
	q = max(q, 1)
	p.ran[best] += q
	return Decision{best, q}
}

// drawSlice draws how long a hart may stay on top before it yields: log-uniform
// from 2^11 up to pctSlice, so that yields (unlike the paper's blocking
// points) fall anywhere, including inside short races.
func (p *PCTPolicy) drawSlice() uint64 {
	k := 11 + p.rng.below(pctSliceLog-11+1)
	return min(1<<k+p.rng.below(1<<k), pctSlice)
}

func (p *PCTPolicy) highest(runnable []int) int {
	best := runnable[0]
	for _, h := range runnable[1:] {
		if p.prio[h] > p.prio[best] {
			best = h
		}
	}
	return best
}

// init draws the priorities and change points.
func (p *PCTPolicy) init(harts int) {
	p.prio = make([]int64, harts)
	p.ran = make([]uint64, harts)
	p.slice = make([]uint64, harts)
	perm := make([]int, harts)
	for i := range perm {
		j := int(p.rng.below(uint64(i + 1))) // Fisher-Yates, inside out
		perm[i] = perm[j]
		perm[j] = i
	}
	for i, h := range perm {
		p.prio[h] = int64(p.depth) + int64(i)
		p.slice[h] = p.drawSlice()
	}
	// Change point i (1..depth-1, in the order drawn) lowers to priority i,
	// so which point lowers least is independent of when it comes.
	for i := range p.depth - 1 {
		p.changes = append(p.changes, changePoint{1 + p.rng.below(p.steps), int64(i + 1)})
	}
	slices.SortStableFunc(p.changes, func(a, b changePoint) int { return cmp.Compare(a.step, b.step) })
	p.low = 1
}
