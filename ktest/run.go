package ktest

import (
	"fmt"
	"io"
	"strings"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/trace"
)

// Config is what every run of a test session shares.
type Config struct {
	Firmware, Kernel []byte // ELF images: firmware at 0x80000000, kernel at 0x80200000
	// Machine is the board (harts, RAM, limits); its Seed, Policy,
	// Bootargs and Observer are set per run.
	Machine emu.Config
	Append  string // bootargs given by the user (-append)
	Run     string // -run glob: passed to the guest as test=GLOB, applied to the verdicts
	Sched   string // "random" or "pct"
	Depth   uint64 // PCT bug depth
	Steps   uint64 // PCT window (estimated run length); 0: emu's default
}

// Bootargs is the kernel command line of the run with this seed: the user's,
// then test=GLOB when -run selects tests, then seed=S, so that the guest's
// own randomness (stoptorture) follows the schedule's seed.
func (c *Config) Bootargs(seed uint64) string {
	args := []string{}
	if c.Append != "" {
		args = append(args, c.Append)
	}
	if c.Run != "" {
		args = append(args, "test="+c.Run)
	}
	args = append(args, fmt.Sprintf("seed=%d", seed))
	return strings.Join(args, " ")
}

// Policy returns the scheduling policy of the run with this seed.
func (c *Config) Policy(seed uint64) (emu.Policy, error) {
	switch c.Sched {
	case "", "random":
		return emu.NewRandomPolicy(seed), nil
	case "pct":
		return emu.NewPCTPolicy(seed, max(c.Depth, 1), c.Steps), nil
	}
	return nil, fmt.Errorf("scheduler %q: want random or pct", c.Sched)
}

// For returns the configuration of the runs of one test: the same, with
// Run = test (a glob: a test name, or "" for everything -run selects).
func (c *Config) For(test string) *Config {
	cc := *c
	if test != "" {
		cc.Run = test
	}
	return &cc
}

// Run is one boot's outcome.
type Run struct {
	Seed   uint64
	Test   string // the -run glob of this boot ("" for all tests)
	Cases  []Case // the verdicts -run selects, then BootCase
	Result emu.Result
}

// Failed reports whether any case failed.
func (r *Run) Failed() bool {
	for _, c := range r.Cases {
		if !c.OK {
			return true
		}
	}
	return false
}

// Failures returns the failed cases.
func (r *Run) Failures() []Case {
	var fs []Case
	for _, c := range r.Cases {
		if !c.OK {
			fs = append(fs, c)
		}
	}
	return fs
}

// Boot runs the kernel once with this seed. obs, when not nil, observes the
// run (a flight recorder); it is called with the new machine before it runs.
func (c *Config) Boot(seed uint64, obs func(m *emu.Machine) emu.Observer, policy emu.Policy) (*Run, error) {
	cfg := c.Machine
	cfg.Seed, cfg.Bootargs, cfg.Stdout, cfg.Stdin = seed, c.Bootargs(seed), nil, nil
	cfg.Policy = policy
	if cfg.Policy == nil {
		var err error
		if cfg.Policy, err = c.Policy(seed); err != nil {
			return nil, err
		}
	}
	var hook *lateObserver
	if obs != nil {
		hook = &lateObserver{emu.NopObserver{}}
		cfg.Observer = hook
	}
	m, err := emu.New(cfg)
	if err != nil {
		return nil, err
	}
	if _, err := m.LoadELF(c.Firmware); err != nil {
		return nil, fmt.Errorf("firmware: %w", err)
	}
	if _, err := m.LoadELF(c.Kernel); err != nil {
		return nil, fmt.Errorf("kernel: %w", err)
	}
	m.SetEntry(emu.RAMBase, emu.KernelBase)
	if hook != nil {
		hook.Observer = obs(m)
	}
	res, err := m.Run()
	if err != nil {
		return nil, err
	}
	return c.judge(seed, res), nil
}

// lateObserver lets the observer be made after the machine exists (a
// tracer needs the machine's step counter).
type lateObserver struct{ emu.Observer }

// judge turns a finished run into verdicts.
func (c *Config) judge(seed uint64, res emu.Result) *Run {
	r := &Run{Seed: seed, Test: c.Run, Result: res}
	cases, perr := Parse(res.Console)
	explained := false // a failure status is explained by a failed test
	for _, cs := range cases {
		explained = explained || !cs.OK
		if Match(c.Run, cs.Name) {
			r.Cases = append(r.Cases, cs)
		}
	}
	boot := Case{Name: BootCase, OK: true}
	switch {
	case res.Reason == emu.ExitMaxInsns:
		boot.OK, boot.Reason = false, fmt.Sprintf("run ended by the instruction limit, %d: a hang, or a run longer than -max-insns", res.Instructions)
	case !res.Reason.Guest():
		boot.OK, boot.Reason = false, fmt.Sprintf("run ended by %v after %d instructions", res.Reason, res.Instructions)
	case res.Status != 0 && !explained:
		boot.OK, boot.Reason = false, fmt.Sprintf("the guest shut down with status %d (failure)", res.Status)
	case perr != nil:
		boot.OK, boot.Reason = false, perr.Error()
	case len(cases) == 0 && perr == nil && c.Run != "":
		boot.OK, boot.Reason = false, fmt.Sprintf("the guest ran no tests: none matches test=%s (or it has none)", c.Run)
	case len(cases) == 0:
		boot.OK, boot.Reason = false, "the guest printed no test results"
	}
	r.Cases = append(r.Cases, boot)
	return r
}

// Flight re-runs seed (deterministically: the same run) with a flight
// recorder keeping the last n events of every hart, writes the recording to
// w, and returns the run, so the caller can check it failed the same way.
// When sched is not nil, the schedule's decisions are written to it too.
func (c *Config) Flight(seed uint64, n int, w io.Writer, sched io.Writer) (*Run, error) {
	src := &trace.Source{}
	for _, img := range [][]byte{c.Firmware, c.Kernel} {
		if err := src.AddELF(img); err != nil {
			return nil, err
		}
	}
	var tr *trace.Tracer
	flight := trace.NewFlight(n)
	policy, err := c.Policy(seed)
	if err != nil {
		return nil, err
	}
	rec := &emu.RecordPolicy{Inner: policy}
	var m *emu.Machine
	run, err := c.Boot(seed, func(mm *emu.Machine) emu.Observer {
		m = mm
		tr, err = trace.New(src, nopSink{}, trace.Options{}, m.Step)
		if err != nil {
			panic(err) // no filters: New cannot fail
		}
		tr.Flight = flight
		for _, h := range m.Harts() {
			h.SetTracer(tr)
		}
		return tr
	}, rec)
	if err != nil {
		return nil, err
	}
	if err := flight.WriteTo(w, src); err != nil {
		return run, err
	}
	if sched != nil {
		if err := emu.WriteSchedule(sched, rec.Decisions); err != nil {
			return run, err
		}
	}
	return run, nil
}

type nopSink struct{}

func (nopSink) Event(*trace.Event) error { return nil }
func (nopSink) Close() error             { return nil }
