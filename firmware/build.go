package firmware

import "github.com/rvstop/rvstop/asm"

// Build assembles the firmware with rvstop's own assembler into an ELF image
// linked at Base. defsym may override build-time settings such as FW_JUMP_ADDR.
func Build(defsym map[string]int64) ([]byte, error) {
	return asm.Assemble(Files, asm.Options{FS: Src, IncludeDirs: IncludeDirs, Base: Base, Defsym: defsym, SourceDir: "firmware"})
}

// BuildSBITest assembles the S-mode SBI test payload, linked at PayloadBase.
func BuildSBITest(defsym map[string]int64) ([]byte, error) {
	return asm.Assemble(SBITestFiles, asm.Options{FS: SBITest, IncludeDirs: IncludeDirs, Base: PayloadBase, Defsym: defsym, SourceDir: "firmware"})
}
