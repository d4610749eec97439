package emu

import "testing"

// A top-priority hart that never sleeps (it spins on another) yields after
// pctSlice instructions, so every runnable hart runs before long.
func TestPCTYieldsAfterSlice(t *testing.T) {
	p := NewPCTPolicy(3, 1, 1e9)
	v := &View{Harts: 4, Last: -1, Runnable: []int{0, 1, 2, 3}}
	ran := map[int]uint64{}
	var stint uint64
	for v.Step < 4*pctSlice {
		d := p.Pick(v)
		if d.Hart != v.Last {
			stint = 0
		}
		if stint += d.Quantum; stint > pctSlice {
			t.Fatalf("hart %d ran %d steps in a row, more than a slice", d.Hart, stint)
		}
		ran[d.Hart] += d.Quantum
		v.Step += d.Quantum
		v.Last = d.Hart
	}
	for h := range 4 {
		if ran[h] == 0 {
			t.Errorf("hart %d never ran in %d steps: %v", h, v.Step, ran)
		}
	}
}

// The same seed draws the same priorities and change points; another seed
// (almost always) different ones.
func TestPCTSeeded(t *testing.T) {
	run := func(seed uint64) []Decision {
		p := NewPCTPolicy(seed, 3, 100_000)
		v := &View{Harts: 4, Last: -1, Runnable: []int{0, 1, 2, 3}}
		var ds []Decision
		for v.Step < 200_000 {
			d := p.Pick(v)
			ds = append(ds, d)
			v.Step += d.Quantum
			v.Last = d.Hart
		}
		return ds
	}
	a, b, c := run(5), run(5), run(6)
	if len(a) != len(b) {
		t.Fatalf("seed 5: %d then %d decisions", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("seed 5: decision %d differs: %v, %v", i, a[i], b[i])
		}
	}
	same := len(a) == len(c)
	for i := 0; same && i < len(a); i++ {
		same = a[i] == c[i]
	}
	if same {
		t.Errorf("seeds 5 and 6 made the same schedule")
	}
}

// Two harts that take the top in turn, each briefly (they wake, run a
// little and sleep), must not keep a third, lower one off forever: what a
// hart runs counts toward its slice across the others' turns.
func TestPCTNoStarvationByAlternatingHarts(t *testing.T) {
	for seed := range uint64(8) {
		p := NewPCTPolicy(seed, 1, 1e9)
		ran := map[int]uint64{}
		v := &View{Harts: 3, Last: -1}
		for i := 0; v.Step < 20*pctSlice; i++ {
			// Hart (i%2) is asleep every other decision: the two top
			// candidates alternate, as an interrupt-driven hart does.
			v.Runnable = []int{0, 1, 2}
			if i%2 == 0 {
				v.Runnable = []int{1, 2}
			}
			d := p.Pick(v)
			q := min(d.Quantum, 100) // each runs a little, then sleeps
			ran[d.Hart] += q
			v.Step += q
			v.Last = d.Hart
		}
		for h := range 3 {
			if ran[h] == 0 {
				t.Errorf("seed %d: hart %d never ran in %d steps: %v", seed, h, v.Step, ran)
			}
		}
	}
}
