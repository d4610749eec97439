package asm

import (
	"fmt"
	"strconv"
	"strings"
)

// Expressions follow GNU as, not C, where the two differ:
//   - precedence, from tightest: unary - ~ !; then * / % << >>; then | & ^ !
//     (binary ! is or-not); then + - and comparisons; then && ||;
//   - comparisons yield -1 for true, 0 for false (&& and || yield 1);
//   - >> is a logical shift; / and % are signed.
// An expression is parsed once into a tree and evaluated whenever its symbols
// have the values needed: at once for constants, after layout for addresses.

type exprOp uint8

const (
	eNum exprOp = iota
	eSym
	eNeg
	eNot // ~
	eLNot
	eBin
)

type expr struct {
	op   exprOp
	n    int64
	sym  *symbol
	bin  string // binary operator
	x, y *expr
}

// An exprParser reads one expression from s starting at i. Symbols are bound
// through lookup as they are read; numeric local labels (1b, 1f) and the
// location counter "." through the callbacks.
type exprParser struct {
	s    string
	i    int
	syms symbolScope
}

// A symbolScope binds the names an expression uses.
type symbolScope interface {
	lookup(name string) *symbol
	localRef(n string, forward bool) (*symbol, error)
	dot() *symbol
}

type exprError struct {
	off int
	msg string
}

func (e *exprError) Error() string { return e.msg }

func (p *exprParser) fail(format string, args ...any) {
	panic(&exprError{p.i, fmt.Sprintf(format, args...)})
}

// parseExpr parses all of s as an expression.
func (p *exprParser) parse() (e *expr, err error) {
	defer func() {
		if r := recover(); r != nil {
			ee, ok := r.(*exprError)
			if !ok {
				panic(r)
			}
			e, err = nil, ee
		}
	}()
	e = p.binary(0)
	p.space()
	if p.i < len(p.s) {
		p.fail("unexpected %q in expression", p.s[p.i:])
	}
	return e, nil
}

func (p *exprParser) space() { p.i = skipSpace(p.s, p.i) }

// Binary operator levels, loosest first.
var levels = [][]string{
	{"&&", "||"},
	{"+", "-", "==", "!=", "<>", "<=", ">=", "<", ">"},
	{"|", "&", "^", "!"},
	{"*", "/", "%", "<<", ">>"},
}

func (p *exprParser) peekOp(level int) string {
	p.space()
	rest := p.s[p.i:]
	for _, op := range levels[level] {
		if strings.HasPrefix(rest, op) {
			// Do not split a longer operator of another level: "<<" is not "<",
			// "&&" is not "&", "||" not "|", "!=" not "!".
			if len(op) == 1 && len(rest) > 1 {
				two := rest[:2]
				switch two {
				case "<<", ">>", "&&", "||", "!=", "==", "<=", ">=", "<>":
					if two != op {
						continue
					}
				}
			}
			return op
		}
	}
	return ""
}

func (p *exprParser) binary(level int) *expr {
	if level == len(levels) {
		return p.unary()
	}
	x := p.binary(level + 1)
	for {
		op := p.peekOp(level)
		if op == "" {
			return x
		}
		p.i += len(op)
		y := p.binary(level + 1)
		x = fold(&expr{op: eBin, bin: op, x: x, y: y})
	}
}

// fold computes constant subtrees at once, so that most expressions are a
// single number by the time they are used.
func fold(e *expr) *expr {
	switch e.op {
	case eBin:
		if e.x.op == eNum && e.y.op == eNum {
			if v, err := binop(e.bin, e.x.n, e.y.n); err == nil {
				return &expr{op: eNum, n: v}
			}
		}
	case eNeg, eNot, eLNot:
		if e.x.op == eNum {
			return &expr{op: eNum, n: unop(e.op, e.x.n)}
		}
	}
	return e
}

func unop(op exprOp, v int64) int64 {
	switch op {
	case eNeg:
		return -v
	case eNot:
		return ^v
	}
	if v == 0 {
		return 1
	}
	return 0
}

func boolVal(b bool) int64 {
	if b {
		return -1
	}
	return 0
}

func binop(op string, a, b int64) (int64, error) {
	switch op {
	case "+":
		return a + b, nil
	case "-":
		return a - b, nil
	case "*":
		return a * b, nil
	case "/", "%":
		if b == 0 {
			return 0, fmt.Errorf("division by zero")
		}
		if op == "/" {
			return a / b, nil
		}
		return a % b, nil
	case "<<":
		if uint64(b) >= 64 {
			return 0, nil
		}
		return a << uint(b), nil
	case ">>":
		if uint64(b) >= 64 {
			return 0, nil
		}
		return int64(uint64(a) >> uint(b)), nil
	case "|":
		return a | b, nil
	case "&":
		return a & b, nil
	case "^":
		return a ^ b, nil
	case "!":
		return a | ^b, nil
	case "==":
		return boolVal(a == b), nil
	case "!=", "<>":
		return boolVal(a != b), nil
	case "<":
		return boolVal(a < b), nil
	case ">":
		return boolVal(a > b), nil
	case "<=":
		return boolVal(a <= b), nil
	case ">=":
		return boolVal(a >= b), nil
	case "&&": // unlike comparisons, 1 for true
		return -boolVal(a != 0 && b != 0), nil
	case "||":
		return -boolVal(a != 0 || b != 0), nil
	}
	return 0, fmt.Errorf("unknown operator %q", op)
}

func (p *exprParser) unary() *expr {
	p.space()
	if p.i >= len(p.s) {
		p.fail("missing operand in expression")
	}
	switch c := p.s[p.i]; c {
	case '-', '~', '!', '+':
		p.i++
		x := p.unary()
		switch c {
		case '-':
			return fold(&expr{op: eNeg, x: x})
		case '~':
			return fold(&expr{op: eNot, x: x})
		case '!':
			return fold(&expr{op: eLNot, x: x})
		}
		return x
	case '(':
		p.i++
		x := p.binary(0)
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ')' {
			p.fail("missing ')' in expression")
		}
		p.i++
		return x
	case '\'':
		return &expr{op: eNum, n: p.char()}
	}
	c := p.s[p.i]
	if isDigit(c) {
		return p.number()
	}
	if isIdentStart(c) || c == '"' {
		name := p.ident()
		if name == "." {
			return &expr{op: eSym, sym: p.syms.dot()}
		}
		return &expr{op: eSym, sym: p.syms.lookup(name)}
	}
	p.fail("unexpected %q in expression", p.s[p.i:])
	return nil
}

// ident reads a symbol name; a quoted name may hold any characters.
func (p *exprParser) ident() string {
	if p.s[p.i] == '"' {
		j := skipString(p.s, p.i)
		name, err := strconv.Unquote(p.s[p.i:j])
		if err != nil {
			p.fail("bad quoted symbol name %s", p.s[p.i:j])
		}
		p.i = j
		return name
	}
	j := p.i
	for j < len(p.s) && isIdentChar(p.s[j]) {
		j++
	}
	name := p.s[p.i:j]
	p.i = j
	return name
}

// char reads a character literal: 'c, 'c' or an escape such as '\n'.
func (p *exprParser) char() int64 {
	p.i++ // the quote
	if p.i >= len(p.s) {
		p.fail("missing character after '")
	}
	var v int64
	if p.s[p.i] == '\\' {
		if p.i+1 >= len(p.s) {
			p.fail("missing character after \\")
		}
		r, ok := escapes[p.s[p.i+1]]
		if !ok {
			r = p.s[p.i+1]
		}
		v = int64(r)
		p.i += 2
	} else {
		v = int64(p.s[p.i])
		p.i++
	}
	if p.i < len(p.s) && p.s[p.i] == '\'' {
		p.i++
	}
	return v
}

var escapes = map[byte]byte{'n': '\n', 't': '\t', 'r': '\r', '0': 0, 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\', '\'': '\'', '"': '"', 'a': 7, 'e': 27}

// number reads a decimal, 0x hex, 0b binary or 0-prefixed octal constant, or a
// numeric local label reference (1b, 1f).
func (p *exprParser) number() *expr {
	j := p.i
	for j < len(p.s) && isIdentChar(p.s[j]) {
		j++
	}
	tok := p.s[p.i:j]
	start := p.i
	p.i = j
	// "1b" and "0b" are label references; "0b101" is binary (it does not end
	// in the b).
	if n := len(tok); n >= 2 && (tok[n-1] == 'b' || tok[n-1] == 'f') && allDigits(tok[:n-1]) {
		sym, err := p.syms.localRef(tok[:n-1], tok[n-1] == 'f')
		if err != nil {
			p.i = start
			p.fail("%v", err)
		}
		return &expr{op: eSym, sym: sym}
	}
	lower := strings.ToLower(tok)
	var v uint64
	var err error
	switch {
	case strings.HasPrefix(lower, "0x"):
		v, err = strconv.ParseUint(lower[2:], 16, 64)
	case strings.HasPrefix(lower, "0b"):
		v, err = strconv.ParseUint(lower[2:], 2, 64)
	case len(lower) > 1 && lower[0] == '0':
		v, err = strconv.ParseUint(lower[1:], 8, 64)
	default:
		v, err = strconv.ParseUint(lower, 10, 64)
	}
	if err != nil {
		p.i = start
		p.fail("bad number %q", tok)
	}
	return &expr{op: eNum, n: int64(v)}
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// A value is an expression's result: absolute when frag is nil, otherwise an
// offset into a fragment whose address is not known yet.
type value struct {
	n    int64
	frag *frag
}

// errNotYet says an expression uses a symbol whose value is not known yet.
var errNotYet = fmt.Errorf("value not known yet")

// eval computes e. Before layout (final false) labels are fragment offsets and
// undefined symbols give errNotYet; after layout every label is an address.
func eval(e *expr, final bool) (value, error) {
	return evalDepth(e, final, 0)
}

func evalDepth(e *expr, final bool, depth int) (value, error) {
	if depth > 100 {
		return value{}, fmt.Errorf("symbol definitions loop")
	}
	switch e.op {
	case eNum:
		return value{n: e.n}, nil
	case eSym:
		return e.sym.value(final, depth+1)
	case eNeg, eNot, eLNot:
		x, err := evalDepth(e.x, final, depth+1)
		if err != nil {
			return x, err
		}
		if x.frag != nil {
			return value{}, errNotYet
		}
		return value{n: unop(e.op, x.n)}, nil
	}
	x, err := evalDepth(e.x, final, depth+1)
	if err != nil {
		return x, err
	}
	y, err := evalDepth(e.y, final, depth+1)
	if err != nil {
		return y, err
	}
	switch {
	case x.frag == nil && y.frag == nil:
		v, err := binop(e.bin, x.n, y.n)
		return value{n: v}, err
	case e.bin == "+" && y.frag == nil:
		return value{x.n + y.n, x.frag}, nil
	case e.bin == "+" && x.frag == nil:
		return value{x.n + y.n, y.frag}, nil
	case e.bin == "-" && y.frag == nil:
		return value{x.n - y.n, x.frag}, nil
	case e.bin == "-" && x.frag == y.frag:
		return value{n: x.n - y.n}, nil
	}
	return value{}, errNotYet
}

// constant evaluates e now and reports whether it is an absolute number.
func constant(e *expr) (int64, bool) {
	v, err := eval(e, false)
	return v.n, err == nil && v.frag == nil
}
