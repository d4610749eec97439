package ktest

import (
	"fmt"
	"strconv"
	"strings"
)

// KTAP v1 (docs.kernel.org/dev-tools/ktap.html), as KUnit prints it:
//
//	KTAP version 1
//	1..2
//	    KTAP version 1
//	    # Subtest: stop_machine
//	    1..2
//	    ok 1 state_order
//	    not ok 2 fn_once # fn ran 2 times
//	not ok 1 stop_machine
//	ok 2 hotplug # SKIP needs 2 CPUs
//
// A nested test list is indented 4 spaces deeper and ends with its parent's
// result line. Cases are reported flat, leaves only, named "suite.case"; a
// suite reports itself only when it has no cases or fails while they all pass.

// level is one open test list: its plan and the cases seen so far.
type level struct {
	plan, results int
	cases         []Case
	diag          []string
}

func parseKTAP(lines []string) ([]Case, error) {
	var stack []*level // stack[d] is the list at depth d
	var err error
	fail := func(format string, a ...any) {
		if err == nil {
			err = fmt.Errorf("ktap: "+format, a...)
		}
	}
	started := false
	for _, raw := range lines {
		depth, l := indent(raw)
		if l == "KTAP version 1" {
			started = true
			if depth > len(stack) {
				depth = len(stack) // tolerate odd indentation
			}
			stack = append(stack[:depth], &level{plan: -1})
			continue
		}
		if !started || depth >= len(stack) {
			continue
		}
		cur := stack[depth]
		switch {
		case strings.HasPrefix(l, "1..") && cur.plan < 0:
			if n, e := strconv.Atoi(l[3:]); e == nil {
				cur.plan = n
			} else {
				fail("bad plan %q", l)
			}
		case strings.HasPrefix(l, "# Subtest:"):
		case strings.HasPrefix(l, "#"):
			cur.diag = append(cur.diag, strings.TrimSpace(l[1:]))
		case strings.HasPrefix(l, "ok ") || strings.HasPrefix(l, "not ok "):
			c, ok := resultLine(l)
			if !ok {
				continue // not a KTAP line: other console output
			}
			c.Diag, cur.diag = cur.diag, nil
			if !c.OK && c.Reason == "" {
				c.Reason = failDiag(c.Diag)
			}
			cur.results++
			if depth+1 < len(stack) {
				// This result closes the nested list below it.
				sub := stack[depth+1]
				stack = stack[:depth+1]
				if sub.plan >= 0 && sub.results != sub.plan {
					fail("%s: plan 1..%d but %d results", c.Name, sub.plan, sub.results)
				}
				anyFailed := false
				for _, s := range sub.cases {
					s.Name = c.Name + "." + s.Name
					anyFailed = anyFailed || !s.OK
					cur.cases = append(cur.cases, s)
				}
				if len(sub.cases) > 0 && (c.OK || anyFailed) {
					continue
				}
			}
			cur.cases = append(cur.cases, c)
		}
	}
	if !started {
		return nil, fmt.Errorf("ktap: no \"KTAP version 1\" line")
	}
	// Lists still open were cut short (a hang or a panic mid-suite): keep
	// what they reported.
	for d := len(stack) - 1; d > 0; d-- {
		fail("output ends inside a nested test list")
		stack[d-1].cases = append(stack[d-1].cases, stack[d].cases...)
	}
	top := stack[0]
	switch {
	case top.plan < 0:
		fail("no plan line")
	case top.results != top.plan:
		fail("plan 1..%d but %d results", top.plan, top.results)
	}
	return top.cases, err
}

// failDiag is the reason of a "not ok" without a directive: the first
// diagnostic saying FAIL (a failed expectation, with its place), else the
// last diagnostic.
func failDiag(diag []string) string {
	for _, d := range diag {
		if r, ok := strings.CutPrefix(d, "FAIL "); ok {
			return r
		}
	}
	if len(diag) > 0 {
		return diag[len(diag)-1]
	}
	return ""
}

// indent returns a line's nesting depth (4 spaces or a tab per level) and
// its text without the indentation.
func indent(l string) (int, string) {
	spaces := 0
	for _, r := range l {
		switch r {
		case ' ':
			spaces++
		case '\t':
			spaces += 4
		default:
			return spaces / 4, strings.TrimRight(l[len(l)-len(strings.TrimLeft(l, " \t")):], " ")
		}
	}
	return spaces / 4, ""
}

// resultLine parses "ok N name [# directive]" or "not ok N name [# ...]".
func resultLine(l string) (Case, bool) {
	c := Case{OK: strings.HasPrefix(l, "ok ")}
	rest := strings.TrimPrefix(strings.TrimPrefix(l, "not "), "ok ")
	num, rest, _ := strings.Cut(rest, " ")
	if _, err := strconv.Atoi(num); err != nil {
		return c, false
	}
	name, directive, _ := strings.Cut(rest, " # ")
	if d, ok := strings.CutPrefix(name, "# "); ok { // "ok 1 # SKIP": no name
		name, directive = "", d
	}
	c.Name = strings.TrimSpace(strings.TrimPrefix(name, "- "))
	directive = strings.TrimSpace(directive)
	if reason, ok := cutFold(directive, "SKIP"); ok {
		c.Skip = strings.TrimSpace(reason)
		if c.Skip == "" {
			c.Skip = "skipped"
		}
	} else if !c.OK {
		c.Reason = directive
	}
	return c, true
}

func cutFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// parseKtestLines reads the self-check lines of kernels before KTAP:
// "ktest: ok: sched: both busy threads progressed ..." and
// "ktest: FAIL: hotplug: the queued call ran 0 time(s)". The word before the
// second colon names the test; it fails if any of its lines says FAIL.
func parseKtestLines(lines []string) []Case {
	var cases []Case
	index := map[string]int{}
	for _, l := range lines {
		rest, ok := strings.CutPrefix(strings.TrimSpace(l), "ktest: ")
		if !ok {
			continue
		}
		verdict, rest, _ := strings.Cut(rest, ": ")
		if verdict != "ok" && verdict != "FAIL" {
			continue
		}
		name, text, _ := strings.Cut(rest, ":")
		name = strings.TrimSpace(name)
		i, seen := index[name]
		if !seen {
			i = len(cases)
			index[name] = i
			cases = append(cases, Case{Name: name, OK: true})
		}
		if verdict == "FAIL" {
			c := &cases[i]
			c.OK = false
			if c.Reason == "" {
				c.Reason = strings.TrimSpace(text)
			}
		}
		cases[i].Diag = append(cases[i].Diag, l)
	}
	return cases
}
