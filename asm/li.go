package asm

import (
	"github.com/rvstop/rvstop/isa"
)

// li rd, value loads any 64-bit constant with the sequence GNU as picks
// (load_const in gas/config/tc-riscv.c): c.lui or c.li when the value fits
// one of them, else addi for 12-bit values, else lui/addiw for 32-bit values,
// else the upper bits recursively, shifted into place with slli and
// completed with addi. Each generated instruction compresses as if written.
func (u *unit) li(rd uint8, v int64) {
	if u.rvc && v&0xfff == 0 {
		if h, ok := u.tryC("c.lui", isa.Inst{Op: isa.LUI, Rd: rd, Imm: v}); ok {
			u.emitWord(uint32(h), 2)
			return
		}
	}
	if v >= -2048 && v < 2048 {
		in := isa.Inst{Op: isa.ADDI, Rd: rd, Imm: v}
		if u.rvc {
			if h, ok := u.tryC("c.li", in); ok {
				u.emitWord(uint32(h), 2)
				return
			}
		}
		u.emitInst("li*", in, imm{})
		return
	}
	u.loadConst(rd, v)
}

// loadConst is GNU as's load_const: the macro expansion of li.
func (u *unit) loadConst(rd uint8, v int64) {
	lower := (v&0xfff ^ 0x800) - 0x800
	upper := v - lower
	if int64(int32(v)) != v {
		// Reduce to a 32-bit constant: load the upper part shifted right past
		// its trailing zeros, then shift it back.
		shift := uint(12)
		for upper>>shift&1 == 0 {
			shift++
		}
		u.loadConst(rd, upper>>shift)
		u.emitInst("slli", isa.Inst{Op: isa.SLLI, Rd: rd, Rs1: rd, Imm: int64(shift)}, imm{})
		if lower != 0 {
			u.emitInst("addi", isa.Inst{Op: isa.ADDI, Rd: rd, Rs1: rd, Imm: lower}, imm{})
		}
		return
	}
	var hi uint8
	if upper != 0 {
		u.emitInst("lui", isa.Inst{Op: isa.LUI, Rd: rd, Imm: int64(int32(uint32(upper)))}, imm{})
		hi = rd
	}
	if lower != 0 || hi == 0 {
		u.emitInst("addiw", isa.Inst{Op: isa.ADDIW, Rd: rd, Rs1: hi, Imm: lower}, imm{})
	}
}

// liPseudo is li rd, value.
func (u *unit) liPseudo(mn string, ops []opnd) {
	if !u.wantOperands(mn, ops, 2, "rd, value") {
		return
	}
	rd, ok := u.xreg(ops[0])
	if !ok {
		return
	}
	im, ok := u.immediate(ops[1])
	if !ok {
		return
	}
	if im.fix != fixNone {
		u.opErr(ops[1], "li needs a constant known at this line, got %q%s", ops[1].s, notYetHint(im.e))
		return
	}
	u.li(rd, im.n)
}
