package asm

import "sort"

// Program and its parts: the linked image as Assemble's callers and tools
// (objdump, traces, debuggers) see it.

// Program is a linked image: what the ELF file holds, in a form tools can use.
type Program struct {
	Entry    uint64
	Sections []*Section // output sections with contents, in address order
	Symbols  []Symbol   // in ELF symbol table order: each file's locals, then globals
	Lines    []Line     // one per instruction, sorted by address
	March    string
	RVC      bool
	// CompDir is the directory the line table's file names are relative to
	// (DWARF's DW_AT_comp_dir): Options.SourceDir, or the current directory
	// for sources read from the host filesystem.
	CompDir string
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
