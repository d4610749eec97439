package emu

import (
	"debug/elf"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// symtab maps addresses to the ELF symbols of every loaded file, for hang
// reports and traces.
type symtab struct {
	syms   []symbol // sorted by addr
	sorted bool
}

type symbol struct {
	addr, size uint64
	name       string
}

func (m *Machine) addSymbols(f *elf.File) error {
	syms, err := f.Symbols()
	if errors.Is(err, elf.ErrNoSymbols) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("symbol table: %w", err)
	}
	for _, s := range syms {
		t := elf.ST_TYPE(s.Info)
		if s.Name == "" || t == elf.STT_SECTION || t == elf.STT_FILE ||
			strings.HasPrefix(s.Name, ".L") || strings.HasPrefix(s.Name, "$") ||
			s.Section == elf.SHN_UNDEF {
			continue
		}
		switch s.Name {
		case "tohost":
			m.htif.tohost = s.Value
		case "fromhost":
			m.htif.fromhost = s.Value
		}
		m.syms.syms = append(m.syms.syms, symbol{s.Value, s.Size, s.Name})
	}
	m.syms.sorted = false
	return nil
}

// Lookup returns the symbol containing addr (the nearest one at or below
// it, when sizes are unknown, as for assembly labels) and the offset in it.
func (m *Machine) Lookup(addr uint64) (name string, off uint64, ok bool) {
	t := &m.syms
	if !t.sorted {
		sort.SliceStable(t.syms, func(i, j int) bool { return t.syms[i].addr < t.syms[j].addr })
		t.sorted = true
	}
	i := sort.Search(len(t.syms), func(i int) bool { return t.syms[i].addr > addr }) - 1
	// Prefer, among symbols at the same address, a sized (function) one.
	for j := i; j >= 0 && t.syms[j].addr == t.syms[i].addr; j-- {
		if t.syms[j].size != 0 {
			i = j
			break
		}
	}
	if i < 0 {
		return "", 0, false
	}
	s := t.syms[i]
	if s.size != 0 && addr >= s.addr+s.size {
		return "", 0, false
	}
	return s.name, addr - s.addr, true
}

// Symbolize formats addr as "0x80000010 <name+0x10>", or just the address.
func (m *Machine) Symbolize(addr uint64) string {
	name, off, ok := m.Lookup(addr)
	switch {
	case !ok:
		return fmt.Sprintf("%#x", addr)
	case off == 0:
		return fmt.Sprintf("%#x <%s>", addr, name)
	}
	return fmt.Sprintf("%#x <%s+%#x>", addr, name, off)
}

// Symbol returns the address of a named symbol of the loaded ELF files.
func (m *Machine) Symbol(name string) (uint64, bool) {
	for _, s := range m.syms.syms {
		if s.name == name {
			return s.addr, true
		}
	}
	return 0, false
}
