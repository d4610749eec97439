package asm

import (
	"fmt"
	"os"
	"sort"

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
	p.CompDir = opt.SourceDir
	if p.CompDir == "" && opt.FS == nil {
		p.CompDir, _ = os.Getwd()
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
