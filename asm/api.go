// Package asm is rvstop's RISC-V assembler: GNU as syntax in, one statically
// linked RV64 ELF executable out, with the same loaded bytes GNU as + ld
// (-mno-relax) produce (see docs/assembler.md).
//
// Assemble returns the ELF image; Build the linked Program (sections,
// symbols, line table); Disassemble prints an ELF as GNU objdump -d does.
//
// The pipeline, one file per step: lex.go (lines, comments, statements),
// unit.go (the statement loop), macro.go and cond.go (expansion and
// conditional assembly), directive.go and data.go, expr.go and symtab.go,
// operand.go, inst.go, cinst.go, pseudo.go, address.go, li.go and
// compress.go (instructions as GNU as writes them, encoded by package isa),
// relax.go (branch lengths), link.go and fixup.go (placing and patching),
// elf.go and dwarf.go (the output file).
package asm

import "io/fs"

// Options control one assembly.
type Options struct {
	// March is the ISA string, as GNU as's -march; "" means
	// "rv64imac_zicsr_zifencei_zihintpause". With "c" in it, instructions are
	// compressed automatically where GNU as would compress them.
	March string
	// Base is the address of the first byte of .text; 0 means 0x80000000.
	Base uint64
	// IncludeDirs are searched, after the including file's own directory, for .include.
	IncludeDirs []string
	// FS holds the sources and included files; nil means the host filesystem.
	FS fs.FS
	// Defsym defines absolute symbols before assembly, as GNU as --defsym NAME=VALUE.
	Defsym map[string]int64
	// SourceDir is recorded in the debug information as the directory source
	// file names are relative to, so that debuggers and traces find them (the
	// embedded guests use their directory in the repository, e.g. "kernel").
	// "" means the current directory when FS is nil, and nothing otherwise.
	SourceDir string
}
