// Package asm is rvstop's RISC-V assembler: GNU as syntax in, one statically
// linked RV64 ELF executable out (see docs/assembler.md).
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
