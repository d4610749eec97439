package asm

import (
	"fmt"
	"strings"
)

// A unit is one source file being assembled, with what GNU as keeps per
// object file: symbols, sections, macros, .option state. Files are assembled
// separately, as `as` would one object each, and linked afterwards.
type unit struct {
	a    *assembler
	file string

	syms     map[string]*symbol
	symOrder []*symbol // definition order, for the ELF symbol table
	symPool  []symbol  // allocation slab for lookup

	sections  []*section
	secByName map[string]*section
	cur, prev *section
	secStack  [][2]*section

	numeric map[string]int // numeric local labels defined so far, per number
	macros  map[string]*macro

	rvc      bool
	optStack []bool

	conds   []cond
	srcs    []*source
	collect *collector // a .macro/.rept/.irp body being read

	macroCount int // \@: macro expansions so far

	pos     Pos        // the statement being assembled
	immAt   Pos        // its immediate operand, for range errors
	linePos Pos        // where the line table says it is: the outermost real source line
	context *expansion // for errors inside expansions: "(in macro X called at ...)"
}

// Limits that keep a hostile source from exhausting time or memory.
const (
	maxStatements = 1 << 20  // statements assembled, after expansion, per Assemble call
	maxBytes      = 64 << 20 // bytes of data and code per Assemble call
	maxExpansions = 1 << 16  // macro expansions per file
)

// A source is a stream of lines: a file, or the expansion of a macro or .rept.
type source struct {
	lines   []line
	i       int
	pending []stmt // statements of the current line not yet assembled
	stmtBuf []stmt // reused for pending
	cur     line
	path    string // a file: its name (for include cycles); "" for expansions
	depth   int    // len(conds) when the source began
	callPos Pos    // for expansions: the real source line that started it
	context *expansion
	isMacro bool // .exitm ends it
}

// An expansion says what generated a source's lines, for error messages.
type expansion struct {
	what, verb string // "macro m", "called"; ".rept", "started"
	at         Pos
}

// cond is one open .if: whether its current branch assembles, whether any
// branch did, and whether the enclosing code assembles at all.
type cond struct {
	on, done, outer, sawElse bool
	pos                      Pos
}

func (u *unit) active() bool { return len(u.conds) == 0 || u.conds[len(u.conds)-1].on }

// errorf reports an error at the current statement.
func (u *unit) errorf(format string, args ...any) {
	u.errorAt(u.pos, format, args...)
}

func (u *unit) errorAt(p Pos, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c := u.context; c != nil {
		msg += " (in " + c.what + " " + c.verb + " at " + c.at.String() + ")"
	}
	u.a.report(p, msg)
}

// col returns the position of byte off of the current statement's text.
func (u *unit) at(off int) Pos {
	p := u.pos
	p.Col += off
	return p
}

func (u *unit) push(s *source) {
	s.depth = len(u.conds)
	u.srcs = append(u.srcs, s)
}

// run assembles everything pushed, statement by statement.
func (u *unit) run() {
	for len(u.srcs) > 0 {
		if u.a.tooMany() {
			return
		}
		s := u.srcs[len(u.srcs)-1]
		if len(s.pending) == 0 {
			if s.i >= len(s.lines) {
				u.endSource(s)
				continue
			}
			s.cur = s.lines[s.i]
			s.i++
			if u.collect != nil {
				u.collectLine(s.cur)
				continue
			}
			s.pending = splitStatements(s.stmtBuf[:0], s.cur.text)
			s.stmtBuf = s.pending
		}
		st := s.pending[0]
		s.pending = s.pending[1:]
		if u.a.steps++; u.a.steps > maxStatements {
			u.errorAt(s.cur.pos, "more than %d statements assembled: runaway .rept or macro recursion?", maxStatements)
			u.srcs = nil
			return
		}
		u.pos = s.cur.pos
		u.pos.Col = st.col
		u.linePos = u.pos
		u.context = s.context
		if s.callPos.File != "" {
			u.linePos = s.callPos
		}
		u.statement(st.text)
	}
}

func (u *unit) endSource(s *source) {
	u.srcs = u.srcs[:len(u.srcs)-1]
	if s.path == "" {
		return
	}
	if u.collect != nil {
		u.errorAt(u.collect.pos, "%s without %s before the end of %s", u.collect.dir, u.collect.end(), s.path)
		u.collect = nil
	}
	for len(u.conds) > s.depth {
		c := u.conds[len(u.conds)-1]
		u.errorAt(c.pos, ".if without .endif before the end of %s", s.path)
		u.conds = u.conds[:len(u.conds)-1]
	}
}

// statement assembles one statement: labels, then a directive, a macro call or
// an instruction.
func (u *unit) statement(text string) {
	i := skipSpace(text, 0)
	// Labels: name: or 1:, any number of them.
	for {
		j := i
		for j < len(text) && isIdentChar(text[j]) {
			j++
		}
		if j > i && j < len(text) && text[j] == ':' && u.active() {
			u.pos.Col += i
			u.defineLabel(text[i:j])
			u.pos.Col -= i
			i = skipSpace(text, j+1)
			continue
		}
		break
	}
	if i >= len(text) {
		return
	}
	j := i
	for j < len(text) && isIdentChar(text[j]) {
		j++
	}
	word := text[i:j]
	rest := text[j:]
	if word == "" {
		if u.active() {
			u.pos.Col += i
			u.errorf("unexpected %q", strings.TrimSpace(text[i:]))
		}
		return
	}
	restOff := j + skipSpace(rest, 0)
	rest = strings.TrimSpace(rest)
	lower := strings.ToLower(word)
	if isCondDirective(lower) {
		u.pos.Col += i
		u.condDirective(lower, rest, restOff-i)
		return
	}
	if !u.active() {
		return
	}
	u.pos.Col += i
	restOff -= i
	// name = expr and name == expr set a symbol, as .set does.
	if strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "==") {
		u.setSymbol(word, strings.TrimSpace(rest[1:]), restOff+1, true)
		return
	}
	if strings.HasPrefix(rest, "==") {
		u.setSymbol(word, strings.TrimSpace(rest[2:]), restOff+2, false)
		return
	}
	if m := u.macros[lower]; m != nil {
		u.expandMacro(m, rest, restOff)
		return
	}
	if lower[0] == '.' {
		u.directive(lower, rest, restOff)
		return
	}
	u.instruction(lower, rest, restOff)
}
