package ktest

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteTable prints the summary: one line per test with its runs, passes,
// failures, skips and the seeds that failed (the first few).
func WriteTable(w io.Writer, stats []Stat) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "test\truns\tpass\tfail\tskip\t  failing seeds\t\n")
	for _, s := range stats {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t  %s\t\n", s.Name, s.Runs, s.Passes, s.Fails, s.Skip, seedList(s.FailedSeeds, 8))
	}
	return tw.Flush()
}

// seedList prints at most n seeds, then how many more.
func seedList(seeds []uint64, n int) string {
	if len(seeds) == 0 {
		return "-"
	}
	var parts []string
	for i, s := range seeds {
		if i == n {
			parts = append(parts, fmt.Sprintf("(+%d more)", len(seeds)-n))
			break
		}
		parts = append(parts, strconv.FormatUint(s, 10))
	}
	return strings.Join(parts, " ")
}
