package isa

// CArg is an operand kind of a compressed instruction. Register kinds with a P
// suffix are the 3-bit x8..x15 (or f8..f15) fields; immediates each have their own
// scrambled layout, straight from the C extension's format figures.
type CArg uint8

const (
	CNone CArg = iota

	CRd      // rd, bits 11:7, any register
	CRdNZ    // rd, bits 11:7; x0 is reserved (c.lwsp, c.ldsp)
	CRdH     // rd, bits 11:7; x0 makes a HINT, which the assembler never emits
	CRdRs1   // rd = rs1, bits 11:7
	CRdRs1NZ // rd = rs1, bits 11:7; x0 is reserved (c.addiw)
	CRdRs1H  // rd = rs1, bits 11:7; x0 makes a HINT (c.addi, c.slli, c.add)
	CRdNot02 // rd, bits 11:7; x2 is c.addi16sp, x0 a HINT (c.lui)
	CRs1NZ   // rs1, bits 11:7; x0 is reserved or another instruction (c.jr, c.jalr)
	CRs2     // rs2, bits 6:2
	CRs2NZ   // rs2, bits 6:2; x0 is another instruction (c.mv, c.add)
	CFd      // f rd, bits 11:7
	CFs2     // f rs2, bits 6:2
	CRdP     // rd', bits 4:2
	CRs2P    // rs2', bits 4:2
	CFdP     // f rd', bits 4:2
	CFs2P    // f rs2', bits 4:2
	CRs1P    // rs1', bits 9:7
	CRdRs1P  // rd' = rs1', bits 9:7
	CSP      // the literal operand sp (c.addi4spn, c.addi16sp)

	CImm6     // signed imm[5|4:0] (c.li, c.andi, c.addiw)
	CNzImm6   // as CImm6; zero makes a HINT (c.addi)
	CShamt    // uimm[5|4:0]; zero makes a HINT
	CLuiImm   // nzimm[17|16:12], written as the 20-bit lui value
	CAddi16sp // nzimm[9|4|6|8:7|5]
	CAddi4spn // nzuimm[5:4|9:6|2|3]
	CBranch   // offset[8|4:3] [7:6|2:1|5]
	CJump     // offset[11|4|9:8|10|6|7|3:1|5]

	CMemW   // uimm[5:3] [2|6] (rs1'): c.lw, c.sw
	CMemD   // uimm[5:3] [7:6] (rs1'): c.ld, c.sd, c.fld, c.fsd
	CMemWSP // uimm[5] [4:2|7:6] (sp): c.lwsp
	CMemDSP // uimm[5] [4:3|8:6] (sp): c.ldsp, c.fldsp
	CStWSP  // uimm[5:2|7:6] (sp): c.swsp
	CStDSP  // uimm[5:3|8:6] (sp): c.sdsp, c.fsdsp
)

// CSpec describes one compressed instruction and the base instruction it expands
// to. Fixed register fields of the expansion (c.mv's rs1 = x0, c.jalr's rd = ra)
// are in Fix; every other base field comes from Args.
type CSpec struct {
	Name        string
	Match, Mask uint16
	Args        []CArg
	Base        Op
	Fix         Fix
	Ext         Ext // ExtC, or ExtD for the FP loads and stores
}

// Fix gives base-instruction register fields that a compressed form implies.
// A negative value means "from the operands".
type Fix struct{ Rd, Rs1, Rs2 int8 }

var noFix = Fix{-1, -1, -1}

// CSpecs lists the RV64 compressed instructions. Order matters: decoding
// takes the first match, so the special cases (c.nop, c.ebreak, c.jr,
// c.addi16sp) precede the general forms they overlap. (Which form the
// assembler picks when it compresses is its own policy, asm/compress.go,
// because GNU as decides by the mnemonic written.)
var CSpecs = []CSpec{
	// Quadrant 0.
	{"c.addi4spn", 0x0000, 0xe003, []CArg{CRdP, CSP, CAddi4spn}, ADDI, Fix{-1, 2, -1}, ExtC},
	{"c.fld", 0x2000, 0xe003, []CArg{CFdP, CMemD}, FLD, noFix, ExtD},
	{"c.lw", 0x4000, 0xe003, []CArg{CRdP, CMemW}, LW, noFix, ExtC},
	{"c.ld", 0x6000, 0xe003, []CArg{CRdP, CMemD}, LD, noFix, ExtC},
	{"c.fsd", 0xa000, 0xe003, []CArg{CFs2P, CMemD}, FSD, noFix, ExtD},
	{"c.sw", 0xc000, 0xe003, []CArg{CRs2P, CMemW}, SW, noFix, ExtC},
	{"c.sd", 0xe000, 0xe003, []CArg{CRs2P, CMemD}, SD, noFix, ExtC},

	// Quadrant 1.
	{"c.nop", 0x0001, 0xffff, nil, ADDI, Fix{0, 0, -1}, ExtC},
	{"c.addi", 0x0001, 0xe003, []CArg{CRdRs1H, CNzImm6}, ADDI, noFix, ExtC},
	{"c.addiw", 0x2001, 0xe003, []CArg{CRdRs1NZ, CImm6}, ADDIW, noFix, ExtC},
	{"c.li", 0x4001, 0xe003, []CArg{CRdH, CImm6}, ADDI, Fix{-1, 0, -1}, ExtC},
	{"c.addi16sp", 0x6101, 0xef83, []CArg{CSP, CAddi16sp}, ADDI, Fix{2, 2, -1}, ExtC},
	{"c.lui", 0x6001, 0xe003, []CArg{CRdNot02, CLuiImm}, LUI, noFix, ExtC},
	{"c.srli", 0x8001, 0xec03, []CArg{CRdRs1P, CShamt}, SRLI, noFix, ExtC},
	{"c.srai", 0x8401, 0xec03, []CArg{CRdRs1P, CShamt}, SRAI, noFix, ExtC},
	{"c.andi", 0x8801, 0xec03, []CArg{CRdRs1P, CImm6}, ANDI, noFix, ExtC},
	{"c.sub", 0x8c01, 0xfc63, []CArg{CRdRs1P, CRs2P}, SUB, noFix, ExtC},
	{"c.xor", 0x8c21, 0xfc63, []CArg{CRdRs1P, CRs2P}, XOR, noFix, ExtC},
	{"c.or", 0x8c41, 0xfc63, []CArg{CRdRs1P, CRs2P}, OR, noFix, ExtC},
	{"c.and", 0x8c61, 0xfc63, []CArg{CRdRs1P, CRs2P}, AND, noFix, ExtC},
	{"c.subw", 0x9c01, 0xfc63, []CArg{CRdRs1P, CRs2P}, SUBW, noFix, ExtC},
	{"c.addw", 0x9c21, 0xfc63, []CArg{CRdRs1P, CRs2P}, ADDW, noFix, ExtC},
	{"c.j", 0xa001, 0xe003, []CArg{CJump}, JAL, Fix{0, -1, -1}, ExtC},
	{"c.beqz", 0xc001, 0xe003, []CArg{CRs1P, CBranch}, BEQ, Fix{-1, -1, 0}, ExtC},
	{"c.bnez", 0xe001, 0xe003, []CArg{CRs1P, CBranch}, BNE, Fix{-1, -1, 0}, ExtC},

	// Quadrant 2.
	{"c.slli", 0x0002, 0xe003, []CArg{CRdRs1H, CShamt}, SLLI, noFix, ExtC},
	{"c.fldsp", 0x2002, 0xe003, []CArg{CFd, CMemDSP}, FLD, Fix{-1, 2, -1}, ExtD},
	{"c.lwsp", 0x4002, 0xe003, []CArg{CRdNZ, CMemWSP}, LW, Fix{-1, 2, -1}, ExtC},
	{"c.ldsp", 0x6002, 0xe003, []CArg{CRdNZ, CMemDSP}, LD, Fix{-1, 2, -1}, ExtC},
	{"c.jr", 0x8002, 0xf07f, []CArg{CRs1NZ}, JALR, Fix{0, -1, -1}, ExtC},
	{"c.mv", 0x8002, 0xf003, []CArg{CRdH, CRs2NZ}, ADD, Fix{-1, 0, -1}, ExtC},
	{"c.ebreak", 0x9002, 0xffff, nil, EBREAK, noFix, ExtC},
	{"c.jalr", 0x9002, 0xf07f, []CArg{CRs1NZ}, JALR, Fix{1, -1, -1}, ExtC},
	{"c.add", 0x9002, 0xf003, []CArg{CRdRs1H, CRs2NZ}, ADD, noFix, ExtC},
	{"c.fsdsp", 0xa002, 0xe003, []CArg{CFs2, CStDSP}, FSD, Fix{-1, 2, -1}, ExtD},
	{"c.swsp", 0xc002, 0xe003, []CArg{CRs2, CStWSP}, SW, Fix{-1, 2, -1}, ExtC},
	{"c.sdsp", 0xe002, 0xe003, []CArg{CRs2, CStDSP}, SD, Fix{-1, 2, -1}, ExtC},
}

// Compressed immediate layouts (C extension, "Compressed Instruction Formats").
var (
	cLayoutImm6     = immLayout{fields: []field{{5, 5, 12}, {4, 0, 2}}, sign: 5, align: 1}
	cLayoutShamt    = immLayout{fields: []field{{5, 5, 12}, {4, 0, 2}}, align: 1}
	cLayoutLui      = immLayout{fields: []field{{17, 17, 12}, {16, 12, 2}}, sign: 17, align: 1 << 12}
	cLayoutAddi16sp = immLayout{fields: []field{{9, 9, 12}, {4, 4, 6}, {6, 6, 5}, {8, 7, 3}, {5, 5, 2}}, sign: 9, align: 16}
	cLayoutAddi4spn = immLayout{fields: []field{{5, 4, 11}, {9, 6, 7}, {2, 2, 6}, {3, 3, 5}}, align: 4}
	cLayoutBranch   = immLayout{fields: []field{{8, 8, 12}, {4, 3, 10}, {7, 6, 5}, {2, 1, 3}, {5, 5, 2}}, sign: 8, align: 2}
	cLayoutJump     = immLayout{fields: []field{{11, 11, 12}, {4, 4, 11}, {9, 8, 9}, {10, 10, 8}, {6, 6, 7}, {7, 7, 6}, {3, 1, 3}, {5, 5, 2}}, sign: 11, align: 2}
	cLayoutMemW     = immLayout{fields: []field{{5, 3, 10}, {2, 2, 6}, {6, 6, 5}}, align: 4}
	cLayoutMemD     = immLayout{fields: []field{{5, 3, 10}, {7, 6, 5}}, align: 8}
	cLayoutMemWSP   = immLayout{fields: []field{{5, 5, 12}, {4, 2, 4}, {7, 6, 2}}, align: 4}
	cLayoutMemDSP   = immLayout{fields: []field{{5, 5, 12}, {4, 3, 5}, {8, 6, 2}}, align: 8}
	cLayoutStWSP    = immLayout{fields: []field{{5, 2, 9}, {7, 6, 7}}, align: 4}
	cLayoutStDSP    = immLayout{fields: []field{{5, 3, 10}, {8, 6, 7}}, align: 8}
)
