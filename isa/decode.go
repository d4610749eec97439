package isa

import "fmt"

// The decoder looks candidates up by major opcode (bits 6:0) for 32-bit words and
// by quadrant and funct3 (bits 1:0 and 15:13) for compressed ones, then takes the
// first whose mask matches. Decoding is the slow path: the hart caches its results.
var (
	byOpcode  [128][]Op
	byCOpcode [32][]int // index into CSpecs
)

func init() {
	for op := Op(1); op < NumOps; op++ {
		s := &Specs[op]
		if s.Mask&0x7f != 0x7f {
			panic(fmt.Sprintf("isa: %s: mask does not fix the major opcode", s.Name))
		}
		byOpcode[s.Match&0x7f] = append(byOpcode[s.Match&0x7f], op)
	}
	for i, c := range CSpecs {
		if c.Mask&0xe003 != 0xe003 {
			panic(fmt.Sprintf("isa: %s: mask does not fix quadrant and funct3", c.Name))
		}
		k := cIndex(uint32(c.Match))
		byCOpcode[k] = append(byCOpcode[k], i)
	}
}

func cIndex(w uint32) int { return int(w>>13&7)<<2 | int(w&3) }

// Decode decodes the instruction whose low bits are w. If w&3 != 3 only the low
// 16 bits are used (a compressed instruction). ok is false for an illegal or
// reserved encoding.
func Decode(w uint32) (in Inst, ok bool) {
	if w&3 != 3 {
		return DecodeC(uint16(w))
	}
	for _, op := range byOpcode[w&0x7f] {
		s := &Specs[op]
		if w&s.Mask == s.Match {
			in = Inst{Op: op, Len: 4}
			for _, a := range s.Args {
				decodeArg(&in, a, w)
			}
			return in, true
		}
	}
	return Inst{Len: 4}, false
}

func decodeArg(in *Inst, a Arg, w uint32) {
	rd, rs1, rs2 := uint8(w>>7&31), uint8(w>>15&31), uint8(w>>20&31)
	switch a {
	case ArgRd, ArgFd:
		in.Rd = rd
	case ArgRs1, ArgFs1:
		in.Rs1 = rs1
	case ArgRs2, ArgFs2:
		in.Rs2 = rs2
	case ArgFs3:
		in.Rs3 = uint8(w >> 27)
	case ArgImmI:
		in.Imm = layoutI.gather(w)
	case ArgMemI:
		in.Imm, in.Rs1 = layoutI.gather(w), rs1
	case ArgMemS:
		in.Imm, in.Rs1 = layoutS.gather(w), rs1
	case ArgAddr:
		in.Rs1 = rs1
	case ArgBranch:
		in.Imm = layoutB.gather(w)
	case ArgJump:
		in.Imm = layoutJ.gather(w)
	case ArgUImm:
		in.Imm = layoutU.gather(w)
	case ArgShamt6:
		in.Imm = layoutShamt6.gather(w)
	case ArgShamt5:
		in.Imm = layoutShamt5.gather(w)
	case ArgCSR:
		in.CSR = uint16(w >> 20)
	case ArgZimm:
		in.Imm = layoutZimm.gather(w)
	case ArgRM:
		in.RM = uint8(w >> 12 & 7)
	case ArgPred:
		in.Imm |= layoutPred.gather(w) << 4
	case ArgSucc:
		in.Imm |= layoutSucc.gather(w)
	case ArgAqRl:
		in.AqRl = uint8(w >> 25 & 3)
	}
}

// DecodeC decodes a 16-bit compressed instruction into the base instruction it
// expands to (Len 2). ok is false for illegal and reserved encodings; HINTs
// decode to their no-op expansion (a write to x0).
func DecodeC(h uint16) (in Inst, ok bool) {
	w := uint32(h)
	for _, i := range byCOpcode[cIndex(w)] {
		c := &CSpecs[i]
		if h&c.Mask != c.Match {
			continue
		}
		in = Inst{Op: c.Base, Len: 2}
		valid := true
		for _, a := range c.Args {
			valid = decodeCArg(&in, a, w) && valid
		}
		if !valid {
			// A reserved encoding of this form; a later entry cannot claim it
			// either (entries overlap only in the special cases listed first).
			return Inst{Len: 2}, false
		}
		applyFix(&in, c.Fix)
		return in, true
	}
	return Inst{Len: 2}, false
}

func applyFix(in *Inst, f Fix) {
	if f.Rd >= 0 {
		in.Rd = uint8(f.Rd)
	}
	if f.Rs1 >= 0 {
		in.Rs1 = uint8(f.Rs1)
	}
	if f.Rs2 >= 0 {
		in.Rs2 = uint8(f.Rs2)
	}
}

// decodeCArg fills the base-instruction fields for one compressed operand and
// reports whether the field's value is allowed (not a reserved encoding).
func decodeCArg(in *Inst, a CArg, w uint32) bool {
	r := uint8(w >> 7 & 31)  // bits 11:7
	r2 := uint8(w >> 2 & 31) // bits 6:2
	rp := uint8(w>>2&7) + 8  // bits 4:2
	r1p := uint8(w>>7&7) + 8 // bits 9:7
	switch a {
	case CRd, CRdH, CFd:
		in.Rd = r
	case CRdNZ:
		in.Rd = r
		return r != 0
	case CRdRs1, CRdRs1H:
		in.Rd, in.Rs1 = r, r
	case CRdRs1NZ:
		in.Rd, in.Rs1 = r, r
		return r != 0
	case CRdNot02:
		in.Rd = r // x2 never gets here: c.addi16sp is matched first
	case CRs2NZ:
		in.Rs2 = r2 // x0 never gets here: c.jr, c.jalr and c.ebreak match first
	case CRs1NZ:
		in.Rs1 = r
		return r != 0
	case CRs2, CFs2:
		in.Rs2 = r2
	case CRdP, CFdP:
		in.Rd = rp
	case CRs2P, CFs2P:
		in.Rs2 = rp
	case CRs1P:
		in.Rs1 = r1p
	case CRdRs1P:
		in.Rd, in.Rs1 = r1p, r1p
	case CSP:
		// Implied by Fix.
	case CImm6:
		in.Imm = cLayoutImm6.gather(w)
	case CNzImm6:
		// c.addi with a zero immediate is a HINT, not reserved.
		in.Imm = cLayoutImm6.gather(w)
	case CShamt:
		// A zero shift amount is a HINT on RV64.
		in.Imm = cLayoutShamt.gather(w)
	case CLuiImm:
		in.Imm = cLayoutLui.gather(w)
		return in.Imm != 0
	case CAddi16sp:
		in.Imm = cLayoutAddi16sp.gather(w)
		return in.Imm != 0
	case CAddi4spn:
		in.Imm = cLayoutAddi4spn.gather(w)
		return in.Imm != 0
	case CBranch:
		in.Imm = cLayoutBranch.gather(w)
	case CJump:
		in.Imm = cLayoutJump.gather(w)
	case CMemW:
		in.Imm, in.Rs1 = cLayoutMemW.gather(w), r1p
	case CMemD:
		in.Imm, in.Rs1 = cLayoutMemD.gather(w), r1p
	case CMemWSP:
		in.Imm = cLayoutMemWSP.gather(w)
	case CMemDSP:
		in.Imm = cLayoutMemDSP.gather(w)
	case CStWSP:
		in.Imm = cLayoutStWSP.gather(w)
	case CStDSP:
		in.Imm = cLayoutStDSP.gather(w)
	}
	return true
}
