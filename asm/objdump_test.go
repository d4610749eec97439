package asm

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// TestDisassemble checks Disassemble's output for a small program: symbol
// headers, source lines, raw bytes, branch targets with symbols, and the
// address an auipc pair computes.
func TestDisassemble(t *testing.T) {
	dir, img := buildDwarfProgram(t)
	var out bytes.Buffer
	if err := Disassemble(&out, "a.elf", img, DumpOptions{Lines: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\na.elf:     file format elf64-littleriscv\n",
		"\nDisassembly of section .text:\n",
		"\n0000000080000000 <_start>:\n" + filepath.Join(dir, "a.s") + ":4\n    80000000:\t0001                \tnop\n",
		"    80000002:\t12345537          \tlui\ta0,0x12345\n",
		"    8000000e:\t00c080e7          \tjalr\tra,12(ra) # 80000016 <f>\n",
		"\n0000000080000016 <f>:\n" + filepath.Join(dir, "b.s") + ":3\n    80000016:\tc111                \tbeqz\ta0,8000001a <f+0x4>\n",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q; got:\n%s", want, out.String())
		}
	}
}

// TestObjdumpLayout compares Disassemble with GNU objdump -d on the golden
// corpus: the same addresses, the same raw instruction columns, the same
// symbol headers.
func TestObjdumpLayout(t *testing.T) {
	od := oracle.Require(t, oracle.GNUObjdump)
	for _, file := range []string{"testdata/golden/pseudo_rvc.s", "testdata/golden/branch.s", "testdata/golden/directives.s"} {
		img, err := Assemble([]string{file}, Options{March: "rv64imafdc_zicsr_zifencei_zihintpause"})
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "a.elf")
		if err := os.WriteFile(path, img, 0o644); err != nil {
			t.Fatal(err)
		}
		gnu, err := exec.Command(od, "-d", "-z", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		var ours bytes.Buffer
		if err := Disassemble(&ours, path, img, DumpOptions{}); err != nil {
			t.Fatal(err)
		}
		g, o := layoutColumns(string(gnu)), layoutColumns(ours.String())
		if len(g) != len(o) {
			t.Errorf("%s: GNU objdump prints %d lines, we %d", file, len(g), len(o))
		}
		for i := 0; i < len(g) && i < len(o); i++ {
			if g[i] != o[i] {
				t.Errorf("%s: line %d: GNU %q, ours %q", file, i, g[i], o[i])
				break
			}
		}
	}
}

var (
	instLine   = regexp.MustCompile(`^(\s+[0-9a-f]+:\t[0-9a-f]+\s+)\t`)
	headerLine = regexp.MustCompile(`^([0-9a-f]{16}) <.*>:$`)
)

// layoutColumns keeps what GNU objdump and we must agree on: instruction
// address and raw-bytes columns (with their padding), symbol header addresses
// and section titles.
func layoutColumns(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		switch {
		case instLine.MatchString(l):
			out = append(out, instLine.FindStringSubmatch(l)[1])
		case headerLine.MatchString(l):
			out = append(out, headerLine.FindStringSubmatch(l)[1])
		case strings.HasPrefix(l, "Disassembly of section"):
			out = append(out, l)
		}
	}
	return out
}
