package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/rvstop/rvstop/ktest"
)

// replayer spells the commands that replay one failing seed and writes its
// flight recorder. A run is a function of the images, the board flags, the
// bootargs and the policy's seed, so `rvstop test -seed S` with the same
// flags, and `rvstop boot` with the same board, bootargs and scheduler,
// both repeat it instruction for instruction.
type replayer struct {
	kc     *ktest.Config
	tf     *testFlags
	fs     *flag.FlagSet
	set    map[string]bool
	kpath  string // the kernel file given, or "" for the embedded kernel
	bugELF string // with -bug: where the buggy kernel was written for boot
}

func newReplayer(kc *ktest.Config, tf *testFlags, fs *flag.FlagSet, set map[string]bool, kpath string) *replayer {
	return &replayer{kc: kc, tf: tf, fs: fs, set: set, kpath: kpath}
}

// notReplayed are the test flags that do not change a run.
// (-run and -split: a -split run replays with -run set to its test.)
var notReplayed = map[string]bool{"seed": true, "seeds": true, "parallel": true, "traces": true, "o": true, "flight": true,
	"run": true, "split": true}

// testCommand is `rvstop test` with the same flags, on this seed (and test)
// alone.
func (rp *replayer) testCommand(r *ktest.Run) string {
	parts := []string{"rvstop test"}
	rp.fs.VisitAll(func(f *flag.Flag) {
		if rp.set[f.Name] && !notReplayed[f.Name] {
			parts = append(parts, "-"+f.Name, shellQuote(f.Value.String()))
		}
	})
	if r.Test != "" {
		parts = append(parts, "-run", shellQuote(r.Test))
	}
	parts = append(parts, "-seed", fmt.Sprint(r.Seed))
	if rp.kpath != "" {
		parts = append(parts, shellQuote(rp.kpath))
	}
	return strings.Join(parts, " ")
}

// bootCommand is the same run as `rvstop boot`: the same board, limits,
// scheduler and bootargs (with the test= and seed= rvstop test adds).
func (rp *replayer) bootCommand(r *ktest.Run) (string, error) {
	seed, kc := r.Seed, rp.kc.For(r.Test)
	m := kc.Machine
	parts := []string{"rvstop boot", "-smp", fmt.Sprint(m.Harts)}
	for _, name := range []string{"m", "misaligned", "timeout"} {
		if rp.set[name] {
			parts = append(parts, "-"+name, shellQuote(rp.fs.Lookup(name).Value.String()))
		}
	}
	parts = append(parts, "-max-insns", fmt.Sprint(m.MaxInsns), "-seed", fmt.Sprint(seed))
	if rp.kc.Sched == "pct" {
		parts = append(parts, "-sched", "pct", "-depth", fmt.Sprint(rp.kc.Depth), "-pct-steps", fmt.Sprint(rp.kc.Steps))
	}
	parts = append(parts, "-append", shellQuote(kc.Bootargs(seed)))
	k := rp.kpath
	if rp.tf.bug != "" {
		if rp.bugELF == "" {
			path := filepath.Join(rp.tf.outDir, "rvstop-"+rp.tf.bug+".elf")
			if err := os.WriteFile(path, rp.kc.Kernel, 0o644); err != nil {
				return "", err
			}
			rp.bugELF = path
		}
		k = rp.bugELF
	}
	if k != "" {
		parts = append(parts, shellQuote(k))
	}
	return strings.Join(parts, " "), nil
}

// writeFlight re-runs the failing seed with the flight recorder on and
// writes its last events and its schedule next to the replay commands.
func (rp *replayer) writeFlight(r *ktest.Run) {
	stem := failName(rp.tf.outDir, r, rp.tf.split)
	tf, err := os.Create(stem + ".trace")
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		return
	}
	defer tf.Close()
	sf, err := os.Create(stem + ".schedule")
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		return
	}
	defer sf.Close()
	again, err := rp.kc.For(r.Test).Flight(r.Seed, rp.tf.flight, tf, sf)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: seed %d: flight recorder: %v\n", r.Seed, err)
		return
	}
	fmt.Printf("  flight recorder: %s.trace (last %d events per hart); schedule: %s.schedule\n", stem, rp.tf.flight, stem)
	if again.Result.Instructions != r.Result.Instructions || !reflect.DeepEqual(again.Failures(), r.Failures()) {
		fmt.Fprintf(os.Stderr, "rvstop test: seed %d did not fail the same way again (%d instructions, then %d): an emulator bug\n",
			r.Seed, r.Result.Instructions, again.Result.Instructions)
	}
}
