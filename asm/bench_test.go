package asm

import (
	"os"
	"testing"
)

// BenchmarkGuest assembles and links the firmware and the kernel, the two
// images rvstop builds at run time (target: under 50 ms together).
func BenchmarkGuest(b *testing.B) {
	var progs []program
	for _, p := range guestPrograms(b) {
		if p.name == "firmware/src" || p.name == "kernel/src" {
			progs = append(progs, p)
		}
	}
	if len(progs) == 0 {
		b.Skip("no firmware or kernel sources in this checkout")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range progs {
			if _, err := Assemble(p.files, Options{FS: os.DirFS(p.dir), IncludeDirs: p.incs}); err != nil {
				b.Fatal(err)
			}
		}
	}
}
