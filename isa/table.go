package isa

// Specs is the encoding of every base instruction, indexed by Op. The
// constructors below mirror the spec's instruction-format figures, so each entry
// reads as that figure's funct fields.
var Specs = [NumOps]Spec{
	// RV64I (unprivileged spec, chapters 2 and 5).
	LUI:   {"lui", 0x37, 0x7f, []Arg{ArgRd, ArgUImm}, ExtI},
	AUIPC: {"auipc", 0x17, 0x7f, []Arg{ArgRd, ArgUImm}, ExtI},
	JAL:   {"jal", 0x6f, 0x7f, []Arg{ArgRd, ArgJump}, ExtI},
	JALR:  {"jalr", 0x67, 0x707f, []Arg{ArgRd, ArgMemI}, ExtI},
	BEQ:   branch("beq", 0),
	BNE:   branch("bne", 1),
	BLT:   branch("blt", 4),
	BGE:   branch("bge", 5),
	BLTU:  branch("bltu", 6),
	BGEU:  branch("bgeu", 7),
	LB:    load("lb", 0),
	LH:    load("lh", 1),
	LW:    load("lw", 2),
	LD:    load("ld", 3),
	LBU:   load("lbu", 4),
	LHU:   load("lhu", 5),
	LWU:   load("lwu", 6),
	SB:    store("sb", 0),
	SH:    store("sh", 1),
	SW:    store("sw", 2),
	SD:    store("sd", 3),
	ADDI:  immOp("addi", 0, opImm),
	SLTI:  immOp("slti", 2, opImm),
	SLTIU: immOp("sltiu", 3, opImm),
	XORI:  immOp("xori", 4, opImm),
	ORI:   immOp("ori", 6, opImm),
	ANDI:  immOp("andi", 7, opImm),
	SLLI:  {"slli", 0x1013, 0xfc00707f, []Arg{ArgRd, ArgRs1, ArgShamt6}, ExtI},
	SRLI:  {"srli", 0x5013, 0xfc00707f, []Arg{ArgRd, ArgRs1, ArgShamt6}, ExtI},
	SRAI:  {"srai", 0x40005013, 0xfc00707f, []Arg{ArgRd, ArgRs1, ArgShamt6}, ExtI},
	ADD:   regOp("add", 0x00, 0, opReg, ExtI),
	SUB:   regOp("sub", 0x20, 0, opReg, ExtI),
	SLL:   regOp("sll", 0x00, 1, opReg, ExtI),
	SLT:   regOp("slt", 0x00, 2, opReg, ExtI),
	SLTU:  regOp("sltu", 0x00, 3, opReg, ExtI),
	XOR:   regOp("xor", 0x00, 4, opReg, ExtI),
	SRL:   regOp("srl", 0x00, 5, opReg, ExtI),
	SRA:   regOp("sra", 0x20, 5, opReg, ExtI),
	OR:    regOp("or", 0x00, 6, opReg, ExtI),
	AND:   regOp("and", 0x00, 7, opReg, ExtI),
	ADDIW: immOp("addiw", 0, opImm32),
	SLLIW: {"slliw", 0x101b, 0xfe00707f, []Arg{ArgRd, ArgRs1, ArgShamt5}, ExtI},
	SRLIW: {"srliw", 0x501b, 0xfe00707f, []Arg{ArgRd, ArgRs1, ArgShamt5}, ExtI},
	SRAIW: {"sraiw", 0x4000501b, 0xfe00707f, []Arg{ArgRd, ArgRs1, ArgShamt5}, ExtI},
	ADDW:  regOp("addw", 0x00, 0, opReg32, ExtI),
	SUBW:  regOp("subw", 0x20, 0, opReg32, ExtI),
	SLLW:  regOp("sllw", 0x00, 1, opReg32, ExtI),
	SRLW:  regOp("srlw", 0x00, 5, opReg32, ExtI),
	SRAW:  regOp("sraw", 0x20, 5, opReg32, ExtI),
	// FENCE ignores fm, rs1 and rd (reserved for future use), as hardware must.
	FENCE:  {"fence", 0x0f, 0x707f, []Arg{ArgPred, ArgSucc}, ExtI},
	ECALL:  {"ecall", 0x73, 0xffffffff, nil, ExtI},
	EBREAK: {"ebreak", 0x100073, 0xffffffff, nil, ExtI},

	FENCE_I: {"fence.i", 0x100f, 0x707f, nil, ExtZifencei},

	// Zicsr (chapter 7).
	CSRRW:  {"csrrw", 0x1073, 0x707f, []Arg{ArgRd, ArgCSR, ArgRs1}, ExtZicsr},
	CSRRS:  {"csrrs", 0x2073, 0x707f, []Arg{ArgRd, ArgCSR, ArgRs1}, ExtZicsr},
	CSRRC:  {"csrrc", 0x3073, 0x707f, []Arg{ArgRd, ArgCSR, ArgRs1}, ExtZicsr},
	CSRRWI: {"csrrwi", 0x5073, 0x707f, []Arg{ArgRd, ArgCSR, ArgZimm}, ExtZicsr},
	CSRRSI: {"csrrsi", 0x6073, 0x707f, []Arg{ArgRd, ArgCSR, ArgZimm}, ExtZicsr},
	CSRRCI: {"csrrci", 0x7073, 0x707f, []Arg{ArgRd, ArgCSR, ArgZimm}, ExtZicsr},

	// M (chapter 13).
	MUL:    regOp("mul", 0x01, 0, opReg, ExtM),
	MULH:   regOp("mulh", 0x01, 1, opReg, ExtM),
	MULHSU: regOp("mulhsu", 0x01, 2, opReg, ExtM),
	MULHU:  regOp("mulhu", 0x01, 3, opReg, ExtM),
	DIV:    regOp("div", 0x01, 4, opReg, ExtM),
	DIVU:   regOp("divu", 0x01, 5, opReg, ExtM),
	REM:    regOp("rem", 0x01, 6, opReg, ExtM),
	REMU:   regOp("remu", 0x01, 7, opReg, ExtM),
	MULW:   regOp("mulw", 0x01, 0, opReg32, ExtM),
	DIVW:   regOp("divw", 0x01, 4, opReg32, ExtM),
	DIVUW:  regOp("divuw", 0x01, 5, opReg32, ExtM),
	REMW:   regOp("remw", 0x01, 6, opReg32, ExtM),
	REMUW:  regOp("remuw", 0x01, 7, opReg32, ExtM),

	// A (chapter 14): funct5 in bits 31:27, width in funct3 (2 = .w, 3 = .d).
	LR_W:      lr("lr.w", 2),
	SC_W:      amo("sc.w", 0x03, 2),
	AMOSWAP_W: amo("amoswap.w", 0x01, 2),
	AMOADD_W:  amo("amoadd.w", 0x00, 2),
	AMOXOR_W:  amo("amoxor.w", 0x04, 2),
	AMOAND_W:  amo("amoand.w", 0x0c, 2),
	AMOOR_W:   amo("amoor.w", 0x08, 2),
	AMOMIN_W:  amo("amomin.w", 0x10, 2),
	AMOMAX_W:  amo("amomax.w", 0x14, 2),
	AMOMINU_W: amo("amominu.w", 0x18, 2),
	AMOMAXU_W: amo("amomaxu.w", 0x1c, 2),
	LR_D:      lr("lr.d", 3),
	SC_D:      amo("sc.d", 0x03, 3),
	AMOSWAP_D: amo("amoswap.d", 0x01, 3),
	AMOADD_D:  amo("amoadd.d", 0x00, 3),
	AMOXOR_D:  amo("amoxor.d", 0x04, 3),
	AMOAND_D:  amo("amoand.d", 0x0c, 3),
	AMOOR_D:   amo("amoor.d", 0x08, 3),
	AMOMIN_D:  amo("amomin.d", 0x10, 3),
	AMOMAX_D:  amo("amomax.d", 0x14, 3),
	AMOMINU_D: amo("amominu.d", 0x18, 3),
	AMOMAXU_D: amo("amomaxu.d", 0x1c, 3),

	// Privileged spec, chapter 3 and 4.
	SRET:       {"sret", 0x10200073, 0xffffffff, nil, ExtPriv},
	MRET:       {"mret", 0x30200073, 0xffffffff, nil, ExtPriv},
	WFI:        {"wfi", 0x10500073, 0xffffffff, nil, ExtPriv},
	SFENCE_VMA: {"sfence.vma", 0x12000073, 0xfe007fff, []Arg{ArgRs1, ArgRs2}, ExtPriv},

	// F (chapter 16); fmt in bits 26:25 is 0 for single.
	FLW:       {"flw", 0x2007, 0x707f, []Arg{ArgFd, ArgMemI}, ExtF},
	FSW:       {"fsw", 0x2027, 0x707f, []Arg{ArgFs2, ArgMemS}, ExtF},
	FMADD_S:   fused("fmadd.s", 0x43, 0, ExtF),
	FMSUB_S:   fused("fmsub.s", 0x47, 0, ExtF),
	FNMSUB_S:  fused("fnmsub.s", 0x4b, 0, ExtF),
	FNMADD_S:  fused("fnmadd.s", 0x4f, 0, ExtF),
	FADD_S:    fpArith("fadd.s", 0x00, ExtF),
	FSUB_S:    fpArith("fsub.s", 0x04, ExtF),
	FMUL_S:    fpArith("fmul.s", 0x08, ExtF),
	FDIV_S:    fpArith("fdiv.s", 0x0c, ExtF),
	FSQRT_S:   fpUnary("fsqrt.s", 0x2c, 0, ArgFd, ArgFs1, ExtF),
	FSGNJ_S:   fpFunct3("fsgnj.s", 0x10, 0, ArgFd, ExtF),
	FSGNJN_S:  fpFunct3("fsgnjn.s", 0x10, 1, ArgFd, ExtF),
	FSGNJX_S:  fpFunct3("fsgnjx.s", 0x10, 2, ArgFd, ExtF),
	FMIN_S:    fpFunct3("fmin.s", 0x14, 0, ArgFd, ExtF),
	FMAX_S:    fpFunct3("fmax.s", 0x14, 1, ArgFd, ExtF),
	FCVT_W_S:  fpUnary("fcvt.w.s", 0x60, 0, ArgRd, ArgFs1, ExtF),
	FCVT_WU_S: fpUnary("fcvt.wu.s", 0x60, 1, ArgRd, ArgFs1, ExtF),
	FCVT_L_S:  fpUnary("fcvt.l.s", 0x60, 2, ArgRd, ArgFs1, ExtF),
	FCVT_LU_S: fpUnary("fcvt.lu.s", 0x60, 3, ArgRd, ArgFs1, ExtF),
	FMV_X_W:   fpMove("fmv.x.w", 0x70, 0, ArgRd, ArgFs1, ExtF),
	FEQ_S:     fpFunct3("feq.s", 0x50, 2, ArgRd, ExtF),
	FLT_S:     fpFunct3("flt.s", 0x50, 1, ArgRd, ExtF),
	FLE_S:     fpFunct3("fle.s", 0x50, 0, ArgRd, ExtF),
	FCLASS_S:  fpMove("fclass.s", 0x70, 1, ArgRd, ArgFs1, ExtF),
	FCVT_S_W:  fpUnary("fcvt.s.w", 0x68, 0, ArgFd, ArgRs1, ExtF),
	FCVT_S_WU: fpUnary("fcvt.s.wu", 0x68, 1, ArgFd, ArgRs1, ExtF),
	FCVT_S_L:  fpUnary("fcvt.s.l", 0x68, 2, ArgFd, ArgRs1, ExtF),
	FCVT_S_LU: fpUnary("fcvt.s.lu", 0x68, 3, ArgFd, ArgRs1, ExtF),
	FMV_W_X:   fpMove("fmv.w.x", 0x78, 0, ArgFd, ArgRs1, ExtF),

	// D (chapter 17); fmt = 1 sets bit 25.
	FLD:       {"fld", 0x3007, 0x707f, []Arg{ArgFd, ArgMemI}, ExtD},
	FSD:       {"fsd", 0x3027, 0x707f, []Arg{ArgFs2, ArgMemS}, ExtD},
	FMADD_D:   fused("fmadd.d", 0x43, 1, ExtD),
	FMSUB_D:   fused("fmsub.d", 0x47, 1, ExtD),
	FNMSUB_D:  fused("fnmsub.d", 0x4b, 1, ExtD),
	FNMADD_D:  fused("fnmadd.d", 0x4f, 1, ExtD),
	FADD_D:    fpArith("fadd.d", 0x01, ExtD),
	FSUB_D:    fpArith("fsub.d", 0x05, ExtD),
	FMUL_D:    fpArith("fmul.d", 0x09, ExtD),
	FDIV_D:    fpArith("fdiv.d", 0x0d, ExtD),
	FSQRT_D:   fpUnary("fsqrt.d", 0x2d, 0, ArgFd, ArgFs1, ExtD),
	FSGNJ_D:   fpFunct3("fsgnj.d", 0x11, 0, ArgFd, ExtD),
	FSGNJN_D:  fpFunct3("fsgnjn.d", 0x11, 1, ArgFd, ExtD),
	FSGNJX_D:  fpFunct3("fsgnjx.d", 0x11, 2, ArgFd, ExtD),
	FMIN_D:    fpFunct3("fmin.d", 0x15, 0, ArgFd, ExtD),
	FMAX_D:    fpFunct3("fmax.d", 0x15, 1, ArgFd, ExtD),
	FCVT_S_D:  fpUnary("fcvt.s.d", 0x20, 1, ArgFd, ArgFs1, ExtD),
	FCVT_D_S:  fpUnary("fcvt.d.s", 0x21, 0, ArgFd, ArgFs1, ExtD),
	FEQ_D:     fpFunct3("feq.d", 0x51, 2, ArgRd, ExtD),
	FLT_D:     fpFunct3("flt.d", 0x51, 1, ArgRd, ExtD),
	FLE_D:     fpFunct3("fle.d", 0x51, 0, ArgRd, ExtD),
	FCLASS_D:  fpMove("fclass.d", 0x71, 1, ArgRd, ArgFs1, ExtD),
	FCVT_W_D:  fpUnary("fcvt.w.d", 0x61, 0, ArgRd, ArgFs1, ExtD),
	FCVT_WU_D: fpUnary("fcvt.wu.d", 0x61, 1, ArgRd, ArgFs1, ExtD),
	FCVT_L_D:  fpUnary("fcvt.l.d", 0x61, 2, ArgRd, ArgFs1, ExtD),
	FCVT_LU_D: fpUnary("fcvt.lu.d", 0x61, 3, ArgRd, ArgFs1, ExtD),
	FMV_X_D:   fpMove("fmv.x.d", 0x71, 0, ArgRd, ArgFs1, ExtD),
	FCVT_D_W:  fpUnary("fcvt.d.w", 0x69, 0, ArgFd, ArgRs1, ExtD),
	FCVT_D_WU: fpUnary("fcvt.d.wu", 0x69, 1, ArgFd, ArgRs1, ExtD),
	FCVT_D_L:  fpUnary("fcvt.d.l", 0x69, 2, ArgFd, ArgRs1, ExtD),
	FCVT_D_LU: fpUnary("fcvt.d.lu", 0x69, 3, ArgFd, ArgRs1, ExtD),
	FMV_D_X:   fpMove("fmv.d.x", 0x79, 0, ArgFd, ArgRs1, ExtD),
}

// Major opcodes (bits 6:0) from the spec's opcode map.
const (
	opLoad   = 0x03
	opImm    = 0x13
	opImm32  = 0x1b
	opStore  = 0x23
	opAMO    = 0x2f
	opReg    = 0x33
	opReg32  = 0x3b
	opFP     = 0x53
	opBranch = 0x63
)

func regOp(name string, funct7, funct3, opcode uint32, ext Ext) Spec {
	return Spec{name, funct7<<25 | funct3<<12 | opcode, 0xfe00707f, []Arg{ArgRd, ArgRs1, ArgRs2}, ext}
}

func immOp(name string, funct3, opcode uint32) Spec {
	return Spec{name, funct3<<12 | opcode, 0x707f, []Arg{ArgRd, ArgRs1, ArgImmI}, ExtI}
}

func load(name string, funct3 uint32) Spec {
	return Spec{name, funct3<<12 | opLoad, 0x707f, []Arg{ArgRd, ArgMemI}, ExtI}
}

func store(name string, funct3 uint32) Spec {
	return Spec{name, funct3<<12 | opStore, 0x707f, []Arg{ArgRs2, ArgMemS}, ExtI}
}

func branch(name string, funct3 uint32) Spec {
	return Spec{name, funct3<<12 | opBranch, 0x707f, []Arg{ArgRs1, ArgRs2, ArgBranch}, ExtI}
}

func amo(name string, funct5, funct3 uint32) Spec {
	return Spec{name, funct5<<27 | funct3<<12 | opAMO, 0xf800707f, []Arg{ArgRd, ArgRs2, ArgAddr, ArgAqRl}, ExtA}
}

// lr has rs2 fixed at zero.
func lr(name string, funct3 uint32) Spec {
	return Spec{name, 0x02<<27 | funct3<<12 | opAMO, 0xf9f0707f, []Arg{ArgRd, ArgAddr, ArgAqRl}, ExtA}
}

// fused multiply-add (R4-type): fmt in bits 26:25, rounding mode in funct3.
func fused(name string, opcode, fmt uint32, ext Ext) Spec {
	return Spec{name, fmt<<25 | opcode, 0x0600007f, []Arg{ArgFd, ArgFs1, ArgFs2, ArgFs3, ArgRM}, ext}
}

// fpArith is a two-operand FP operation with a rounding mode in funct3.
func fpArith(name string, funct7 uint32, ext Ext) Spec {
	return Spec{name, funct7<<25 | opFP, 0xfe00007f, []Arg{ArgFd, ArgFs1, ArgFs2, ArgRM}, ext}
}

// fpUnary has a fixed rs2 selecting the operation and a rounding mode in funct3.
func fpUnary(name string, funct7, rs2 uint32, dst, src Arg, ext Ext) Spec {
	return Spec{name, funct7<<25 | rs2<<20 | opFP, 0xfff0007f, []Arg{dst, src, ArgRM}, ext}
}

// fpFunct3 is a two-operand FP operation selected by funct3 (no rounding mode).
func fpFunct3(name string, funct7, funct3 uint32, dst Arg, ext Ext) Spec {
	return Spec{name, funct7<<25 | funct3<<12 | opFP, 0xfe00707f, []Arg{dst, ArgFs1, ArgFs2}, ext}
}

// fpMove is a one-operand FP operation with rs2 and funct3 both fixed.
func fpMove(name string, funct7, funct3 uint32, dst, src Arg, ext Ext) Spec {
	return Spec{name, funct7<<25 | funct3<<12 | opFP, 0xfff0707f, []Arg{dst, src}, ext}
}
