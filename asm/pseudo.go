package asm

import (
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// Pseudo-instructions and the short or alternative forms GNU as accepts for
// real ones. Each expands into base instructions that go through emitInst (so
// they compress as GNU as compresses them) or emitBranch.

type pseudoFunc func(u *unit, mn string, ops []opnd)

var pseudos map[string]pseudoFunc

func init() {
	pseudos = map[string]pseudoFunc{
		"nop":        fixed(isa.Inst{Op: isa.ADDI}),
		"ret":        fixed(isa.Inst{Op: isa.JALR, Rs1: 1}),
		"ecall":      fixed(isa.Inst{Op: isa.ECALL}),
		"scall":      fixed(isa.Inst{Op: isa.ECALL}),
		"ebreak":     fixed(isa.Inst{Op: isa.EBREAK}),
		"sbreak":     fixed(isa.Inst{Op: isa.EBREAK}),
		"pause":      fixed(isa.Inst{Op: isa.FENCE, Imm: 1 << 4}), // fence w, 0 (Zihintpause)
		"fence.tso":  (*unit).fenceTSO,
		"unimp":      (*unit).unimp,
		"li":         (*unit).liPseudo,
		"la":         (*unit).la,
		"lla":        (*unit).la,
		"call":       (*unit).call,
		"tail":       (*unit).call,
		"jump":       (*unit).call,
		"j":          (*unit).jPseudo,
		"jal":        (*unit).jal,
		"jr":         (*unit).jr,
		"jalr":       (*unit).jalr,
		"mv":         twoReg(isa.ADDI, false, 0),
		"move":       twoReg(isa.ADDI, false, 0),
		"not":        twoReg(isa.XORI, false, -1),
		"sext.w":     twoReg(isa.ADDIW, false, 0),
		"seqz":       twoReg(isa.SLTIU, false, 1),
		"zext.b":     twoReg(isa.ANDI, false, 255),
		"neg":        twoReg(isa.SUB, true, 0),
		"negw":       twoReg(isa.SUBW, true, 0),
		"snez":       twoReg(isa.SLTU, true, 0),
		"sgtz":       twoReg(isa.SLT, true, 0),
		"sltz":       (*unit).sltz,
		"sgt":        swapped(isa.SLT),
		"sgtu":       swapped(isa.SLTU),
		"beqz":       zeroBranch(isa.BEQ, false),
		"bnez":       zeroBranch(isa.BNE, false),
		"bgez":       zeroBranch(isa.BGE, false),
		"bltz":       zeroBranch(isa.BLT, false),
		"blez":       zeroBranch(isa.BGE, true),
		"bgtz":       zeroBranch(isa.BLT, true),
		"beq":        (*unit).branch,
		"bne":        (*unit).branch,
		"bgt":        swappedBranch(isa.BLT),
		"ble":        swappedBranch(isa.BGE),
		"bgtu":       swappedBranch(isa.BLTU),
		"bleu":       swappedBranch(isa.BGEU),
		"fence":      (*unit).fence,
		"sfence.vma": (*unit).sfenceVMA,
		"csrr":       csrRead(0),
		"rdcycle":    csrRead(isa.CSR_CYCLE),
		"rdtime":     csrRead(isa.CSR_TIME),
		"rdinstret":  csrRead(isa.CSR_INSTRET),
		"frcsr":      csrRead(isa.CSR_FCSR),
		"frrm":       csrRead(isa.CSR_FRM),
		"frflags":    csrRead(isa.CSR_FFLAGS),
		"csrw":       csrWrite(isa.CSRRW, isa.CSRRWI),
		"csrs":       csrWrite(isa.CSRRS, isa.CSRRSI),
		"csrc":       csrWrite(isa.CSRRC, isa.CSRRCI),
		"csrwi":      csrWrite(isa.CSRRWI, isa.CSRRWI),
		"csrsi":      csrWrite(isa.CSRRSI, isa.CSRRSI),
		"csrci":      csrWrite(isa.CSRRCI, isa.CSRRCI),
		"fscsr":      fpCSRSwap(isa.CSR_FCSR, false),
		"fsrm":       fpCSRSwap(isa.CSR_FRM, false),
		"fsflags":    fpCSRSwap(isa.CSR_FFLAGS, false),
		"fsrmi":      fpCSRSwap(isa.CSR_FRM, true),
		"fsflagsi":   fpCSRSwap(isa.CSR_FFLAGS, true),
		"fmv.s":      fpTwo(isa.FSGNJ_S),
		"fneg.s":     fpTwo(isa.FSGNJN_S),
		"fabs.s":     fpTwo(isa.FSGNJX_S),
		"fmv.d":      fpTwo(isa.FSGNJ_D),
		"fneg.d":     fpTwo(isa.FSGNJN_D),
		"fabs.d":     fpTwo(isa.FSGNJX_D),
	}
}

// fixed is a pseudo-instruction without operands.
func fixed(in isa.Inst) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if u.wantOperands(mn, ops, 0, "") {
			u.emitInst(mn, in, imm{})
		}
	}
}

// twoReg is `mn rd, rs`: op rd, rs, imm, or with rs as the second source and
// x0 as the first (neg, snez, sgtz).
func twoReg(op isa.Op, second bool, im int64) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 2, "rd, rs") {
			return
		}
		rd, ok1 := u.xreg(ops[0])
		rs, ok2 := u.xreg(ops[1])
		if !ok1 || !ok2 {
			return
		}
		in := isa.Inst{Op: op, Rd: rd, Rs1: rs, Imm: im}
		if second {
			in.Rs1, in.Rs2 = 0, rs
		}
		u.emitInst(mn, in, imm{})
	}
}

// sltz rd, rs is slt rd, rs, x0.
func (u *unit) sltz(mn string, ops []opnd) {
	if !u.wantOperands(mn, ops, 2, "rd, rs") {
		return
	}
	rd, ok1 := u.xreg(ops[0])
	rs, ok2 := u.xreg(ops[1])
	if ok1 && ok2 {
		u.emitInst(mn, isa.Inst{Op: isa.SLT, Rd: rd, Rs1: rs}, imm{})
	}
}

// swapped is `mn rd, rs, rt` as op rd, rt, rs (sgt, sgtu).
func swapped(op isa.Op) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 3, "rd, rs1, rs2") {
			return
		}
		rd, ok1 := u.xreg(ops[0])
		rs, ok2 := u.xreg(ops[1])
		rt, ok3 := u.xreg(ops[2])
		if ok1 && ok2 && ok3 {
			u.emitInst(mn, isa.Inst{Op: op, Rd: rd, Rs1: rt, Rs2: rs}, imm{})
		}
	}
}

// branchTo emits a conditional branch or jump to the target operand: relaxed
// when it is a symbol, an offset when it is a number.
func (u *unit) branchTo(mn string, in isa.Inst, o opnd, rvc bool) {
	u.immAt = u.at(o.off)
	defer func() { u.immAt = Pos{} }()
	im, ok := u.immediate(o)
	if !ok {
		return
	}
	switch im.fix {
	case fixNone:
		in.Imm = im.n
		u.emitInst(mn, in, imm{})
	case fixAbs:
		u.emitBranch(in, im.e, rvc)
	default:
		u.opErr(o, "relocation operator not allowed in a branch target")
	}
}

// cReg reports whether r is one of x8..x15, which compressed branches reach.
func cReg(r uint8) bool { return r >= 8 && r <= 15 }

// zeroBranch is `mn rs, label` comparing rs with x0 (x0 first when swap).
func zeroBranch(op isa.Op, swap bool) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 2, "rs, label") {
			return
		}
		rs, ok := u.xreg(ops[0])
		if !ok {
			return
		}
		in := isa.Inst{Op: op, Rs1: rs}
		if swap {
			in.Rs1, in.Rs2 = 0, rs
		}
		rvc := (op == isa.BEQ || op == isa.BNE) && cReg(rs)
		u.branchTo(mn, in, ops[1], rvc)
	}
}

// branch is beq/bne, which compress to c.beqz/c.bnez when the second
// register is x0.
func (u *unit) branch(mn string, ops []opnd) {
	if !u.wantOperands(mn, ops, 3, "rs1, rs2, label") {
		return
	}
	rs1, ok1 := u.xreg(ops[0])
	rs2, ok2 := u.xreg(ops[1])
	if !ok1 || !ok2 {
		return
	}
	op := isa.BEQ
	if mn == "bne" {
		op = isa.BNE
	}
	u.branchTo(mn, isa.Inst{Op: op, Rs1: rs1, Rs2: rs2}, ops[2], rs2 == 0 && cReg(rs1))
}

// swappedBranch is bgt/ble/bgtu/bleu: the base branch with swapped sources.
func swappedBranch(op isa.Op) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 3, "rs1, rs2, label") {
			return
		}
		rs1, ok1 := u.xreg(ops[0])
		rs2, ok2 := u.xreg(ops[1])
		if ok1 && ok2 {
			u.branchTo(mn, isa.Inst{Op: op, Rs1: rs2, Rs2: rs1}, ops[2], false)
		}
	}
}

func (u *unit) jPseudo(mn string, ops []opnd) {
	if u.wantOperands(mn, ops, 1, "label") {
		u.branchTo(mn, isa.Inst{Op: isa.JAL}, ops[0], true)
	}
}

// jal label is jal ra, label.
func (u *unit) jal(mn string, ops []opnd) {
	if len(ops) == 1 {
		u.branchTo(mn, isa.Inst{Op: isa.JAL, Rd: 1}, ops[0], false)
		return
	}
	u.generic(mn, isa.JAL, 0, ops)
}

// jr rs | jr offset(rs) | jr rs, offset: jalr x0.
func (u *unit) jr(mn string, ops []opnd) { u.jumpReg(mn, ops, 0) }

// jalr rs | jalr offset(rs) | jalr rs, offset (rd = ra), or
// jalr rd, rs | jalr rd, offset(rs) | jalr rd, rs, offset.
func (u *unit) jalr(mn string, ops []opnd) {
	if len(ops) == 0 || len(ops) > 3 {
		u.errorf("jalr takes [rd,] rs[, offset] or [rd,] offset(rs), got %d operands", len(ops))
		return
	}
	if len(ops) == 1 || len(ops) == 2 && !isXReg(ops[1].s) && !isMemory(ops[1].s) {
		u.jumpReg(mn, ops, 1)
		return
	}
	rd, ok := u.xreg(ops[0])
	if !ok {
		return
	}
	u.jumpReg("jalr*", ops[1:], rd)
}

// jumpReg emits jalr rd with the base and offset of ops: rs, offset(rs) or
// rs, offset. Only the plain one-register form keeps mn (and compresses).
func (u *unit) jumpReg(mn string, ops []opnd, rd uint8) {
	in := isa.Inst{Op: isa.JALR, Rd: rd}
	var im imm
	ok := false
	switch {
	case len(ops) == 1 && isMemory(ops[0].s):
		im, in.Rs1, ok = u.memory(ops[0])
		mn = "jalr*"
	case len(ops) == 1:
		in.Rs1, ok = u.xreg(ops[0])
	case len(ops) == 2:
		var ok2 bool
		in.Rs1, ok = u.xreg(ops[0])
		im, ok2 = u.immediate(ops[1])
		ok = ok && ok2
		mn = "jalr*"
	default:
		u.errorf("%s takes rs[, offset] or offset(rs), got %d operands", strings.TrimSuffix(mn, "*"), len(ops))
		return
	}
	if !ok {
		return
	}
	in.Imm = im.n
	u.emitInst(mn, in, im)
}

// fence without operands is fence iorw, iorw.
func (u *unit) fence(mn string, ops []opnd) {
	if len(ops) == 0 {
		u.emitInst(mn, isa.Inst{Op: isa.FENCE, Imm: 0xff}, imm{})
		return
	}
	u.generic(mn, isa.FENCE, 0, ops)
}

// fence.tso is fence rw, rw with fm = 1000, a field isa.Inst does not carry.
func (u *unit) fenceTSO(mn string, ops []opnd) {
	if u.wantOperands(mn, ops, 0, "") {
		u.emitWord(0x8330000f, 4)
	}
}

// unimp is the all-zero c.unimp with C, else csrrw x0, cycle, x0.
func (u *unit) unimp(mn string, ops []opnd) {
	if !u.wantOperands(mn, ops, 0, "") {
		return
	}
	if u.rvc {
		u.emitWord(0, 2)
		return
	}
	u.emitInst(mn, isa.Inst{Op: isa.CSRRW, CSR: isa.CSR_CYCLE}, imm{})
}

// sfence.vma [rs1[, rs2]].
func (u *unit) sfenceVMA(mn string, ops []opnd) {
	in := isa.Inst{Op: isa.SFENCE_VMA}
	if len(ops) > 2 {
		u.errorf("sfence.vma takes at most 2 operands (sfence.vma [rs1[, rs2]]), got %d", len(ops))
		return
	}
	ok := true
	if len(ops) > 0 {
		in.Rs1, ok = u.xreg(ops[0])
	}
	if len(ops) > 1 && ok {
		in.Rs2, ok = u.xreg(ops[1])
	}
	if ok {
		u.emitInst(mn, in, imm{})
	}
}

// csrRead is csrr rd, csr (csr 0: from the operand) and rdcycle-style reads.
func csrRead(csr uint16) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		n := 1
		if csr == 0 {
			n = 2
		}
		if !u.wantOperands(mn, ops, n, map[bool]string{true: "rd, csr", false: "rd"}[n == 2]) {
			return
		}
		rd, ok := u.xreg(ops[0])
		c := csr
		if n == 2 && ok {
			c, ok = u.csr(ops[1])
		}
		if ok {
			u.emitInst(mn, isa.Inst{Op: isa.CSRRS, Rd: rd, CSR: c}, imm{})
		}
	}
}

// csrWrite is csrw/csrs/csrc csr, rs (or an immediate: the i form) and
// csrwi/csrsi/csrci csr, uimm5.
func csrWrite(regOp, immOp isa.Op) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 2, "csr, rs") {
			return
		}
		c, ok := u.csr(ops[0])
		if !ok {
			return
		}
		in := isa.Inst{Op: regOp, CSR: c}
		if regOp == immOp || !isXReg(ops[1].s) && u.isConstant(ops[1]) {
			in.Op = immOp
			im, ok := u.immediate(ops[1])
			if !ok {
				return
			}
			if im.fix != fixNone {
				u.opErr(ops[1], "CSR immediate must be a constant known here")
				return
			}
			in.Imm = im.n
		} else if in.Rs1, ok = u.xreg(ops[1]); !ok {
			return
		}
		u.emitInst(mn, in, imm{})
	}
}

// fpCSRSwap is fscsr/fsrm/fsflags [rd,] rs and fsrmi/fsflagsi [rd,] uimm5.
func fpCSRSwap(csr uint16, immediate bool) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if len(ops) < 1 || len(ops) > 2 {
			u.errorf("%s takes [rd,] source, got %d operands", mn, len(ops))
			return
		}
		in := isa.Inst{Op: isa.CSRRW, CSR: csr}
		ok := true
		if len(ops) == 2 {
			in.Rd, ok = u.xreg(ops[0])
			ops = ops[1:]
		}
		if !ok {
			return
		}
		if immediate {
			in.Op = isa.CSRRWI
			v, ok := u.constExpr(ops[0].s, ops[0].off, "immediate")
			if !ok {
				return
			}
			in.Imm = v
		} else if in.Rs1, ok = u.xreg(ops[0]); !ok {
			return
		}
		u.emitInst(mn, in, imm{})
	}
}

// fpTwo is fmv/fneg/fabs rd, rs: the sign-injection op with rs twice.
func fpTwo(op isa.Op) pseudoFunc {
	return func(u *unit, mn string, ops []opnd) {
		if !u.wantOperands(mn, ops, 2, "fd, fs") {
			return
		}
		rd, ok1 := u.freg(ops[0])
		rs, ok2 := u.freg(ops[1])
		if ok1 && ok2 {
			u.emitInst(mn, isa.Inst{Op: op, Rd: rd, Rs1: rs, Rs2: rs}, imm{})
		}
	}
}
