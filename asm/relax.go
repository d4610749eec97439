package asm

import (
	"errors"
	"fmt"

	"github.com/rvstop/rvstop/isa"
)

// Branch relaxation, as GNU as does it with -mno-relax (relaxed_branch_length
// in gas/config/tc-riscv.c). A branch or jump to a label of the same input
// section takes the shortest form that reaches, as seen from the addresses
// of the current relaxation step (see relax):
//
//	2 bytes  c.j / c.beqz / c.bnez, when the written form allows C
//	4 bytes  jal / b<cond>
//	6 bytes  c.b<inverse> +6; jal   (conditional, C allowed, beyond ±4 KiB)
//	8 bytes  b<inverse> +8; jal     (conditional, beyond ±4 KiB)
//
// A target elsewhere (another section or file, or weak) is assumed far for a
// conditional branch (8 bytes) and near for a jump (4 bytes), since the
// linker cannot relax.

// Reaches of the forms, as GNU as tests them: val + reach/2 < reach.
const (
	rvcJumpReach   = 1 << 12
	rvcBranchReach = 1 << 9
	branchReach    = 1 << 13
)

func within(v, reach int64) bool { return uint64(v+reach/2) < uint64(reach) }

// relax lays a section out, choosing every branch's length with GNU as's
// algorithm (relax_segment in gas/write.c), whose result depends on its
// steps, not only on the program:
//
//  1. Estimate: fragments get addresses in order; each branch's length is
//     computed from its target's current address, which for a fragment not
//     reached yet is still zero (GNU's fresh frags), so a forward target
//     counts as its offset inside its frag.
//  2. Passes: addresses move by the growth so far in this pass; each branch's
//     length is recomputed (it may shrink as well as grow) from its target's
//     address as last set; alignment follows. Repeat until a pass changes
//     nothing (GNU's passes converge on real code; the bound is a safety).
func (s *section) relax() {
	for _, f := range s.frags {
		f.off, f.seen = 0, false
	}
	var off int64
	for _, f := range s.frags {
		f.off, f.seen = off, true
		switch f.kind {
		case fragData:
			f.size = int64(len(f.data))
		case fragBranch:
			f.br.length = f.branchLength()
			f.size = f.br.length
		case fragAlign, fragOrg:
			f.size = f.padding(off)
		}
		off += f.size
	}
	for range 1000 {
		var stretch int64
		changed := false
		for _, f := range s.frags {
			f.off += stretch
			var growth int64
			switch f.kind {
			case fragBranch:
				n := f.branchLength()
				growth, f.br.length, f.size = n-f.br.length, n, n
			case fragAlign, fragOrg:
				n := f.padding(f.off)
				growth, f.size = n-f.size, n
			}
			stretch += growth
			changed = changed || growth != 0
		}
		if !changed {
			break
		}
	}
	s.size = off
	if n := len(s.frags); n > 0 {
		s.size = s.frags[n-1].off + s.frags[n-1].size
	}
}

// padding is the size of an alignment or .org fragment at offset off.
func (f *frag) padding(off int64) int64 {
	if f.kind == fragOrg {
		return max(f.org-off, 0) // moving backwards is reported by linking
	}
	n := (f.align - off%f.align) % f.align
	if f.max > 0 && n > f.max {
		return 0
	}
	return n
}

func (f *frag) branchLength() int64 {
	jump := f.br.in.Op == isa.JAL
	far := int64(8)
	if jump {
		far = 4
	}
	v, err := eval(f.br.target, false)
	if err != nil || v.frag == nil || v.frag.sec != f.sec || targetWeak(f.br.target) {
		return far
	}
	target := v.frag.off + v.n
	if !v.frag.seen {
		// Not reached by the estimate yet: GNU's frag address is still zero,
		// and its frags start again after each .zero/.space/.fill.
		target = v.n
		if l := labelOf(f.br.target); l != nil && l.frag == v.frag {
			target -= v.frag.cutBefore(l.off)
		}
	}
	d := target - f.off
	reach := int64(rvcBranchReach)
	if jump {
		reach = rvcJumpReach
	}
	switch {
	case f.br.rvc && within(d, reach):
		return 2
	case within(d, branchReach):
		return 4
	case !jump && f.br.rvc:
		return 6
	}
	return far
}

// cutBefore returns the start of the GNU frag holding offset off of a data
// fragment: the last cut at or before it.
func (f *frag) cutBefore(off int64) int64 {
	c := int64(0)
	for _, x := range f.cuts {
		if x <= off {
			c = x
		}
	}
	return c
}

func targetWeak(e *expr) bool {
	for e != nil && e.op == eBin {
		e = e.x
	}
	return e != nil && e.op == eSym && e.sym.weak
}

// inverse is the branch taken exactly when op is not.
var inverse = map[isa.Op]isa.Op{
	isa.BEQ: isa.BNE, isa.BNE: isa.BEQ, isa.BLT: isa.BGE, isa.BGE: isa.BLT, isa.BLTU: isa.BGEU, isa.BGEU: isa.BLTU,
}

// encodeBranch produces a relaxed branch's bytes for its final addresses.
func (a *assembler) encodeBranch(f *frag) {
	b := f.br
	pc := f.sec.addr + f.off
	v, err := eval(b.target, true)
	if err != nil {
		a.report(b.pos, err.Error())
		return
	}
	d := v.n - pc
	in := b.in
	var out []byte
	put := func(w uint32, n int) {
		for i := 0; i < n; i++ {
			out = append(out, byte(w>>(8*i)))
		}
	}
	fail := func(err error) { a.report(b.pos, branchError(in, err)) }
	switch b.length {
	case 2:
		name := "c.j"
		switch in.Op {
		case isa.BEQ:
			name = "c.beqz"
		case isa.BNE:
			name = "c.bnez"
		}
		in.Imm = d
		h, err := isa.EncodeC(cSpecByName[name], in)
		if err != nil {
			fail(err)
			return
		}
		put(uint32(h), 2)
	case 4:
		in.Imm = d
		w, err := isa.Encode(in)
		if err != nil {
			fail(err)
			return
		}
		put(w, 4)
	case 6, 8:
		inv := in
		inv.Op = inverse[in.Op]
		inv.Imm = b.length
		if b.length == 6 {
			name := "c.beqz"
			if inv.Op == isa.BNE {
				name = "c.bnez"
			}
			h, err := isa.EncodeC(cSpecByName[name], inv)
			if err != nil {
				fail(err)
				return
			}
			put(uint32(h), 2)
		} else {
			w, err := isa.Encode(inv)
			if err != nil {
				fail(err)
				return
			}
			put(w, 4)
		}
		j := isa.Inst{Op: isa.JAL, Imm: v.n - (pc + b.length - 4)}
		w, err := isa.Encode(j)
		if err != nil {
			fail(err)
			return
		}
		put(w, 4)
	}
	f.data = out
}

func branchError(in isa.Inst, err error) string {
	what := "branch"
	if in.Op == isa.JAL {
		what = "jump"
	}
	var re *isa.RangeError
	if errors.As(err, &re) && re.Value >= re.Lo && re.Value <= re.Hi {
		return fmt.Sprintf("misaligned %s target: offset %d is not a multiple of %d", what, re.Value, re.Align)
	}
	return what + " target out of reach: " + err.Error()
}
