package asm

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"testing"
	"testing/fstest"
)

// Embedded sources record Options.SourceDir as the line table's directory, so
// that traces and debuggers name the file as it is in the repository.
func TestSourceDirIsTheCompilationDirectory(t *testing.T) {
	fsys := fstest.MapFS{"src/a.s": {Data: []byte(".globl _start\n_start:\n\tnop\n")}}
	img, err := Assemble([]string{"src/a.s"}, Options{FS: fsys, SourceDir: "guest"})
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.DWARF()
	if err != nil {
		t.Fatal(err)
	}
	cu, err := d.Reader().Next()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := cu.Val(dwarf.AttrCompDir).(string); got != "guest" {
		t.Errorf("comp_dir %q, want %q", got, "guest")
	}
}
