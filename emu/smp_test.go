package emu

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"strings"
	"testing"
)

// counterProg: every hart adds 1 to a shared counter iters times with the
// given update sequence (t0 = &counter), then counts itself done; hart 0
// waits for all, checks counter == harts*iters and passes, or fails with 1.
func counterProg(update string, iters, harts int) string {
	return fmt.Sprintf(`
	.globl _start
_start:
	la t0, counter
	li s1, %d
1:	%s
	addi s1, s1, -1
	bnez s1, 1b
	la t2, done
	li t3, 1
	amoadd.w zero, t3, (t2)
	bnez a0, park
	li t4, %d # hart 0: wait for every hart
2:	lw t5, 0(t2)
	bne t5, t4, 2b
	lw t5, 0(t0)
	li t6, %d
	mul t6, t6, t4
	bne t5, t6, bad
	PASS
bad:	FAIL 1
park:	wfi
	j park
	.data
	.align 3
counter: .word 0
done:	.word 0
`, iters, update, harts, iters)
}

const (
	amoUpdate  = "li t1, 1; amoadd.w zero, t1, (t0)"
	lrscUpdate = "3: lr.w t1, (t0); addi t1, t1, 1; sc.w t2, t1, (t0); bnez t2, 3b"
)

// hashObserver fingerprints the schedule: every switch and its quantum.
type hashObserver struct {
	NopObserver
	h        uint64
	switches int
}

func (o *hashObserver) Switch(step uint64, from, to int, q uint64) {
	f := fnv.New64a()
	fmt.Fprintf(f, "%d %d %d %d %d", o.h, step, from, to, q)
	o.h = f.Sum64()
	o.switches++
}

func TestSharedCounterLosesNoUpdate(t *testing.T) {
	for _, c := range []struct{ name, update string }{{"amo", amoUpdate}, {"lrsc", lrscUpdate}} {
		elf := buildELF(t, counterProg(c.update, 2000, 4))
		for seed := range uint64(5) {
			res, _ := runELF(t, Config{Harts: 4, Seed: seed, MaxInsns: 10_000_000}, elf)
			if res.Reason != ExitFinisher || res.Status != 0 {
				t.Fatalf("%s seed %d: %v status %d\n%s", c.name, seed, res.Reason, res.Status, res.Report)
			}
			if res.Switches < 4 {
				t.Errorf("%s seed %d: only %d switches; the harts did not interleave", c.name, seed, res.Switches)
			}
		}
		t.Run(c.name+"/parallel", func(t *testing.T) {
			res, _ := runELF(t, Config{Harts: 4, Parallel: true, Timeout: 20e9}, elf)
			if res.Reason != ExitFinisher || res.Status != 0 {
				t.Fatalf("%v status %d\n%s", res.Reason, res.Status, res.Report)
			}
		})
	}
}

func TestSameSeedSameRun(t *testing.T) {
	elf := buildELF(t, counterProg(lrscUpdate, 300, 4))
	run := func(seed uint64) (Result, uint64) {
		o := &hashObserver{}
		res, _ := runELF(t, Config{Harts: 4, Seed: seed, Observer: o, MaxInsns: 1e7}, elf)
		if res.Reason != ExitFinisher || res.Status != 0 {
			t.Fatalf("seed %d: %v status %d\n%s", seed, res.Reason, res.Status, res.Report)
		}
		return res, o.h
	}
	first, fh := run(7)
	for i := range 100 {
		res, h := run(7)
		if h != fh || res.Instructions != first.Instructions || fmt.Sprint(res.PerHart) != fmt.Sprint(first.PerHart) || res.MTime != first.MTime {
			t.Fatalf("run %d with seed 7 differs: %d %v mtime %d (first %d %v mtime %d)",
				i, res.Instructions, res.PerHart, res.MTime, first.Instructions, first.PerHart, first.MTime)
		}
	}
	seen := map[uint64]bool{fh: true}
	for seed := uint64(100); seed < 110; seed++ {
		_, h := run(seed)
		seen[h] = true
	}
	if len(seen) < 11 {
		t.Errorf("11 seeds gave only %d distinct schedules", len(seen))
	}
}

func TestReplayReproducesSchedule(t *testing.T) {
	elf := buildELF(t, counterProg(lrscUpdate, 300, 3))
	rec := &RecordPolicy{Inner: NewRandomPolicy(3)}
	o1 := &hashObserver{}
	r1, _ := runELF(t, Config{Harts: 3, Policy: rec, Observer: o1, MaxInsns: 1e7}, elf)
	// Through the file format and back.
	var file bytes.Buffer
	if err := WriteSchedule(&file, rec.Decisions); err != nil {
		t.Fatal(err)
	}
	ds, err := ReadSchedule(&file)
	if err != nil {
		t.Fatal(err)
	}
	rep := &ReplayPolicy{Decisions: ds}
	o2 := &hashObserver{}
	r2, _ := runELF(t, Config{Harts: 3, Policy: rep, Observer: o2, MaxInsns: 1e7}, elf)
	if rep.Err != nil || o1.h != o2.h || r1.Instructions != r2.Instructions {
		t.Fatalf("replay differs: err %v, %d vs %d instructions", rep.Err, r1.Instructions, r2.Instructions)
	}
	// A replay of a different machine diverges, and says so.
	rep = &ReplayPolicy{Decisions: []Decision{{Hart: 2, Quantum: 10}}}
	runELF(t, Config{Harts: 2, Policy: rep, MaxInsns: 1e6}, elf)
	if rep.Err == nil {
		t.Error("replaying hart 2 on a 2-hart machine did not report divergence")
	}
}

func TestReadScheduleErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"2 10\n", "line 1"},
		{"# rvstop schedule v1\n1 5\n1\n", "line 3"},
		{"# rvstop schedule v1\n1 0\n", "line 2: bad decision"},
		{"# rvstop schedule v1\n-1 5\n", "line 2: bad decision"},
	} {
		if _, err := ReadSchedule(strings.NewReader(c.in)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.in, err, c.want)
		}
	}
}

// TestReservationDroppedAtSwitch drives the scheduler by hand: hart 0 runs
// through its LR (6 boot ROM instructions, then 4 of its own), hart 1 runs
// one instruction, hart 0 resumes with its SC. The switch drops hart 0's
// reservation, as Spike does, unless KeepReservations.
func TestReservationDroppedAtSwitch(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	la t0, word
	bnez a0, park
	lr.w t1, (t0)
	sc.w t2, t1, (t0)
	beqz t2, ok
	FAIL 3 # SC failed
ok:	PASS
park:	wfi
	j park
	.data
	.align 2
word:	.word 0
`)
	for _, keep := range []bool{false, true} {
		rep := &ReplayPolicy{Decisions: []Decision{{0, 10}, {1, 1}, {0, 100}}}
		res, _ := runELF(t, Config{Harts: 2, Policy: rep, KeepReservations: keep, MaxInsns: 1e5}, elf)
		want := 3
		if keep {
			want = 0
		}
		if rep.Err != nil || res.Reason != ExitFinisher || res.Status != want {
			t.Errorf("KeepReservations %v: %v status %d (want %d), replay %v\n%s", keep, res.Reason, res.Status, want, rep.Err, res.Report)
		}
	}
}

func TestPCTPolicy(t *testing.T) {
	for _, c := range []struct{ name, update string }{{"amo", amoUpdate}, {"lrsc", lrscUpdate}} {
		elf := buildELF(t, counterProg(c.update, 500, 4))
		for depth := uint64(1); depth <= 3; depth++ {
			for seed := range uint64(3) {
				o1, o2 := &hashObserver{}, &hashObserver{}
				cfg := Config{Harts: 4, MaxInsns: 1e7, Policy: NewPCTPolicy(seed, depth, 20000), Observer: o1}
				res, _ := runELF(t, cfg, elf)
				if res.Reason != ExitFinisher || res.Status != 0 {
					t.Fatalf("%s depth %d seed %d: %v %d\n%s", c.name, depth, seed, res.Reason, res.Status, res.Report)
				}
				cfg.Policy, cfg.Observer = NewPCTPolicy(seed, depth, 20000), o2
				if again, _ := runELF(t, cfg, elf); again.Instructions != res.Instructions || o1.h != o2.h {
					t.Errorf("%s depth %d seed %d: not reproducible", c.name, depth, seed)
				}
			}
		}
	}
}

// TestPCTRunsHighestPriority: with depth 1 there are no change points, so a
// hart runs until it sleeps; every switch before the window ends is to a
// hart that was runnable when the previous one went to sleep.
func TestPCTRunsHighestPriority(t *testing.T) {
	p := NewPCTPolicy(1, 1, 1000)
	v := &View{Harts: 3, Last: -1, Runnable: []int{0, 1, 2}}
	first := p.Pick(v)
	if first.Quantum == 0 || first.Quantum > 1000 {
		t.Fatalf("quantum %d", first.Quantum)
	}
	v.Step, v.Last = 10, first.Hart
	if d := p.Pick(v); d.Hart != first.Hart {
		t.Errorf("without change points hart %d gave way to %d", first.Hart, d.Hart)
	}
	// Depth 2: after the change point the running hart drops below the others.
	p = NewPCTPolicy(7, 2, 1000)
	v = &View{Harts: 3, Last: -1, Runnable: []int{0, 1, 2}}
	d := p.Pick(v)
	v.Step, v.Last = d.Quantum, d.Hart
	for v.Step < p.changes[0].step {
		d = p.Pick(v)
		v.Step += d.Quantum
	}
	if d2 := p.Pick(v); d2.Hart == d.Hart {
		t.Errorf("hart %d kept running past its change point", d.Hart)
	}
}
