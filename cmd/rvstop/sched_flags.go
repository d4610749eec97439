package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rvstop/rvstop/emu"
)

// schedFlags choose the deterministic scheduler's policy and record or replay
// its decisions. Any command that runs a machine can add them (run does; boot
// and test may).
type schedFlags struct {
	sched     string
	depth     uint64
	pctSteps  uint64
	schedOut  string
	schedIn   string
	recorder  *emu.RecordPolicy
	replaying *emu.ReplayPolicy
}

func addSchedFlags(fs *flag.FlagSet) *schedFlags {
	f := &schedFlags{}
	fs.StringVar(&f.sched, "sched", "random", "interleaving policy: random (seeded quanta) or pct (priorities and change points)")
	fs.Uint64Var(&f.depth, "depth", 3, "-sched pct: bug depth d (d-1 priority change points)")
	fs.Uint64Var(&f.pctSteps, "pct-steps", emu.PCTDefaultSteps, "-sched pct: instructions per PCT window (estimated run length)")
	fs.StringVar(&f.schedOut, "schedule-out", "", "write the run's scheduling decisions to this file")
	fs.StringVar(&f.schedIn, "schedule-in", "", "replay the scheduling decisions in this file (ignores -sched and -seed)")
	return f
}

// apply sets cfg.Policy from the flags.
func (f *schedFlags) apply(cfg *emu.Config) error {
	if f.schedIn != "" {
		if f.schedOut != "" {
			return fmt.Errorf("-schedule-in and -schedule-out: give one")
		}
		r, err := os.Open(f.schedIn)
		if err != nil {
			return err
		}
		defer r.Close()
		ds, err := emu.ReadSchedule(r)
		if err != nil {
			return fmt.Errorf("%s: %w", f.schedIn, err)
		}
		f.replaying = &emu.ReplayPolicy{Decisions: ds}
		cfg.Policy = f.replaying
		return nil
	}
	switch f.sched {
	case "random":
		cfg.Policy = emu.NewRandomPolicy(cfg.Seed)
	case "pct":
		if f.depth == 0 {
			return fmt.Errorf("-depth 0: PCT needs a depth of at least 1")
		}
		cfg.Policy = emu.NewPCTPolicy(cfg.Seed, f.depth, f.pctSteps)
	default:
		return fmt.Errorf("-sched %q: want random or pct", f.sched)
	}
	if f.schedOut != "" {
		f.recorder = &emu.RecordPolicy{Inner: cfg.Policy}
		cfg.Policy = f.recorder
	}
	return nil
}

// finish writes the recorded schedule and reports a replay that diverged;
// it returns false when either failed.
func (f *schedFlags) finish(who string) bool {
	ok := true
	if f.recorder != nil {
		w, err := os.Create(f.schedOut)
		if err == nil {
			err = emu.WriteSchedule(w, f.recorder.Decisions)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: -schedule-out: %v\n", who, err)
			ok = false
		}
	}
	if f.replaying != nil && f.replaying.Err != nil {
		fmt.Fprintf(os.Stderr, "%s: -schedule-in %s: %v\n", who, f.schedIn, f.replaying.Err)
		ok = false
	}
	return ok
}
