package isa

import "fmt"

// A RangeError says an operand does not fit its field; the assembler adds the
// source position.
type RangeError struct {
	What   string // "immediate", "branch offset", ...
	Value  int64
	Lo, Hi int64
	Align  int64
}

func (e *RangeError) Error() string {
	if e.Value >= e.Lo && e.Value <= e.Hi && e.Align > 1 {
		return fmt.Sprintf("%s %d is not a multiple of %d", e.What, e.Value, e.Align)
	}
	return fmt.Sprintf("%s %d out of range [%d, %d]", e.What, e.Value, e.Lo, e.Hi)
}

func place(l immLayout, what string, v int64) (uint32, error) {
	if !l.fits(v) {
		lo, hi := l.bounds()
		return 0, &RangeError{what, v, lo, hi, l.align}
	}
	return l.scatter(v), nil
}

// Encode encodes a base (32-bit) instruction.
func Encode(in Inst) (uint32, error) {
	if in.Op == ILLEGAL || in.Op >= NumOps {
		return 0, fmt.Errorf("cannot encode op %d", in.Op)
	}
	s := &Specs[in.Op]
	w := s.Match
	for _, a := range s.Args {
		bits, err := encodeArg(a, in)
		if err != nil {
			return 0, err
		}
		w |= bits
	}
	return w, nil
}

func encodeArg(a Arg, in Inst) (uint32, error) {
	if in.Rd > 31 || in.Rs1 > 31 || in.Rs2 > 31 || in.Rs3 > 31 {
		return 0, fmt.Errorf("register number out of range")
	}
	rd, rs1, rs2 := uint32(in.Rd)<<7, uint32(in.Rs1)<<15, uint32(in.Rs2)<<20
	switch a {
	case ArgRd, ArgFd:
		return rd, nil
	case ArgRs1, ArgFs1, ArgAddr:
		return rs1, nil
	case ArgRs2, ArgFs2:
		return rs2, nil
	case ArgFs3:
		return uint32(in.Rs3) << 27, nil
	case ArgImmI:
		return place(layoutI, "immediate", in.Imm)
	case ArgMemI:
		w, err := place(layoutI, "offset", in.Imm)
		return w | rs1, err
	case ArgMemS:
		w, err := place(layoutS, "offset", in.Imm)
		return w | rs1, err
	case ArgBranch:
		return place(layoutB, "branch offset", in.Imm)
	case ArgJump:
		return place(layoutJ, "jump offset", in.Imm)
	case ArgUImm:
		return place(layoutU, "upper immediate", in.Imm)
	case ArgShamt6:
		return place(layoutShamt6, "shift amount", in.Imm)
	case ArgShamt5:
		return place(layoutShamt5, "shift amount", in.Imm)
	case ArgCSR:
		return place(layoutCSR, "CSR number", int64(in.CSR))
	case ArgZimm:
		return place(layoutZimm, "immediate", in.Imm)
	case ArgRM:
		if in.RM > 7 || in.RM == 5 || in.RM == 6 {
			return 0, fmt.Errorf("invalid rounding mode %d", in.RM)
		}
		return uint32(in.RM) << 12, nil
	case ArgPred:
		return place(layoutPred, "fence predecessor set", in.Imm>>4&0xf)
	case ArgSucc:
		return place(layoutSucc, "fence successor set", in.Imm&0xf)
	case ArgAqRl:
		return uint32(in.AqRl&3) << 25, nil
	}
	return 0, fmt.Errorf("unknown operand kind %d", a)
}

// EncodeC encodes in as the compressed instruction c, after filling in the
// register fields c implies. It fails if an operand does not fit the form.
func EncodeC(c *CSpec, in Inst) (uint16, error) {
	in.Op = c.Base
	applyFix(&in, c.Fix)
	w := uint32(c.Match)
	for _, a := range c.Args {
		bits, err := encodeCArg(a, in)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", c.Name, err)
		}
		w |= bits
	}
	return uint16(w), nil
}

var errNotX0 = fmt.Errorf("register x0 not allowed here")

func creg(r uint8, what string) (uint32, error) {
	if r < 8 || r > 15 {
		return 0, fmt.Errorf("%s must be one of x8..x15 (s0, s1, a0..a5), got x%d", what, r)
	}
	return uint32(r - 8), nil
}

func nonzero(v int64, what string) error {
	if v == 0 {
		return fmt.Errorf("%s must not be zero", what)
	}
	return nil
}

func encodeCArg(a CArg, in Inst) (uint32, error) {
	if in.Rd > 31 || in.Rs1 > 31 || in.Rs2 > 31 {
		return 0, fmt.Errorf("register number out of range")
	}
	rd, rs1, rs2 := uint32(in.Rd), uint32(in.Rs1), uint32(in.Rs2)
	switch a {
	case CRd, CFd:
		return rd << 7, nil
	case CRdNZ, CRdH:
		if rd == 0 {
			return 0, errNotX0
		}
		return rd << 7, nil
	case CRdRs1, CRdRs1NZ, CRdRs1H:
		if rd != rs1 {
			return 0, fmt.Errorf("destination and first source must be the same register")
		}
		if rd == 0 && a != CRdRs1 {
			return 0, errNotX0
		}
		return rd << 7, nil
	case CRdNot02:
		if rd == 0 || rd == 2 {
			return 0, fmt.Errorf("destination must not be x0 or sp")
		}
		return rd << 7, nil
	case CRs1NZ:
		if rs1 == 0 {
			return 0, errNotX0
		}
		return rs1 << 7, nil
	case CRs2, CFs2:
		return rs2 << 2, nil
	case CRs2NZ:
		if rs2 == 0 {
			return 0, errNotX0
		}
		return rs2 << 2, nil
	case CRdP, CFdP:
		r, err := creg(in.Rd, "destination")
		return r << 2, err
	case CRs2P, CFs2P:
		r, err := creg(in.Rs2, "source")
		return r << 2, err
	case CRs1P:
		r, err := creg(in.Rs1, "source")
		return r << 7, err
	case CRdRs1P:
		if rd != rs1 {
			return 0, fmt.Errorf("destination and first source must be the same register")
		}
		r, err := creg(in.Rd, "destination")
		return r << 7, err
	case CSP:
		return 0, nil
	case CImm6:
		return place(cLayoutImm6, "immediate", in.Imm)
	case CNzImm6:
		if err := nonzero(in.Imm, "immediate"); err != nil {
			return 0, err
		}
		return place(cLayoutImm6, "immediate", in.Imm)
	case CShamt:
		if err := nonzero(in.Imm, "shift amount"); err != nil {
			return 0, err
		}
		return place(cLayoutShamt, "shift amount", in.Imm)
	case CLuiImm:
		if err := nonzero(in.Imm, "immediate"); err != nil {
			return 0, err
		}
		return place(cLayoutLui, "upper immediate", in.Imm)
	case CAddi16sp:
		if err := nonzero(in.Imm, "immediate"); err != nil {
			return 0, err
		}
		return place(cLayoutAddi16sp, "immediate", in.Imm)
	case CAddi4spn:
		if err := nonzero(in.Imm, "immediate"); err != nil {
			return 0, err
		}
		return place(cLayoutAddi4spn, "immediate", in.Imm)
	case CBranch:
		return place(cLayoutBranch, "branch offset", in.Imm)
	case CJump:
		return place(cLayoutJump, "jump offset", in.Imm)
	case CMemW, CMemD:
		l := cLayoutMemW
		if a == CMemD {
			l = cLayoutMemD
		}
		r, err := creg(in.Rs1, "base")
		if err != nil {
			return 0, err
		}
		w, err := place(l, "offset", in.Imm)
		return w | r<<7, err
	case CMemWSP:
		return place(cLayoutMemWSP, "offset", in.Imm)
	case CMemDSP:
		return place(cLayoutMemDSP, "offset", in.Imm)
	case CStWSP:
		return place(cLayoutStWSP, "offset", in.Imm)
	case CStDSP:
		return place(cLayoutStDSP, "offset", in.Imm)
	}
	return 0, fmt.Errorf("unknown compressed operand kind %d", a)
}
