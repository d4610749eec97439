package asm

import (
	"encoding/binary"
	"fmt"
	"sort"

	"github.com/rvstop/rvstop/isa"
)

// Linking: every file's sections are relaxed on their own, placed in output
// section order (text, rodata, data, bss) and file order, each aligned as GNU
// ld aligns input sections, and then fixups are resolved with final addresses.

func alignUp(v, a int64) int64 {
	if a <= 1 {
		return v
	}
	return (v + a - 1) / a * a
}

func (a *assembler) link() *Program {
	// Global symbol resolution.
	globals := map[string]*symbol{}
	for _, u := range a.units {
		for _, s := range u.symOrder {
			if !s.global || !s.defined {
				continue
			}
			if old := globals[s.name]; old != nil && !old.weak {
				if !s.weak {
					a.report(s.pos, fmt.Sprintf("symbol %q is defined in two files (also at %s)", s.name, old.pos))
				}
				continue
			}
			globals[s.name] = s
		}
	}
	for _, u := range a.units {
		for _, s := range u.symOrder {
			if !s.defined && !s.numeric {
				s.link = globals[s.name]
			}
		}
	}

	// Layout.
	for _, u := range a.units {
		for _, s := range u.sections {
			s.relax()
		}
	}
	p := &Program{March: a.march, RVC: a.exts[isa.ExtC]}
	cursor := int64(a.opt.Base)
	for _, group := range a.outputGroups() {
		var maxAlign, total int64 = 1, 0
		for _, s := range group.in {
			maxAlign = max(maxAlign, s.align)
			total += s.size
		}
		if total == 0 {
			for _, s := range group.in {
				s.addr = cursor
			}
			continue
		}
		cursor = alignUp(cursor, maxAlign)
		start := cursor
		for _, s := range group.in {
			cursor = alignUp(cursor, s.align)
			s.addr = cursor
			cursor += s.size
		}
		k := group.kind
		out := &Section{Name: group.name, Addr: uint64(start), Size: uint64(cursor - start), Align: uint64(maxAlign),
			Exec: k == secText, Write: k >= secData, NoBits: k == secBss}
		if k != secBss {
			out.Data = make([]byte, out.Size)
		}
		for _, s := range group.in {
			s.out = out
		}
		p.Sections = append(p.Sections, out)
	}

	// Contents: branches, padding, then fixups (%pcrel_hi before %pcrel_lo).
	pcrelHi := map[int64]int64{}
	for pass := 0; pass < 2; pass++ {
		for _, u := range a.units {
			for _, s := range u.sections {
				for _, f := range s.frags {
					for i := range f.fix {
						if (f.fix[i].kind == fixPcrelHi) == (pass == 0) {
							a.applyFixup(f, &f.fix[i], pcrelHi)
						}
					}
				}
			}
		}
	}
	rows := 0
	for _, u := range a.units {
		for _, s := range u.sections {
			for _, f := range s.frags {
				rows += len(f.rows) + 1
			}
		}
	}
	p.Lines = make([]Line, 0, rows)
	for _, u := range a.units {
		for _, s := range u.sections {
			out := s.out
			for _, f := range s.frags {
				switch f.kind {
				case fragBranch:
					a.encodeBranch(f)
				case fragAlign:
					f.data = padding(f, s.code)
				case fragOrg:
					if f.off > f.org {
						a.report(f.pos, fmt.Sprintf(".org %#x moves backwards (the section is already at %#x)", f.org, f.off))
					}
					f.data = padding(f, false)
				}
				if out != nil && out.Data != nil && f.size > 0 {
					copy(out.Data[s.addr+f.off-int64(out.Addr):], f.data)
				}
				if f.kind == fragBranch && f.br.length > 4 {
					// The jal of a long branch gets its own row.
					f.rows = append(f.rows, row{f.br.length - 4, f.rows[0].pos})
				}
				for _, r := range f.rows {
					p.Lines = append(p.Lines, Line{uint64(s.addr + f.off + r.off), r.pos.File, r.pos.Line})
				}
			}
		}
	}
	sort.SliceStable(p.Lines, func(i, j int) bool { return p.Lines[i].Addr < p.Lines[j].Addr })

	p.Symbols = a.symbols(globals)
	p.Entry = uint64(a.opt.Base)
	if s := globals["_start"]; s != nil {
		if v, err := s.value(true, 0); err == nil {
			p.Entry = uint64(v.n)
		}
	} else if len(p.Sections) > 0 {
		p.Entry = p.Sections[0].Addr
	}
	return p
}

// padding fills an alignment gap: the fill byte when given; in code, as GNU
// as does, a zero byte for an odd gap, one c.nop for a gap of 2 mod 4, then
// 4-byte nops; elsewhere zeros.
func padding(f *frag, code bool) []byte {
	b := make([]byte, f.size)
	switch {
	case f.fill != nil:
		for i := range b {
			b[i] = f.fill[0]
		}
	case code:
		i := int64(0)
		if f.size%2 == 1 {
			i++
		}
		if (f.size-i)%4 == 2 {
			binary.LittleEndian.PutUint16(b[i:], 0x0001)
			i += 2
		}
		for ; i < f.size; i += 4 {
			binary.LittleEndian.PutUint32(b[i:], 0x00000013)
		}
	}
	return b
}

// symbols lists the symbol table: per file its local named symbols, then all
// globals, as a linker output has them.
func (a *assembler) symbols(globals map[string]*symbol) []Symbol {
	n := 0
	for _, u := range a.units {
		n += len(u.symOrder)
	}
	locals, globs := make([]Symbol, 0, n), make([]Symbol, 0, len(globals))
	for _, u := range a.units {
		for _, s := range u.symOrder {
			if !s.defined || s.local() || s.name == "." {
				continue
			}
			sym := Symbol{Name: s.name, Global: s.global, Weak: s.weak, Kind: SymKind(s.kind), File: u.file}
			v, err := s.value(true, 0)
			if err != nil {
				continue
			}
			sym.Value = uint64(v.n)
			if s.frag != nil {
				sym.Section = s.frag.sec.outName()
			} else if s.expr != nil {
				if root := labelOf(s.expr); root != nil {
					sym.Section = root.frag.sec.outName()
				}
			}
			if s.size != nil {
				if sv, err := eval(s.size, true); err == nil {
					sym.Size = uint64(sv.n)
				}
			}
			if s.global {
				if globals[s.name] == s {
					globs = append(globs, sym)
				}
			} else {
				locals = append(locals, sym)
			}
		}
	}
	return append(locals, globs...)
}

// labelOf returns the label an expression is relative to (sym + const).
func labelOf(e *expr) *symbol {
	for e != nil && e.op == eBin && (e.bin == "+" || e.bin == "-") {
		e = e.x
	}
	if e != nil && e.op == eSym && e.sym.frag != nil {
		return e.sym
	}
	return nil
}

// An outputGroup is the input sections that make one output section.
type outputGroup struct {
	name string
	kind secKind
	in   []*section
}

// outputGroups orders the output sections as the linker script and GNU ld's
// orphan placement do: .text, .rodata, .data, .bss, each followed by the
// sections of that kind the script does not name (one output section per
// name, in order of first appearance).
func (a *assembler) outputGroups() []*outputGroup {
	var groups []*outputGroup
	for k := secKind(0); k < numSecKinds; k++ {
		main := &outputGroup{name: secKindNames[k], kind: k}
		groups = append(groups, main)
		byName := map[string]*outputGroup{}
		for _, u := range a.units {
			for _, s := range u.sections {
				if s.kind != k {
					continue
				}
				if !s.orphan {
					main.in = append(main.in, s)
					continue
				}
				g := byName[s.name]
				if g == nil {
					g = &outputGroup{name: s.name, kind: k}
					byName[s.name] = g
					groups = append(groups, g)
				}
				g.in = append(g.in, s)
			}
		}
	}
	return groups
}
