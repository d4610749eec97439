package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cheggaaa/pb/v3"
	"github.com/mattn/go-isatty"

	"github.com/rvstop/rvstop/ktest"
)

// testSession runs the seeds, prints the summary and handles failures.
func testSession(kc *ktest.Config, tf *testFlags, fs *flag.FlagSet, set map[string]bool, kpath string, seeds []uint64) int {
	s := &ktest.Session{Config: kc, Parallel: tf.parallel}
	if tf.split {
		// A first boot lists the tests; each seed then boots once per test.
		r, err := kc.Boot(seeds[0], nil, nil)
		if err != nil {
			fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
			return 1
		}
		if s.Tests = ktest.TopTests(r); len(s.Tests) == 0 {
			fmt.Fprintf(os.Stderr, "rvstop test: -split: the first boot (seed %d) printed no tests\n", seeds[0])
			return 1
		}
	}
	var bar *pb.ProgressBar
	if isatty.IsTerminal(os.Stderr.Fd()) {
		bar = pb.New(s.Jobs(len(seeds))).SetWriter(os.Stderr)
		bar.SetTemplateString(`{{counters . }} boots {{bar . }} {{percent . }} {{etime . }} {{string . "fails"}}`)
		bar.Start()
		fails := 0
		s.Progress = func(r *ktest.Run) {
			if r.Failed() {
				fails++
				bar.Set("fails", fmt.Sprintf("%d failed", fails))
			}
			bar.Increment()
		}
	}
	runs, err := s.Runs(seeds)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		return 1
	}
	failed := 0
	var insns uint64
	for _, r := range runs {
		insns += r.Result.Instructions
		if r.Failed() {
			failed++
		}
	}
	ktest.WriteTable(os.Stdout, ktest.Summarize(runs))
	per := ""
	if tf.split {
		per = fmt.Sprintf(", %d tests per seed", len(s.Tests))
	}
	fmt.Printf("\n%d runs (-smp %d, -sched %s%s), %d failed; %d guest instructions\n",
		len(runs), kc.Machine.Harts, kc.Sched, per, failed, insns)
	if failed == 0 {
		return 0
	}
	if err := os.MkdirAll(tf.outDir, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "rvstop test: -o: %v\n", err)
	}
	rp := newReplayer(kc, tf, fs, set, kpath)
	traces := 0
	for _, r := range runs {
		if !r.Failed() {
			continue
		}
		if r.Test != "" && tf.split {
			fmt.Printf("\nFAIL seed %d, test %s:\n", r.Seed, r.Test)
		} else {
			fmt.Printf("\nFAIL seed %d:\n", r.Seed)
		}
		for _, c := range r.Failures() {
			fmt.Printf("  %s: %s\n", c.Name, c.Reason)
		}
		fmt.Printf("  replay: %s\n", rp.testCommand(r))
		if cmd, err := rp.bootCommand(r); err != nil {
			fmt.Fprintf(os.Stderr, "rvstop test: %v\n", err)
		} else {
			fmt.Printf("  replay: %s\n", cmd)
		}
		if traces < tf.maxTraces {
			traces++
			rp.writeFlight(r)
		}
	}
	return 1
}

// failName is the file name stem of a failing run's artifacts; with
// -split the test is part of it.
func failName(dir string, r *ktest.Run, split bool) string {
	name := fmt.Sprintf("rvstop-fail-seed%d", r.Seed)
	if split && r.Test != "" {
		name += "-" + strings.Map(func(c rune) rune {
			if strings.ContainsRune("/\\*?[] ", c) {
				return '_'
			}
			return c
		}, r.Test)
	}
	return filepath.Join(dir, name)
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=./,:+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
