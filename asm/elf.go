package asm

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
)

// The ELF writer: an ELF64 little-endian RISC-V executable with one PT_LOAD
// segment per output section (so each gets its own permissions), section
// headers, the symbol table and the DWARF line table.

const pageSize = 0x1000

// ELF encodes the program as an executable file.
func (p *Program) ELF() []byte {
	type shdr struct {
		name                   string
		typ                    elf.SectionType
		flags                  elf.SectionFlag
		addr, off, size, align uint64
		link, info             uint32
		entsize                uint64
		data                   []byte
	}
	var shdrs []shdr
	shdrs = append(shdrs, shdr{}) // SHN_UNDEF

	nLoad := len(p.Sections)
	var buf bytes.Buffer
	size := 0
	for _, s := range p.Sections {
		size += len(s.Data) + pageSize
	}
	buf.Grow(size + 64*len(p.Symbols) + 64*len(p.Lines))
	hdrSize := uint64(64 + 56*nLoad)
	buf.Write(make([]byte, hdrSize))

	secIndex := map[string]uint16{}
	type phdr struct {
		flags                    elf.ProgFlag
		off, addr, filesz, memsz uint64
		align                    uint64
	}
	var phdrs []phdr
	for _, s := range p.Sections {
		// File offsets are congruent to addresses modulo the page size, as
		// loaders that map pages expect.
		off := uint64(buf.Len())
		off += (s.Addr%pageSize - off%pageSize + pageSize) % pageSize
		buf.Write(make([]byte, off-uint64(buf.Len())))
		flags := elf.SHF_ALLOC
		pf := elf.PF_R
		if s.Exec {
			flags |= elf.SHF_EXECINSTR
			pf |= elf.PF_X
		}
		if s.Write {
			flags |= elf.SHF_WRITE
			pf |= elf.PF_W
		}
		typ := elf.SHT_PROGBITS
		filesz := s.Size
		if s.NoBits {
			typ = elf.SHT_NOBITS
			filesz = 0
		} else {
			buf.Write(s.Data)
		}
		secIndex[s.Name] = uint16(len(shdrs))
		shdrs = append(shdrs, shdr{name: s.Name, typ: typ, flags: flags, addr: s.Addr, off: off, size: s.Size, align: s.Align})
		phdrs = append(phdrs, phdr{pf, off, s.Addr, filesz, s.Size, pageSize})
	}

	info, abbrev, lines := p.dwarf()
	for _, d := range []struct {
		name string
		data []byte
	}{{".debug_info", info}, {".debug_abbrev", abbrev}, {".debug_line", lines}} {
		shdrs = append(shdrs, shdr{name: d.name, typ: elf.SHT_PROGBITS, off: uint64(buf.Len()), size: uint64(len(d.data)), align: 1})
		buf.Write(d.data)
	}

	// Symbol table: null, one FILE symbol and the locals of each file, then globals.
	var strtab bytes.Buffer
	strtab.WriteByte(0)
	str := func(s string) uint32 {
		off := uint32(strtab.Len())
		strtab.WriteString(s)
		strtab.WriteByte(0)
		return off
	}
	var symtab bytes.Buffer
	writeSym := func(name uint32, info byte, shndx uint16, value, size uint64) {
		var b [24]byte
		binary.LittleEndian.PutUint32(b[0:], name)
		b[4] = info
		binary.LittleEndian.PutUint16(b[6:], shndx)
		binary.LittleEndian.PutUint64(b[8:], value)
		binary.LittleEndian.PutUint64(b[16:], size)
		symtab.Write(b[:])
	}
	writeSym(0, 0, 0, 0, 0)
	nLocal := uint32(1)
	file := ""
	for _, s := range p.Symbols {
		if s.Global {
			continue
		}
		if s.File != file {
			file = s.File
			writeSym(str(file), byte(elf.STB_LOCAL)<<4|byte(elf.STT_FILE), uint16(elf.SHN_ABS), 0, 0)
			nLocal++
		}
		writeSym(str(s.Name), symInfo(s), shndx(s, secIndex), s.Value, s.Size)
		nLocal++
	}
	for _, s := range p.Symbols {
		if s.Global {
			writeSym(str(s.Name), symInfo(s), shndx(s, secIndex), s.Value, s.Size)
		}
	}
	symIdx := uint32(len(shdrs))
	shdrs = append(shdrs, shdr{name: ".symtab", typ: elf.SHT_SYMTAB, off: uint64(buf.Len()), size: uint64(symtab.Len()),
		align: 8, link: symIdx + 1, info: nLocal, entsize: 24})
	buf.Write(symtab.Bytes())
	shdrs = append(shdrs, shdr{name: ".strtab", typ: elf.SHT_STRTAB, off: uint64(buf.Len()), size: uint64(strtab.Len()), align: 1})
	buf.Write(strtab.Bytes())

	var shstr bytes.Buffer
	shstr.WriteByte(0)
	names := make([]uint32, len(shdrs))
	for i := 1; i < len(shdrs); i++ {
		names[i] = uint32(shstr.Len())
		shstr.WriteString(shdrs[i].name)
		shstr.WriteByte(0)
	}
	names = append(names, uint32(shstr.Len()))
	shstr.WriteString(".shstrtab\x00")
	shdrs = append(shdrs, shdr{name: ".shstrtab", typ: elf.SHT_STRTAB, off: uint64(buf.Len()), size: uint64(shstr.Len()), align: 1})
	buf.Write(shstr.Bytes())

	for buf.Len()%8 != 0 {
		buf.WriteByte(0)
	}
	shoff := uint64(buf.Len())
	for i, s := range shdrs {
		binary.Write(&buf, binary.LittleEndian, elf.Section64{Name: names[i], Type: uint32(s.typ), Flags: uint64(s.flags),
			Addr: s.addr, Off: s.off, Size: s.size, Link: s.link, Info: s.info, Addralign: s.align, Entsize: s.entsize})
	}

	out := buf.Bytes()
	var flags uint32
	if p.RVC {
		flags |= 1 // EF_RISCV_RVC
	}
	h := elf.Header64{
		Type: uint16(elf.ET_EXEC), Machine: uint16(elf.EM_RISCV), Version: uint32(elf.EV_CURRENT),
		Entry: p.Entry, Phoff: 64, Shoff: shoff, Flags: flags, Ehsize: 64, Phentsize: 56, Phnum: uint16(nLoad),
		Shentsize: 64, Shnum: uint16(len(shdrs)), Shstrndx: uint16(len(shdrs) - 1),
	}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	h.Ident[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	h.Ident[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	var hb bytes.Buffer
	binary.Write(&hb, binary.LittleEndian, h)
	for _, ph := range phdrs {
		binary.Write(&hb, binary.LittleEndian, elf.Prog64{Type: uint32(elf.PT_LOAD), Flags: uint32(ph.flags), Off: ph.off,
			Vaddr: ph.addr, Paddr: ph.addr, Filesz: ph.filesz, Memsz: ph.memsz, Align: ph.align})
	}
	copy(out, hb.Bytes())
	return out
}

func symInfo(s Symbol) byte {
	bind := elf.STB_LOCAL
	if s.Weak {
		bind = elf.STB_WEAK
	} else if s.Global {
		bind = elf.STB_GLOBAL
	}
	typ := elf.STT_NOTYPE
	switch s.Kind {
	case SymFunc:
		typ = elf.STT_FUNC
	case SymObject:
		typ = elf.STT_OBJECT
	}
	return byte(bind)<<4 | byte(typ)
}

func shndx(s Symbol, idx map[string]uint16) uint16 {
	if i, ok := idx[s.Section]; ok {
		return i
	}
	return uint16(elf.SHN_ABS)
}
