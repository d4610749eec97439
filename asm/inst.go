package asm

import (
	"encoding/binary"
	"errors"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// Instructions written with their own mnemonic (isa.Specs), and the emitters
// every instruction and pseudo-instruction goes through.

var specByName = map[string]isa.Op{}

func init() {
	for op := isa.Op(1); op < isa.NumOps; op++ {
		specByName[isa.Specs[op].Name] = op
	}
}

// instruction assembles a mnemonic with its operand text.
func (u *unit) instruction(mn, rest string, off int) {
	ops := u.operands(rest, off)
	if p := pseudos[mn]; p != nil {
		p(u, mn, ops)
		return
	}
	base, aqrl := splitAqRl(mn)
	if op, ok := specByName[base]; ok {
		if aqrl != 0 && isa.Specs[op].Ext != isa.ExtA {
			u.errorf("unknown instruction %q", mn)
			return
		}
		if !u.a.hasExt(isa.Specs[op].Ext) {
			u.errorf("instruction %s needs extension %s, not in -march=%s", base, extNames[isa.Specs[op].Ext], u.a.march)
			return
		}
		u.generic(mn, op, aqrl, ops)
		return
	}
	if strings.HasPrefix(mn, "c.") {
		u.compressed(mn, ops)
		return
	}
	u.errorf("unknown instruction %q", mn)
}

// splitAqRl strips an atomic's ordering suffix: amoadd.w.aqrl is amoadd.w with
// aq and rl set.
func splitAqRl(mn string) (string, uint8) {
	switch {
	case strings.HasSuffix(mn, ".aqrl"):
		return mn[:len(mn)-5], 3
	case strings.HasSuffix(mn, ".aq"):
		return mn[:len(mn)-3], 2
	case strings.HasSuffix(mn, ".rl"):
		return mn[:len(mn)-3], 1
	}
	return mn, 0
}

// rmZero lists the instructions whose rounding mode defaults to rne (0)
// rather than dyn when omitted, as GNU as encodes them: conversions that are
// always exact.
var rmZero = map[isa.Op]bool{isa.FCVT_D_W: true, isa.FCVT_D_WU: true, isa.FCVT_D_S: true}

// regImm maps a register-register operation to its immediate form, for GNU
// as's aliases such as `add rd, rs1, 5` and `sll rd, rs1, 3`.
var regImm = map[isa.Op]isa.Op{
	isa.ADD: isa.ADDI, isa.AND: isa.ANDI, isa.OR: isa.ORI, isa.XOR: isa.XORI, isa.SLT: isa.SLTI,
	isa.SLTU: isa.SLTIU, isa.SLL: isa.SLLI, isa.SRL: isa.SRLI, isa.SRA: isa.SRAI, isa.ADDW: isa.ADDIW,
	isa.SLLW: isa.SLLIW, isa.SRLW: isa.SRLIW, isa.SRAW: isa.SRAIW,
	isa.CSRRW: isa.CSRRWI, isa.CSRRS: isa.CSRRSI, isa.CSRRC: isa.CSRRCI,
}

// generic parses operands in the order isa.Specs gives them.
func (u *unit) generic(mn string, op isa.Op, aqrl uint8, ops []opnd) {
	spec := &isa.Specs[op]
	if isLoadStore(op) && len(ops) >= 2 && !isMemory(ops[1].s) {
		u.loadStoreSymbol(mn, op, isa.Inst{}, ops)
		return
	}
	if imOp, ok := regImm[op]; ok && len(ops) == 3 && !isXReg(ops[2].s) && u.isConstant(ops[2]) {
		op, spec = imOp, &isa.Specs[imOp]
	}
	var args []isa.Arg
	hasRM := false
	for _, a := range spec.Args {
		switch a {
		case isa.ArgAqRl:
		case isa.ArgRM:
			// Exact conversions take no rounding mode in GNU as (rm = 0).
			hasRM = !rmZero[op]
		default:
			args = append(args, a)
		}
	}
	in := isa.Inst{Op: op, AqRl: aqrl}
	if hasRM {
		in.RM = 7
	}
	if hasRM && len(ops) == len(args)+1 {
		rm, ok := u.roundingMode(ops[len(ops)-1])
		if !ok {
			return
		}
		in.RM = rm
		ops = ops[:len(ops)-1]
	}
	if !u.wantOperands(mn, ops, len(args), argSyntax(spec.Args)) {
		return
	}
	var im imm
	hasImm := false
	ok := true
	for i, a := range args {
		o := ops[i]
		var good bool
		switch a {
		case isa.ArgRd:
			in.Rd, good = u.xreg(o)
		case isa.ArgRs1:
			in.Rs1, good = u.xreg(o)
		case isa.ArgRs2:
			in.Rs2, good = u.xreg(o)
		case isa.ArgFd:
			in.Rd, good = u.freg(o)
		case isa.ArgFs1:
			in.Rs1, good = u.freg(o)
		case isa.ArgFs2:
			in.Rs2, good = u.freg(o)
		case isa.ArgFs3:
			in.Rs3, good = u.freg(o)
		case isa.ArgImmI, isa.ArgShamt5, isa.ArgShamt6, isa.ArgZimm, isa.ArgUImm:
			u.immAt = u.at(o.off)
			im, good = u.immediate(o)
			hasImm = true
			if good && a == isa.ArgUImm && im.fix == fixNone {
				good = u.upper(o, im.n, &im)
			}
		case isa.ArgMemI, isa.ArgMemS:
			u.immAt = u.at(o.off)
			im, in.Rs1, good = u.memory(o)
			hasImm = true
		case isa.ArgAddr:
			var z imm
			z, in.Rs1, good = u.memory(o)
			if good && (z.fix != fixNone || z.n != 0) {
				u.opErr(o, "atomic memory operand must be (rs1) or 0(rs1)")
				good = false
			}
		case isa.ArgBranch, isa.ArgJump:
			u.immAt = u.at(o.off)
			im, good = u.immediate(o)
			hasImm = true
			if good && im.fix != fixNone {
				if im.fix != fixAbs {
					u.opErr(o, "relocation operator not allowed in a branch target")
					return
				}
				// A rvc-capable form (c.j, c.beqz) is decided by the pseudo-instructions.
				u.emitBranch(in, im.e, false)
				u.immAt = Pos{}
				return
			}
		case isa.ArgCSR:
			in.CSR, good = u.csr(o)
		case isa.ArgPred:
			var v int64
			v, good = u.fenceSet(o)
			in.Imm |= v << 4
		case isa.ArgSucc:
			var v int64
			v, good = u.fenceSet(o)
			in.Imm |= v
		}
		ok = ok && good
	}
	if !ok {
		return
	}
	if hasImm {
		in.Imm = im.n
	}
	u.emitInst(mn, in, im)
}

// upper checks a lui/auipc operand written as a number (0..0xfffff) and turns
// it into Inst.Imm's shifted form.
func (u *unit) upper(o opnd, v int64, im *imm) bool {
	if v < 0 || v > 0xfffff {
		u.opErr(o, "%s", rangeMsg("upper immediate", v, 0, 0xfffff))
		return false
	}
	im.n = int64(int32(uint32(v) << 12))
	return true
}

// emitInst emits one 32-bit instruction, compressed when GNU as would
// compress this mnemonic, or patched after layout when im has a fixup.
func (u *unit) emitInst(mn string, in isa.Inst, im imm) {
	defer func() { u.immAt = Pos{} }()
	if im.fix != fixNone {
		in.Imm = 0
		f, at := u.here()
		f.fix = append(f.fix, fixup{off: at, kind: im.fix, in: in, e: im.e, pos: u.pos})
		u.emitWord(0, 4)
		return
	}
	if u.rvc {
		if h, ok := u.compress(mn, in); ok {
			u.emitWord(uint32(h), 2)
			return
		}
	}
	w, err := isa.Encode(in)
	if err != nil {
		u.encodeError(in, err)
		return
	}
	u.emitWord(w, 4)
}

// encodeError reports an operand isa.Encode rejected, at the immediate
// operand when there is one.
func (u *unit) encodeError(in isa.Inst, err error) {
	var re *isa.RangeError
	if errors.As(err, &re) && u.immAt.File != "" {
		u.errorAt(u.immAt, "%s: %v", in.Op, err)
		return
	}
	u.errorf("%s: %v", in.Op, err)
}

// emitWord appends an instruction of n bytes and its line table row.
func (u *unit) emitWord(w uint32, n int) {
	f, at := u.here()
	f.rows = append(f.rows, row{at, u.linePos})
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], w)
	if u.cur.kind == secBss {
		u.errorf("instructions in %s, which holds no data", u.cur.name)
		return
	}
	f.data = append(f.data, b[:n]...)
}

// emitBranch emits a branch or jump to a symbol as a fragment whose length
// relaxation chooses (relax.go).
func (u *unit) emitBranch(in isa.Inst, target *expr, rvc bool) {
	pos := u.pos
	if u.immAt.File != "" {
		pos = u.immAt
	}
	f := &frag{kind: fragBranch, br: &branch{in: in, target: target, rvc: rvc && u.rvc, pos: pos}}
	f.rows = []row{{0, u.linePos}}
	if u.cur.kind == secBss {
		u.errorf("instructions in %s, which holds no data", u.cur.name)
		return
	}
	u.cur.addFrag(f)
}

func isLoadStore(op isa.Op) bool {
	return op >= isa.LB && op <= isa.SD || op == isa.FLW || op == isa.FSW || op == isa.FLD || op == isa.FSD
}
