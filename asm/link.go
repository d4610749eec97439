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

// Program is a linked image: what the ELF file holds, in a form tools can use.
type Program struct {
	Entry    uint64
	Sections []*Section // output sections with contents, in address order
	Symbols  []Symbol   // in ELF symbol table order: each file's locals, then globals
	Lines    []Line     // one per instruction, sorted by address
	March    string
	RVC      bool
}

// Section is one output section.
type Section struct {
	Name   string
	Addr   uint64
	Size   uint64
	Align  uint64
	Data   []byte // nil for .bss
	Exec   bool
	Write  bool
	NoBits bool
}

// SymKind is a symbol's ELF type.
type SymKind uint8

const (
	SymNoType SymKind = iota
	SymFunc
	SymObject
)

// Symbol is a named address or value of the image.
type Symbol struct {
	Name    string
	Value   uint64
	Size    uint64
	Kind    SymKind
	Global  bool
	Weak    bool
	Section string // output section name; "" for absolute symbols
	File    string // the source file that defines it
}

// Line maps an instruction address to its source line.
type Line struct {
	Addr uint64
	File string
	Line int
}

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

// hi20 and lo12 split a value for lui/auipc + addi, rounding so the signed low
// part adds back.
func hi20(v int64) int64 { return int64(int32(uint32((v+0x800)>>12) << 12)) }
func lo12(v int64) int64 { return (v&0xfff ^ 0x800) - 0x800 }

func fitsHi(v int64) bool { return v >= -(1<<31)-0x800 && v < 1<<31-0x800 }

func (a *assembler) applyFixup(f *frag, fx *fixup, pcrelHi map[int64]int64) {
	pc := f.sec.addr + f.off + fx.off
	v, err := eval(fx.e, true)
	if err != nil {
		a.report(fx.pos, err.Error())
		return
	}
	val := v.n
	b := f.data[fx.off:]
	in := fx.in
	switch fx.kind {
	case fixData1, fixData2, fixData4, fixData8:
		size := map[fixKind]int{fixData1: 1, fixData2: 2, fixData4: 4, fixData8: 8}[fx.kind]
		if !fitsData(val, size) {
			a.report(fx.pos, fmt.Sprintf("value %#x does not fit in %d byte(s)", val, size))
			return
		}
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], uint64(val))
		copy(b[:size], buf[:size])
		return
	case fixAbs:
		in.Imm = val
		if in.Op == isa.LUI || in.Op == isa.AUIPC {
			if val < 0 || val > 0xfffff {
				a.report(fx.pos, rangeMsg("upper immediate", val, 0, 0xfffff))
				return
			}
			in.Imm = int64(int32(uint32(val) << 12))
		}
	case fixHi:
		if !fitsHi(val) {
			a.report(fx.pos, fmt.Sprintf("%%hi(%#x): the value does not fit in 32 signed bits (use la or lla)", val))
			return
		}
		in.Imm = hi20(val)
	case fixLo:
		in.Imm = lo12(val)
	case fixPcrelHi:
		d := val - pc
		if !fitsHi(d) {
			a.report(fx.pos, fmt.Sprintf("pc-relative offset %#x to the symbol is beyond ±2 GiB", d))
			return
		}
		pcrelHi[pc] = d
		in.Imm = hi20(d)
	case fixPairLo:
		in.Imm = lo12(val - (pc - 4))
	case fixPcrelLo:
		d, ok := pcrelHi[val]
		if !ok {
			a.report(fx.pos, fmt.Sprintf("%%pcrel_lo: no auipc with %%pcrel_hi at address %#x", val))
			return
		}
		in.Imm = lo12(d)
	case fixBranch:
		in.Imm = val - pc
	case fixCBranch, fixCJump, fixCAbs:
		in.Imm = val
		if fx.kind != fixCAbs {
			in.Imm = val - pc
		} else if in.Op == isa.LUI {
			in.Imm = int64(int32(uint32(val) << 12))
		}
		h, err := isa.EncodeC(fx.cs, in)
		if err != nil {
			a.report(fx.pos, err.Error())
			return
		}
		binary.LittleEndian.PutUint16(b, h)
		return
	}
	w, err := isa.Encode(in)
	if err != nil {
		a.report(fx.pos, fmt.Sprintf("%s: %v", in.Op, err))
		return
	}
	binary.LittleEndian.PutUint32(b, w)
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

// LineAt returns the source line of the instruction at addr: the last line
// table row at or before it, if addr lies in the same output section.
func (p *Program) LineAt(addr uint64) (Line, bool) {
	i := sort.Search(len(p.Lines), func(i int) bool { return p.Lines[i].Addr > addr })
	if i == 0 {
		return Line{}, false
	}
	l := p.Lines[i-1]
	for _, s := range p.Sections {
		if l.Addr >= s.Addr && l.Addr < s.Addr+s.Size {
			return l, addr < s.Addr+s.Size
		}
	}
	return Line{}, false
}

// SymbolAt names addr as symbol+offset, from the nearest symbol at or below
// it in the same output section (functions and labels; not absolute values).
func (p *Program) SymbolAt(addr uint64) (name string, off uint64, ok bool) {
	var best *Symbol
	for i := range p.Symbols {
		s := &p.Symbols[i]
		if s.Section == "" || s.Value > addr {
			continue
		}
		if best == nil || s.Value > best.Value || s.Value == best.Value && s.Global && !best.Global {
			best = s
		}
	}
	if best == nil {
		return "", 0, false
	}
	return best.Name, addr - best.Value, true
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
