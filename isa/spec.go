// Package isa is the one description of RISC-V instruction encodings in rvstop.
//
// The assembler (asm/) encodes from it, the hart (hart/) decodes with it, and the
// tests check it against GNU as and x/arch's riscv64asm. Each instruction is a Spec:
// its mnemonic, match/mask bits and the operand kinds that say where every field
// lives. Ops are dense small integers, so the hart can dispatch with a switch.
package isa

// Op names one base (32-bit) instruction. Compressed instructions decode to the Op
// of the base instruction they expand to, so the hart implements each operation once.
type Op uint16

// Ext is the ISA extension an instruction belongs to, as in -march strings.
type Ext uint8

const (
	ExtI Ext = iota
	ExtM
	ExtA
	ExtF
	ExtD
	ExtC
	ExtZicsr
	ExtZifencei
	ExtPriv // privileged architecture: mret, sret, wfi, sfence.vma
)

// Spec describes one 32-bit instruction encoding.
type Spec struct {
	Name        string // GNU as mnemonic, e.g. "amoadd.w"
	Match, Mask uint32 // inst&Mask == Match
	Args        []Arg  // operands in assembly order
	Ext         Ext
}

// Inst is a decoded instruction: operation and operand fields, in the shape the
// hart executes. Fields an Op does not use are zero.
type Inst struct {
	Op           Op
	Rd, Rs1, Rs2 uint8 // integer or FP register numbers, per the Op's Args
	Rs3          uint8 // R4-type FP fused multiply-add
	RM           uint8 // FP rounding mode (7 = dynamic)
	AqRl         uint8 // A extension ordering bits: aq<<1 | rl
	CSR          uint16
	Imm          int64 // sign-extended immediate, offset, shamt, zimm, or fence pred<<4|succ
	Len          uint8 // 2 (compressed) or 4
}

// Name returns the mnemonic of op.
func (op Op) String() string {
	if int(op) < len(Specs) && Specs[op].Name != "" {
		return Specs[op].Name
	}
	return "unknown"
}
