package asm

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// A two-file program with an include and a macro, to check that the line
// table maps addresses to the lines a debugger should show.
var dwarfSources = map[string]string{
	"a.s":   "\t.text\n\t.globl _start\n_start:\n\tnop\n\tli a0, 0x12345678\n\tcall f\n\t.include \"m.inc\"\n\tM\n",
	"m.inc": "\t.macro M\n\taddi a0, a0, 1\n\tret\n\t.endm\n",
	"b.s":   "\t.globl f\nf:\n\tbeqz a0, 1f\n\tnop\n1:\tret\n",
}

// want: instruction address (from base) -> file:line.
var dwarfWant = []struct {
	off  uint64
	file string
	line int
}{
	{0x0, "a.s", 4},  // nop
	{0x2, "a.s", 5},  // li: lui
	{0x6, "a.s", 5},  // li: addiw
	{0xa, "a.s", 6},  // call: auipc
	{0xe, "a.s", 6},  // call: jalr
	{0x12, "a.s", 8}, // M: addi (a macro's code is at its call)
	{0x14, "a.s", 8}, // M: ret
	{0x16, "b.s", 3}, // beqz
	{0x18, "b.s", 4}, // nop
	{0x1a, "b.s", 5}, // ret
}

func buildDwarfProgram(t *testing.T) (dir string, img []byte) {
	dir = t.TempDir()
	for n, s := range dwarfSources {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := Assemble([]string{filepath.Join(dir, "a.s"), filepath.Join(dir, "b.s")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return dir, img
}

// TestDWARFLines reads the line table back with Go's debug/dwarf.
func TestDWARFLines(t *testing.T) {
	_, img := buildDwarfProgram(t)
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	d, err := f.DWARF()
	if err != nil {
		t.Fatal(err)
	}
	r := d.Reader()
	cu, err := r.Next()
	if err != nil || cu == nil {
		t.Fatalf("no compilation unit: %v", err)
	}
	lr, err := d.LineReader(cu)
	if err != nil || lr == nil {
		t.Fatalf("no line table: %v", err)
	}
	// Rows start runs of instructions of one line; an address belongs to the
	// last row at or before it.
	var rows []dwarf.LineEntry
	for {
		var e dwarf.LineEntry
		if err := lr.Next(&e); err != nil {
			break
		}
		rows = append(rows, e)
	}
	lineOf := func(addr uint64) string {
		got := ""
		for _, e := range rows {
			if e.Address > addr {
				break
			}
			got = ""
			if !e.EndSequence {
				got = fmt.Sprintf("%s:%d", filepath.Base(e.File.Name), e.Line)
			}
		}
		return got
	}
	for _, w := range dwarfWant {
		if g, want := lineOf(0x80000000+w.off), fmt.Sprintf("%s:%d", w.file, w.line); g != want {
			t.Errorf("%#x: line table says %q, want %q", 0x80000000+w.off, g, want)
		}
	}
}

// TestAddr2line asks GNU addr2line (the oracle) about the same addresses.
func TestAddr2line(t *testing.T) {
	a2l := oracle.Require(t, oracle.GNUAddr2)
	dir, img := buildDwarfProgram(t)
	elfPath := filepath.Join(dir, "a.elf")
	if err := os.WriteFile(elfPath, img, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"-e", elfPath}
	for _, w := range dwarfWant {
		args = append(args, fmt.Sprintf("%#x", 0x80000000+w.off))
	}
	out, err := exec.Command(a2l, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", a2l, err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(dwarfWant) {
		t.Fatalf("addr2line printed %d lines, want %d:\n%s", len(lines), len(dwarfWant), out)
	}
	for i, w := range dwarfWant {
		want := filepath.Join(dir, w.file) + ":" + fmt.Sprint(w.line)
		if lines[i] != want {
			t.Errorf("addr2line %#x = %q, want %q", 0x80000000+w.off, lines[i], want)
		}
	}
}

// TestProgramLookups checks the Program helpers tracers use.
func TestProgramLookups(t *testing.T) {
	dir := t.TempDir()
	for n, s := range dwarfSources {
		os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644)
	}
	p, err := Build([]string{filepath.Join(dir, "a.s"), filepath.Join(dir, "b.s")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range dwarfWant {
		l, ok := p.LineAt(0x80000000 + w.off)
		if !ok || filepath.Base(l.File) != w.file || l.Line != w.line {
			t.Errorf("LineAt(%#x) = %v, %v; want %s:%d", 0x80000000+w.off, l, ok, w.file, w.line)
		}
	}
	if name, off, ok := p.SymbolAt(0x80000018); !ok || name != "f" || off != 2 {
		t.Errorf("SymbolAt(0x80000018) = %s+%d, %v; want f+2", name, off, ok)
	}
	if _, ok := p.LineAt(0x7fffffff); ok {
		t.Errorf("LineAt below the image found a line")
	}
}
