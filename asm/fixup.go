package asm

import (
	"encoding/binary"
	"fmt"

	"github.com/rvstop/rvstop/isa"
)

// Fixups: instruction and data fields patched once addresses are known.

// hi20 and lo12 split a value for lui/auipc + addi, rounding so the signed low
// part adds back.
func hi20(v int64) int64 { return int64(int32(uint32((v+0x800)>>12) << 12)) }

func lo12(v int64) int64 { return (v&0xfff ^ 0x800) - 0x800 }

func fitsHi(v int64) bool { return v >= -(1<<31)-0x800 && v < 1<<31-0x800 }

func (a *assembler) applyFixup(f *frag, fx *fixup, pcrelHi map[int64]int64) {
	pc := f.sec.addr + f.off + fx.off
	v, err := eval(fx.e, true)
	if err != nil {
		a.report(fx.pos, err.Error())
		return
	}
	val := v.n
	b := f.data[fx.off:]
	in := fx.in
	switch fx.kind {
	case fixData1, fixData2, fixData4, fixData8:
		size := map[fixKind]int{fixData1: 1, fixData2: 2, fixData4: 4, fixData8: 8}[fx.kind]
		if !fitsData(val, size) {
			a.report(fx.pos, fmt.Sprintf("value %#x does not fit in %d byte(s)", val, size))
			return
		}
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], uint64(val))
		copy(b[:size], buf[:size])
		return
	case fixAbs:
		in.Imm = val
		if in.Op == isa.LUI || in.Op == isa.AUIPC {
			if val < 0 || val > 0xfffff {
				a.report(fx.pos, rangeMsg("upper immediate", val, 0, 0xfffff))
				return
			}
			in.Imm = int64(int32(uint32(val) << 12))
		}
	case fixHi:
		if !fitsHi(val) {
			a.report(fx.pos, fmt.Sprintf("%%hi(%#x): the value does not fit in 32 signed bits (use la or lla)", val))
			return
		}
		in.Imm = hi20(val)
	case fixLo:
		in.Imm = lo12(val)
	case fixPcrelHi:
		d := val - pc
		if !fitsHi(d) {
			a.report(fx.pos, fmt.Sprintf("pc-relative offset %#x to the symbol is beyond ±2 GiB", d))
			return
		}
		pcrelHi[pc] = d
		in.Imm = hi20(d)
	case fixPairLo:
		in.Imm = lo12(val - (pc - 4))
	case fixPcrelLo:
		d, ok := pcrelHi[val]
		if !ok {
			a.report(fx.pos, fmt.Sprintf("%%pcrel_lo: no auipc with %%pcrel_hi at address %#x", val))
			return
		}
		in.Imm = lo12(d)
	case fixCBranch, fixCJump, fixCAbs:
		in.Imm = val
		if fx.kind != fixCAbs {
			in.Imm = val - pc
		} else if in.Op == isa.LUI {
			in.Imm = int64(int32(uint32(val) << 12))
		}
		h, err := isa.EncodeC(fx.cs, in)
		if err != nil {
			a.report(fx.pos, err.Error())
			return
		}
		binary.LittleEndian.PutUint16(b, h)
		return
	}
	w, err := isa.Encode(in)
	if err != nil {
		a.report(fx.pos, fmt.Sprintf("%s: %v", in.Op, err))
		return
	}
	binary.LittleEndian.PutUint32(b, w)
}
