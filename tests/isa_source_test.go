package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// isaDir holds the self-checking programs and their .include files.
const isaDir = "testdata/isa"

// An isaProgram is one self-checking program and what its source declares.
type isaProgram struct {
	name  string        // file name without .s
	path  string        // relative to the tests package
	harts int           // `.equ HARTS, n`; 1 when absent
	dump  bool          // ends in a register dump (DUMP_REGS) for differential runs
	cases map[int][]int // case number -> source lines that check it
	lines []string      // the source, for quoting a failing case
	// onlyIf[n] is "QEMU" or "!QEMU" when case n sits inside `.ifdef QEMU` or
	// `.ifndef QEMU` (a known QEMU deviation): such cases do not run everywhere.
	onlyIf map[int]string
}

var (
	// A case is the first argument of a checking macro: `TEST_RR 12, add, ...`,
	// `CHECK 12, a0, 5`, `EXPECT_MTRAP 12, ...`, possibly after a label.
	// Inside `.irp h, 0, 1, 2` the number may be `5 + \h`: cases 5, 6 and 7.
	caseRE  = regexp.MustCompile(`^\s*(?:\w+:\s*)?(TEST_\w+|CHECK\w*|EXPECT_\w+)\s+(\d+)(?:\s*\+\s*\\(\w+))?\s*,`)
	irpRE   = regexp.MustCompile(`^\s*\.irp\s+(\w+)\s*,(.*)$`)
	endrRE  = regexp.MustCompile(`^\s*\.endr\b`)
	condRE  = regexp.MustCompile(`^\s*\.(ifdef|ifndef|if\w*|else|endif)\b\s*(\w*)`)
	hartsRE = regexp.MustCompile(`^\s*\.equ\s+HARTS\s*,\s*(\d+)`)
	dumpRE  = regexp.MustCompile(`^\s*DUMP_REGS\b`)
)

// negated is the condition of an .else branch, from its .if's.
var negated = map[string]string{"QEMU": "!QEMU", "!QEMU": "QEMU", "": ""}

// isaPrograms reads every testdata/isa/*.s (the .inc files are not programs).
func isaPrograms(t testing.TB) []*isaProgram {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(isaDir, "*.s"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no ISA programs in %s (%v)", isaDir, err)
	}
	sort.Strings(paths)
	var progs []*isaProgram
	for _, p := range paths {
		prog, err := parseISAProgram(p)
		if err != nil {
			t.Fatal(err)
		}
		progs = append(progs, prog)
	}
	return progs
}

func parseISAProgram(path string) (*isaProgram, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	p := &isaProgram{
		name:   strings.TrimSuffix(filepath.Base(path), ".s"),
		path:   path,
		harts:  1,
		cases:  map[int][]int{},
		onlyIf: map[int]string{},
		lines:  strings.Split(string(src), "\n"),
	}
	var conds []string // one entry per open .if: "QEMU", "!QEMU" or ""
	type irp struct {
		name   string
		values []string
	}
	var irps []irp // the open .irp blocks
	for i, line := range p.lines {
		if m := condRE.FindStringSubmatch(line); m != nil {
			switch {
			case m[1] == "ifdef" && m[2] == "QEMU":
				conds = append(conds, "QEMU")
			case m[1] == "ifndef" && m[2] == "QEMU":
				conds = append(conds, "!QEMU")
			case m[1] == "else" && len(conds) > 0:
				conds[len(conds)-1] = negated[conds[len(conds)-1]]
			case m[1] == "endif" && len(conds) > 0:
				conds = conds[:len(conds)-1]
			case strings.HasPrefix(m[1], "if"):
				conds = append(conds, "")
			}
		}
		if m := hartsRE.FindStringSubmatch(line); m != nil {
			p.harts, _ = strconv.Atoi(m[1])
		}
		if dumpRE.MatchString(line) {
			p.dump = true
		}
		if m := irpRE.FindStringSubmatch(line); m != nil {
			irps = append(irps, irp{m[1], strings.Split(m[2], ",")})
		}
		if endrRE.MatchString(line) && len(irps) > 0 {
			irps = irps[:len(irps)-1]
		}
		m := caseRE.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		base, _ := strconv.Atoi(m[2])
		ns := []int{base}
		if m[3] != "" {
			ns = nil
			for _, r := range irps {
				if r.name != m[3] {
					continue
				}
				for _, v := range r.values {
					k, err := strconv.Atoi(strings.TrimSpace(v))
					if err != nil {
						return nil, fmt.Errorf("%s:%d: case %s + \\%s: .irp value %q is not a number", path, i+1, m[2], m[3], v)
					}
					ns = append(ns, base+k)
				}
			}
		}
		for _, n := range ns {
			// 0 would read as a pass through the finisher, and QEMU's exit status
			// keeps only 8 bits; 1 is the harness's own case.
			if n < 2 || n > 254 {
				return nil, fmt.Errorf("%s:%d: case %d outside 2..254", path, i+1, n)
			}
			p.cases[n] = append(p.cases[n], i+1)
			for _, c := range conds {
				if c != "" {
					p.onlyIf[n] = c
				}
			}
		}
	}
	if len(p.cases) == 0 {
		return nil, fmt.Errorf("%s: no test cases", path)
	}
	return p, nil
}

// unconditionalCases returns, in increasing order, the case numbers that every
// build runs (outside `.ifdef QEMU` and `.ifndef QEMU`).
func (p *isaProgram) unconditionalCases() []int {
	var ns []int
	for n := range p.cases {
		if p.onlyIf[n] == "" {
			ns = append(ns, n)
		}
	}
	sort.Ints(ns)
	return ns
}

// describeCase quotes the source lines of case n, for a failure message.
func (p *isaProgram) describeCase(n int) string {
	if n == 1 {
		return fmt.Sprintf("case 1 (the harness itself, before any case of %s)", p.path)
	}
	lines, ok := p.cases[n]
	if !ok {
		return fmt.Sprintf("case %d (no such case in %s)", n, p.path)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "case %d:", n)
	for _, l := range lines {
		fmt.Fprintf(&b, "\n\t%s:%d: %s", p.path, l, strings.TrimSpace(p.lines[l-1]))
	}
	return b.String()
}

// TestISAProgramSources checks the programs' shape without running them: a
// header naming the file, the harness, a PASS, and at most 8 harts.
func TestISAProgramSources(t *testing.T) {
	for _, p := range isaPrograms(t) {
		src := strings.Join(p.lines, "\n")
		if !strings.HasPrefix(src, "# "+p.name+".s: ") {
			t.Errorf("%s: the first line must be a header comment \"# %s.s: what it covers\"", p.path, p.name)
		}
		if !strings.Contains(src, `.include "harness.inc"`) {
			t.Errorf("%s: does not include harness.inc", p.path)
		}
		if !regexp.MustCompile(`(?m)^\s*PASS\b`).MatchString(src) {
			t.Errorf("%s: never reaches PASS", p.path)
		}
		if p.harts < 1 || p.harts > 8 {
			t.Errorf("%s: HARTS = %d, want 1..8 (MAX_HARTS in defs.inc)", p.path, p.harts)
		}
	}
}
