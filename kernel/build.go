package kernel

import "github.com/rvstop/rvstop/asm"

// Build assembles the kernel with rvstop's own assembler into an ELF image
// linked at Base. defsym selects build variants (GNU as --defsym), such as the
// injected bugs the guest tests must catch.
func Build(defsym map[string]int64) ([]byte, error) {
	return asm.Assemble(Files, asm.Options{FS: Src, Base: Base, Defsym: defsym, SourceDir: "kernel"})
}
