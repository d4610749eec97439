// Package elfsym maps addresses of loaded RV64 ELF images to symbols and
// source lines, from their symbol tables and DWARF .debug_line (which rvstop's
// assembler writes). The board's hang reports, the tracer and the debugger
// all name code through it.
package elfsym

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Table holds the symbols and line rows of every image added to it.
type Table struct {
	syms  []symbol // sorted by address
	lines []line   // sorted by address
}

type symbol struct {
	addr, size uint64
	name       string
}

type line struct {
	addr uint64
	file string
	line int
}

// AddELF adds an ELF image given as bytes (see AddFile).
func (t *Table) AddELF(data []byte) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("reading symbols: %w", err)
	}
	defer f.Close()
	return t.AddFile(f)
}

// AddFile adds the named symbols (not sections, files, or the assembler's
// .L and $ locals) and the line table of an ELF file. A file without them adds
// nothing; an unreadable symbol table is an error.
func (t *Table) AddFile(f *elf.File) error {
	syms, err := f.Symbols()
	if err != nil && !errors.Is(err, elf.ErrNoSymbols) {
		return fmt.Errorf("symbol table: %w", err)
	}
	for _, s := range syms {
		typ := elf.ST_TYPE(s.Info)
		if s.Name == "" || typ == elf.STT_SECTION || typ == elf.STT_FILE || s.Section == elf.SHN_UNDEF ||
			strings.HasPrefix(s.Name, ".L") || strings.HasPrefix(s.Name, "$") {
			continue
		}
		t.syms = append(t.syms, symbol{s.Value, s.Size, s.Name})
	}
	sort.SliceStable(t.syms, func(i, j int) bool { return t.syms[i].addr < t.syms[j].addr })
	if d, err := f.DWARF(); err == nil {
		t.addLines(d)
	}
	return nil
}

func (t *Table) addLines(d *dwarf.Data) {
	r := d.Reader()
	for {
		cu, err := r.Next()
		if err != nil || cu == nil {
			break
		}
		if cu.Tag != dwarf.TagCompileUnit {
			r.SkipChildren()
			continue
		}
		lr, err := d.LineReader(cu)
		if err != nil || lr == nil {
			continue
		}
		var e dwarf.LineEntry
		for lr.Next(&e) == nil {
			if !e.EndSequence && e.File != nil {
				t.lines = append(t.lines, line{e.Address, e.File.Name, e.Line})
			}
		}
	}
	sort.SliceStable(t.lines, func(i, j int) bool { return t.lines[i].addr < t.lines[j].addr })
}

// Symbol returns the symbol containing addr and the offset into it: the
// nearest symbol at or below addr (assembly labels have no size), preferring
// among symbols at one address a sized one (a function); not found past the
// end of a sized symbol.
func (t *Table) Symbol(addr uint64) (name string, off uint64, ok bool) {
	i := sort.Search(len(t.syms), func(i int) bool { return t.syms[i].addr > addr }) - 1
	if i < 0 {
		return "", 0, false
	}
	for j := i; j >= 0 && t.syms[j].addr == t.syms[i].addr; j-- {
		if t.syms[j].size != 0 {
			i = j
			break
		}
	}
	s := t.syms[i]
	if s.size != 0 && addr >= s.addr+s.size {
		return "", 0, false
	}
	return s.name, addr - s.addr, true
}

// Lookup returns the address of a symbol by name.
func (t *Table) Lookup(name string) (uint64, bool) {
	for _, s := range t.syms {
		if s.name == name {
			return s.addr, true
		}
	}
	return 0, false
}

// SymOff formats addr as symbol+0xoff (just the symbol at offset 0), or "".
func (t *Table) SymOff(addr uint64) string {
	name, off, ok := t.Symbol(addr)
	switch {
	case !ok:
		return ""
	case off == 0:
		return name
	}
	return fmt.Sprintf("%s+%#x", name, off)
}

// Line returns "file:line" for addr, or "" where there is no line information.
func (t *Table) Line(addr uint64) string {
	i := sort.Search(len(t.lines), func(i int) bool { return t.lines[i].addr > addr }) - 1
	if i < 0 {
		return ""
	}
	l := t.lines[i]
	// Only the table's own rows: an address far past a sequence's last row
	// belongs to something without line information.
	if addr-l.addr > 64 {
		return ""
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(l.file), l.line)
}
