package ktest

import (
	"sort"
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
	// Progress, when set, is called after each run (from one goroutine at
	// a time).
	Progress func(*Run)
}

// Runs returns the runs in seed order. An error (a bad image, a bad
// configuration) stops the session.
func (s *Session) Runs(seeds []uint64) ([]*Run, error) {
	type job struct {
		i    int
		seed uint64
	}
	jobs := make(chan job)
	runs := make([]*Run, len(seeds))
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
				r, err := s.Config.Boot(j.seed, nil, nil)
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
	for i, seed := range seeds {
		mu.Lock()
		stop := firstErr != nil || (s.StopAtFirst && lowestBad >= 0 && i > lowestBad)
		mu.Unlock()
		if stop {
			break
		}
		jobs <- job{i, seed}
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
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Seed < sorted[j].Seed })
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
