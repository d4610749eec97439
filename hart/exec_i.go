package hart

import (
	"unsafe"

	"github.com/rvstop/rvstop/isa"
)

// interpret is the interpreter loop: it executes up to budget instructions
// and returns how many it used, or returns early when h.event is set (Run
// handles interrupts and stops between calls). The RV64I arms are inline in
// its switch, because they are most of what runs and a Go call costs every
// live register; other extensions live in their own files. An arm that traps
// continues the loop at the handler, so the instruction does not retire: x0,
// instret and pc are only updated at the bottom.
func (h *Hart) interpret(budget uint64) (n uint64) {
	x := &h.x
	pc := h.pc
	// retired counts this call's retired instructions; h.instret is brought
	// up to date before anything that can read it (the other extensions'
	// arms, which include the CSR instructions) and on the way out.
	retired := uint64(0)
	for n < budget && !h.event {
		n++
		var e *icEntry
		// The decode-cache hit path of fetch, inline; see fetch.
		if off := pc - h.ramBase; off < h.lim4 {
			raw := *(*uint32)(unsafe.Add(h.ramPtr, off))
			e = &h.icache[pc>>1&(icacheSize-1)]
			if e.raw != raw {
				e = h.fetch(pc)
			}
		} else {
			e = h.fetch(pc)
		}
		if e == nil {
			pc = h.pc // instruction access fault taken
			continue
		}
		in := &e.inst
		next := pc + uint64(in.Len)
		rd, rs1, rs2 := in.Rd&31, in.Rs1&31, in.Rs2&31
		imm := uint64(in.Imm)
		switch in.Op {
		case isa.LUI:
			x[rd] = imm
		case isa.AUIPC:
			x[rd] = pc + imm
		case isa.JAL:
			x[rd], next = next, pc+imm
		case isa.JALR:
			// Targets are always 2-byte aligned (C is present, bit 0 cleared), so
			// no instruction-address-misaligned exception exists here.
			x[rd], next = next, (x[rs1]+imm)&^1

		case isa.BEQ:
			if x[rs1] == x[rs2] {
				next = pc + imm
			}
		case isa.BNE:
			if x[rs1] != x[rs2] {
				next = pc + imm
			}
		case isa.BLT:
			if int64(x[rs1]) < int64(x[rs2]) {
				next = pc + imm
			}
		case isa.BGE:
			if int64(x[rs1]) >= int64(x[rs2]) {
				next = pc + imm
			}
		case isa.BLTU:
			if x[rs1] < x[rs2] {
				next = pc + imm
			}
		case isa.BGEU:
			if x[rs1] >= x[rs2] {
				next = pc + imm
			}

		case isa.LB:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim1, h.amask1); p != nil {
				x[rd] = uint64(int8(*(*uint8)(p)))
			} else if v, ok := h.loadSlowTrap(a, 1, pc); ok {
				x[rd] = uint64(int8(uint8(v)))
			} else {
				pc = h.pc
				continue
			}
		case isa.LH:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim2, h.amask2); p != nil {
				x[rd] = uint64(int16(*(*uint16)(p)))
			} else if v, ok := h.loadSlowTrap(a, 2, pc); ok {
				x[rd] = uint64(int16(uint16(v)))
			} else {
				pc = h.pc
				continue
			}
		case isa.LW:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim4, h.amask4); p != nil {
				x[rd] = uint64(int32(*(*uint32)(p)))
			} else if v, ok := h.loadSlowTrap(a, 4, pc); ok {
				x[rd] = uint64(int32(uint32(v)))
			} else {
				pc = h.pc
				continue
			}
		case isa.LD:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim8, h.amask8); p != nil {
				x[rd] = *(*uint64)(p)
			} else if v, ok := h.loadSlowTrap(a, 8, pc); ok {
				x[rd] = v
			} else {
				pc = h.pc
				continue
			}
		case isa.LBU:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim1, h.amask1); p != nil {
				x[rd] = uint64(*(*uint8)(p))
			} else if v, ok := h.loadSlowTrap(a, 1, pc); ok {
				x[rd] = uint64(uint8(v))
			} else {
				pc = h.pc
				continue
			}
		case isa.LHU:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim2, h.amask2); p != nil {
				x[rd] = uint64(*(*uint16)(p))
			} else if v, ok := h.loadSlowTrap(a, 2, pc); ok {
				x[rd] = uint64(uint16(v))
			} else {
				pc = h.pc
				continue
			}
		case isa.LWU:
			a := x[rs1] + imm
			if p := h.hostLoad(a, h.lim4, h.amask4); p != nil {
				x[rd] = uint64(*(*uint32)(p))
			} else if v, ok := h.loadSlowTrap(a, 4, pc); ok {
				x[rd] = uint64(uint32(v))
			} else {
				pc = h.pc
				continue
			}

		case isa.SB:
			a := x[rs1] + imm
			if p := h.hostStore(a, h.lim1, h.amask1); p != nil {
				*(*uint8)(p) = uint8(x[rs2])
			} else if !h.storeSlowTrap(a, 1, x[rs2], pc) {
				pc = h.pc
				continue
			}
		case isa.SH:
			a := x[rs1] + imm
			if p := h.hostStore(a, h.lim2, h.amask2); p != nil {
				*(*uint16)(p) = uint16(x[rs2])
			} else if !h.storeSlowTrap(a, 2, x[rs2], pc) {
				pc = h.pc
				continue
			}
		case isa.SW:
			a := x[rs1] + imm
			if p := h.hostStore(a, h.lim4, h.amask4); p != nil {
				*(*uint32)(p) = uint32(x[rs2])
			} else if !h.storeSlowTrap(a, 4, x[rs2], pc) {
				pc = h.pc
				continue
			}
		case isa.SD:
			a := x[rs1] + imm
			if p := h.hostStore(a, h.lim8, h.amask8); p != nil {
				*(*uint64)(p) = x[rs2]
			} else if !h.storeSlowTrap(a, 8, x[rs2], pc) {
				pc = h.pc
				continue
			}

		case isa.ADDI:
			x[rd] = x[rs1] + imm
		case isa.SLTI:
			x[rd] = b2u(int64(x[rs1]) < int64(imm))
		case isa.SLTIU:
			x[rd] = b2u(x[rs1] < imm)
		case isa.XORI:
			x[rd] = x[rs1] ^ imm
		case isa.ORI:
			x[rd] = x[rs1] | imm
		case isa.ANDI:
			x[rd] = x[rs1] & imm
		case isa.SLLI:
			x[rd] = x[rs1] << (imm & 63)
		case isa.SRLI:
			x[rd] = x[rs1] >> (imm & 63)
		case isa.SRAI:
			x[rd] = uint64(int64(x[rs1]) >> (imm & 63))

		case isa.ADD:
			x[rd] = x[rs1] + x[rs2]
		case isa.SUB:
			x[rd] = x[rs1] - x[rs2]
		case isa.SLL:
			x[rd] = x[rs1] << (x[rs2] & 63)
		case isa.SLT:
			x[rd] = b2u(int64(x[rs1]) < int64(x[rs2]))
		case isa.SLTU:
			x[rd] = b2u(x[rs1] < x[rs2])
		case isa.XOR:
			x[rd] = x[rs1] ^ x[rs2]
		case isa.SRL:
			x[rd] = x[rs1] >> (x[rs2] & 63)
		case isa.SRA:
			x[rd] = uint64(int64(x[rs1]) >> (x[rs2] & 63))
		case isa.OR:
			x[rd] = x[rs1] | x[rs2]
		case isa.AND:
			x[rd] = x[rs1] & x[rs2]

		// The W forms compute on the low 32 bits and sign-extend the result.
		case isa.ADDIW:
			x[rd] = sext32(x[rs1] + imm)
		case isa.SLLIW:
			x[rd] = sext32(x[rs1] << (imm & 31))
		case isa.SRLIW:
			x[rd] = sext32(uint64(uint32(x[rs1]) >> (imm & 31)))
		case isa.SRAIW:
			x[rd] = uint64(int64(int32(x[rs1]) >> (imm & 31)))
		case isa.ADDW:
			x[rd] = sext32(x[rs1] + x[rs2])
		case isa.SUBW:
			x[rd] = sext32(x[rs1] - x[rs2])
		case isa.SLLW:
			x[rd] = sext32(x[rs1] << (x[rs2] & 31))
		case isa.SRLW:
			x[rd] = sext32(uint64(uint32(x[rs1]) >> (x[rs2] & 31)))
		case isa.SRAW:
			x[rd] = uint64(int64(int32(x[rs1]) >> (x[rs2] & 31)))

		case isa.FENCE, isa.FENCE_I:
			// Memory is sequentially consistent here, and the decode cache checks
			// the instruction bits on every fetch, so both are no-ops. PAUSE
			// (Zihintpause) is a FENCE with pred=W, succ=0.
		case isa.ECALL:
			h.exception(CauseEcallU+uint64(h.priv), 0, pc)
			pc = h.pc
			continue
		case isa.EBREAK:
			if h.debugEbreak {
				h.stop, h.event = StopEbreak, true
				continue // pc stays at the ebreak
			}
			h.exception(CauseBreakpoint, pc, pc) // tval = pc, as Spike reports
			pc = h.pc
			continue

		default:
			h.instret += retired
			retired = 0
			var ok bool
			if next, ok = h.execOther(e, pc, next); !ok {
				pc = h.pc
				continue
			}
		}
		x[0] = 0
		retired++
		pc = next
	}
	h.pc = pc // pc lives in a register in the loop
	h.instret += retired
	return n
}

// execOther dispatches the extensions outside RV64I. It returns the next pc
// and false if the instruction trapped or stopped.
func (h *Hart) execOther(e *icEntry, pc, next uint64) (uint64, bool) {
	switch op := e.inst.Op; {
	case op >= isa.MUL && op <= isa.REMUW:
		h.execM(&e.inst)
		return next, true
	case op >= isa.LR_W && op <= isa.AMOMAXU_D:
		return next, h.execA(e, pc)
	case op >= isa.CSRRW && op <= isa.CSRRCI:
		return next, h.execZicsr(e, pc)
	case op >= isa.SRET && op <= isa.SFENCE_VMA:
		return h.execPriv(e, pc, next)
	}
	// ILLEGAL, and F and D: misa has no F or D, so they do not exist.
	h.illegal(e, pc)
	return 0, false
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

func sext32(v uint64) uint64 { return uint64(int64(int32(v))) }
