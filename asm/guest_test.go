package asm

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// guestDirs are the project's guest source directories, relative to the
// repository root. Each holds one program whose file order is an exported
// []string of the owning Go package that lists files of that directory, or,
// when no such list exists, one program per .s file (the ISA tests) .
var guestDirs = []string{"firmware/src", "firmware/sbitest", "kernel/src", "tests/testdata/isa"}

// guestPrograms finds the guest programs present in the checkout.
func guestPrograms(t testing.TB) []program {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var progs []program
	for _, d := range guestDirs {
		srcs, _ := filepath.Glob(filepath.Join(root, d, "*.s"))
		if len(srcs) == 0 {
			continue
		}
		pkgDir, sub := filepath.Dir(filepath.Join(root, d)), filepath.Base(d)
		if files := fileList(pkgDir, sub); files != nil {
			progs = append(progs, program{name: d, dir: pkgDir, files: files, incs: []string{".", sub}})
			continue
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			progs = append(progs, program{name: d + "/" + filepath.Base(s), dir: filepath.Join(root, d),
				files: []string{filepath.Base(s)}, incs: []string{"."}})
		}
	}
	return progs
}

// fileList returns the first []string literal declared in package dir whose
// entries all name files under sub/ ("src/head.s"), read from the Go source
// so that this test does not depend on the guest packages compiling.
func fileList(dir, sub string) []string {
	fset := token.NewFileSet()
	gos, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	sort.Strings(gos)
	for _, g := range gos {
		if strings.HasSuffix(g, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, g, nil, 0)
		if err != nil {
			continue
		}
		var found []string
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil {
				return false
			}
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Values) != 1 || len(vs.Names) != 1 || !vs.Names[0].IsExported() {
				return true
			}
			lit, ok := vs.Values[0].(*ast.CompositeLit)
			if !ok {
				return true
			}
			var list []string
			for _, e := range lit.Elts {
				bl, ok := e.(*ast.BasicLit)
				if !ok || bl.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(bl.Value)
				if err != nil || !strings.HasPrefix(s, sub+"/") {
					return true
				}
				list = append(list, s)
			}
			if len(list) > 0 {
				found = list
			}
			return true
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// TestGNUGuestSources builds every guest program of the project both ways.
func TestGNUGuestSources(t *testing.T) {
	progs := guestPrograms(t)
	if len(progs) == 0 {
		t.Skip("no guest sources in this checkout")
	}
	for _, p := range progs {
		for _, m := range marches {
			t.Run(p.name+"/"+m, func(t *testing.T) {
				t.Parallel()
				checkAgainstGNU(t, p, m)
			})
		}
		// The ISA programs are also built with --defsym FLIP=n (check.inc),
		// which takes other .if branches.
		if strings.HasPrefix(p.name, "tests/testdata/isa/") {
			flip := p
			flip.defsym = map[string]int64{"FLIP": 2}
			t.Run(p.name+"/FLIP=2", func(t *testing.T) {
				t.Parallel()
				checkAgainstGNU(t, flip, marches[1])
			})
		}
	}
}

// TestGNUMultiFile links the files of testdata/multi both ways.
func TestGNUMultiFile(t *testing.T) {
	for _, p := range []program{
		{name: "abc", dir: "testdata/multi", files: []string{"a.s", "b.s", "c.s"}},
		{name: "orphans", dir: "testdata/multi", files: []string{"orphan1.s", "orphan2.s"}},
	} {
		for _, m := range marches {
			t.Run(p.name+"/"+m, func(t *testing.T) {
				t.Parallel()
				checkAgainstGNU(t, p, m)
			})
		}
	}
}
