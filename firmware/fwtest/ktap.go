package fwtest

import (
	"fmt"
	"strconv"
	"strings"
)

// Result is one KTAP test line, with the diagnostic lines printed before it.
type Result struct {
	Number     int
	Name       string
	OK         bool
	Skip       string // the SKIP directive's reason; "" when not skipped
	Diagnostic []string
}

// ParseKTAP reads KTAP version 1 output (docs.kernel.org/dev-tools/ktap.html)
// from console text that may carry other lines before it (a firmware banner).
// It insists on the version line, a plan, and results numbered 1..plan.
func ParseKTAP(out string) ([]Result, error) {
	lines := strings.Split(out, "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) != "KTAP version 1" {
		i++
	}
	if i == len(lines) {
		return nil, fmt.Errorf("ktap: no \"KTAP version 1\" line")
	}
	i++
	plan := -1
	var results []Result
	var diag []string
	for ; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r ")
		switch {
		case plan < 0 && strings.HasPrefix(l, "1.."):
			n, err := strconv.Atoi(l[3:])
			if err != nil {
				return nil, fmt.Errorf("ktap: bad plan %q", l)
			}
			plan = n
		case strings.HasPrefix(l, "#"):
			diag = append(diag, strings.TrimSpace(l[1:]))
		case strings.HasPrefix(l, "ok ") || strings.HasPrefix(l, "not ok "):
			r := Result{OK: strings.HasPrefix(l, "ok "), Diagnostic: diag}
			diag = nil
			rest := strings.TrimPrefix(strings.TrimPrefix(l, "not "), "ok ")
			num, name, _ := strings.Cut(rest, " ")
			n, err := strconv.Atoi(num)
			if err != nil {
				return nil, fmt.Errorf("ktap: bad result line %q", l)
			}
			if name, reason, ok := strings.Cut(name, " # SKIP"); ok {
				r.Name, r.Skip = name, strings.TrimSpace(reason)
				if r.Skip == "" {
					r.Skip = "skipped"
				}
			} else {
				r.Name = name
			}
			if n != len(results)+1 {
				return results, fmt.Errorf("ktap: result %d after %d results: %q", n, len(results), l)
			}
			r.Number = n
			results = append(results, r)
		}
	}
	if plan < 0 {
		return results, fmt.Errorf("ktap: no plan line")
	}
	if len(results) != plan {
		last := "none"
		if len(results) > 0 {
			last = results[len(results)-1].Name
		}
		return results, fmt.Errorf("ktap: plan 1..%d but %d results (last: %s)", plan, len(results), last)
	}
	return results, nil
}
