package hart

import (
	"encoding/binary"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// trapPrelude installs M and S handlers that record the trap in s0..s4 and
// stop with ebreak (s4 = the mode the handler ran in), then jumps to test.
// ENTER mode, label drops to a mode through mret.
const trapPrelude = `
	.macro ENTER mpp, target
	li t0, 3 << 11
	csrc mstatus, t0
	li t0, \mpp << 11
	csrs mstatus, t0
	la t0, \target
	csrw mepc, t0
	mret
	.endm
	la t0, mtrap
	csrw mtvec, t0
	la t0, strap
	csrw stvec, t0
	j test
	.balign 4
mtrap:
	csrr s0, mcause
	csrr s1, mepc
	csrr s2, mtval
	csrr s3, mstatus
	li s4, 3
	ebreak
	.balign 4
strap:
	csrr s0, scause
	csrr s1, sepc
	csrr s2, stval
	csrr s3, sstatus
	li s4, 1
	ebreak
test:
`

const trapData = `
	.data
	.balign 8
data:	.dword 0x8877665544332211
`

// trapCase runs body after the prelude and checks the trap the handlers
// recorded. mepc/sepc must be the address of label at (or epc); tval is
// tvalAt's address plus tval, or the instruction bits at at if bits is set.
type trapCase struct {
	name   string
	body   string
	opts   []machineOpt
	setup  func(*machine)
	cause  uint64
	mode   uint64 // handler mode: 3 = M, 1 = S
	at     string
	epc    uint64
	tval   uint64
	tvalAt string
	bits   bool
}

// runTrapCases assembles every case into one program (one GNU as run), each
// body at its own label with its labels renamed apart, and runs each on a
// fresh machine from its label with the prelude's handlers installed.
func runTrapCases(t *testing.T, cases []trapCase) {
	t.Helper()
	var src strings.Builder
	src.WriteString(trapPrelude)
	for i, c := range cases {
		fmt.Fprintf(&src, "case%d:\n%s\n", i, caseLabels.ReplaceAllString(c.body, fmt.Sprintf("c%d_$1", i)))
	}
	img, syms := assemble(t, src.String()+trapData)
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMachineImg(1, false, img, syms, c.opts...)
			if c.setup != nil {
				c.setup(m)
			}
			h := m.harts[0]
			h.WriteCSR(isa.CSR_MTVEC, syms["mtrap"])
			h.WriteCSR(isa.CSR_STVEC, syms["strap"])
			h.SetPC(syms[fmt.Sprintf("case%d", i)])
			h = m.run(t)
			label := func(l string) uint64 {
				if l == "data" {
					return syms[l]
				}
				a, ok := syms[fmt.Sprintf("c%d_%s", i, l)]
				if !ok {
					t.Fatalf("no label %q", l)
				}
				return a
			}
			epc := c.epc
			if c.at != "" {
				epc = label(c.at)
			}
			tval := c.tval
			if c.tvalAt != "" {
				tval += label(c.tvalAt)
			}
			if c.bits {
				tval = uint64(binary.LittleEndian.Uint32(m.ram[epc-testRAMBase:]))
				if tval&3 != 3 {
					tval &= 0xffff
				}
			}
			got := [4]uint64{reg(h, "s4"), reg(h, "s0"), reg(h, "s1"), reg(h, "s2")}
			exp := [4]uint64{c.mode, c.cause, epc, tval}
			if got != exp {
				t.Errorf("handler mode, cause, epc, tval = %#x, want %#x", got, exp)
			}
		})
	}
}

// caseLabels are the label names trap case bodies use.
var caseLabels = regexp.MustCompile(`\b(u|s|m|e)\b`)

func TestExceptions(t *testing.T) {
	const bad = 0x20000000 // no device: access faults
	runTrapCases(t, []trapCase{
		{name: "ecall from U", body: "ENTER 0, u\nu: ecall", cause: CauseEcallU, mode: 3, at: "u"},
		{name: "ecall from S", body: "ENTER 1, s\ns: ecall", cause: CauseEcallS, mode: 3, at: "s"},
		{name: "ecall from M", body: "m: ecall", cause: CauseEcallM, mode: 3, at: "m"},
		{name: "ecall from U delegated", body: "li t0, 1<<8\n csrw medeleg, t0\n ENTER 0, u\nu: ecall",
			cause: CauseEcallU, mode: 1, at: "u"},
		{name: "ecall from S delegated", body: "li t0, 1<<9\n csrw medeleg, t0\n ENTER 1, s\ns: ecall",
			cause: CauseEcallS, mode: 1, at: "s"},
		{name: "medeleg[11] is read-only zero", body: "li t0, -1\n csrw medeleg, t0\n m: ecall",
			cause: CauseEcallM, mode: 3, at: "m"},
		{name: "M-mode traps are never delegated", body: "li t0, -1\n csrw medeleg, t0\n m: csrr a0, 0x7ff",
			cause: CauseIllegal, mode: 3, at: "m", bits: true},
		{name: "illegal CSR from U, tval = bits", body: "ENTER 0, u\nu: csrr a0, mstatus",
			cause: CauseIllegal, mode: 3, at: "u", bits: true},
		{name: "illegal compressed, tval = 16 bits", body: "u: .half 0x0004", // c.addi4spn, nzuimm=0: reserved
			cause: CauseIllegal, mode: 3, at: "u", tval: 4},
		{name: "all-zero is illegal", body: "u: .half 0", cause: CauseIllegal, mode: 3, at: "u", tval: 0},
		{name: "F is absent", body: "u: .word 0x00012507 # flw fa0, 0(sp)", cause: CauseIllegal, mode: 3, at: "u", bits: true},
		{name: "write to read-only CSR", body: "u: csrw mhartid, zero", cause: CauseIllegal, mode: 3, at: "u", bits: true},
		{name: "csrrs x0 of read-only CSR is a read", body: "csrrs a0, mhartid, zero\n u: ecall", cause: CauseEcallM, mode: 3, at: "u"},
		{name: "load access fault", body: "li a0, 0x20000004\nu: lw a1, 0(a0)", cause: CauseLoadAccess, mode: 3, at: "u", tval: bad + 4},
		{name: "store access fault", body: "li a0, 0x20000000\nu: sd a1, 8(a0)", cause: CauseStoreAccess, mode: 3, at: "u", tval: bad + 8},
		{name: "AMO access fault", body: "li a0, 0x20000000\nu: amoadd.w a1, a1, (a0)", cause: CauseStoreAccess, mode: 3, at: "u", tval: bad},
		{name: "LR access fault", body: "li a0, 0x20000000\nu: lr.d a1, (a0)", cause: CauseLoadAccess, mode: 3, at: "u", tval: bad},
		{name: "fetch access fault", body: "li a0, 0x20000000\n jr a0", cause: CauseFetchAccess, mode: 3, epc: bad, tval: bad},
		// A 4-byte instruction in the last 2 bytes of RAM: its second half faults.
		{name: "fetch fault in the second half", body: "li a0, 0x800ffffe\n jr a0",
			setup: func(m *machine) { copy(m.ram[testRAMSize-2:], []byte{0x13, 0}) },
			cause: CauseFetchAccess, mode: 3, epc: 0x800ffffe, tval: 0x80100000},
		{name: "misaligned load trapped", body: "la a0, data\nu: lw a1, 2(a0)", opts: []machineOpt{trapMisaligned},
			cause: CauseLoadMisaligned, mode: 3, at: "u", tvalAt: "data", tval: 2},
		{name: "misaligned store trapped", body: "la a0, data\nu: sh a1, 1(a0)", opts: []machineOpt{trapMisaligned},
			cause: CauseStoreMisaligned, mode: 3, at: "u", tvalAt: "data", tval: 1},
		{name: "misaligned AMO always traps", body: "la a0, data\n addi a0, a0, 4\nu: amoswap.d a1, a1, (a0)",
			cause: CauseStoreMisaligned, mode: 3, at: "u", tvalAt: "data", tval: 4},
		{name: "misaligned LR is a load fault", body: "la a0, data\n addi a0, a0, 2\nu: lr.w a1, (a0)",
			cause: CauseLoadMisaligned, mode: 3, at: "u", tvalAt: "data", tval: 2},
		{name: "misaligned bus load emulated bytewise, fault on the bad byte",
			body: "li a0, 0x10000ffe\nu: lw a1, 0(a0)", cause: CauseLoadAccess, mode: 3, at: "u", tval: 0x10001000},
	})
}

// TestEbreak: without a debugger ebreak is a breakpoint exception with
// mtval = pc; with SetDebugEbreak it stops Run at the ebreak instead.
func TestEbreak(t *testing.T) {
	m := newMachine(t, 1, false, "nop\nbrk: c.ebreak\n .balign 4\nhandler: j handler")
	h := m.harts[0]
	if n, why := h.Run(10); why != StopEbreak || n != 1 || h.PC() != m.syms["brk"] {
		t.Fatalf("Run = %d, %v at %#x; want 1 instruction, a stop at the ebreak", n, why, h.PC())
	}
	h.SetDebugEbreak(false)
	h.WriteCSR(0x305, m.syms["handler"])
	h.Run(1)
	want := TrapInfo{Cause: CauseBreakpoint, Tval: m.syms["brk"], EPC: m.syms["brk"], From: PrivM, To: PrivM, Count: 1}
	if got := h.LastTrap(); got != want {
		t.Errorf("trap %+v, want %+v", got, want)
	}
	if h.Instret() != 1 {
		t.Errorf("instret %d: neither the debug stop nor the trapping ebreak retires", h.Instret())
	}
}
