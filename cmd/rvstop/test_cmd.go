package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"slices"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/kernel"
	"github.com/rvstop/rvstop/ktest"
)

func init() {
	register(&command{name: "test", summary: "run the guest kernel's tests over many seeds; replay commands and traces for failures", run: runTest})
}

// (This file is not cmd_test.go: that name would make it a Go test file.)

// testFlags are `rvstop test`'s own flags (the machine flags come from
// addMachineFlags, less -parallel, whose name -parallel P takes here).
type testFlags struct {
	seeds       int
	run, append string
	sched       string
	depth       uint64
	pctSteps    uint64
	parallel    int
	bug         string
	flight      int
	maxTraces   int
	outDir      string
	split       bool
}

func runTest(args []string) int {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: rvstop test [flags] [kernel.elf]\n\n"+
			"Boots the kernel (the embedded one by default) once per seed, reads the verdicts\n"+
			"it prints (KTAP v1 or \"ktest: ok|FAIL:\" lines), and prints a summary. For each\n"+
			"failing seed it prints the commands that replay it and writes the run's flight\n"+
			"recorder (and schedule) next to them. Exit status 1 if any run failed.\n\n")
		fs.PrintDefaults()
	}
	mf := addTestMachineFlags(fs)
	var tf testFlags
	fs.IntVar(&tf.seeds, "seeds", 8, "number of seeds to run: -seed, -seed+1, ... (default start 1)")
	fs.StringVar(&tf.run, "run", "*", "run the tests matching this glob (passed to the guest as test=GLOB); -run '' boots without test=: the default boot's self-checks")
	fs.StringVar(&tf.append, "append", "", "more kernel command line, e.g. hotplug_stress=20")
	fs.StringVar(&tf.sched, "sched", "random", "interleaving policy: random or pct")
	fs.Uint64Var(&tf.depth, "depth", 3, "-sched pct: bug depth d (d-1 priority change points)")
	fs.Uint64Var(&tf.pctSteps, "pct-steps", emu.PCTDefaultSteps, "-sched pct: estimated run length in instructions (the default is about one default boot on 4 harts)")
	fs.IntVar(&tf.parallel, "parallel", runtime.NumCPU(), "runs at once, on that many host threads")
	fs.StringVar(&tf.bug, "bug", "", "build the embedded kernel with this injected bug (see -bug list)")
	fs.IntVar(&tf.flight, "flight", 20000, "events per hart the flight recorder keeps for a failing seed")
	fs.IntVar(&tf.maxTraces, "traces", 10, "write the flight recorder of at most this many failing seeds")
	fs.StringVar(&tf.outDir, "o", ".", "directory for failure traces, schedules and kernels")
	fs.BoolVar(&tf.split, "split", false, "one boot per seed and test (test=NAME), tests listed by a first boot; default: one boot per seed")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if tf.bug == "list" {
		for _, b := range kernel.Bugs {
			fmt.Println(b)
		}
		return 0
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if msg := tf.check(pos, set); msg != "" {
		fmt.Fprintf(os.Stderr, "rvstop test: %s\n", msg)
		return 2
	}
	cfg, err := mf.config()
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		return 2
	}
	if cfg.MaxInsns == 0 {
		// A hung guest must end: far beyond any boot's length (a default
		// boot on 8 harts is 3.6*10^7 instructions, hotplug_stress=5 on 8
		// harts 3.2*10^8); a longer stress run needs -max-insns.
		cfg.MaxInsns = testMaxInsns
	}
	kc := &ktest.Config{Machine: cfg, Append: tf.append, Run: tf.run, Sched: tf.sched, Depth: tf.depth, Steps: tf.pctSteps}
	var kpath string
	if len(pos) == 1 {
		kpath = pos[0]
	}
	if kc.Kernel, err = testKernel(kpath, tf.bug); err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		return 1
	}
	if kc.Firmware, err = firmware.Build(nil); err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: assembling the embedded firmware: %v\n", err)
		return 1
	}
	seeds := []uint64{mf.seed}
	if !set["seed"] || set["seeds"] {
		start := mf.seed
		if !set["seed"] {
			start = 1
		}
		seeds = seeds[:0]
		for i := range tf.seeds {
			seeds = append(seeds, start+uint64(i))
		}
	}
	return testSession(kc, &tf, fs, set, kpath, seeds)
}

// testMaxInsns bounds each run when -max-insns is not given.
const testMaxInsns = 500_000_000

// check reports a bad combination of flags and arguments, or "".
func (tf *testFlags) check(pos []string, set map[string]bool) string {
	switch {
	case len(pos) > 1:
		return fmt.Sprintf("one kernel at most, got %q", pos)
	case len(pos) == 1 && tf.bug != "":
		return "-bug builds the embedded kernel: drop " + pos[0] + " or -bug"
	case tf.bug != "" && !slices.Contains(kernel.Bugs, tf.bug):
		return fmt.Sprintf("-bug %q: not an injected bug (rvstop test -bug list)", tf.bug)
	case tf.seeds < 1:
		return fmt.Sprintf("-seeds %d: must be at least 1", tf.seeds)
	case tf.parallel < 1:
		return fmt.Sprintf("-parallel %d: must be at least 1", tf.parallel)
	case tf.sched != "random" && tf.sched != "pct":
		return fmt.Sprintf("-sched %q: want random or pct", tf.sched)
	case tf.sched != "pct" && (set["depth"] || set["pct-steps"]):
		return "-depth and -pct-steps are for -sched pct"
	case tf.pctSteps < 1:
		return "-pct-steps 0: PCT needs a run length"
	case tf.depth < 1:
		return "-depth 0: PCT needs a depth of at least 1"
	case tf.flight < 1:
		return fmt.Sprintf("-flight %d: must be at least 1", tf.flight)
	}
	return ""
}

// testKernel reads the kernel file or assembles the embedded kernel, with
// the injected bug when one is named.
func testKernel(path, bug string) ([]byte, error) {
	if path != "" {
		return os.ReadFile(path)
	}
	var defsym map[string]int64
	if bug != "" {
		defsym = map[string]int64{bug: 1}
	}
	img, err := kernel.Build(defsym)
	if err != nil {
		return nil, fmt.Errorf("assembling the embedded kernel: %w", err)
	}
	return img, nil
}

// addTestMachineFlags adds the shared machine flags except -parallel (here
// the number of runs at once; a test run is always deterministic).
func addTestMachineFlags(fs *flag.FlagSet) *machineFlags {
	scratch := flag.NewFlagSet("", flag.ContinueOnError)
	mf := addMachineFlags(scratch, 4)
	scratch.VisitAll(func(f *flag.Flag) {
		// -parallel is ours; the scheduler flags too, should the shared
		// set grow them: rvstop test chooses each run's policy itself.
		switch f.Name {
		case "parallel", "sched", "depth", "pct-steps", "schedule-in", "schedule-out":
		default:
			fs.Var(f.Value, f.Name, f.Usage)
		}
	})
	return mf
}
