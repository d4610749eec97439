package hart

import (
	"math"
	"math/bits"

	"github.com/rvstop/rvstop/isa"
)

// execM executes the M extension (unprivileged spec chapter 13). Division by
// zero and overflow never trap: they give the results of table 13.1.
func (h *Hart) execM(in *isa.Inst) {
	x := &h.x
	a, b := x[in.Rs1&31], x[in.Rs2&31]
	var r uint64
	switch in.Op {
	case isa.MUL:
		r = a * b
	case isa.MULH:
		r = mulh(a, b)
	case isa.MULHSU:
		hi, _ := bits.Mul64(a, b)
		if int64(a) < 0 {
			hi -= b
		}
		r = hi
	case isa.MULHU:
		r, _ = bits.Mul64(a, b)
	case isa.DIV:
		switch {
		case b == 0:
			r = math.MaxUint64
		case int64(a) == math.MinInt64 && int64(b) == -1:
			r = a
		default:
			r = uint64(int64(a) / int64(b))
		}
	case isa.DIVU:
		if b == 0 {
			r = math.MaxUint64
		} else {
			r = a / b
		}
	case isa.REM:
		switch {
		case b == 0:
			r = a
		case int64(a) == math.MinInt64 && int64(b) == -1:
			r = 0
		default:
			r = uint64(int64(a) % int64(b))
		}
	case isa.REMU:
		if b == 0 {
			r = a
		} else {
			r = a % b
		}
	case isa.MULW:
		r = sext32(a * b)
	case isa.DIVW:
		a, b := int32(a), int32(b)
		switch {
		case b == 0:
			r = math.MaxUint64
		case a == math.MinInt32 && b == -1:
			r = uint64(int64(a))
		default:
			r = uint64(int64(a / b))
		}
	case isa.DIVUW:
		a, b := uint32(a), uint32(b)
		if b == 0 {
			r = math.MaxUint64
		} else {
			r = sext32(uint64(a / b))
		}
	case isa.REMW:
		a, b := int32(a), int32(b)
		switch {
		case b == 0:
			r = uint64(int64(a))
		case a == math.MinInt32 && b == -1:
			r = 0
		default:
			r = uint64(int64(a % b))
		}
	case isa.REMUW:
		a, b := uint32(a), uint32(b)
		if b == 0 {
			r = sext32(uint64(a))
		} else {
			r = sext32(uint64(a % b))
		}
	}
	x[in.Rd&31] = r
}

// mulh is the high half of the signed 128-bit product: the unsigned product
// corrected by subtracting each operand where the other is negative.
func mulh(a, b uint64) uint64 {
	hi, _ := bits.Mul64(a, b)
	if int64(a) < 0 {
		hi -= b
	}
	if int64(b) < 0 {
		hi -= a
	}
	return hi
}
