package asm

import (
	"encoding/binary"
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/isa"
	"golang.org/x/arch/riscv64/riscv64asm"
)

// DisassembleInst renders one instruction (raw holds 16 significant bits for a
// compressed one) as GNU objdump spells it, with ABI register names and
// branch and jump targets as absolute addresses: the text traces show.
func DisassembleInst(raw uint32, pc uint64) string {
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], raw)
	n := 4
	if raw&3 != 3 {
		n = 2
	}
	inst, err := riscv64asm.Decode(b[:n])
	if err != nil {
		// x/arch has no privileged instructions; our own table does.
		if in, ok := isa.Decode(raw); ok && isa.Specs[in.Op].Ext == isa.ExtPriv {
			switch {
			case in.Op != isa.SFENCE_VMA || in.Rs1 == 0 && in.Rs2 == 0:
			case in.Rs2 == 0:
				return "sfence.vma " + isa.XNames[in.Rs1]
			default:
				return fmt.Sprintf("sfence.vma %s,%s", isa.XNames[in.Rs1], isa.XNames[in.Rs2])
			}
			return in.Op.String()
		}
		if n == 2 {
			return fmt.Sprintf(".2byte 0x%04x", raw&0xffff)
		}
		return fmt.Sprintf(".4byte 0x%08x", raw)
	}
	op, args, _ := strings.Cut(riscv64asm.GNUSyntax(inst), " ")
	args = abiNames(args)
	if target, ok := pcTarget(inst, pc); ok {
		parts := strings.Split(args, ",")
		parts[len(parts)-1] = fmt.Sprintf("0x%x", target)
		args = strings.Join(parts, ",")
	}
	if args == "" {
		return op
	}
	return op + " " + args
}

// pcTarget returns the destination of a pc-relative branch or jump.
func pcTarget(inst riscv64asm.Inst, pc uint64) (uint64, bool) {
	switch inst.Op {
	case riscv64asm.JAL, riscv64asm.BEQ, riscv64asm.BNE, riscv64asm.BLT, riscv64asm.BGE, riscv64asm.BLTU, riscv64asm.BGEU,
		riscv64asm.C_J, riscv64asm.C_BEQZ, riscv64asm.C_BNEZ:
		for i := len(inst.Args) - 1; i >= 0; i-- {
			if imm, ok := inst.Args[i].(riscv64asm.Simm); ok {
				return pc + uint64(int64(imm.Imm)), true
			}
		}
	}
	return 0, false
}
