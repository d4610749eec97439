package hart

import "github.com/rvstop/rvstop/isa"

// csrs is the storage of every CSR. Views (sstatus, sie, sip) are not stored:
// they are masks over the machine-level registers, as in the spec.
type csrs struct {
	mstatus                uint64
	medeleg, mideleg       uint64
	mie                    uint64
	mipSW                  uint64 // software-writable mip bits: SSIP, STIP, SEIP
	mtvec, stvec           uint64
	mepc, sepc             uint64
	mcause, scause         uint64
	mtval, stval           uint64
	mscratch, sscratch     uint64
	mcounteren, scounteren uint64
	menvcfg, senvcfg       uint64
	stimecmp               uint64
	satp                   uint64
	instret                uint64 // minstret
	cycleOff               uint64 // mcycle = instret + cycleOff: one cycle per instruction
	pmpcfg                 [pmpEntries]uint8
	pmpaddr                [pmpEntries]uint64
}

// mstatus fields (privileged spec 3.1.6).
const (
	mstatusSIE      = 1 << 1
	mstatusMIE      = 1 << 3
	mstatusSPIE     = 1 << 5
	mstatusMPIE     = 1 << 7
	mstatusSPP      = 1 << 8
	mstatusMPPShift = 11
	mstatusMPP      = 3 << mstatusMPPShift
	mstatusFS       = 3 << 13
	mstatusMPRV     = 1 << 17
	mstatusSUM      = 1 << 18
	mstatusMXR      = 1 << 19
	mstatusTVM      = 1 << 20
	mstatusTW       = 1 << 21
	mstatusTSR      = 1 << 22
	mstatusUXL      = 2 << 32 // 64-bit U-mode, read-only
	mstatusSXL      = 2 << 34 // 64-bit S-mode, read-only
	mstatusSD       = 1 << 63

	// Writable through mstatus. FS is read-only zero: no F or D (the spec
	// allows it writable or not when S-mode exists without F).
	mstatusWritable = mstatusSIE | mstatusMIE | mstatusSPIE | mstatusMPIE | mstatusSPP |
		mstatusMPP | mstatusMPRV | mstatusSUM | mstatusMXR | mstatusTVM | mstatusTW | mstatusTSR
	// The sstatus view (4.1.1).
	sstatusMask = mstatusSIE | mstatusSPIE | mstatusSPP | mstatusFS | mstatusSUM |
		mstatusMXR | 3<<32 | mstatusSD
)

const (
	// misa: MXL=2 (64-bit) and extensions A, C, I, M, S, U.
	misaValue = 2<<62 | 1<<('A'-'A') | 1<<('C'-'A') | 1<<('I'-'A') | 1<<('M'-'A') |
		1<<('S'-'A') | 1<<('U'-'A')

	// Interrupt bits that exist: SSI, MSI, STI, MTI, SEI, MEI.
	mieMask     = 1<<SSIP | 1<<MSIP | 1<<STIP | 1<<MTIP | 1<<SEIP | 1<<MEIP
	sInterrupts = 1<<SSIP | 1<<STIP | 1<<SEIP // the ones mideleg can delegate
	// Exceptions medeleg can delegate: all defined ones except ecall from M
	// (medeleg[11] is read-only zero) and the reserved 10 and 14.
	medelegMask = 1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5 | 1<<6 | 1<<7 | 1<<8 | 1<<9 |
		1<<12 | 1<<13 | 1<<15

	menvcfgFIOM = 1 << 0
	menvcfgSTCE = 1 << 63

	satpModeShift = 60
)

func (c *csrs) reset() {
	*c = csrs{} // device lines (Hart.lines) belong to the devices: kept
	c.mstatus = mstatusUXL | mstatusSXL
	// stimecmp resets to 0 as on QEMU 7.2; it only drives STIP once
	// menvcfg.STCE is set, and software writes it before that.
}

// csrAccess checks the privilege rules for an access to CSR n (spec 2.1 and
// 3.1): the minimum privilege in bits 9:8, read-only CSRs in bits 11:10, the
// counter-enable gating of cycle/time/instret/hpmcounter, TVM for satp, and
// Sstc's gating of stimecmp. It does not check that n exists.
func (h *Hart) csrAccess(n uint16, write bool) bool {
	if Priv(n>>8&3) > h.priv || write && n>>10 == 3 {
		return false
	}
	switch {
	case n >= isa.CSR_CYCLE && n <= isa.CSR_HPMCOUNTER3+28:
		return h.counterEnabled(uint(n - isa.CSR_CYCLE))
	case n == isa.CSR_SATP:
		return h.priv == PrivM || h.mstatus&mstatusTVM == 0
	case n == isa.CSR_STIMECMP:
		return h.priv == PrivM || h.menvcfg&menvcfgSTCE != 0 && h.mcounteren&2 != 0
	}
	return true
}

// counterEnabled: below M-mode, mcounteren must allow counter i; in U-mode,
// scounteren too.
func (h *Hart) counterEnabled(i uint) bool {
	switch h.priv {
	case PrivS:
		return h.mcounteren>>i&1 != 0
	case PrivU:
		return h.mcounteren>>i&1 != 0 && h.scounteren>>i&1 != 0
	}
	return true
}

// csrRead returns CSR n's value, or false if the CSR does not exist.
func (h *Hart) csrRead(n uint16) (uint64, bool) {
	switch n {
	case isa.CSR_MSTATUS:
		return h.mstatus, true
	case isa.CSR_SSTATUS:
		return h.mstatus & sstatusMask, true
	case isa.CSR_MISA:
		return misaValue, true
	case isa.CSR_MEDELEG:
		return h.medeleg, true
	case isa.CSR_MIDELEG:
		return h.mideleg, true
	case isa.CSR_MIE:
		return h.mie, true
	case isa.CSR_SIE:
		return h.mie & h.mideleg, true
	case isa.CSR_MIP:
		return h.mip(), true
	case isa.CSR_SIP:
		return h.mip() & h.mideleg, true
	case isa.CSR_MTVEC:
		return h.mtvec, true
	case isa.CSR_STVEC:
		return h.stvec, true
	case isa.CSR_MEPC:
		return h.mepc, true
	case isa.CSR_SEPC:
		return h.sepc, true
	case isa.CSR_MCAUSE:
		return h.mcause, true
	case isa.CSR_SCAUSE:
		return h.scause, true
	case isa.CSR_MTVAL:
		return h.mtval, true
	case isa.CSR_STVAL:
		return h.stval, true
	case isa.CSR_MSCRATCH:
		return h.mscratch, true
	case isa.CSR_SSCRATCH:
		return h.sscratch, true
	case isa.CSR_MCOUNTEREN:
		return h.mcounteren, true
	case isa.CSR_SCOUNTEREN:
		return h.scounteren, true
	case isa.CSR_MENVCFG:
		return h.menvcfg, true
	case isa.CSR_SENVCFG:
		return h.senvcfg, true
	case isa.CSR_STIMECMP:
		return h.stimecmp, true
	case isa.CSR_SATP:
		return h.satp, true
	case isa.CSR_MHARTID:
		return h.id, true
	case isa.CSR_MVENDORID, isa.CSR_MARCHID, isa.CSR_MIMPID, isa.CSR_MCONFIGPTR:
		return 0, true // not implemented / no configuration structure
	case isa.CSR_MCOUNTINHIBIT:
		return 0, true // counters cannot be inhibited (WARL read-only zero)
	case isa.CSR_MCYCLE, isa.CSR_CYCLE:
		return h.instret + h.cycleOff, true
	case isa.CSR_MINSTRET, isa.CSR_INSTRET:
		return h.instret, true
	case isa.CSR_TIME:
		return h.time(), true
	}
	switch {
	case n >= isa.CSR_MHPMCOUNTER3 && n <= isa.CSR_MHPMCOUNTER3+28,
		n >= isa.CSR_HPMCOUNTER3 && n <= isa.CSR_HPMCOUNTER3+28,
		n >= isa.CSR_MHPMEVENT3 && n <= isa.CSR_MHPMEVENT3+28:
		return 0, true // hardware performance monitors: read-only zero
	case n >= isa.CSR_PMPCFG0 && n < isa.CSR_PMPCFG0+16:
		return h.pmpcfgRead(n - isa.CSR_PMPCFG0)
	case n >= isa.CSR_PMPADDR0 && n < isa.CSR_PMPADDR0+64:
		return h.pmpaddrRead(n - isa.CSR_PMPADDR0), true
	}
	return 0, false
}

// csrWrite writes v to CSR n applying its WARL rules; the caller has checked
// csrAccess and that n exists. Writes that can change which interrupts are
// takeable set h.event so Run examines them before the next instruction.
func (h *Hart) csrWrite(n uint16, v uint64) {
	switch n {
	case isa.CSR_MSTATUS:
		h.writeStatus(v, mstatusWritable)
	case isa.CSR_SSTATUS:
		h.writeStatus(v, mstatusWritable&sstatusMask)
	case isa.CSR_MEDELEG:
		h.medeleg = v & medelegMask
	case isa.CSR_MIDELEG:
		h.mideleg = v & sInterrupts
	case isa.CSR_MIE:
		h.mie = v & mieMask
	case isa.CSR_SIE:
		h.mie = h.mie&^h.mideleg | v&h.mideleg
	case isa.CSR_MIP:
		w := uint64(1<<SSIP | 1<<SEIP)
		if h.menvcfg&menvcfgSTCE == 0 {
			w |= 1 << STIP // with Sstc, STIP reflects stimecmp instead
		}
		h.mipSW = h.mipSW&^w | v&w
	case isa.CSR_SIP:
		w := uint64(1<<SSIP) & h.mideleg // only SSIP is writable in sip
		h.mipSW = h.mipSW&^w | v&w
	case isa.CSR_MTVEC:
		h.mtvec = legalTvec(h.mtvec, v)
	case isa.CSR_STVEC:
		h.stvec = legalTvec(h.stvec, v)
	case isa.CSR_MEPC:
		h.mepc = v &^ 1 // IALIGN=16: bit 0 is always zero
	case isa.CSR_SEPC:
		h.sepc = v &^ 1
	case isa.CSR_MCAUSE:
		h.mcause = v
	case isa.CSR_SCAUSE:
		h.scause = v
	case isa.CSR_MTVAL:
		h.mtval = v
	case isa.CSR_STVAL:
		h.stval = v
	case isa.CSR_MSCRATCH:
		h.mscratch = v
	case isa.CSR_SSCRATCH:
		h.sscratch = v
	case isa.CSR_MCOUNTEREN:
		h.mcounteren = v & 0xffffffff
	case isa.CSR_SCOUNTEREN:
		h.scounteren = v & 0xffffffff
	case isa.CSR_MENVCFG:
		h.menvcfg = v & (menvcfgFIOM | menvcfgSTCE)
	case isa.CSR_SENVCFG:
		h.senvcfg = v & menvcfgFIOM
	case isa.CSR_STIMECMP:
		h.stimecmp = v
	case isa.CSR_SATP:
		// Only Bare is implemented; writing another mode leaves satp alone
		// (WARL, as the spec requires for unsupported modes).
		if v>>satpModeShift == 0 {
			h.satp = v
		}
	case isa.CSR_MCYCLE:
		// The write replaces this instruction's increment (spec 2.1 of Zicsr):
		// the next instruction reads v.
		h.cycleOff = v - h.instret - 1
	case isa.CSR_MINSTRET:
		h.cycleOff += h.instret - (v - 1) // keep mcycle unchanged
		h.instret = v - 1
	default:
		switch {
		case n >= isa.CSR_PMPCFG0 && n < isa.CSR_PMPCFG0+16:
			h.pmpcfgWrite(n-isa.CSR_PMPCFG0, v)
		case n >= isa.CSR_PMPADDR0 && n < isa.CSR_PMPADDR0+64:
			h.pmpaddrWrite(n-isa.CSR_PMPADDR0, v)
		}
		// Read-only-zero CSRs (IDs, hpm counters and events, mcountinhibit)
		// ignore writes.
	}
	h.event = true
}

// writeStatus writes the bits of mstatus in mask. MPP is WARL: the reserved
// value 2 (H) reads back as U, as Spike legalises it.
func (h *Hart) writeStatus(v, mask uint64) {
	if v&mstatusMPP == 2<<mstatusMPPShift {
		v &^= mstatusMPP
	}
	h.mstatus = h.mstatus&^mask | v&mask
}

// legalTvec keeps the old value when the mode field is reserved (2 or 3),
// as QEMU does.
func legalTvec(old, v uint64) uint64 {
	if v&3 >= 2 {
		return old
	}
	return v
}

// ReadCSR reads CSR n with no privilege check (debuggers, tests, traces).
func (h *Hart) ReadCSR(n uint16) (uint64, bool) { return h.csrRead(n) }

// WriteCSR writes CSR n with no privilege check, applying its WARL rules.
// minstret and mcycle read back exactly v.
func (h *Hart) WriteCSR(n uint16, v uint64) bool {
	if _, ok := h.csrRead(n); !ok {
		return false
	}
	h.csrWrite(n, v)
	switch n {
	case isa.CSR_MINSTRET:
		h.instret++
		h.cycleOff--
	case isa.CSR_MCYCLE:
		h.cycleOff++
	}
	return true
}
