package kernel

import (
	"bytes"
	"debug/elf"
	"testing"
)

// The embedded sources assemble with rvstop's assembler into an ELF whose entry
// is _start at Base: what `rvstop boot` runs when given no kernel.
func TestBuildWithOurAssembler(t *testing.T) {
	img, err := Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	if f.Entry != Base {
		t.Errorf("entry %#x, want %#x", f.Entry, Base)
	}
}
