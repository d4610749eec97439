package asm

import (
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// compressed assembles an explicit c.* instruction, with operands in the
// order isa.CSpecs lists them.
func (u *unit) compressed(mn string, ops []opnd) {
	if mn == "c.unimp" {
		if u.wantOperands(mn, ops, 0, "") {
			u.emitWord(0, 2)
		}
		return
	}
	c := cSpecByName[mn]
	if c == nil {
		u.errorf("unknown instruction %q", mn)
		return
	}
	if !u.rvc || c.Ext != isa.ExtC && !u.a.hasExt(c.Ext) {
		u.errorf("instruction %s needs the C extension (-march with c, or .option rvc)", mn)
		return
	}
	if !u.wantOperands(mn, ops, len(c.Args), cSyntax(c)) {
		return
	}
	in := isa.Inst{Op: c.Base}
	var im imm
	ok := true
	for i, a := range c.Args {
		o := ops[i]
		good := true
		switch a {
		case isa.CRd, isa.CRdNZ, isa.CRdH, isa.CRdNot02, isa.CRdP:
			in.Rd, good = u.xreg(o)
		case isa.CRdRs1, isa.CRdRs1NZ, isa.CRdRs1H, isa.CRdRs1P:
			in.Rd, good = u.xreg(o)
			in.Rs1 = in.Rd
		case isa.CRs1NZ, isa.CRs1P:
			in.Rs1, good = u.xreg(o)
		case isa.CRs2, isa.CRs2NZ, isa.CRs2P:
			in.Rs2, good = u.xreg(o)
		case isa.CFd, isa.CFdP:
			in.Rd, good = u.freg(o)
		case isa.CFs2, isa.CFs2P:
			in.Rs2, good = u.freg(o)
		case isa.CSP:
			if r, _ := isa.XReg(strings.ToLower(o.s)); r != 2 || !isXReg(o.s) {
				u.opErr(o, "%s: operand must be sp, got %q", mn, o.s)
				good = false
			}
		case isa.CImm6, isa.CNzImm6, isa.CShamt, isa.CAddi16sp, isa.CAddi4spn, isa.CBranch, isa.CJump:
			im, good = u.immediate(o)
		case isa.CLuiImm:
			im, good = u.immediate(o)
			if good && im.fix == fixNone {
				good = u.upper(o, im.n, &im)
			}
		case isa.CMemW, isa.CMemD, isa.CMemWSP, isa.CMemDSP, isa.CStWSP, isa.CStDSP:
			var base uint8
			im, base, good = u.memory(o)
			in.Rs1 = base
			if good && a != isa.CMemW && a != isa.CMemD && base != 2 {
				u.opErr(o, "%s: base register must be sp", mn)
				good = false
			}
		}
		ok = ok && good
	}
	if !ok {
		return
	}
	if im.fix != fixNone {
		kind := fixCAbs
		switch {
		case im.fix == fixAbs && c.Name == "c.j":
			kind = fixCJump
		case im.fix == fixAbs && (c.Name == "c.beqz" || c.Name == "c.bnez"):
			kind = fixCBranch
		case im.fix != fixAbs:
			u.errorf("%s: relocation operators are not allowed in compressed instructions", mn)
			return
		}
		f, at := u.here()
		f.fix = append(f.fix, fixup{off: at, kind: kind, in: in, cs: c, e: im.e, pos: u.pos})
		u.emitWord(0, 2)
		return
	}
	in.Imm = im.n
	h, err := isa.EncodeC(c, in)
	if err != nil {
		u.errorf("%v", err)
		return
	}
	u.emitWord(uint32(h), 2)
}

func cSyntax(c *isa.CSpec) string {
	var parts []string
	for _, a := range c.Args {
		switch a {
		case isa.CSP:
			parts = append(parts, "sp")
		case isa.CMemW, isa.CMemD:
			parts = append(parts, "offset(rs1')")
		case isa.CMemWSP, isa.CMemDSP, isa.CStWSP, isa.CStDSP:
			parts = append(parts, "offset(sp)")
		case isa.CImm6, isa.CNzImm6, isa.CShamt, isa.CAddi16sp, isa.CAddi4spn, isa.CLuiImm:
			parts = append(parts, "imm")
		case isa.CBranch, isa.CJump:
			parts = append(parts, "label")
		case isa.CFd, isa.CFdP, isa.CFs2, isa.CFs2P:
			parts = append(parts, "freg")
		default:
			parts = append(parts, "reg")
		}
	}
	return strings.Join(parts, ", ")
}
