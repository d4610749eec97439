package isa

// ABI register names (psABI), index = register number.
var (
	XNames = [32]string{"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
		"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
		"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
		"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"}
	FNames = [32]string{"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7",
		"fs0", "fs1", "fa0", "fa1", "fa2", "fa3", "fa4", "fa5",
		"fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7",
		"fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"}
)

var xRegs, fRegs = map[string]uint8{"fp": 8}, map[string]uint8{}

func init() {
	for i := range 32 {
		xRegs[XNames[i]] = uint8(i)
		xRegs["x"+itoa(i)] = uint8(i)
		fRegs[FNames[i]] = uint8(i)
		fRegs["f"+itoa(i)] = uint8(i)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return string(rune('0'+i/10)) + string(rune('0'+i%10))
}

// XReg parses an integer register name (x5, t0, fp).
func XReg(name string) (uint8, bool) { r, ok := xRegs[name]; return r, ok }

// FReg parses a floating-point register name (f10, fa0).
func FReg(name string) (uint8, bool) { r, ok := fRegs[name]; return r, ok }
