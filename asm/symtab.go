package asm

import (
	"fmt"
	"strconv"
	"strings"
)

// lookup returns the unit's symbol of that name, creating an undefined one on
// first reference.
func (u *unit) lookup(name string) *symbol {
	if s := u.syms[name]; s != nil {
		return s
	}
	if len(u.symPool) == 0 {
		u.symPool = make([]symbol, 64) // symbols come in hundreds per file
	}
	s := &u.symPool[0]
	u.symPool = u.symPool[1:]
	*s = symbol{name: name, unit: u, pos: u.pos}
	u.syms[name] = s
	u.symOrder = append(u.symOrder, s)
	return s
}

// here returns the current location: the last data fragment of the current
// section and the offset of its end.
func (u *unit) here() (*frag, int64) {
	f := u.cur.last()
	return f, int64(len(f.data))
}

func (u *unit) defineLabel(name string) {
	if allDigits(name) {
		u.numeric[name]++
		s := u.lookup(numericName(name, u.numeric[name]))
		s.numeric = true
		u.placeLabel(s)
		return
	}
	s := u.lookup(name)
	if s.defined {
		u.errorf("symbol %q is already defined (at %s)", name, s.pos)
		return
	}
	u.placeLabel(s)
}

func (u *unit) placeLabel(s *symbol) {
	s.defined = true
	s.pos = u.pos
	s.frag, s.off = u.here()
	s.expr = nil
}

// numericName is the hidden name of the k-th definition of numeric label n.
func numericName(n string, k int) string { return n + "\x02" + strconv.Itoa(k) }

// localRef resolves 1b (the latest 1:) and 1f (the next one).
func (u *unit) localRef(n string, forward bool) (*symbol, error) {
	k := u.numeric[n]
	if forward {
		k++
	} else if k == 0 {
		return nil, fmt.Errorf("no label %s: before %sb", n, n)
	}
	s := u.lookup(numericName(n, k))
	s.numeric = true
	return s, nil
}

// dot returns a symbol for the current location ".".
func (u *unit) dot() *symbol {
	s := &symbol{name: ".", unit: u, numeric: true, defined: true, pos: u.pos}
	s.frag, s.off = u.here()
	return s
}

// parseExpr parses text (found at offset off of the statement) as an
// expression, reporting errors at their column.
func (u *unit) parseExpr(text string, off int) (*expr, bool) {
	if e := plainNumber(text); e != nil {
		return e, true
	}
	p := exprParser{s: text, syms: u}
	e, err := p.parse()
	if err != nil {
		col := off
		if ee, ok := err.(*exprError); ok {
			col += ee.off
		}
		u.errorAt(u.at(col), "%v", err)
		return nil, false
	}
	return e, true
}

// constExpr parses and evaluates an expression that must be an absolute
// number now (directive operands, immediates).
func (u *unit) constExpr(text string, off int, what string) (int64, bool) {
	e, ok := u.parseExpr(text, off)
	if !ok {
		return 0, false
	}
	v, err := eval(e, false)
	if err != nil || v.frag != nil {
		u.errorAt(u.at(off), "%s must be a constant known here, got %q%s", what, text, notYetHint(e))
		return 0, false
	}
	return v.n, true
}

// notYetHint names the first undefined symbol of e, if any.
func notYetHint(e *expr) string {
	var find func(e *expr) *symbol
	find = func(e *expr) *symbol {
		if e == nil {
			return nil
		}
		if e.op == eSym && !e.sym.defined && e.sym.expr == nil {
			return e.sym
		}
		if s := find(e.x); s != nil {
			return s
		}
		return find(e.y)
	}
	if s := find(e); s != nil {
		if s.numeric {
			return " (label not defined yet)"
		}
		return fmt.Sprintf(" (%q is not defined before this line)", s.name)
	}
	return ""
}

// setSymbol handles .equ/.set/= (redefinable) and .equiv/== (not).
func (u *unit) setSymbol(name, text string, off int, redefine bool) {
	name = strings.TrimSpace(name)
	if name == "" || !isIdentStart(name[0]) {
		u.errorf("bad symbol name %q", name)
		return
	}
	e, ok := u.parseExpr(text, off)
	if !ok {
		return
	}
	s := u.lookup(name)
	if s.defined && (!redefine || s.frag != nil) {
		u.errorf("symbol %q is already defined (at %s)", name, s.pos)
		return
	}
	// A value known now is kept as a number, so that a later .set of the same
	// name does not change what earlier lines meant.
	if v, err := eval(e, false); err == nil {
		if v.frag == nil {
			e = &expr{op: eNum, n: v.n}
		} else {
			e = &expr{op: eBin, bin: "+", x: &expr{op: eSym, sym: fragSym(u, v.frag)}, y: &expr{op: eNum, n: v.n}}
		}
	}
	s.defined = true
	s.pos = u.pos
	s.expr = e
	s.frag = nil
}

// fragSym is a hidden label at the start of f.
func fragSym(u *unit, f *frag) *symbol {
	return &symbol{name: ".", unit: u, numeric: true, defined: true, frag: f}
}

// plainNumber parses the commonest operand, a decimal or hex literal, without
// the expression parser; nil if text is anything else.
func plainNumber(text string) *expr {
	if text == "" || len(text) > 18 || !isDigit(text[0]) {
		return nil
	}
	var v int64
	if len(text) > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X') {
		for i := 2; i < len(text); i++ {
			c := text[i]
			if !isHex(c) {
				return nil
			}
			v = v<<4 | int64(hexVal(c))
		}
		return &expr{op: eNum, n: v}
	}
	if text[0] == '0' && len(text) > 1 {
		return nil // octal, binary or a label reference: the full parser
	}
	for i := 0; i < len(text); i++ {
		if !isDigit(text[i]) {
			return nil
		}
		v = v*10 + int64(text[i]-'0')
	}
	return &expr{op: eNum, n: v}
}
