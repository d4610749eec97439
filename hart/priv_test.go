package hart

import (
	"testing"

	"github.com/rvstop/rvstop/isa"
)

func TestPrivilegeRestrictions(t *testing.T) {
	illegal := func(name, body string) trapCase {
		return trapCase{name: name, body: body, cause: CauseIllegal, mode: 3, at: "u", bits: true}
	}
	runTrapCases(t, []trapCase{
		illegal("sret in U", "ENTER 0, u\nu: sret"),
		illegal("mret in S", "ENTER 1, u\nu: mret"),
		illegal("mret in U", "ENTER 0, u\nu: mret"),
		illegal("sret in S with TSR", "li t0, 1<<22\n csrs mstatus, t0\n ENTER 1, u\nu: sret"),
		illegal("wfi in U", "ENTER 0, u\nu: wfi"),
		illegal("wfi in S with TW", "li t0, 1<<21\n csrs mstatus, t0\n ENTER 1, u\nu: wfi"),
		illegal("sfence.vma in U", "ENTER 0, u\nu: sfence.vma"),
		illegal("sfence.vma in S with TVM", "li t0, 1<<20\n csrs mstatus, t0\n ENTER 1, u\nu: sfence.vma"),
		illegal("satp in S with TVM", "li t0, 1<<20\n csrs mstatus, t0\n ENTER 1, u\nu: csrr a0, satp"),
		illegal("M CSR from S", "ENTER 1, u\nu: csrr a0, mscratch"),
		illegal("S CSR from U", "ENTER 0, u\nu: csrr a0, sscratch"),
		illegal("cycle in S without mcounteren.CY", "ENTER 1, u\nu: rdcycle a0"),
		illegal("time in U with mcounteren.TM only", "csrwi mcounteren, 2\n ENTER 0, u\nu: rdtime a0"),
		illegal("instret in U without scounteren.IR", "csrwi mcounteren, 4\n ENTER 0, u\nu: rdinstret a0"),
		illegal("stimecmp in S without menvcfg.STCE", "csrwi mcounteren, 2\n ENTER 1, u\nu: csrr a0, stimecmp"),
		illegal("stimecmp in S without mcounteren.TM", "li t0, 1\n slli t0, t0, 63\n csrs menvcfg, t0\n ENTER 1, u\nu: csrr a0, stimecmp"),
		illegal("pmpcfg1 does not exist on RV64", "u: csrr a0, pmpcfg1"),
		illegal("mtinst needs H", "u: csrr a0, 0x34a"),
		// Gated counters that are allowed read normally and then ecall.
		{name: "counters allowed in S", body: "csrwi mcounteren, 7\n ENTER 1, u\nu: rdcycle a0\n rdtime a0\n rdinstret a0\n e: ecall",
			cause: CauseEcallS, mode: 3, at: "e"},
		{name: "counters allowed in U", body: "csrwi mcounteren, 5\n csrwi scounteren, 5\n ENTER 0, u\nu: rdcycle a0\n rdinstret a0\n e: ecall",
			cause: CauseEcallU, mode: 3, at: "e"},
	})
}

func TestXRet(t *testing.T) {
	const st = 0xa00000000 // UXL = SXL = 2 (64-bit)
	for _, c := range []regCase{
		// mret: MIE <- MPIE, MPIE <- 1, MPP <- U; into S, where ecall shows
		// the state: MPP = S, MPIE = MIE at the trap (1), MIE = 0.
		{"mret to S then ecall", trapPrelude + `
			li t0, 0x80 | 1<<17
			csrs mstatus, t0
			ENTER 1, s
			s: ecall`, "s3", st | 1<<11 | 0x80},
		// Leaving M for U clears MPRV; mret in M to M keeps it.
		{"mret to M keeps MPRV", trapPrelude + `
			li t0, 1<<17
			csrs mstatus, t0
			ENTER 3, m
			m: csrr a0, mstatus
			li t0, 1<<17
			and a0, a0, t0`, "a0", 1 << 17},
		{"mret to U clears MPRV", trapPrelude + `
			li t0, 1<<17
			csrs mstatus, t0
			ENTER 0, u
			u: ecall`, "s3", st | 0x00},
		// sret: SIE <- SPIE, SPIE <- 1, SPP <- U. (MPIE is 0: the mret of ENTER
		// moved it into MIE, and the ecall moved MIE = 0 back.)
		{"sret to U", trapPrelude + `
			ENTER 1, s
			s: li t1, 1<<5
			csrs sstatus, t1
			la t1, u
			csrw sepc, t1
			sret
			u: ecall`, "s3", st | 1<<5 | 1<<1},
		{"sret to S", trapPrelude + `
			li t0, 1<<8
			csrs mstatus, t0
			ENTER 1, s
			s: la t1, s2
			csrw sepc, t1
			sret
			s2: ecall`, "s0", CauseEcallS},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := reg(runAsm(t, c.src), c.reg); got != c.want {
				t.Errorf("%s = %#x, want %#x", c.reg, got, c.want)
			}
		})
	}
}

// TestCSRWARL writes all ones (and other patterns) and reads back what the
// privileged spec allows this implementation to hold.
func TestCSRWARL(t *testing.T) {
	const ones = ^uint64(0)
	cases := []struct {
		name     string
		csr      uint16
		write    uint64
		want     uint64
		setup    func(h *Hart)
		readBack uint16 // 0: read csr itself
	}{
		{name: "mstatus", csr: isa.CSR_MSTATUS, write: ones, want: 0xa007e19aa},
		{name: "mstatus MPP=2 reads U", csr: isa.CSR_MSTATUS, write: 2 << 11, want: 0xa00000000},
		{name: "sstatus view", csr: isa.CSR_SSTATUS, write: ones, want: 0x2000c0122},
		{name: "sstatus writes reach mstatus", csr: isa.CSR_SSTATUS, write: ones, want: 0xa000c0122, readBack: isa.CSR_MSTATUS},
		{name: "misa is RV64ACIMSU", csr: isa.CSR_MISA, write: 0, want: 0x8000000000141105},
		{name: "medeleg", csr: isa.CSR_MEDELEG, write: ones, want: 0xb3ff},
		{name: "mideleg", csr: isa.CSR_MIDELEG, write: ones, want: 0x222},
		{name: "mie", csr: isa.CSR_MIE, write: ones, want: 0xaaa},
		{name: "sie follows mideleg", csr: isa.CSR_SIE, write: ones, want: 0x22,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_MIDELEG, 0x22) }},
		{name: "sie writes only delegated bits", csr: isa.CSR_SIE, write: ones, want: 0x2,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_MIDELEG, 0x2) }, readBack: isa.CSR_MIE},
		{name: "mip software bits", csr: isa.CSR_MIP, write: ones, want: 0x222},
		{name: "mip STIP read-only under Sstc", csr: isa.CSR_MIP, write: ones, want: 0x202,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_STIMECMP, ^uint64(0)); h.WriteCSR(isa.CSR_MENVCFG, 1<<63) }},
		{name: "sip: only SSIP writable", csr: isa.CSR_SIP, write: ones, want: 0x2,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_MIDELEG, 0x222) }, readBack: isa.CSR_MIP},
		{name: "mtvec direct", csr: isa.CSR_MTVEC, write: 0x80001000, want: 0x80001000},
		{name: "mtvec vectored", csr: isa.CSR_MTVEC, write: 0x80001001, want: 0x80001001},
		{name: "mtvec reserved mode ignored", csr: isa.CSR_MTVEC, write: 0x80002002, want: 0x80001000,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_MTVEC, 0x80001000) }},
		{name: "mepc bit 0", csr: isa.CSR_MEPC, write: ones, want: ones - 1},
		{name: "sepc bit 0", csr: isa.CSR_SEPC, write: 0x123, want: 0x122},
		{name: "mcause any value", csr: isa.CSR_MCAUSE, write: ones, want: ones},
		{name: "mcounteren 32 bits", csr: isa.CSR_MCOUNTEREN, write: ones, want: 0xffffffff},
		{name: "scounteren 32 bits", csr: isa.CSR_SCOUNTEREN, write: ones, want: 0xffffffff},
		{name: "menvcfg FIOM STCE", csr: isa.CSR_MENVCFG, write: ones, want: 1<<63 | 1},
		{name: "senvcfg FIOM", csr: isa.CSR_SENVCFG, write: ones, want: 1},
		{name: "satp Bare accepted", csr: isa.CSR_SATP, write: 0x1234, want: 0x1234},
		{name: "satp Sv39 ignored", csr: isa.CSR_SATP, write: 8<<60 | 0x1234, want: 0},
		{name: "stimecmp", csr: isa.CSR_STIMECMP, write: 5, want: 5},
		{name: "mcountinhibit read-only zero", csr: isa.CSR_MCOUNTINHIBIT, write: ones, want: 0},
		{name: "mhpmcounter3 read-only zero", csr: isa.CSR_MHPMCOUNTER3, write: ones, want: 0},
		{name: "mhpmevent31 read-only zero", csr: isa.CSR_MHPMEVENT3 + 28, write: ones, want: 0},
		{name: "pmpaddr0 54 bits", csr: isa.CSR_PMPADDR0, write: ones, want: 1<<54 - 1},
		{name: "pmpaddr16 absent: zero", csr: isa.CSR_PMPADDR0 + 16, write: ones, want: 0},
		{name: "pmpcfg0 reserved bits", csr: isa.CSR_PMPCFG0, write: 0x6f6f6f6f6f6f6f1f, want: 0x0f0f0f0f0f0f0f1f},
		{name: "pmpcfg0 W without R keeps old", csr: isa.CSR_PMPCFG0, write: 0x02, want: 0},
		{name: "pmpcfg locked entry ignores writes", csr: isa.CSR_PMPCFG0, write: 0, want: 0x81,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_PMPCFG0, 0x81) }},
		{name: "locked pmpaddr ignores writes", csr: isa.CSR_PMPADDR0, write: 5, want: 0,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_PMPCFG0, 0x80) }},
		{name: "pmpaddr below locked TOR ignores writes", csr: isa.CSR_PMPADDR0, write: 5, want: 0,
			setup: func(h *Hart) { h.WriteCSR(isa.CSR_PMPCFG0, 0x8800) }},
		{name: "pmpcfg2 holds entries 8..15", csr: isa.CSR_PMPCFG0 + 2, write: 0x0101010101010101, want: 0x0101010101010101},
		{name: "pmpcfg4 absent: zero", csr: isa.CSR_PMPCFG0 + 4, write: ones, want: 0},
		{name: "mhartid", csr: isa.CSR_MHARTID, write: 0, want: 7},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := New(Config{ID: 7, RAMBase: testRAMBase, RAM: make([]byte, 64)})
			if c.setup != nil {
				c.setup(h)
			}
			if c.csr != isa.CSR_MHARTID && c.csr != isa.CSR_MISA && !h.WriteCSR(c.csr, c.write) {
				t.Fatalf("WriteCSR(%s) refused", isa.CSRName(c.csr))
			}
			rb := c.csr
			if c.readBack != 0 {
				rb = c.readBack
			}
			if got, _ := h.ReadCSR(rb); got != c.want {
				t.Errorf("%s = %#x, want %#x", isa.CSRName(rb), got, c.want)
			}
		})
	}
}
