package asm

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Golden tests: testdata/golden/*.s list instruction forms, each line with
// the encoding GNU as gives it after a '#', in objdump's notation (one hex
// word per instruction, 4 digits when compressed). `go test -run TestGolden
// -update` rewrites the encodings from GNU as + ld + objdump; without
// -update the test checks that Assemble produces exactly them.
//
// A file's first lines may say `# march-ext: fd` to add extensions to the
// ISA strings it is assembled with.

var update = flag.Bool("update", false, "rewrite testdata/golden encodings from GNU as")

const goldenBase = 0x80000000

func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob("testdata/golden/*.s")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	return files
}

// goldenMarches returns the two ISA strings (without and with C) of a file.
func goldenMarches(src string) []string {
	ext := ""
	if m := regexp.MustCompile(`(?m)^# march-ext: (\w+)`).FindStringSubmatch(src); m != nil {
		ext = m[1]
	}
	return []string{
		"rv64ima" + ext + "_zicsr_zifencei_zihintpause",
		"rv64ima" + ext + "c_zicsr_zifencei_zihintpause",
	}
}

// encodingsByLine groups an image's instructions by source line, as hex words.
func encodingsByLine(p *Program, file string) map[int][]string {
	out := map[int][]string{}
	for _, l := range p.Lines {
		if l.File != file {
			continue
		}
		for _, s := range p.Sections {
			if l.Addr < s.Addr || l.Addr >= s.Addr+s.Size || s.Data == nil {
				continue
			}
			b := s.Data[l.Addr-s.Addr:]
			if b[0]&3 == 3 {
				out[l.Line] = append(out[l.Line], fmt.Sprintf("%08x", uint32(b[0])|uint32(b[1])<<8|uint32(b[2])<<16|uint32(b[3])<<24))
			} else {
				out[l.Line] = append(out[l.Line], fmt.Sprintf("%04x", uint16(b[0])|uint16(b[1])<<8))
			}
		}
	}
	return out
}

var expectRE = regexp.MustCompile(`#\s*((?:[0-9a-f]{4}(?:[0-9a-f]{4})?\s*)+)$`)

func TestGolden(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			march := goldenMarches(string(src))[1]
			if *update {
				updateGolden(t, file, string(src), march)
				src, _ = os.ReadFile(file)
			}
			p, err := Build([]string{file}, Options{March: march, Base: goldenBase})
			if err != nil {
				t.Fatal(err)
			}
			got := encodingsByLine(p, file)
			n := 0
			for i, line := range strings.Split(string(src), "\n") {
				m := expectRE.FindStringSubmatch(line)
				code := strings.TrimSpace(strings.SplitN(line, "#", 2)[0])
				if m == nil {
					// Not an instruction line (or a macro body line, whose
					// instructions belong to the call).
					if g := got[i+1]; len(g) > 0 {
						t.Errorf("%s:%d: %s: got %s, want no instructions", file, i+1, code, strings.Join(g, " "))
					}
					continue
				}
				n++
				want := strings.Fields(m[1])
				if g := got[i+1]; strings.Join(g, " ") != strings.Join(want, " ") {
					t.Errorf("%s:%d: %s: got %s, want %s", file, i+1, code, strings.Join(g, " "), strings.Join(want, " "))
				}
			}
			if n == 0 {
				t.Errorf("%s: no instructions", file)
			}
		})
	}
}

// updateGolden rewrites a golden file's encodings from GNU as + ld: each
// instruction's bytes come from GNU's image, at the addresses where our line
// table puts that line's instructions (TestGNUCorpus checks that the two
// images are identical, so the boundaries agree).
func updateGolden(t *testing.T, file, src, march string) {
	gnu, err := gnuBuild(t, program{dir: filepath.Dir(file), files: []string{filepath.Base(file)}}, march, goldenBase)
	if err != nil {
		t.Fatal(err)
	}
	regions, err := loadImage(gnu)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Build([]string{file}, Options{March: march, Base: goldenBase})
	if err != nil {
		t.Fatal(err)
	}
	img := &Program{Lines: p.Lines}
	for _, r := range regions {
		img.Sections = append(img.Sections, &Section{Addr: r.addr, Size: uint64(len(r.data)), Data: r.data})
	}
	enc := encodingsByLine(img, file)
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		l = strings.TrimRight(expectRE.ReplaceAllString(l, ""), " \t")
		if e := enc[i+1]; len(e) > 0 {
			pad := 40 - tabWidth(l)
			l += strings.Repeat(" ", max(pad, 1)) + "# " + strings.Join(e, " ")
		}
		lines[i] = l
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func srcLine(src string, n int) string {
	lines := strings.Split(src, "\n")
	if n-1 < len(lines) {
		return lines[n-1]
	}
	return ""
}

func tabWidth(s string) int {
	w := 0
	for _, c := range s {
		if c == '\t' {
			w = (w/8 + 1) * 8
		} else {
			w++
		}
	}
	return w
}

// TestGNUCorpus assembles every golden file both ways, with and without C.
func TestGNUCorpus(t *testing.T) {
	for _, file := range goldenFiles(t) {
		src, _ := os.ReadFile(file)
		for _, m := range goldenMarches(string(src)) {
			t.Run(filepath.Base(file)+"/"+m, func(t *testing.T) {
				t.Parallel()
				checkAgainstGNU(t, program{name: file, dir: "testdata/golden", files: []string{filepath.Base(file)}}, m)
			})
		}
	}
}

// TestGoldenCoverage: every mnemonic the assembler accepts appears in the
// golden corpus at least once (isa.Specs, isa.CSpecs and the pseudo-instructions).
func TestGoldenCoverage(t *testing.T) {
	seen := map[string]bool{}
	for _, file := range goldenFiles(t) {
		src, _ := os.ReadFile(file)
		for _, l := range strings.Split(string(src), "\n") {
			code := strings.TrimSpace(strings.SplitN(l, "#", 2)[0])
			if i := strings.LastIndex(code, ":"); i >= 0 && !strings.Contains(code[:i], " ") {
				code = strings.TrimSpace(code[i+1:])
			}
			for _, st := range strings.Split(code, ";") {
				if f := strings.Fields(st); len(f) > 0 {
					seen[strings.ToLower(f[0])] = true
				}
			}
		}
	}
	var all []string
	for name := range specByName {
		all = append(all, name)
	}
	for name := range cSpecByName {
		all = append(all, name)
	}
	for name := range pseudos {
		all = append(all, name)
	}
	all = append(all, "c.unimp")
	for _, name := range all {
		if !seen[name] {
			t.Errorf("mnemonic %s is not in testdata/golden", name)
		}
	}
}
