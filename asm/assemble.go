package asm

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

const defaultMarch = "rv64imac_zicsr_zifencei_zihintpause"

// Assemble assembles and links files into one RV64 ELF executable image: each
// file is assembled on its own (as GNU as makes one object per file), then
// input sections are placed per output section in file order (.text, .rodata,
// .data, .bss from opt.Base) and symbols resolved across files. Errors are an
// ErrorList of `file:line:col: message`.
func Assemble(files []string, opt Options) ([]byte, error) {
	p, err := Build(files, opt)
	if err != nil {
		return nil, err
	}
	return p.ELF(), nil
}

// Build is Assemble without the final ELF encoding: the linked Program, for
// tools that want sections, symbols and the line table (objdump, traces).
func Build(files []string, opt Options) (*Program, error) {
	a, err := newAssembler(opt)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("asm: no source files")
	}
	for _, f := range files {
		a.assembleFile(f)
		if a.tooMany() {
			break
		}
	}
	if len(a.errs) > 0 {
		return nil, a.errs
	}
	p := a.link()
	if len(a.errs) > 0 {
		a.sortErrors()
		return nil, a.errs
	}
	return p, nil
}

// sortErrors puts link-time errors among the others in source order: files
// in order of first mention, then line and column.
func (a *assembler) sortErrors() {
	rank := map[string]int{}
	for _, e := range a.errs {
		if _, ok := rank[e.Pos.File]; !ok {
			rank[e.Pos.File] = len(rank)
		}
	}
	sort.SliceStable(a.errs, func(i, j int) bool {
		p, q := a.errs[i].Pos, a.errs[j].Pos
		if p.File != q.File {
			return rank[p.File] < rank[q.File]
		}
		if p.Line != q.Line {
			return p.Line < q.Line
		}
		return p.Col < q.Col
	})
}

// assembler holds what is shared by every file of one Assemble call.
type assembler struct {
	opt     Options
	march   string
	exts    map[isa.Ext]bool
	units   []*unit
	errs    ErrorList
	seen    map[string]bool   // errors already reported (one per place and message)
	steps   int               // statements assembled so far (maxStatements)
	reports int               // errors reported, repeats included
	files   map[string][]line // sources read so far, split into lines (include files are read once)
	bytes   int64             // bytes emitted so far (maxBytes)
}

func newAssembler(opt Options) (*assembler, error) {
	a := &assembler{opt: opt, march: opt.March, seen: map[string]bool{}, files: map[string][]line{}}
	if a.march == "" {
		a.march = defaultMarch
	}
	exts, err := parseMarch(a.march)
	if err != nil {
		return nil, err
	}
	a.exts = exts
	if a.opt.Base == 0 {
		a.opt.Base = 0x80000000
	}
	return a, nil
}

var extNames = map[isa.Ext]string{
	isa.ExtI: "i", isa.ExtM: "m", isa.ExtA: "a", isa.ExtF: "f", isa.ExtD: "d", isa.ExtC: "c",
	isa.ExtZicsr: "zicsr", isa.ExtZifencei: "zifencei", isa.ExtPriv: "privileged",
}

// parseMarch reads an ISA string such as rv64imac_zicsr_zifencei. "g" is
// imafd_zicsr_zifencei; the privileged instructions are always available.
func parseMarch(s string) (map[isa.Ext]bool, error) {
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "rv64") {
		return nil, fmt.Errorf("asm: -march=%s: only rv64 is supported", s)
	}
	parts := strings.Split(l[4:], "_")
	exts := map[isa.Ext]bool{isa.ExtPriv: true}
	single := map[byte]isa.Ext{'i': isa.ExtI, 'm': isa.ExtM, 'a': isa.ExtA, 'f': isa.ExtF, 'd': isa.ExtD, 'c': isa.ExtC}
	base := parts[0]
	if base == "" || base[0] != 'i' && base[0] != 'g' && base[0] != 'e' {
		return nil, fmt.Errorf("asm: -march=%s: want rv64i... or rv64g...", s)
	}
	for i := 0; i < len(base); i++ {
		c := base[i]
		if c == 'g' {
			for _, e := range []isa.Ext{isa.ExtI, isa.ExtM, isa.ExtA, isa.ExtF, isa.ExtD, isa.ExtZicsr, isa.ExtZifencei} {
				exts[e] = true
			}
			continue
		}
		if c >= '0' && c <= '9' || c == 'p' {
			continue // version numbers
		}
		e, ok := single[c]
		if !ok {
			if c == 'z' || c == 's' || c == 'x' {
				break
			}
			return nil, fmt.Errorf("asm: -march=%s: unsupported extension %q", s, c)
		}
		exts[e] = true
	}
	if exts[isa.ExtD] {
		exts[isa.ExtF] = true
	}
	for _, p := range parts[1:] {
		p = strings.TrimRight(p, "0123456789p")
		switch p {
		case "zicsr":
			exts[isa.ExtZicsr] = true
		case "zifencei":
			exts[isa.ExtZifencei] = true
		case "zihintpause", "zicntr", "zihpm", "":
		default:
			return nil, fmt.Errorf("asm: -march=%s: unsupported extension %q", s, p)
		}
	}
	return exts, nil
}

func (a *assembler) hasExt(e isa.Ext) bool { return a.exts[e] }

func (a *assembler) report(p Pos, msg string) {
	if a.tooMany() {
		return
	}
	a.reports++
	key := p.String() + msg
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	a.errs = append(a.errs, &Error{p, msg})
}

// tooMany says to stop: maxErrors distinct errors, or many repeats of fewer
// (an error in a macro expanded in a loop).
func (a *assembler) tooMany() bool { return len(a.errs) >= maxErrors || a.reports >= 10*maxErrors }

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

func (a *assembler) newUnit(file string) *unit {
	u := &unit{a: a, file: file, syms: make(map[string]*symbol, 256), secByName: map[string]*section{},
		numeric: map[string]int{}, macros: map[string]*macro{}, rvc: a.exts[isa.ExtC]}
	// GNU as creates .text, .data and .bss in every object, in this order,
	// before any other section: the linker takes a file's .data before its
	// .sdata whatever order the source names them in.
	u.switchSection(".text", "ax", false, "")
	u.switchSection(".data", "aw", false, "")
	u.switchSection(".bss", "aw", true, "")
	u.switchSection(".text", "ax", false, "")
	u.prev = nil
	// GNU as gives .text the alignment of one instruction.
	if u.rvc {
		u.cur.align = 2
	} else {
		u.cur.align = 4
	}
	names := make([]string, 0, len(a.opt.Defsym))
	for n := range a.opt.Defsym {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s := u.lookup(n)
		s.defined, s.expr, s.pos = true, &expr{op: eNum, n: a.opt.Defsym[n]}, Pos{File: "--defsym"}
	}
	return u
}

func (a *assembler) assembleFile(file string) {
	u := a.newUnit(file)
	a.units = append(a.units, u)
	lines, err := a.lines(file)
	if err != nil {
		a.report(Pos{File: file}, fmt.Sprintf("cannot read source: %v", unwrapPathErr(err)))
		return
	}
	u.push(&source{lines: lines, path: file})
	u.run()
	if u.collect != nil {
		u.errorAt(u.collect.pos, "%s without %s", u.collect.dir, u.collect.end())
	}
	// GNU as pads each code section to a multiple of its alignment with nops
	// (SUB_SEGMENT_ALIGN in gas/write.c), which moves what the linker places
	// after it.
	for _, s := range u.sections {
		if s.code && s.align > 1 {
			s.addFrag(&frag{kind: fragAlign, align: s.align})
		}
	}
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
