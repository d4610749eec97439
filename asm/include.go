package asm

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// Reading sources: Options.FS or the host file system, each file read once
// per Assemble call, and .include's search path.

// readFile reads a source through Options.FS or the host file system.
func (a *assembler) readFile(name string) ([]byte, error) {
	if a.opt.FS != nil {
		return fs.ReadFile(a.opt.FS, path.Clean(filepath.ToSlash(name)))
	}
	return os.ReadFile(name)
}

// lines returns a source file split into lines, reading it once per
// Assemble call however often it is included.
func (a *assembler) lines(name string) ([]line, error) {
	if l, ok := a.files[name]; ok {
		return l, nil
	}
	src, err := a.readFile(name)
	if err != nil {
		return nil, err
	}
	l := splitLines(name, string(src))
	a.files[name] = l
	return l, nil
}

func (a *assembler) exists(name string) bool {
	if _, ok := a.files[name]; ok {
		return true
	}
	if a.opt.FS != nil {
		_, err := fs.Stat(a.opt.FS, path.Clean(filepath.ToSlash(name)))
		return err == nil
	}
	_, err := os.Stat(name)
	return err == nil
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// include handles .include "file": searched next to the including file, then
// in Options.IncludeDirs. Including a file that is already being read is an
// include cycle.
func (u *unit) include(rest string, off int) {
	name := unquote(rest)
	if name == "" {
		u.errorf(".include needs a file name")
		return
	}
	var cur string
	for i := len(u.srcs) - 1; i >= 0; i-- {
		if u.srcs[i].path != "" {
			cur = u.srcs[i].path
			break
		}
	}
	candidates := []string{}
	if filepath.IsAbs(name) {
		candidates = append(candidates, name)
	} else {
		candidates = append(candidates, filepath.Join(filepath.Dir(cur), name))
		for _, d := range u.a.opt.IncludeDirs {
			candidates = append(candidates, filepath.Join(d, name))
		}
		candidates = append(candidates, name)
	}
	for _, c := range candidates {
		if !u.a.exists(c) {
			continue
		}
		var chain []string
		for _, s := range u.srcs {
			if s.path != "" {
				chain = append(chain, s.path)
			}
		}
		for _, p := range chain {
			if filepath.Clean(p) == filepath.Clean(c) {
				u.errorAt(u.at(off), "include cycle: %s -> %s", strings.Join(chain, " -> "), c)
				return
			}
		}
		lines, err := u.a.lines(c)
		if err != nil {
			u.errorAt(u.at(off), "cannot read %s: %v", c, unwrapPathErr(err))
			return
		}
		if len(u.srcs) > 64 {
			u.errorAt(u.at(off), ".include nested more than 64 deep")
			return
		}
		u.push(&source{lines: lines, path: c, callPos: u.srcs[len(u.srcs)-1].callPos})
		return
	}
	u.errorAt(u.at(off), "cannot find include file %q (searched %s)", name, strings.Join(candidates, ", "))
}
