package asm

import (
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// Operand parsing shared by instructions and pseudo-instructions. Every
// function reports its own error, at the operand's column, and returns ok.

// An opnd is one operand of the current statement: its text and its offset in
// the statement (for error columns).
type opnd struct {
	s   string
	off int
}

func (u *unit) operands(rest string, off int) []opnd {
	ops, cols := splitOperands(rest)
	out := make([]opnd, len(ops))
	for i := range ops {
		out[i] = opnd{ops[i], off + cols[i]}
	}
	return out
}

func (u *unit) opErr(o opnd, format string, args ...any) {
	u.errorAt(u.at(o.off), format, args...)
}

func (u *unit) xreg(o opnd) (uint8, bool) {
	if r, ok := isa.XReg(strings.ToLower(o.s)); ok {
		return r, true
	}
	if _, ok := isa.FReg(strings.ToLower(o.s)); ok {
		u.opErr(o, "want an integer register, got floating-point register %q", o.s)
	} else if o.s == "" {
		u.opErr(o, "missing register")
	} else {
		u.opErr(o, "unknown register %q (want x0..x31 or an ABI name)", o.s)
	}
	return 0, false
}

func (u *unit) freg(o opnd) (uint8, bool) {
	if r, ok := isa.FReg(strings.ToLower(o.s)); ok {
		return r, true
	}
	if _, ok := isa.XReg(strings.ToLower(o.s)); ok {
		u.opErr(o, "want a floating-point register, got integer register %q", o.s)
	} else {
		u.opErr(o, "unknown floating-point register %q (want f0..f31 or an ABI name)", o.s)
	}
	return 0, false
}

func isXReg(s string) bool { _, ok := isa.XReg(strings.ToLower(strings.TrimSpace(s))); return ok }

// An imm is a parsed immediate operand: a number known now, or an expression
// (with its relocation operator) to resolve after layout.
type imm struct {
	n   int64
	e   *expr
	fix fixKind // fixNone when n is the value
}

var percentOps = map[string]fixKind{"%hi": fixHi, "%lo": fixLo, "%pcrel_hi": fixPcrelHi, "%pcrel_lo": fixPcrelLo}

// immediate parses a number, an expression, or %hi/%lo/%pcrel_hi/%pcrel_lo(expr).
// A plain expression that is not a number yet gets fixAbs.
func (u *unit) immediate(o opnd) (imm, bool) {
	s := o.s
	if strings.HasPrefix(s, "%") {
		k := strings.IndexByte(s, '(')
		if k < 0 || !strings.HasSuffix(s, ")") {
			u.opErr(o, "want %%op(expression), got %q", s)
			return imm{}, false
		}
		fk, ok := percentOps[strings.ToLower(s[:k])]
		if !ok {
			u.opErr(o, "unknown relocation operator %s (want %%hi, %%lo, %%pcrel_hi or %%pcrel_lo)", s[:k])
			return imm{}, false
		}
		e, ok := u.parseExpr(s[k+1:len(s)-1], o.off+k+1)
		if !ok {
			return imm{}, false
		}
		return imm{e: e, fix: fk}, true
	}
	if s == "" {
		u.opErr(o, "missing immediate")
		return imm{}, false
	}
	if isXReg(s) {
		u.opErr(o, "want an immediate, got register %q", s)
		return imm{}, false
	}
	e, ok := u.parseExpr(s, o.off)
	if !ok {
		return imm{}, false
	}
	if v, err := eval(e, false); err == nil && v.frag == nil {
		return imm{n: v.n}, true
	}
	return imm{e: e, fix: fixAbs}, true
}

// memory parses offset(reg), (reg) or %lo(sym)(reg).
func (u *unit) memory(o opnd) (imm, uint8, bool) {
	s := o.s
	k := strings.LastIndexByte(s, '(')
	if !strings.HasSuffix(s, ")") || k < 0 {
		u.opErr(o, "want offset(register), got %q", s)
		return imm{}, 0, false
	}
	reg := opnd{strings.TrimSpace(s[k+1 : len(s)-1]), o.off + k + 1}
	if !isXReg(reg.s) {
		u.opErr(reg, "want offset(register): unknown base register %q", reg.s)
		return imm{}, 0, false
	}
	r, _ := u.xreg(reg)
	offs := strings.TrimSpace(s[:k])
	if offs == "" {
		return imm{}, r, true
	}
	im, ok := u.immediate(opnd{offs, o.off})
	return im, r, ok
}

// isMemory reports whether an operand is written offset(base): it ends in a
// parenthesized name (which memory then checks is a register).
func isMemory(s string) bool {
	if !strings.HasSuffix(s, ")") {
		return false
	}
	k := strings.LastIndexByte(s, '(')
	if k < 0 {
		return false
	}
	name := strings.TrimSpace(s[k+1 : len(s)-1])
	if name == "" || !isIdentStart(name[0]) {
		return false
	}
	for i := 0; i < len(name); i++ {
		if !isIdentChar(name[i]) {
			return false
		}
	}
	return true
}

// isConstant reports whether an operand is an expression whose value is known
// here (without reporting errors).
func (u *unit) isConstant(o opnd) bool {
	p := exprParser{s: o.s, syms: peekScope{u}}
	e, err := p.parse()
	if err != nil {
		return false
	}
	_, ok := constant(e)
	return ok
}

// peekScope binds names without creating symbols or labels, for isConstant.
type peekScope struct{ u *unit }

func (p peekScope) lookup(n string) *symbol {
	if s := p.u.syms[n]; s != nil {
		return s
	}
	return &symbol{name: n}
}
func (p peekScope) localRef(n string, f bool) (*symbol, error) { return &symbol{name: n}, nil }
func (p peekScope) dot() *symbol                               { return &symbol{name: "."} }

// csr parses a CSR name or number.
func (u *unit) csr(o opnd) (uint16, bool) {
	if n, ok := isa.CSRNumber(strings.ToLower(o.s)); ok {
		return n, true
	}
	e, ok := u.parseExpr(o.s, o.off)
	if !ok {
		return 0, false
	}
	v, ok := constant(e)
	if !ok {
		u.opErr(o, "unknown CSR %q", o.s)
		return 0, false
	}
	if v < 0 || v > 0xfff {
		u.opErr(o, "CSR number %d out of range [0, 4095]", v)
		return 0, false
	}
	return uint16(v), true
}

// fenceSet parses a fence operand: a combination of i, o, r, w (in any case,
// in that order), or 0.
func (u *unit) fenceSet(o opnd) (int64, bool) {
	s := strings.ToLower(o.s)
	if s == "0" {
		return 0, true
	}
	var v int64
	bits := map[byte]int64{'i': 8, 'o': 4, 'r': 2, 'w': 1}
	last := int64(16)
	for i := 0; i < len(s); i++ {
		b, ok := bits[s[i]]
		if !ok || b >= last {
			u.opErr(o, "bad fence operand %q (want a subset of iorw, in that order)", o.s)
			return 0, false
		}
		last = b
		v |= b
	}
	if v == 0 {
		u.opErr(o, "missing fence operand")
		return 0, false
	}
	return v, true
}

var roundingModes = map[string]uint8{"rne": 0, "rtz": 1, "rdn": 2, "rup": 3, "rmm": 4, "dyn": 7}

func (u *unit) roundingMode(o opnd) (uint8, bool) {
	if rm, ok := roundingModes[strings.ToLower(o.s)]; ok {
		return rm, true
	}
	u.opErr(o, "unknown rounding mode %q (want rne, rtz, rdn, rup, rmm or dyn)", o.s)
	return 0, false
}

// wantOperands checks the operand count against a syntax description.
func (u *unit) wantOperands(mn string, ops []opnd, n int, syntax string) bool {
	if len(ops) == n {
		return true
	}
	u.errorf("%s takes %d operand%s (%s %s), got %d", mn, n, plural(n), mn, syntax, len(ops))
	return false
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// argSyntax describes an instruction's operands for error messages.
func argSyntax(args []isa.Arg) string {
	var parts []string
	for _, a := range args {
		if n := argNames[a]; n != "" {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ", ")
}

var argNames = map[isa.Arg]string{
	isa.ArgRd: "rd", isa.ArgRs1: "rs1", isa.ArgRs2: "rs2", isa.ArgFd: "fd", isa.ArgFs1: "fs1",
	isa.ArgFs2: "fs2", isa.ArgFs3: "fs3", isa.ArgImmI: "imm", isa.ArgMemI: "offset(rs1)",
	isa.ArgMemS: "offset(rs1)", isa.ArgAddr: "(rs1)", isa.ArgBranch: "label", isa.ArgJump: "label",
	isa.ArgUImm: "imm20", isa.ArgShamt6: "shamt", isa.ArgShamt5: "shamt", isa.ArgCSR: "csr",
	isa.ArgZimm: "uimm5", isa.ArgRM: "[rm]", isa.ArgPred: "pred", isa.ArgSucc: "succ",
}

func rangeMsg(what string, v, lo, hi int64) string {
	return fmt.Sprintf("%s %d out of range [%d, %d]", what, v, lo, hi)
}
