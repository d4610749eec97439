package asm

import "github.com/rvstop/rvstop/isa"

// Automatic compression, as GNU as does it: not every instruction that has a
// compressed equivalent gets it, only those written with a mnemonic whose
// opcode-table entries list compressed aliases (binutils opcodes/riscv-opc.c),
// tried in the table's order. So `mv a0, a1` and `addi a0, a1, 0` become c.mv
// while `jalr ra, 0(a0)` stays 32-bit, and `add a0, a1, a0` becomes c.add a0, a1.
// The encodings themselves come from isa.CSpecs; this is only GNU's policy.
//
// A name with a suffix is a rewritten form:
//
//	c.mv'   addi rd, rs1, 0     as c.mv rd, rs1 (add rd, x0, rs1)
//	c.X'    op rd, rs1, rd      as c.X rd, rs1 with the sources swapped (commutative ops)
var cAliases = map[string][]string{
	"ebreak": {"c.ebreak"}, "sbreak": {"c.ebreak"},
	"ret": {"c.jr"}, "jr": {"c.jr"}, "jalr": {"c.jalr"},
	"nop": {"c.nop"}, "lui": {"c.lui"},
	"mv": {"c.mv'"}, "move": {"c.mv'"},
	"andi": {"c.andi"},
	"and":  {"c.and", "c.and'", "c.andi"},
	"addi": {"c.addi4spn", "c.addi", "c.nop", "c.addi16sp", "c.li", "c.mv'"},
	"add":  {"c.add", "c.add'", "c.addi", "c.addi4spn", "c.addi16sp", "c.mv"},
	"slli": {"c.slli"}, "sll": {"c.slli"},
	"srli": {"c.srli"}, "srl": {"c.srli"},
	"srai": {"c.srai"}, "sra": {"c.srai"},
	"sub": {"c.sub"},
	"lw":  {"c.lwsp", "c.lw"}, "ld": {"c.ldsp", "c.ld"},
	"sw": {"c.swsp", "c.sw"}, "sd": {"c.sdsp", "c.sd"},
	"or":     {"c.or", "c.or'"},
	"xor":    {"c.xor", "c.xor'"},
	"sext.w": {"c.addiw"}, "addiw": {"c.addiw"},
	"addw": {"c.addw", "c.addw'", "c.addiw"},
	"subw": {"c.subw"},
	"fld":  {"c.fldsp", "c.fld"}, "fsd": {"c.fsdsp", "c.fsd"},
	// Branches to a number (an offset); to a symbol, relax.go decides.
	"j": {"c.j"}, "beqz": {"c.beqz"}, "bnez": {"c.bnez"}, "beq": {"c.beqz"}, "bne": {"c.bnez"},
}

var cSpecByName = map[string]*isa.CSpec{}

func init() {
	for i := range isa.CSpecs {
		cSpecByName[isa.CSpecs[i].Name] = &isa.CSpecs[i]
	}
}

// compress returns the compressed encoding GNU as picks for in written as mn.
func (u *unit) compress(mn string, in isa.Inst) (uint16, bool) {
	for _, name := range cAliases[mn] {
		if h, ok := u.tryC(name, in); ok {
			return h, true
		}
	}
	return 0, false
}

// tryC encodes in as one compressed form, if that form means exactly in.
func (u *unit) tryC(name string, in isa.Inst) (uint16, bool) {
	n := len(name)
	if name[n-1] == '\'' {
		name = name[:n-1]
		if name == "c.mv" {
			if in.Op != isa.ADDI || in.Imm != 0 {
				return 0, false
			}
			in = isa.Inst{Op: isa.ADD, Rd: in.Rd, Rs2: in.Rs1}
		} else {
			in.Rs1, in.Rs2 = in.Rs2, in.Rs1
		}
	}
	c := cSpecByName[name]
	// C itself is on when u.rvc is (from -march or .option rvc); the FP forms
	// also need their extension.
	if c == nil || c.Base != in.Op || c.Ext != isa.ExtC && !u.a.hasExt(c.Ext) {
		return 0, false
	}
	// Cheap rejections first: registers the form fixes, and rd = rs1 for the
	// two-address forms (most candidates fail here, before encoding).
	if c.Fix.Rd >= 0 && in.Rd != uint8(c.Fix.Rd) || c.Fix.Rs1 >= 0 && in.Rs1 != uint8(c.Fix.Rs1) ||
		c.Fix.Rs2 >= 0 && in.Rs2 != uint8(c.Fix.Rs2) {
		return 0, false
	}
	p := func(r uint8) bool { return r >= 8 && r <= 15 }
	for _, a := range c.Args {
		switch a {
		case isa.CRdRs1, isa.CRdRs1NZ, isa.CRdRs1H:
			if in.Rd != in.Rs1 {
				return 0, false
			}
		case isa.CRdRs1P:
			if in.Rd != in.Rs1 || !p(in.Rd) {
				return 0, false
			}
		case isa.CRdP, isa.CFdP:
			if !p(in.Rd) {
				return 0, false
			}
		case isa.CRs2P, isa.CFs2P:
			if !p(in.Rs2) {
				return 0, false
			}
		case isa.CRs1P, isa.CMemW, isa.CMemD:
			if !p(in.Rs1) {
				return 0, false
			}
		}
	}
	h, err := isa.EncodeC(c, in)
	if err != nil {
		return 0, false
	}
	want := in
	want.Len = 2
	if got, ok := isa.DecodeC(h); !ok || got != want {
		return 0, false
	}
	return h, true
}
