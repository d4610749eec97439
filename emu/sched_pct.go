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
//   - depth-1 change points are drawn uniformly in the window of Steps steps;
//   - the runnable hart with the highest priority always runs; when the step
//     count passes change point i, the hart running at that moment drops to
//     priority i, below every initial priority.
//
// A bug that needs d ordering constraints among n harts over k steps is then
// found in one run with probability at least 1/(n·k^(d-1)).
//
// Two departures, both for guest code that spins: a hart spinning on a lock
// held by a lower-priority hart would otherwise spin forever once the change
// points are spent, so PCT starts over (new priorities, new change points)
// every Steps steps; and quanta are capped at pctMaxQuantum so devices and
// timers are serviced as under the random policy.
type PCTPolicy struct {
	depth, steps uint64
	rng          splitMix

	prio    []uint64      // per hart
	changes []changePoint // this window's, by ascending step
	next    int           // index of the next change point
	window  uint64        // step at which the current window started
}

// A changePoint demotes the hart running at step to priority prio.
type changePoint struct{ step, prio uint64 }

const pctMaxQuantum = 4096

// NewPCTPolicy returns the PCT policy for a seed, a bug depth d >= 1 and an
// estimate of the run's length in instructions (the window; 0 means 10^7).
func NewPCTPolicy(seed, depth, steps uint64) *PCTPolicy {
	if steps == 0 {
		steps = 10_000_000
	}
	return &PCTPolicy{depth: max(depth, 1), steps: steps, rng: splitMix(seed)}
}

func (p *PCTPolicy) Name() string { return "pct" }

func (p *PCTPolicy) Pick(v *View) Decision {
	if p.prio == nil || v.Step >= p.window+p.steps {
		p.restart(v.Step, v.Harts)
	}
	// A change point passed during the last quantum demotes the hart that
	// ran through it.
	for p.next < len(p.changes) && v.Step >= p.changes[p.next].step {
		if v.Last >= 0 {
			p.prio[v.Last] = p.changes[p.next].prio
		}
		p.next++
	}
	best := v.Runnable[0]
	for _, h := range v.Runnable[1:] {
		if p.prio[h] > p.prio[best] {
			best = h
		}
	}
	q := min(uint64(pctMaxQuantum), p.window+p.steps-v.Step)
	if p.next < len(p.changes) {
		q = min(q, p.changes[p.next].step-v.Step)
	}
	return Decision{best, max(q, 1)}
}

// restart draws fresh priorities and change points for a window at step.
func (p *PCTPolicy) restart(step uint64, harts int) {
	p.window = step
	p.prio = make([]uint64, harts)
	perm := make([]int, harts)
	for i := range perm {
		j := int(p.rng.below(uint64(i + 1))) // Fisher-Yates, inside out
		perm[i] = perm[j]
		perm[j] = i
	}
	for i, h := range perm {
		p.prio[h] = p.depth + uint64(i)
	}
	// Change point i (1..depth-1, in the order drawn) lowers to priority i,
	// so which point lowers least is independent of when it comes.
	p.changes = p.changes[:0]
	for i := range p.depth - 1 {
		p.changes = append(p.changes, changePoint{step + 1 + p.rng.below(p.steps), i + 1})
	}
	slices.SortStableFunc(p.changes, func(a, b changePoint) int { return cmp.Compare(a.step, b.step) })
	p.next = 0
}
