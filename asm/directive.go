package asm

import (
	"strconv"
	"strings"
)

// directive assembles one directive; rest is its operand text, found at
// offset off of the statement.
func (u *unit) directive(d, rest string, off int) {
	switch d {
	case ".text", ".data", ".bss", ".rodata":
		u.switchSection(d, "", false, rest)
	case ".section", ".pushsection":
		u.sectionDirective(d, rest)
	case ".popsection":
		if len(u.secStack) == 0 {
			u.errorf(".popsection without .pushsection")
			return
		}
		top := u.secStack[len(u.secStack)-1]
		u.secStack = u.secStack[:len(u.secStack)-1]
		u.cur, u.prev = top[0], top[1]
	case ".previous":
		if u.prev == nil {
			u.errorf(".previous without an earlier section")
			return
		}
		u.cur, u.prev = u.prev, u.cur
	case ".globl", ".global", ".local", ".weak", ".hidden", ".protected", ".internal":
		u.symbolAttr(d, rest)
	case ".type":
		u.typeDirective(rest)
	case ".size":
		ops, cols := splitOperands(rest)
		if len(ops) != 2 {
			u.errorf(".size needs a symbol and a size")
			return
		}
		if e, ok := u.parseExpr(ops[1], off+cols[1]); ok {
			u.lookup(ops[0]).size = e
		}
	case ".equ", ".set", ".equiv", ".eqv":
		ops, cols := splitOperands(rest)
		if len(ops) != 2 {
			u.errorf("%s needs a symbol and a value", d)
			return
		}
		u.setSymbol(ops[0], ops[1], off+cols[1], d != ".equiv")
	case ".align", ".p2align", ".balign":
		u.alignDirective(d, rest, off)
	case ".byte", ".2byte", ".half", ".short", ".4byte", ".word", ".long", ".int", ".8byte", ".dword", ".quad":
		u.dataDirective(d, rest, off)
	case ".zero", ".space", ".skip":
		u.spaceDirective(d, rest, off)
	case ".fill":
		u.fillDirective(rest, off)
	case ".org":
		u.orgDirective(rest, off)
	case ".ascii", ".asciz", ".string":
		u.stringDirective(d, rest, off)
	case ".uleb128", ".sleb128":
		u.lebDirective(d, rest, off)
	case ".float", ".single", ".double":
		u.floatDirective(d, rest, off)
	case ".macro":
		u.defineMacro(rest)
	case ".endm":
		u.errorf(".endm without .macro")
	case ".purgem":
		name := strings.ToLower(strings.TrimSpace(rest))
		if u.macros[name] == nil {
			u.errorf(".purgem of undefined macro %q", name)
			return
		}
		delete(u.macros, name)
	case ".exitm":
		u.exitMacro()
	case ".rept", ".irp", ".irpc":
		u.rept(d, rest, off)
	case ".endr":
		u.errorf(".endr without .rept, .irp or .irpc")
	case ".include":
		u.include(rest, off)
	case ".option":
		u.option(rest)
	case ".error", ".err":
		msg := unquote(rest)
		if msg == "" {
			msg = ".error directive invoked in source file"
		}
		u.errorf("%s", msg)
	case ".warning", ".print", ".file", ".loc", ".attribute", ".ident", ".end", ".sleb", ".cfi_startproc",
		".cfi_endproc", ".cfi_def_cfa_offset", ".cfi_offset", ".cfi_restore", ".cfi_def_cfa", ".cfi_sections",
		".loc_mark_labels", ".addrsig", ".addrsig_sym", ".variant_cc":
		// Accepted for compatibility: they do not change the loaded image.
		// (.warning and .print would only write to the terminal.)
	default:
		u.errorf("unknown directive %s", d)
	}
}

func (u *unit) exitMacro() {
	for i := len(u.srcs) - 1; i >= 0; i-- {
		if u.srcs[i].isMacro {
			u.conds = u.conds[:u.srcs[i].depth]
			u.srcs = u.srcs[:i]
			return
		}
	}
	u.errorf(".exitm outside a macro")
}

// switchSection makes name the current section, creating it on first use.
func (u *unit) switchSection(name, flags string, nobits bool, sub string) {
	if strings.TrimSpace(sub) != "" && name != ".section" {
		if _, err := strconv.Atoi(strings.TrimSpace(sub)); err == nil && strings.TrimSpace(sub) != "0" {
			u.errorf("subsections are not supported")
		}
	}
	s := u.secByName[name]
	if s == nil {
		kind, orphan := kindOf(name, flags, nobits)
		s = &section{name: name, unit: u, kind: kind, orphan: orphan, align: 1}
		s.code = kind == secText || strings.Contains(flags, "x")
		u.secByName[name] = s
		u.sections = append(u.sections, s)
	}
	if s != u.cur {
		u.prev, u.cur = u.cur, s
	}
}

// .section name[, "flags"[, @type]]; .pushsection also saves the current one.
func (u *unit) sectionDirective(d, rest string) {
	ops, _ := splitOperands(rest)
	if len(ops) == 0 || ops[0] == "" {
		u.errorf("%s needs a section name", d)
		return
	}
	name := unquote(ops[0])
	flags, nobits := "", false
	if len(ops) > 1 {
		flags = unquote(ops[1])
	}
	if len(ops) > 2 {
		nobits = strings.Contains(ops[2], "nobits")
	}
	if d == ".pushsection" {
		u.secStack = append(u.secStack, [2]*section{u.cur, u.prev})
	}
	u.switchSection(name, flags, nobits, "")
}

func (u *unit) symbolAttr(d, rest string) {
	for _, name := range strings.Split(rest, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			u.errorf("%s needs a symbol name", d)
			continue
		}
		s := u.lookup(name)
		switch d {
		case ".globl", ".global":
			s.global = true
		case ".weak":
			s.global, s.weak = true, true
		case ".local":
			s.global = false
		}
	}
}

// .type sym, @function | @object (also %function, "function", STT_FUNC).
func (u *unit) typeDirective(rest string) {
	ops, _ := splitOperands(rest)
	if len(ops) != 2 {
		u.errorf(".type needs a symbol and a type")
		return
	}
	t := strings.TrimLeft(unquote(ops[1]), "@%#")
	s := u.lookup(ops[0])
	switch t {
	case "function", "STT_FUNC":
		s.kind = symFunc
	case "object", "STT_OBJECT":
		s.kind = symObject
	case "notype", "STT_NOTYPE":
		s.kind = symNoType
	default:
		u.errorf("unknown symbol type %q", ops[1])
	}
}

// option handles .option push, pop, rvc, norvc, relax, norelax (relaxation is
// never done: the image is linked statically, as with GNU as -mno-relax).
func (u *unit) option(rest string) {
	switch strings.TrimSpace(rest) {
	case "push":
		u.optStack = append(u.optStack, u.rvc)
	case "pop":
		if len(u.optStack) == 0 {
			u.errorf(".option pop without .option push")
			return
		}
		u.rvc = u.optStack[len(u.optStack)-1]
		u.optStack = u.optStack[:len(u.optStack)-1]
	case "rvc":
		u.rvc = true
	case "norvc":
		u.rvc = false
	case "relax", "norelax", "pic", "nopic", "csr-check", "no-csr-check":
	default:
		u.errorf("unknown .option %q (want push, pop, rvc, norvc, relax or norelax)", rest)
	}
}
