package asm

import (
	"strconv"
	"strings"
)

// Macros and repetition: .macro/.endm, .rept/.irp/.irpc/.endr. Their bodies are
// collected as raw lines and expanded by text substitution (\arg, \@, \()),
// then assembled like any source, so a macro may call others.

type macro struct {
	name   string
	params []param
	body   []line
	pos    Pos
}

type param struct {
	name, def   string
	req, vararg bool
}

// A collector reads the body of a .macro or .rept/.irp/.irpc up to its end.
type collector struct {
	dir   string // ".macro", ".rept", ".irp", ".irpc"
	depth int
	body  []line
	pos   Pos
	done  func(body []line)
}

func (c *collector) end() string {
	if c.dir == ".macro" {
		return ".endm"
	}
	return ".endr"
}

// firstWord returns a line's directive or mnemonic, after any labels.
func firstWord(text string) string {
	i := skipSpace(text, 0)
	for {
		j := i
		for j < len(text) && isIdentChar(text[j]) {
			j++
		}
		if j > i && j < len(text) && text[j] == ':' {
			i = skipSpace(text, j+1)
			continue
		}
		return strings.ToLower(text[i:j])
	}
}

func (u *unit) collectLine(l line) {
	c := u.collect
	w := firstWord(l.text)
	opens := w == ".rept" || w == ".irp" || w == ".irpc"
	closes := w == ".endr"
	if c.dir == ".macro" {
		opens, closes = w == ".macro", w == ".endm"
	}
	if opens {
		c.depth++
	}
	if closes {
		c.depth--
		if c.depth == 0 {
			u.collect = nil
			c.done(c.body)
			return
		}
	}
	c.body = append(c.body, l)
}

// defineMacro handles `.macro name [param[=default|:req|:vararg]]...`.
func (u *unit) defineMacro(rest string) {
	fields := macroFields(rest)
	if len(fields) == 0 {
		u.errorf(".macro needs a name")
		return
	}
	m := &macro{name: strings.ToLower(fields[0]), pos: u.pos}
	for _, f := range fields[1:] {
		p := param{}
		if k := strings.IndexByte(f, '='); k >= 0 {
			p.def = strings.TrimSpace(f[k+1:])
			f = strings.TrimSpace(f[:k])
		}
		if k := strings.IndexByte(f, ':'); k >= 0 {
			switch strings.TrimSpace(f[k+1:]) {
			case "req":
				p.req = true
			case "vararg":
				p.vararg = true
			default:
				u.errorf("unknown macro parameter qualifier %q", f[k:])
			}
			f = strings.TrimSpace(f[:k])
		}
		p.name = f
		m.params = append(m.params, p)
	}
	pos := u.pos
	u.collect = &collector{dir: ".macro", depth: 1, pos: pos, done: func(body []line) {
		m.body = body
		if old := u.macros[m.name]; old != nil {
			u.errorAt(pos, "macro %q is already defined (at %s)", m.name, old.pos)
			return
		}
		u.macros[m.name] = m
	}}
}

// macroFields splits a .macro line or a macro call's arguments: at commas, and
// at blanks that separate two operands (not the blanks of "1 + 2"), as GNU as
// does after squeezing white space. A quoted string is one field.
func macroFields(s string) []string {
	f, _ := macroFieldsAt(s)
	return f
}

// macroFieldsAt is macroFields that also returns where each field starts in
// s, for :vararg parameters, which take the rest of the line as written.
func macroFieldsAt(s string) ([]string, []int) {
	var out []string
	var starts []int
	s = strings.TrimRight(s, " \t")
	start := skipSpace(s, 0)
	if start == len(s) {
		return nil, nil
	}
	depth := 0
	flush := func(end, next int) {
		out = append(out, strings.TrimSpace(s[start:end]))
		starts = append(starts, start)
		start = next
	}
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			i = skipString(s, i) - 1
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth <= 0:
			flush(i, skipSpace(s, i+1))
		case isSpace(c) && depth <= 0 && start <= i:
			j := skipSpace(s, i)
			prev := strings.TrimSpace(s[start:i])
			if j < len(s) && s[j] != ',' && prev != "" && operandEnd(prev[len(prev)-1]) && operandStart(s[j]) {
				flush(i, j)
			}
			i = j - 1
		}
	}
	flush(len(s), len(s))
	return out, starts
}

func operandEnd(c byte) bool { return isIdentChar(c) || c == ')' || c == '"' || c == '\'' }
func operandStart(c byte) bool {
	return isIdentChar(c) || c == '(' || c == '"' || c == '\'' || c == '\\' || c == '%'
}

// expandMacro substitutes a call's arguments into the body and assembles it.
func (u *unit) expandMacro(m *macro, rest string, off int) {
	if len(u.srcs) > 100 {
		u.errorf("macro %q expands recursively more than 100 levels deep", m.name)
		return
	}
	args, starts := macroFieldsAt(rest)
	vals := make(map[string]string, len(m.params))
	for _, p := range m.params {
		vals[p.name] = p.def
	}
	set := map[string]bool{}
	pi := 0
	for ai := 0; ai < len(args); ai++ {
		a := args[ai]
		if k := strings.IndexByte(a, '='); k > 0 && isParam(m, strings.TrimSpace(a[:k])) && (k+1 >= len(a) || a[k+1] != '=') {
			vals[strings.TrimSpace(a[:k])] = unquoteArg(strings.TrimSpace(a[k+1:]))
			set[strings.TrimSpace(a[:k])] = true
			continue
		}
		if pi >= len(m.params) {
			u.errorAt(u.at(off), "too many arguments to macro %q (it takes %d)", m.name, len(m.params))
			return
		}
		p := m.params[pi]
		pi++
		if p.vararg {
			a = strings.TrimSpace(strings.TrimRight(rest, " \t")[starts[ai]:])
			ai = len(args)
		}
		if a != "" {
			vals[p.name] = unquoteArg(a)
			set[p.name] = true
		}
	}
	for _, p := range m.params {
		if p.req && !set[p.name] {
			u.errorAt(u.at(off), "macro %q needs a value for parameter %q", m.name, p.name)
			return
		}
	}
	u.macroCount++
	if u.macroCount > maxExpansions {
		u.errorf("more than %d macro expansions: runaway recursion?", maxExpansions)
		u.srcs = nil
		return
	}
	count := strconv.Itoa(u.macroCount - 1)
	body := make([]line, len(m.body))
	for i, l := range m.body {
		body[i] = line{l.pos, substitute(l.text, vals, count)}
	}
	u.pushExpansion(body, &expansion{"macro " + m.name, "called", u.pos}, true, u.linePos)
}

// unquoteArg drops the quotes of an argument that is one string literal, as
// GNU as does: `m "text"` makes \arg expand to text, so `.asciz "\arg"` works.
func unquoteArg(a string) string {
	if len(a) >= 2 && a[0] == '"' && skipString(a, 0) == len(a) && a[len(a)-1] == '"' {
		return a[1 : len(a)-1]
	}
	return a
}

func isParam(m *macro, name string) bool {
	for _, p := range m.params {
		if p.name == name {
			return true
		}
	}
	return false
}

// pushExpansion assembles lines generated from the current statement. The line
// table maps them to call: the outermost line of a real file that led here
// (zero for .rept in a file, whose lines are real lines).
func (u *unit) pushExpansion(body []line, context *expansion, isMacro bool, call Pos) {
	u.push(&source{lines: body, callPos: call, context: context, isMacro: isMacro})
}

// substitute replaces \name by its value, \@ by the expansion count and \()
// by nothing. Other backslashes stay (character escapes in strings).
func substitute(text string, vals map[string]string, count string) string {
	if !strings.Contains(text, "\\") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '\\' || i+1 >= len(text) {
			b.WriteByte(c)
			continue
		}
		switch {
		case text[i+1] == '@':
			b.WriteString(count)
			i++
			continue
		case text[i+1] == '(' && i+2 < len(text) && text[i+2] == ')':
			i += 2
			continue
		}
		j := i + 1
		for j < len(text) && isIdentChar(text[j]) && text[j] != '.' && text[j] != '$' {
			j++
		}
		if v, ok := vals[text[i+1:j]]; ok && j > i+1 {
			b.WriteString(v)
			i = j - 1
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// rept handles .rept n, .irp sym, values... and .irpc sym, chars.
func (u *unit) rept(d, rest string, off int) {
	pos := u.pos
	var copies []map[string]string
	switch d {
	case ".rept":
		n, ok := u.constExpr(rest, off, ".rept count")
		if !ok {
			n = 0
		}
		if n < 0 || n > 1<<20 {
			u.errorf(".rept count %d out of range [0, %d]", n, 1<<20)
			n = 0
		}
		for range n {
			copies = append(copies, nil)
		}
	case ".irp", ".irpc":
		fields := macroFields(rest)
		if len(fields) == 0 || fields[0] == "" {
			u.errorf("%s needs a symbol name", d)
			break
		}
		name := fields[0]
		if d == ".irp" {
			vals := fields[1:]
			if len(vals) == 0 {
				vals = []string{""}
			}
			for _, v := range vals {
				copies = append(copies, map[string]string{name: v})
			}
		} else {
			s := ""
			if len(fields) > 1 {
				s = strings.Join(fields[1:], "")
			}
			for i := 0; i < len(s); i++ {
				copies = append(copies, map[string]string{name: s[i : i+1]})
			}
		}
	}
	u.collect = &collector{dir: d, depth: 1, pos: pos, done: func(body []line) {
		if len(copies)*len(body) > maxStatements {
			u.errorAt(pos, "%s expands to %d lines, more than %d", d, len(copies)*len(body), maxStatements)
			return
		}
		var all []line
		for _, vals := range copies {
			for _, l := range body {
				t := l.text
				if vals != nil {
					t = substitute(t, vals, "")
				}
				all = append(all, line{l.pos, t})
			}
		}
		u.pushExpansion(all, &expansion{d, "started", pos}, false, u.srcs[len(u.srcs)-1].callPos)
	}}
}
