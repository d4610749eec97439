package emu

import (
	"debug/elf"
	"fmt"
)

// addSymbols adds a loaded file's symbols and line table to the machine's
// table (for reports, traces and the debugger), and finds HTIF's tohost and
// fromhost.
func (m *Machine) addSymbols(f *elf.File) error {
	if err := m.syms.AddFile(f); err != nil {
		return err
	}
	if a, ok := m.syms.Lookup("tohost"); ok {
		m.htif.tohost = a
	}
	if a, ok := m.syms.Lookup("fromhost"); ok {
		m.htif.fromhost = a
	}
	return nil
}

// Lookup returns the symbol containing addr (the nearest one at or below
// it, when sizes are unknown, as for assembly labels) and the offset in it.
func (m *Machine) Lookup(addr uint64) (name string, off uint64, ok bool) {
	return m.syms.Symbol(addr)
}

// Symbolize formats addr as "0x80000010 <name+0x10>", or just the address.
func (m *Machine) Symbolize(addr uint64) string {
	if s := m.syms.SymOff(addr); s != "" {
		return fmt.Sprintf("%#x <%s>", addr, s)
	}
	return fmt.Sprintf("%#x", addr)
}

// Symbol returns the address of a named symbol of the loaded ELF files.
func (m *Machine) Symbol(name string) (uint64, bool) { return m.syms.Lookup(name) }
