package asm

import (
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// Output section kinds, in the order they are laid out from Options.Base (the
// order of oracle.LinkerScript).
type secKind uint8

const (
	secText secKind = iota
	secRodata
	secData
	secBss
	numSecKinds
)

var secKindNames = [numSecKinds]string{".text", ".rodata", ".data", ".bss"}

// kindOf maps an input section name to its output section, as the linker
// script's patterns do; other names (orphans) go by their flags.
func kindOf(name string, flags string, nobits bool) (secKind, bool) {
	k := scriptKind(name)
	if k != numSecKinds {
		return k, false
	}
	switch {
	case strings.Contains(flags, "x"):
		return secText, true
	case nobits:
		return secBss, true
	case strings.Contains(flags, "w"):
		return secData, true
	}
	return secRodata, true
}

// scriptKind is the output section oracle.LinkerScript puts a name in, or
// numSecKinds.
func scriptKind(name string) secKind {
	match := func(p ...string) bool {
		for _, q := range p {
			if name == q || strings.HasPrefix(name, q+".") {
				return true
			}
		}
		return false
	}
	switch {
	case match(".text"):
		return secText
	case match(".rodata", ".srodata"):
		return secRodata
	case match(".data", ".sdata"):
		return secData
	case match(".bss", ".sbss"):
		return secBss
	}
	return numSecKinds
}

// A section is one input section of one source file (GNU as's notion: .text
// and .text.init of the same file are two). Its contents are fragments, laid
// out by relaxation; linking then places it among the other files' sections.
type section struct {
	name  string
	unit  *unit
	kind  secKind
	code  bool // executable: alignment pads with nops
	frags []*frag
	align int64 // in bytes

	orphan bool // not named by the linker script: an output section of its own

	addr int64    // final address, set by linking
	size int64    // set by relaxation
	out  *Section // the output section it is part of, set by linking
}

// outName is the name of the output section s ends up in.
func (s *section) outName() string {
	if s.out != nil {
		return s.out.Name
	}
	return secKindNames[s.kind]
}

type fragKind uint8

const (
	fragData   fragKind = iota // bytes, some patched by fixups after layout
	fragBranch                 // a branch or jump whose length relaxation picks
	fragAlign                  // padding to an alignment boundary
	fragOrg                    // padding up to a section offset (.org)
)

// A frag is a run of a section whose length is fixed (data) or decided at
// layout (branches, alignment), after GNU as's frags: label differences inside
// one data frag are known at once, across frags only after layout.
type frag struct {
	sec  *section
	kind fragKind
	data []byte
	fix  []fixup
	rows []row // line table rows: code offsets in this frag and their source lines

	br *branch

	// Alignment: pad to a multiple of align, with fill (nops in code), unless
	// more than max bytes would be needed (max 0: no limit).
	align, max int64
	fill       []byte
	org        int64 // .org: the section offset to reach
	pos        Pos   // .org: where, for "moves backwards" errors

	off  int64 // offset in the section, set by relaxation
	size int64
	seen bool // relaxation's estimate has given it an address

	// cuts are the offsets in data where GNU as starts a new frag (after a
	// .zero, .space or .fill); relaxation's first estimate depends on them.
	cuts []int64
}

// A row maps one instruction's address to its source line.
type row struct {
	off int64
	pos Pos
}

// A branch is a conditional branch or a jump to a symbol: 2, 4, 6 or 8 bytes
// once relaxed, chosen as GNU as does (see relax.go).
type branch struct {
	in     isa.Inst // BEQ..BGEU with rs1, rs2; or JAL with rd
	target *expr
	rvc    bool // a compressed form applies (c.j, c.beqz, c.bnez registers)
	length int64
	pos    Pos
}

// A fixup patches bytes of a data frag once addresses are known.
type fixup struct {
	off  int64
	kind fixKind
	in   isa.Inst   // instruction fixups: the instruction whose Imm is filled in
	cs   *isa.CSpec // and for an explicit compressed instruction, its form
	e    *expr
	pos  Pos
}

type fixKind uint8

const (
	fixNone  fixKind = iota
	fixData1         // .byte
	fixData2
	fixData4
	fixData8
	fixAbs      // instruction immediate: the expression's value, as written
	fixAbsUpper // lui/auipc operand written as a plain 20-bit number
	fixHi       // %hi(sym)
	fixLo       // %lo(sym)
	fixPcrelHi  // %pcrel_hi(sym): auipc
	fixPcrelLo  // %pcrel_lo(label of the auipc)
	fixPairLo   // second instruction of la/lla/call/tail/lw sym: low part of sym - (pc-4)
	fixCBranch  // c.beqz/c.bnez target
	fixCJump    // c.j target
	fixCAbs     // compressed instruction immediate
)

func (s *section) last() *frag {
	if n := len(s.frags); n > 0 && s.frags[n-1].kind == fragData {
		return s.frags[n-1]
	}
	f := &frag{sec: s, kind: fragData}
	s.frags = append(s.frags, f)
	return f
}

func (s *section) addFrag(f *frag) {
	f.sec = s
	s.frags = append(s.frags, f)
}
