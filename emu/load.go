package emu

import (
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
)

// Image describes a loaded ELF file.
type Image struct {
	Entry uint64
	Low   uint64 // lowest loaded address
	High  uint64 // one past the highest
}

// LoadELFFile loads an ELF executable from a file (see LoadELF).
func (m *Machine) LoadELFFile(path string) (*Image, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	img, err := m.LoadELF(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return img, nil
}

// LoadELF copies the PT_LOAD segments of a RISC-V RV64 little-endian ELF
// executable to their physical addresses (p_paddr, as QEMU loads them), which
// must lie in RAM, and adds its symbols to the machine's symbol table (for
// reports and traces; a `tohost` symbol enables HTIF). The first ELF loaded
// sets the start address unless SetEntry was called. Malformed files give an
// error that says what is wrong, never a panic.
func (m *Machine) LoadELF(data []byte) (img *Image, err error) {
	defer func() {
		// debug/elf is meant to reject malformed input with errors; this
		// keeps a parser bug on hostile input from taking the emulator down.
		if r := recover(); r != nil {
			img, err = nil, fmt.Errorf("malformed ELF file (%v)", r)
		}
	}()
	// Identify the file before parsing it, to say what it is rather than
	// how a parser for another layout tripped over it.
	switch {
	case len(data) < elf.EI_NIDENT || string(data[:4]) != elf.ELFMAG:
		return nil, errors.New("not an ELF file (no \\x7fELF magic)")
	case elf.Class(data[elf.EI_CLASS]) != elf.ELFCLASS64:
		return nil, fmt.Errorf("%v file: rvstop runs 64-bit RISC-V programs (ELFCLASS64)", elf.Class(data[elf.EI_CLASS]))
	case elf.Data(data[elf.EI_DATA]) != elf.ELFDATA2LSB:
		return nil, fmt.Errorf("%v file: RISC-V programs are little-endian (ELFDATA2LSB)", elf.Data(data[elf.EI_DATA]))
	}
	f, err := elf.NewFile(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("malformed ELF file: %w", err)
	}
	defer f.Close()
	switch {
	case f.Machine != elf.EM_RISCV:
		return nil, fmt.Errorf("ELF machine %v: not a RISC-V program", f.Machine)
	case f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN:
		return nil, fmt.Errorf("ELF type %v: want an executable", f.Type)
	}
	img = &Image{Entry: f.Entry, Low: ^uint64(0)}
	for i, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Memsz == 0 {
			continue
		}
		if p.Filesz > p.Memsz {
			return nil, fmt.Errorf("segment %d: file size %#x exceeds memory size %#x", i, p.Filesz, p.Memsz)
		}
		lo, err := m.ramOffset(p.Paddr, p.Memsz)
		if err != nil {
			return nil, fmt.Errorf("segment %d: %w", i, err)
		}
		dst := m.ram[lo : lo+p.Memsz]
		n, err := io.ReadFull(p.Open(), dst[:p.Filesz])
		if err != nil {
			return nil, fmt.Errorf("segment %d: only %#x of %#x bytes in the file: %w", i, n, p.Filesz, err)
		}
		clear(dst[p.Filesz:])
		img.Low = min(img.Low, p.Paddr)
		img.High = max(img.High, p.Paddr+p.Memsz)
	}
	if img.High == 0 {
		return nil, errors.New("no loadable segment (PT_LOAD)")
	}
	if _, err := m.ramOffset(img.Entry, 2); err != nil && !m.inROM(img.Entry) {
		return nil, fmt.Errorf("entry point %#x is outside the loaded RAM", img.Entry)
	}
	if err := m.addSymbols(f); err != nil {
		return nil, err
	}
	if !m.entrySet {
		m.SetEntry(img.Entry, 0)
	}
	return img, nil
}

// LoadImage copies a raw binary (e.g. u-boot.bin) to physical address addr.
func (m *Machine) LoadImage(data []byte, addr uint64) error {
	lo, err := m.ramOffset(addr, uint64(len(data)))
	if err != nil {
		return err
	}
	copy(m.ram[lo:], data)
	return nil
}

// ramOffset checks that [addr, addr+size) lies in RAM and returns its offset.
func (m *Machine) ramOffset(addr, size uint64) (uint64, error) {
	end := RAMBase + uint64(len(m.ram))
	if addr < RAMBase || addr >= end || size > end-addr {
		return 0, fmt.Errorf("%#x..%#x is outside RAM (%#x..%#x, -m %d MiB)",
			addr, addr+size, uint64(RAMBase), end, len(m.ram)>>20)
	}
	return addr - RAMBase, nil
}

func (m *Machine) inROM(addr uint64) bool {
	return addr >= bootROMBase && addr < bootROMBase+bootROMSize
}
