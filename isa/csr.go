package isa

import "fmt"

// CSR numbers by name (privileged spec, "Control and Status Registers" tables).
// The assembler accepts these names, traces print them, and the hart and the
// GDB stub use the constants.
const (
	CSR_FFLAGS        = 0x001
	CSR_FRM           = 0x002
	CSR_FCSR          = 0x003
	CSR_CYCLE         = 0xc00
	CSR_TIME          = 0xc01
	CSR_INSTRET       = 0xc02
	CSR_SSTATUS       = 0x100
	CSR_SIE           = 0x104
	CSR_STVEC         = 0x105
	CSR_SCOUNTEREN    = 0x106
	CSR_SENVCFG       = 0x10a
	CSR_SSCRATCH      = 0x140
	CSR_SEPC          = 0x141
	CSR_SCAUSE        = 0x142
	CSR_STVAL         = 0x143
	CSR_SIP           = 0x144
	CSR_STIMECMP      = 0x14d
	CSR_SATP          = 0x180
	CSR_MVENDORID     = 0xf11
	CSR_MARCHID       = 0xf12
	CSR_MIMPID        = 0xf13
	CSR_MHARTID       = 0xf14
	CSR_MCONFIGPTR    = 0xf15
	CSR_MSTATUS       = 0x300
	CSR_MISA          = 0x301
	CSR_MEDELEG       = 0x302
	CSR_MIDELEG       = 0x303
	CSR_MIE           = 0x304
	CSR_MTVEC         = 0x305
	CSR_MCOUNTEREN    = 0x306
	CSR_MENVCFG       = 0x30a
	CSR_MCOUNTINHIBIT = 0x320
	CSR_MSCRATCH      = 0x340
	CSR_MEPC          = 0x341
	CSR_MCAUSE        = 0x342
	CSR_MTVAL         = 0x343
	CSR_MIP           = 0x344
	CSR_MTINST        = 0x34a
	CSR_MTVAL2        = 0x34b
	CSR_PMPCFG0       = 0x3a0 // pmpcfg0..pmpcfg15; RV64 uses the even ones
	CSR_PMPADDR0      = 0x3b0 // pmpaddr0..pmpaddr63
	CSR_MSECCFG       = 0x747
	CSR_TSELECT       = 0x7a0
	CSR_TDATA1        = 0x7a1
	CSR_TDATA2        = 0x7a2
	CSR_TDATA3        = 0x7a3
	CSR_DCSR          = 0x7b0
	CSR_DPC           = 0x7b1
	CSR_DSCRATCH0     = 0x7b2
	CSR_DSCRATCH1     = 0x7b3
	CSR_MCYCLE        = 0xb00
	CSR_MINSTRET      = 0xb02
	CSR_MHPMCOUNTER3  = 0xb03 // ..mhpmcounter31 at 0xb1f
	CSR_MHPMEVENT3    = 0x323 // ..mhpmevent31 at 0x33f
	CSR_HPMCOUNTER3   = 0xc03 // ..hpmcounter31 at 0xc1f
)

var csrNames = map[string]uint16{
	"fflags": CSR_FFLAGS, "frm": CSR_FRM, "fcsr": CSR_FCSR,
	"cycle": CSR_CYCLE, "time": CSR_TIME, "instret": CSR_INSTRET,
	"sstatus": CSR_SSTATUS, "sie": CSR_SIE, "stvec": CSR_STVEC, "scounteren": CSR_SCOUNTEREN,
	"senvcfg": CSR_SENVCFG, "sscratch": CSR_SSCRATCH, "sepc": CSR_SEPC, "scause": CSR_SCAUSE,
	"stval": CSR_STVAL, "sip": CSR_SIP, "stimecmp": CSR_STIMECMP, "satp": CSR_SATP,
	"mvendorid": CSR_MVENDORID, "marchid": CSR_MARCHID, "mimpid": CSR_MIMPID,
	"mhartid": CSR_MHARTID, "mconfigptr": CSR_MCONFIGPTR,
	"mstatus": CSR_MSTATUS, "misa": CSR_MISA, "medeleg": CSR_MEDELEG, "mideleg": CSR_MIDELEG,
	"mie": CSR_MIE, "mtvec": CSR_MTVEC, "mcounteren": CSR_MCOUNTEREN, "menvcfg": CSR_MENVCFG,
	"mcountinhibit": CSR_MCOUNTINHIBIT,
	"mscratch":      CSR_MSCRATCH, "mepc": CSR_MEPC, "mcause": CSR_MCAUSE, "mtval": CSR_MTVAL,
	"mip": CSR_MIP, "mtinst": CSR_MTINST, "mtval2": CSR_MTVAL2, "mseccfg": CSR_MSECCFG,
	"tselect": CSR_TSELECT, "tdata1": CSR_TDATA1, "tdata2": CSR_TDATA2, "tdata3": CSR_TDATA3,
	"dcsr": CSR_DCSR, "dpc": CSR_DPC, "dscratch0": CSR_DSCRATCH0, "dscratch1": CSR_DSCRATCH1,
	"mcycle": CSR_MCYCLE, "minstret": CSR_MINSTRET,
}

var csrByNumber = map[uint16]string{}

func init() {
	for i := uint16(0); i < 16; i++ {
		csrNames[fmt.Sprintf("pmpcfg%d", i)] = CSR_PMPCFG0 + i
	}
	for i := uint16(0); i < 64; i++ {
		csrNames[fmt.Sprintf("pmpaddr%d", i)] = CSR_PMPADDR0 + i
	}
	for i := uint16(3); i < 32; i++ {
		csrNames[fmt.Sprintf("mhpmcounter%d", i)] = CSR_MHPMCOUNTER3 + i - 3
		csrNames[fmt.Sprintf("mhpmevent%d", i)] = CSR_MHPMEVENT3 + i - 3
		csrNames[fmt.Sprintf("hpmcounter%d", i)] = CSR_HPMCOUNTER3 + i - 3
	}
	for n, v := range csrNames {
		csrByNumber[v] = n
	}
}

// CSRNumber returns the number of a CSR given by name.
func CSRNumber(name string) (uint16, bool) {
	v, ok := csrNames[name]
	return v, ok
}

// CSRName returns the name of a CSR number, or its hex number if it has none.
func CSRName(n uint16) string {
	if s, ok := csrByNumber[n]; ok {
		return s
	}
	return fmt.Sprintf("0x%03x", n)
}
