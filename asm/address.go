package asm

import (
	"github.com/rvstop/rvstop/isa"
)

// Pseudo-instructions that form addresses: auipc pairs for la, lla, call,
// tail and loads and stores of a symbol.

// la/lla rd, symbol: auipc + addi, pc-relative (the image is not PIC). A
// number is loaded as li does.
func (u *unit) la(mn string, ops []opnd) {
	if !u.wantOperands(mn, ops, 2, "rd, symbol") {
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
	switch im.fix {
	case fixNone:
		if int64(int32(im.n)) != im.n {
			u.opErr(ops[1], "offset too large")
			return
		}
		u.loadConst(rd, im.n)
	case fixAbs:
		u.pcrelPair(isa.Inst{Op: isa.ADDI, Rd: rd, Rs1: rd}, rd, im.e)
	default:
		u.opErr(ops[1], "%s takes a symbol, not a relocation operator", mn)
	}
}

// pcrelPair emits auipc tmp, %pcrel_hi(e) and then second, whose immediate is
// the low part of e relative to the auipc.
func (u *unit) pcrelPair(second isa.Inst, tmp uint8, e *expr) {
	u.emitInst("auipc", isa.Inst{Op: isa.AUIPC, Rd: tmp}, imm{e: e, fix: fixPcrelHi})
	u.emitInst("*", second, imm{e: e, fix: fixPairLo})
}

// call sym: auipc ra, jalr ra, ra; call rd, sym: auipc t1, jalr rd, t1;
// tail sym: auipc t1, jr t1;
// jump sym, rt: auipc rt, jr rt.
func (u *unit) call(mn string, ops []opnd) {
	var tmp, rd uint8
	var target opnd
	switch {
	case mn == "call" && len(ops) == 1:
		tmp, rd, target = 1, 1, ops[0]
	case mn == "call" && len(ops) == 2:
		r, ok := u.xreg(ops[0])
		if !ok {
			return
		}
		tmp, rd, target = 6, r, ops[1] // through t1, as GNU as does
	case mn == "tail" && len(ops) == 1:
		tmp, target = 6, ops[0]
	case mn == "jump" && len(ops) == 2:
		r, ok := u.xreg(ops[1])
		if !ok {
			return
		}
		tmp, target = r, ops[0]
	default:
		u.errorf("wrong number of operands for %s (call [rd,] symbol; tail symbol; jump symbol, rt)", mn)
		return
	}
	e, ok := u.parseExpr(target.s, target.off)
	if !ok {
		return
	}
	u.pcrelPair(isa.Inst{Op: isa.JALR, Rd: rd, Rs1: tmp}, tmp, e)
}

// loadStoreSymbol handles `l{b,h,w,d} rd, symbol` (auipc rd) and
// `s{b,h,w,d} rs, symbol, rt` (auipc rt), also flw/fld/fsw/fsd.
func (u *unit) loadStoreSymbol(mn string, op isa.Op, in isa.Inst, ops []opnd) {
	store := op == isa.SB || op == isa.SH || op == isa.SW || op == isa.SD || op == isa.FSW || op == isa.FSD
	fp := op == isa.FLW || op == isa.FLD || op == isa.FSW || op == isa.FSD
	var tmp uint8
	var ok bool
	reg := u.xreg
	if fp {
		reg = u.freg
	}
	if store {
		if !u.wantOperands(mn, ops, 3, "rs2, symbol, rt") {
			return
		}
		if in.Rs2, ok = reg(ops[0]); !ok {
			return
		}
		if tmp, ok = u.xreg(ops[2]); !ok {
			return
		}
	} else if fp {
		// An FP register cannot hold the address: GNU as takes a scratch one.
		if !u.wantOperands(mn, ops, 3, "fd, symbol, rt") {
			return
		}
		if in.Rd, ok = reg(ops[0]); !ok {
			return
		}
		if tmp, ok = u.xreg(ops[2]); !ok {
			return
		}
	} else {
		if !u.wantOperands(mn, ops, 2, "rd, symbol") {
			return
		}
		if in.Rd, ok = reg(ops[0]); !ok {
			return
		}
		tmp = in.Rd
	}
	im, ok := u.immediate(ops[1])
	if !ok {
		return
	}
	if im.fix != fixAbs {
		u.opErr(ops[1], "want offset(register) or a symbol, got %q", ops[1].s)
		return
	}
	in.Op, in.Rs1 = op, tmp
	u.pcrelPair(in, tmp, im.e)
}
