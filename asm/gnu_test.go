package asm

import (
	"bytes"
	"debug/elf"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// The differential tests build the same sources with GNU as + ld (the
// oracle) and with Assemble, and compare what a loader would put in memory.

// The two ISA strings every comparison runs with.
var marches = []string{"rv64ima_zicsr_zifencei_zihintpause", "rv64imac_zicsr_zifencei_zihintpause"}

// A program is one image: its source files (relative to dir), in link order.
type program struct {
	name   string
	dir    string
	files  []string
	incs   []string // include dirs, relative to dir
	defsym map[string]int64
}

// gnuBuild assembles each file with GNU as (-mno-relax, one object per file)
// and links them with oracle.LinkerScript, returning the ELF bytes.
func gnuBuild(t testing.TB, p program, march string, base uint64) ([]byte, error) {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	tmp := t.TempDir()
	script := filepath.Join(tmp, "gnu.ld")
	if err := os.WriteFile(script, []byte(oracle.LinkerScript), 0o644); err != nil {
		t.Fatal(err)
	}
	var objs []string
	for i, f := range p.files {
		obj := filepath.Join(tmp, fmt.Sprintf("%d.o", i))
		args := []string{"-march=" + march, "-mno-relax", "-I", filepath.Dir(f)}
		for _, d := range p.incs {
			args = append(args, "-I", d)
		}
		names := make([]string, 0, len(p.defsym))
		for n := range p.defsym {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			args = append(args, "--defsym", n+"="+strconv.FormatInt(p.defsym[n], 10))
		}
		args = append(args, "-o", obj, f)
		cmd := exec.Command(as, args...)
		cmd.Dir = p.dir
		if out, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("%s %v: %v\n%s", as, args, err, out)
		}
		objs = append(objs, obj)
	}
	out := filepath.Join(tmp, "gnu.elf")
	args := append([]string{"-T", script, fmt.Sprintf("-Ttext=%#x", base), "--no-warn-rwx-segments", "-o", out}, objs...)
	if msg, err := exec.Command(ld, args...).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("%s %v: %v\n%s", ld, args, err, msg)
	}
	return os.ReadFile(out)
}

// A region is loaded memory: bytes from some address on.
type region struct {
	addr uint64
	data []byte
}

// loadImage returns the memory a loader creates from an ELF's PT_LOAD
// segments (file bytes, then zeros up to the memory size), merged where
// contiguous.
func loadImage(img []byte) ([]region, error) {
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		return nil, err
	}
	var rs []region
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD || p.Memsz == 0 {
			continue
		}
		d := make([]byte, p.Memsz)
		if p.Filesz > 0 {
			if _, err := p.ReadAt(d[:p.Filesz], 0); err != nil {
				return nil, err
			}
		}
		rs = append(rs, region{p.Vaddr, d})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].addr < rs[j].addr })
	// Gaps between segments read as zeros (RAM a loader did not write), so
	// one segment spanning two sections equals two segments around a gap.
	var out []region
	for _, r := range rs {
		if n := len(out); n > 0 {
			end := out[n-1].addr + uint64(len(out[n-1].data))
			if r.addr >= end && r.addr-end < 1<<20 {
				out[n-1].data = append(out[n-1].data, make([]byte, r.addr-end)...)
				out[n-1].data = append(out[n-1].data, r.data...)
				continue
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// compareImages reports the first difference between two loaded images, with
// the source line our line table gives for that address.
func compareImages(t testing.TB, gnu, ours []byte, prog *Program) {
	t.Helper()
	g, err := loadImage(gnu)
	if err != nil {
		t.Fatalf("GNU image: %v", err)
	}
	o, err := loadImage(ours)
	if err != nil {
		t.Fatalf("our image: %v", err)
	}
	ge, _ := elf.NewFile(bytes.NewReader(gnu))
	oe, _ := elf.NewFile(bytes.NewReader(ours))
	if ge.Entry != oe.Entry {
		t.Errorf("entry point: GNU %#x, ours %#x", ge.Entry, oe.Entry)
	}
	if len(g) != len(o) {
		t.Errorf("GNU image has %d regions %s, ours %d %s", len(g), describe(g), len(o), describe(o))
		return
	}
	for i := range g {
		if g[i].addr != o[i].addr || len(g[i].data) != len(o[i].data) {
			t.Errorf("region %d: GNU %#x+%#x, ours %#x+%#x", i, g[i].addr, len(g[i].data), o[i].addr, len(o[i].data))
		}
		n := min(len(g[i].data), len(o[i].data))
		for k := 0; k < n; k++ {
			if g[i].data[k] != o[i].data[k] {
				addr := g[i].addr + uint64(k)
				t.Errorf("first difference at %#x (%s): GNU % x, ours % x", addr, prog.lineAt(addr),
					window(g[i].data, k), window(o[i].data, k))
				return
			}
		}
	}
}

func describe(rs []region) string {
	s := ""
	for _, r := range rs {
		s += fmt.Sprintf("[%#x+%#x]", r.addr, len(r.data))
	}
	return s
}

func window(b []byte, k int) []byte {
	lo := max(0, k&^3-4)
	return b[lo:min(len(b), k&^3+8)]
}

// lineAt names the source line of the instruction at or before addr.
func (p *Program) lineAt(addr uint64) string {
	if l, ok := p.LineAt(addr); ok {
		return fmt.Sprintf("%s:%d", l.File, l.Line)
	}
	return "no source line"
}

// checkAgainstGNU builds p both ways with march and compares the images.
func checkAgainstGNU(t *testing.T, p program, march string) {
	t.Helper()
	const base = 0x80000000
	gnu, gerr := gnuBuild(t, p, march, base)
	var incs []string
	incs = append(incs, p.incs...)
	prog, err := Build(p.files, Options{March: march, Base: base, FS: os.DirFS(p.dir), IncludeDirs: incs, Defsym: p.defsym})
	if gerr != nil {
		if err == nil {
			t.Fatalf("GNU as rejects the program, we accept it:\n%v", gerr)
		}
		t.Skipf("GNU as rejects the program too:\nGNU: %v\nours: %v", gerr, err)
	}
	if err != nil {
		t.Fatalf("we reject what GNU as accepts:\n%v", err)
	}
	compareImages(t, gnu, prog.ELF(), prog)
}
