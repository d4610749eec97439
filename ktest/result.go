// Package ktest is the host side of the guest kernel's tests (`rvstop test`):
// it boots the kernel once per seed, reads the verdicts the guest prints
// (KTAP v1, or the older "ktest: ok:" lines), and gathers them into a
// summary with, for every failure, the command that replays it.
package ktest

import (
	"path"
	"strings"
)

// Case is one test's verdict in one run.
type Case struct {
	Name   string   // "suite.case" for nested KTAP, the check's group for ktest lines
	OK     bool     // passed (or skipped)
	Skip   string   // the SKIP reason; "" when the test ran
	Reason string   // why it failed: the directive, the FAIL line or the run's end
	Diag   []string // diagnostic lines printed before the verdict
}

// BootCase names the pseudo-test every run has: the run itself ended well
// (the guest shut down by itself with status 0 and its output was complete).
// A hang, a panic or KTAP cut short fails it even when no test says FAIL.
const BootCase = "(boot)"

// Parse reads the verdicts in a run's console output: KTAP v1 when the guest
// printed a "KTAP version 1" line, otherwise "ktest: ok|FAIL: group: ..."
// lines. err reports incomplete output (a KTAP plan with missing results).
func Parse(console []byte) (cases []Case, err error) {
	lines := consoleLines(console)
	for _, l := range lines {
		if strings.TrimSpace(l) == "KTAP version 1" {
			return parseKTAP(lines)
		}
	}
	return parseKtestLines(lines), nil
}

// consoleLines splits console output into lines without the printk prefix
// ("[    0.093316] CPU0: "), which the guest may put before its verdicts.
func consoleLines(b []byte) []string {
	lines := strings.Split(strings.ReplaceAll(string(b), "\r", ""), "\n")
	for i, l := range lines {
		lines[i] = stripPrintk(l)
	}
	return lines
}

func stripPrintk(l string) string {
	if !strings.HasPrefix(l, "[") {
		return l
	}
	end := strings.Index(l, "] ")
	if end < 0 || strings.Trim(l[1:end], " 0123456789.") != "" {
		return l
	}
	l = l[end+2:]
	if rest, ok := strings.CutPrefix(l, "CPU"); ok {
		if i := strings.Index(rest, ": "); i > 0 && strings.Trim(rest[:i], "0123456789") == "" {
			return rest[i+2:]
		}
	}
	return l
}

// Match reports whether name matches the -run glob (path.Match syntax; an
// empty glob matches everything). BootCase always matches: a run that hangs
// fails whatever was selected.
func Match(glob, name string) bool {
	if glob == "" || name == BootCase {
		return true
	}
	ok, _ := path.Match(glob, name)
	if !ok {
		// A suite glob selects its cases: "stop*" matches "stop_machine.order".
		if suite, _, found := strings.Cut(name, "."); found {
			ok, _ = path.Match(glob, suite)
		}
	}
	return ok
}
