package trace

import (
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Options select what a Tracer reports (the -trace-* flags).
type Options struct {
	// Harts limits per-hart events to these harts; nil means all.
	Harts map[int]bool
	// From and To bound the traced window; zero Points leave it open. With a
	// symbol From and no To, tracing ends when the hart that entered From
	// returns from it (reaches the return address it was called with).
	From, To Point
	// Funcs limits instruction and trap events to code whose symbol matches
	// this glob (path.Match syntax, e.g. "multi_cpu_stop" or "*stop*").
	Funcs string
	// Events enables each class; ParseEvents("") enables all.
	Events Events
}

// Point is a place in a run: a machine-wide step number or a symbol.
type Point struct {
	Step uint64
	Sym  string
}

// ParsePoint reads "123456" as a step and anything else as a symbol name.
func ParsePoint(s string) Point {
	if s == "" {
		return Point{}
	}
	if n, err := strconv.ParseUint(s, 0, 64); err == nil {
		return Point{Step: n}
	}
	return Point{Sym: s}
}

func (p Point) set() bool { return p.Step != 0 || p.Sym != "" }

// Events is a set of event classes. "mem" and "csr" are the memory and CSR
// effects of instructions: without "insn", an instruction is reported only
// when it has an enabled effect.
type Events struct {
	Kinds    [numKinds]bool
	Mem, CSR bool
}

// EventClasses lists the names -trace-events accepts.
var EventClasses = []string{"insn", "mem", "csr", "trap", "ipi", "timer", "sleep", "marker", "uart", "sched", "exit"}

// ParseEvents reads a comma-separated list of classes; "" or "all" means every one.
func ParseEvents(s string) (Events, error) {
	var e Events
	if s == "" || s == "all" {
		for k := range e.Kinds {
			e.Kinds[k] = true
		}
		e.Mem, e.CSR = true, true
		return e, nil
	}
	for _, c := range strings.Split(s, ",") {
		switch strings.TrimSpace(c) {
		case "insn":
			e.Kinds[KindInsn] = true
		case "mem":
			e.Mem = true
		case "csr":
			e.CSR = true
		case "trap":
			e.Kinds[KindTrap] = true
		case "ipi":
			e.Kinds[KindIPI] = true
		case "timer":
			e.Kinds[KindTimecmp], e.Kinds[KindTimer] = true, true
		case "sleep":
			e.Kinds[KindSleep], e.Kinds[KindWake] = true, true
		case "marker":
			e.Kinds[KindMarker] = true
		case "uart":
			e.Kinds[KindUART] = true
		case "sched":
			e.Kinds[KindSwitch] = true
		case "exit":
			e.Kinds[KindExit] = true
		default:
			return e, fmt.Errorf("-trace-events: unknown class %q (want some of %s)", c, strings.Join(EventClasses, ","))
		}
	}
	return e, nil
}

// ParseHarts reads "0,2" or "0-3,5".
func ParseHarts(s string) (map[int]bool, error) {
	if s == "" {
		return nil, nil
	}
	m := map[int]bool{}
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(strings.TrimSpace(lo))
		b := a
		var err2 error
		if isRange {
			b, err2 = strconv.Atoi(strings.TrimSpace(hi))
		}
		if err1 != nil || err2 != nil || a < 0 || b < a {
			return nil, fmt.Errorf("-trace-harts %q: want a list like 0,2 or 0-3", s)
		}
		for h := a; h <= b; h++ {
			m[h] = true
		}
	}
	return m, nil
}

// CheckGlob validates a -trace-funcs pattern.
func CheckGlob(g string) error {
	if _, err := path.Match(g, ""); err != nil {
		return fmt.Errorf("-trace-funcs %q: %v", g, err)
	}
	return nil
}
