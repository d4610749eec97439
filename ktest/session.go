package ktest

import (
	"sort"
	"strings"
	"sync"
)

// Session runs a Config over many seeds on parallel host goroutines.
type Session struct {
	Config   *Config
	Parallel int // host goroutines; < 1 means 1
	// StopAtFirst stops at the first failing seed: seeds above it that have
	// not started are skipped; those below still run, so the failure
	// reported is the lowest failing seed whatever the parallelism.
	StopAtFirst bool
	// Tests, when set, splits every seed into one boot per test (each with
	// Config.For(test)), so that a test that hangs or crashes the kernel
	// does not hide the others; see Tests.
	Tests []string
	// Progress, when set, is called after each run (from one goroutine at
	// a time).
	Progress func(*Run)
}

// Jobs is the number of boots Runs makes for n seeds.
func (s *Session) Jobs(n int) int { return n * max(len(s.Tests), 1) }

// TopTests lists the top-level tests of a run, in order: the suites of
// "suite.case" names, the names themselves otherwise; not BootCase.
func TopTests(r *Run) []string {
	var names []string
	seen := map[string]bool{}
	for _, c := range r.Cases {
		name, _, _ := strings.Cut(c.Name, ".")
		if c.Name != BootCase && !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	return names
}

// Runs returns the runs in seed order (then test order). An error (a bad image, a bad
// configuration) stops the session.
func (s *Session) Runs(seeds []uint64) ([]*Run, error) {
	type job struct {
		i    int
		seed uint64
		c    *Config
	}
	var all []job
	for _, seed := range seeds {
		if len(s.Tests) == 0 {
			all = append(all, job{len(all), seed, s.Config})
		}
		for _, t := range s.Tests {
			all = append(all, job{len(all), seed, s.Config.For(t)})
		}
	}
	jobs := make(chan job)
	runs := make([]*Run, len(all))
	var (
		mu        sync.Mutex
		firstErr  error
		lowestBad = -1 // index of the lowest failing seed so far
		wg        sync.WaitGroup
	)
	for range max(s.Parallel, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				r, err := j.c.Boot(j.seed, nil, nil)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if r != nil {
					runs[j.i] = r
					if r.Failed() && (lowestBad < 0 || j.i < lowestBad) {
						lowestBad = j.i
					}
					if s.Progress != nil {
						s.Progress(r)
					}
				}
				mu.Unlock()
			}
		}()
	}
	for _, j := range all {
		mu.Lock()
		stop := firstErr != nil || (s.StopAtFirst && lowestBad >= 0 && j.i > lowestBad)
		mu.Unlock()
		if stop {
			break
		}
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	var out []*Run
	for i, r := range runs {
		if r != nil && !(s.StopAtFirst && lowestBad >= 0 && i > lowestBad) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Stat is one test's line in the summary.
type Stat struct {
	Name                      string
	Runs, Passes, Fails, Skip int
	FailedSeeds               []uint64
	FirstReason               string // the reason of its lowest failing seed
}

// Summarize gathers per-test counts, tests in the order they first appear
// (the guest's order), BootCase last.
func Summarize(runs []*Run) []Stat {
	var stats []Stat
	index := map[string]int{}
	sorted := append([]*Run(nil), runs...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Seed < sorted[j].Seed })
	for _, r := range sorted {
		for _, c := range r.Cases {
			i, ok := index[c.Name]
			if !ok {
				i = len(stats)
				index[c.Name] = i
				stats = append(stats, Stat{Name: c.Name})
			}
			st := &stats[i]
			st.Runs++
			switch {
			case !c.OK:
				st.Fails++
				st.FailedSeeds = append(st.FailedSeeds, r.Seed)
				if st.FirstReason == "" {
					st.FirstReason = c.Reason
				}
			case c.Skip != "":
				st.Skip++
			default:
				st.Passes++
			}
		}
	}
	if i, ok := index[BootCase]; ok {
		b := stats[i]
		stats = append(append(stats[:i:i], stats[i+1:]...), b)
	}
	return stats
}
