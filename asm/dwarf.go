package asm

import (
	"encoding/binary"
	"path/filepath"
)

// DWARF for source-level debugging of assembly: one compilation unit over
// the whole text whose line program (DWARF 4 .debug_line) maps every
// instruction to its source line, which is what gdb and addr2line need.

const (
	dwLangMipsAssembler = 0x8001

	lineBase   = -5
	lineRange  = 14
	opcodeBase = 13
)

func (p *Program) dwarf() (info, abbrev, lines []byte) {
	files := []string{}
	fileIdx := map[string]int{}
	for _, l := range p.Lines {
		if _, ok := fileIdx[l.File]; !ok {
			files = append(files, l.File)
			fileIdx[l.File] = len(files)
		}
	}
	compDir := p.CompDir
	lines = p.lineProgram(files, fileIdx)

	var lo, hi uint64
	for _, s := range p.Sections {
		if s.Exec {
			lo, hi = s.Addr, s.Addr+s.Size
		}
	}
	name := "asm"
	if len(files) > 0 {
		name = files[0]
	}
	abbrev = []byte{
		1, 0x11, 0, // abbrev 1: DW_TAG_compile_unit, no children
		0x10, 0x17, // DW_AT_stmt_list, DW_FORM_sec_offset
		0x11, 0x01, // DW_AT_low_pc, DW_FORM_addr
		0x12, 0x07, // DW_AT_high_pc, DW_FORM_data8 (a length, DWARF 4)
		0x03, 0x08, // DW_AT_name, DW_FORM_string
		0x1b, 0x08, // DW_AT_comp_dir, DW_FORM_string
		0x25, 0x08, // DW_AT_producer, DW_FORM_string
		0x13, 0x05, // DW_AT_language, DW_FORM_data2
		0, 0, 0,
	}
	var die []byte
	die = append(die, 1)
	die = binary.LittleEndian.AppendUint32(die, 0)
	die = binary.LittleEndian.AppendUint64(die, lo)
	die = binary.LittleEndian.AppendUint64(die, hi-lo)
	die = append(append(die, name...), 0)
	die = append(append(die, compDir...), 0)
	die = append(append(die, "rvstop asm"...), 0)
	die = binary.LittleEndian.AppendUint16(die, dwLangMipsAssembler)
	info = binary.LittleEndian.AppendUint32(nil, uint32(2+4+1+len(die)))
	info = binary.LittleEndian.AppendUint16(info, 4)
	info = binary.LittleEndian.AppendUint32(info, 0)
	info = append(info, 8)
	info = append(info, die...)
	return info, abbrev, lines
}

// lineProgram encodes the rows as one sequence per run of consecutive
// addresses of one output section.
func (p *Program) lineProgram(files []string, fileIdx map[string]int) []byte {
	var hdr []byte
	hdr = append(hdr, 1, 1, 1, byte(lineBase&0xff), lineRange, opcodeBase) // min_inst_length, max_ops, default_is_stmt
	hdr = append(hdr, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1)                  // standard_opcode_lengths
	// include_directories: each file's own directory (index 1..), when not ".".
	dirs := []string{}
	dirIdx := map[string]int{}
	for _, f := range files {
		d := filepath.Dir(f)
		if _, ok := dirIdx[d]; !ok && d != "." {
			dirs = append(dirs, d)
			dirIdx[d] = len(dirs)
		}
	}
	for _, d := range dirs {
		hdr = append(append(hdr, d...), 0)
	}
	hdr = append(hdr, 0)
	for _, f := range files {
		hdr = append(append(hdr, filepath.Base(f)...), 0)
		hdr = appendULEB(hdr, uint64(dirIdx[filepath.Dir(f)]))
		hdr = append(hdr, 0, 0)
	}
	hdr = append(hdr, 0)

	var prog []byte
	secEnd := func(addr uint64) uint64 {
		for _, s := range p.Sections {
			if addr >= s.Addr && addr < s.Addr+s.Size {
				return s.Addr + s.Size
			}
		}
		return addr + 4
	}
	for i := 0; i < len(p.Lines); {
		// One sequence: rows of one output section.
		end := secEnd(p.Lines[i].Addr)
		prog = append(prog, 0, 9, 2) // DW_LNE_set_address
		prog = binary.LittleEndian.AppendUint64(prog, p.Lines[i].Addr)
		addr, line, file := p.Lines[i].Addr, 1, 1
		first := true
		for ; i < len(p.Lines) && p.Lines[i].Addr < end; i++ {
			l := p.Lines[i]
			// One row per run of instructions from one line (li, call, a
			// macro), so a debugger steps over the whole line.
			if !first && fileIdx[l.File] == file && l.Line == line {
				continue
			}
			first = false
			if f := fileIdx[l.File]; f != file {
				prog = appendULEB(append(prog, 4), uint64(f)) // DW_LNS_set_file
				file = f
			}
			if l.Line != line {
				prog = appendSLEB(append(prog, 3), int64(l.Line-line)) // DW_LNS_advance_line
				line = l.Line
			}
			if l.Addr != addr {
				prog = appendULEB(append(prog, 2), l.Addr-addr) // DW_LNS_advance_pc
				addr = l.Addr
			}
			prog = append(prog, 1) // DW_LNS_copy
		}
		prog = appendULEB(append(prog, 2), end-addr)
		prog = append(prog, 0, 1, 1) // DW_LNE_end_sequence
	}

	var out []byte
	out = binary.LittleEndian.AppendUint32(out, uint32(2+4+len(hdr)+len(prog)))
	out = binary.LittleEndian.AppendUint16(out, 4)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(hdr)))
	out = append(out, hdr...)
	return append(out, prog...)
}
