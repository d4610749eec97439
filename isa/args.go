package isa

// Arg is an operand kind: where a field sits in the instruction word and how it
// is written in assembly. Composite kinds (ArgMemI, ArgMemS, ArgAddr) stand for the
// `offset(base)` and `(base)` syntax and fill two Inst fields.
type Arg uint8

const (
	ArgNone Arg = iota

	ArgRd  // x register, bits 11:7
	ArgRs1 // x register, bits 19:15
	ArgRs2 // x register, bits 24:20

	ArgFd  // f register, bits 11:7
	ArgFs1 // f register, bits 19:15
	ArgFs2 // f register, bits 24:20
	ArgFs3 // f register, bits 31:27

	ArgImmI   // signed 12-bit immediate, bits 31:20 (I-type)
	ArgMemI   // imm12(rs1): load address (I-type immediate + rs1)
	ArgMemS   // imm12(rs1): store address (S-type immediate + rs1)
	ArgAddr   // (rs1): atomic address, no offset
	ArgBranch // B-type pc-relative offset, ±4 KiB, even
	ArgJump   // J-type pc-relative offset, ±1 MiB, even
	ArgUImm   // U-type upper immediate, bits 31:12; Inst.Imm holds it shifted into place and sign-extended
	ArgShamt6 // 6-bit shift amount, bits 25:20 (RV64 slli/srli/srai)
	ArgShamt5 // 5-bit shift amount, bits 24:20 (W forms)
	ArgCSR    // CSR number, bits 31:20
	ArgZimm   // 5-bit unsigned immediate, bits 19:15 (csrr*i)
	ArgRM     // optional FP rounding mode, bits 14:12
	ArgPred   // fence predecessor set (iorw), bits 27:24
	ArgSucc   // fence successor set (iorw), bits 23:20
	ArgAqRl   // not written as an operand: the .aq/.rl suffix, bits 26:25
)

// A field maps immediate bits hi..lo to instruction bits starting at pos.
type field struct{ hi, lo, pos uint8 }

// An immediate layout: its fields, the sign bit (0: unsigned) and required alignment.
type immLayout struct {
	fields []field
	sign   uint8 // bit number of the sign bit; 0 means zero-extended
	align  int64
}

var (
	layoutI      = immLayout{fields: []field{{11, 0, 20}}, sign: 11, align: 1}
	layoutS      = immLayout{fields: []field{{11, 5, 25}, {4, 0, 7}}, sign: 11, align: 1}
	layoutB      = immLayout{fields: []field{{12, 12, 31}, {10, 5, 25}, {4, 1, 8}, {11, 11, 7}}, sign: 12, align: 2}
	layoutU      = immLayout{fields: []field{{31, 12, 12}}, sign: 31, align: 1 << 12}
	layoutJ      = immLayout{fields: []field{{20, 20, 31}, {10, 1, 21}, {11, 11, 20}, {19, 12, 12}}, sign: 20, align: 2}
	layoutShamt6 = immLayout{fields: []field{{5, 0, 20}}, align: 1}
	layoutShamt5 = immLayout{fields: []field{{4, 0, 20}}, align: 1}
	layoutCSR    = immLayout{fields: []field{{11, 0, 20}}, align: 1}
	layoutZimm   = immLayout{fields: []field{{4, 0, 15}}, align: 1}
	layoutPred   = immLayout{fields: []field{{3, 0, 24}}, align: 1}
	layoutSucc   = immLayout{fields: []field{{3, 0, 20}}, align: 1}
)

// gather extracts an immediate from an instruction word.
func (l immLayout) gather(w uint32) int64 {
	var v uint64
	for _, f := range l.fields {
		n := f.hi - f.lo + 1
		bits := uint64(w>>f.pos) & (1<<n - 1)
		v |= bits << f.lo
	}
	if l.sign != 0 && v>>l.sign&1 != 0 {
		v |= ^uint64(0) << l.sign
	}
	return int64(v)
}

// scatter places an immediate into instruction bits; the caller has checked range.
func (l immLayout) scatter(v int64) uint32 {
	var w uint32
	for _, f := range l.fields {
		n := f.hi - f.lo + 1
		bits := uint32(uint64(v)>>f.lo) & (1<<n - 1)
		w |= bits << f.pos
	}
	return w
}

// bounds returns the representable range of a layout.
func (l immLayout) bounds() (lo, hi int64) {
	top := uint8(0)
	for _, f := range l.fields {
		top = max(top, f.hi)
	}
	if l.sign != 0 {
		return -(1 << l.sign), 1<<l.sign - 1
	}
	return 0, 1<<(top+1) - 1
}

// fits reports whether v is representable and aligned.
func (l immLayout) fits(v int64) bool {
	lo, hi := l.bounds()
	return v >= lo && v <= hi && v%l.align == 0
}
