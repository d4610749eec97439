package trace

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Source maps addresses to symbols and source lines, from the ELF files a run
// loaded (their symbol tables and DWARF .debug_line, which rvstop's assembler
// writes).
type Source struct {
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

// AddELF adds the symbols and line table of an ELF image. Files without them
// add nothing; a malformed file is an error.
func (s *Source) AddELF(data []byte) error {
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("trace: reading symbols: %w", err)
	}
	defer f.Close()
	syms, _ := f.Symbols()
	for _, y := range syms {
		t := elf.ST_TYPE(y.Info)
		if y.Name == "" || y.Section == elf.SHN_UNDEF || y.Section == elf.SHN_ABS ||
			(t != elf.STT_FUNC && t != elf.STT_NOTYPE) || strings.HasPrefix(y.Name, ".L") ||
			strings.HasPrefix(y.Name, "$") {
			continue
		}
		s.syms = append(s.syms, symbol{y.Value, y.Size, y.Name})
	}
	sort.SliceStable(s.syms, func(i, j int) bool { return s.syms[i].addr < s.syms[j].addr })
	if d, err := f.DWARF(); err == nil {
		s.addLines(d)
	}
	return nil
}

func (s *Source) addLines(d *dwarf.Data) {
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
			if e.EndSequence || e.File == nil {
				continue
			}
			s.lines = append(s.lines, line{e.Address, e.File.Name, e.Line})
		}
	}
	sort.SliceStable(s.lines, func(i, j int) bool { return s.lines[i].addr < s.lines[j].addr })
}

// Symbol returns the symbol containing addr and the offset into it. Among
// symbols at one address, a sized one (a function) wins over a label.
func (s *Source) Symbol(addr uint64) (string, uint64, bool) {
	i := sort.Search(len(s.syms), func(i int) bool { return s.syms[i].addr > addr }) - 1
	if i < 0 {
		return "", 0, false
	}
	best := i
	for j := i; j >= 0 && s.syms[j].addr == s.syms[i].addr; j-- {
		if s.syms[j].size != 0 {
			best = j
			break
		}
	}
	y := s.syms[best]
	return y.name, addr - y.addr, true
}

// Lookup returns the address of a symbol by name.
func (s *Source) Lookup(name string) (uint64, bool) {
	for _, y := range s.syms {
		if y.name == name {
			return y.addr, true
		}
	}
	return 0, false
}

// SymOff formats addr as symbol+0xoff (or just symbol at offset 0).
func (s *Source) SymOff(addr uint64) string {
	name, off, ok := s.Symbol(addr)
	switch {
	case !ok:
		return ""
	case off == 0:
		return name
	}
	return fmt.Sprintf("%s+%#x", name, off)
}

// Line returns "file:line" for addr, or "" without line information there.
func (s *Source) Line(addr uint64) string {
	i := sort.Search(len(s.lines), func(i int) bool { return s.lines[i].addr > addr }) - 1
	if i < 0 {
		return ""
	}
	l := s.lines[i]
	// Only the line table's own rows: an address far past the last row of a
	// sequence belongs to something without line information.
	if addr-l.addr > 64 {
		return ""
	}
	return fmt.Sprintf("%s:%d", filepath.ToSlash(l.file), l.line)
}
