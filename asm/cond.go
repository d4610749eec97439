package asm

import "strings"

// Conditional assembly: .if and its relatives, .else, .elseif, .endif. While a
// branch is off, only these directives are looked at, so nesting stays right.

func isCondDirective(d string) bool {
	switch d {
	case ".if", ".ifdef", ".ifndef", ".ifnotdef", ".ifeq", ".ifne", ".ifgt", ".ifge", ".iflt", ".ifle",
		".ifc", ".ifnc", ".ifb", ".ifnb", ".ifeqs", ".ifnes", ".else", ".elseif", ".endif":
		return true
	}
	return false
}

func (u *unit) condDirective(d, rest string, off int) {
	switch d {
	case ".else":
		if len(u.conds) <= u.srcs[len(u.srcs)-1].depth {
			u.errorf(".else without .if")
			return
		}
		c := &u.conds[len(u.conds)-1]
		if c.sawElse {
			u.errorf("second .else for the .if at %s", c.pos)
		}
		c.sawElse = true
		c.on = c.outer && !c.done
		c.done = true
		return
	case ".elseif":
		if len(u.conds) <= u.srcs[len(u.srcs)-1].depth {
			u.errorf(".elseif without .if")
			return
		}
		c := &u.conds[len(u.conds)-1]
		if c.outer && !c.done {
			c.on = u.condValue(".if", rest, off)
			c.done = c.on
		} else {
			c.on = false
		}
		return
	case ".endif":
		if len(u.conds) <= u.srcs[len(u.srcs)-1].depth {
			u.errorf(".endif without .if")
			return
		}
		u.conds = u.conds[:len(u.conds)-1]
		return
	}
	outer := u.active()
	on := false
	if outer {
		on = u.condValue(d, rest, off)
	}
	u.conds = append(u.conds, cond{on: on, done: on, outer: outer, pos: u.pos})
}

// condValue evaluates the condition of an .if-family directive.
func (u *unit) condValue(d, rest string, off int) bool {
	switch d {
	case ".ifdef", ".ifndef", ".ifnotdef":
		name := strings.TrimSpace(rest)
		s := u.syms[name]
		def := s != nil && s.defined
		return def == (d == ".ifdef")
	case ".ifb", ".ifnb":
		return (strings.TrimSpace(rest) == "") == (d == ".ifb")
	case ".ifc", ".ifnc", ".ifeqs", ".ifnes":
		ops, _ := splitOperands(rest)
		if len(ops) != 2 {
			u.errorf("%s needs two operands", d)
			return false
		}
		eq := unquote(ops[0]) == unquote(ops[1])
		return eq == (d == ".ifc" || d == ".ifeqs")
	}
	v, ok := u.constExpr(rest, off, d+" condition")
	if !ok {
		return false
	}
	switch d {
	case ".if", ".ifne":
		return v != 0
	case ".ifeq":
		return v == 0
	case ".ifgt":
		return v > 0
	case ".ifge":
		return v >= 0
	case ".iflt":
		return v < 0
	case ".ifle":
		return v <= 0
	}
	return false
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}
