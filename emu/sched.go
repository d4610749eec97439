package emu

import (
	"fmt"
	"math/bits"
)

// Deterministic scheduling. On one goroutine the machine repeatedly asks a
// Policy which runnable hart runs next and for how many instructions (a
// quantum), runs it, and updates devices and time between quanta. Everything
// a run does is a function of the loaded images, the input and the sequence of
// decisions, so the same policy and seed reproduce a run bit for bit.
//
// A quantum can end early: when a timer deadline falls inside it (so timer
// interrupts arrive at the exact mtime), at the instruction limit, on WFI, or
// when the guest exits. Policies see only their decisions, so recording them
// (RecordPolicy) and replaying (ReplayPolicy) reproduces the same cuts.
//
// LR reservations: when the scheduler switches to another hart, the previous
// hart's reservation is dropped, as Spike does at the end of each hart's
// quantum. A store by another hart to the reserved granule already breaks a
// reservation precisely; the drop adds the spurious SC failures the
// architecture allows, so that guest retry paths run under test too. Forward
// progress holds whenever quanta are sometimes longer than the LR/SC loop,
// which RandomPolicy ensures; Config.KeepReservations turns the drop off.

// View is what a Policy sees when it decides.
type View struct {
	Step     uint64 // instructions executed so far, machine-wide
	Last     int    // the hart that ran last; -1 before the first quantum
	Harts    int    // number of harts
	Runnable []int  // harts that can execute now, ascending; never empty
}

// Decision is a Policy's choice: run Hart for at most Quantum instructions.
type Decision struct {
	Hart    int
	Quantum uint64
}

// Policy chooses interleavings. Pick must return a hart from v.Runnable and a
// quantum of at least 1, and depend only on its own state and v (never on the
// host), so that runs are reproducible. Pick's View is only valid during the call.
type Policy interface {
	Name() string
	Pick(v *View) Decision
}

// RandomPolicy picks a runnable hart uniformly at random and a quantum with a
// log-uniform length between 1 and 8191 instructions (a power of two 2^k,
// k uniform in 0..12, plus a uniform part below it): short quanta interleave
// harts finely around races, long ones let code run as it would on real
// hardware, and the mean (about 950) keeps scheduling overhead low.
type RandomPolicy struct{ rng splitMix }

// NewRandomPolicy returns the default policy for a seed.
func NewRandomPolicy(seed uint64) *RandomPolicy { return &RandomPolicy{splitMix(seed)} }

func (p *RandomPolicy) Name() string { return "random" }

func (p *RandomPolicy) Pick(v *View) Decision {
	h := v.Runnable[p.rng.below(uint64(len(v.Runnable)))]
	k := p.rng.below(13)
	return Decision{h, 1<<k + p.rng.below(1<<k)}
}

// splitMix is SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fixed
// here so that a seed means the same schedule with every Go release.
type splitMix uint64

func (s *splitMix) next() uint64 {
	*s += 0x9e3779b97f4a7c15
	z := uint64(*s)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// below returns a uniform value in [0, n) (Lemire's multiply-shift; the tiny
// bias for huge n does not matter here).
func (s *splitMix) below(n uint64) uint64 {
	hi, _ := bits.Mul64(s.next(), n)
	return hi
}

// RecordPolicy passes an inner policy's decisions through and keeps them, so
// that a run's schedule can be saved (see Decisions) and replayed exactly.
type RecordPolicy struct {
	Inner     Policy
	Decisions []Decision
}

func (p *RecordPolicy) Name() string { return p.Inner.Name() }

func (p *RecordPolicy) Pick(v *View) Decision {
	d := p.Inner.Pick(v)
	p.Decisions = append(p.Decisions, d)
	return d
}

// ReplayPolicy repeats recorded decisions. When they run out, or a recorded
// hart is not runnable (the run diverged: different program, input or
// machine), it reports the divergence in Err and falls back to running the
// first runnable hart, so the run still ends normally.
type ReplayPolicy struct {
	Decisions []Decision
	Err       error
	i         int
}

func (p *ReplayPolicy) Name() string { return "replay" }

func (p *ReplayPolicy) Pick(v *View) Decision {
	if p.Err == nil && p.i < len(p.Decisions) {
		d := p.Decisions[p.i]
		p.i++
		for _, r := range v.Runnable {
			if r == d.Hart && d.Quantum > 0 {
				return d
			}
		}
		p.Err = fmt.Errorf("schedule diverges at decision %d (step %d): hart %d is not runnable", p.i-1, v.Step, d.Hart)
	} else if p.Err == nil {
		p.Err = fmt.Errorf("schedule ends after %d decisions, at step %d", len(p.Decisions), v.Step)
	}
	return Decision{v.Runnable[0], 1 << 12}
}
