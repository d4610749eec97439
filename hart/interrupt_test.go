package hart

import (
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// spinProgram: the hart spins at loop; trap vectors point into a sled of
// self-loops, so after a trap pc shows which entry was used.
const spinProgram = `
loop:	j loop
	.balign 256
	.option push
	.option norvc
vec:
	.rept 32
	1: j 1b
	.endr
	.option pop
`

type irqCase struct {
	name    string
	priv    Priv
	mstatus uint64 // MIE (8) and SIE (2)
	mideleg uint64
	mie     uint64
	lines   []uint // SetMIP
	mip     uint64 // software-written mip bits
	want    uint64 // cause taken; 0 = none
	to      Priv
}

// TestInterruptPriority follows privileged spec 3.1.9: M-level interrupts
// (not delegated) before S-level, and within a level MEI, MSI, MTI, SEI,
// SSI, STI; plus 3.1.6.1's rules on when each level is globally enabled.
func TestInterruptPriority(t *testing.T) {
	const all = 0xaaa
	const irq = CauseInterrupt
	cases := []irqCase{
		{name: "MEI first", priv: PrivM, mstatus: 8, mie: all, lines: []uint{MEIP, MSIP, MTIP}, want: irq | MEIP, to: PrivM},
		{name: "MSI before MTI", priv: PrivM, mstatus: 8, mie: all, lines: []uint{MSIP, MTIP}, want: irq | MSIP, to: PrivM},
		{name: "MTI before SEI", priv: PrivM, mstatus: 8, mie: all, lines: []uint{MTIP, SEIP}, mip: 0x22, want: irq | MTIP, to: PrivM},
		{name: "SEI before SSI", priv: PrivM, mstatus: 8, mie: all, mip: 0x222, want: irq | SEIP, to: PrivM},
		{name: "SSI before STI", priv: PrivM, mstatus: 8, mie: all, mip: 0x22, want: irq | SSIP, to: PrivM},
		{name: "STI last", priv: PrivM, mstatus: 8, mie: all, mip: 0x20, want: irq | STIP, to: PrivM},
		{name: "M with MIE=0 takes nothing", priv: PrivM, mie: all, lines: []uint{MEIP, MTIP}},
		{name: "mie masks", priv: PrivM, mstatus: 8, mie: all &^ (1 << MTIP), lines: []uint{MTIP}},
		{name: "M-level taken in S whatever MIE", priv: PrivS, mie: all, lines: []uint{MTIP}, want: irq | MTIP, to: PrivM},
		{name: "M-level taken in U", priv: PrivU, mie: all, lines: []uint{MSIP}, want: irq | MSIP, to: PrivM},
		{name: "S-level never taken in M", priv: PrivM, mstatus: 8 | 2, mideleg: 0x222, mie: all, mip: 0x2},
		{name: "S-level in S needs SIE", priv: PrivS, mideleg: 0x222, mie: all, mip: 0x2},
		{name: "S-level in S with SIE", priv: PrivS, mstatus: 2, mideleg: 0x222, mie: all, mip: 0x2, want: irq | SSIP, to: PrivS},
		{name: "S-level in U whatever SIE", priv: PrivU, mideleg: 0x222, mie: all, mip: 0x20, want: irq | STIP, to: PrivS},
		{name: "M-level outranks higher-numbered S-level", priv: PrivS, mstatus: 2, mideleg: 0x222, mie: all,
			lines: []uint{MTIP, SEIP}, want: irq | MTIP, to: PrivM},
		{name: "SEIP line delegated", priv: PrivU, mideleg: 0x200, mie: all, lines: []uint{SEIP}, want: irq | SEIP, to: PrivS},
	}
	img, syms := assemble(t, spinProgram)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMachineImg(1, false, img, syms)
			h := m.harts[0]
			h.WriteCSR(isa.CSR_MTVEC, syms["vec"])
			h.WriteCSR(isa.CSR_STVEC, syms["vec"]+32)
			h.WriteCSR(isa.CSR_MSTATUS, c.mstatus)
			h.WriteCSR(isa.CSR_MIDELEG, c.mideleg)
			h.WriteCSR(isa.CSR_MIE, c.mie)
			h.WriteCSR(isa.CSR_MIP, c.mip)
			for _, l := range c.lines {
				h.SetMIP(l, true)
			}
			h.SetPriv(c.priv)
			h.Run(10)
			tr := h.LastTrap()
			if c.want == 0 {
				if tr.Count != 0 {
					t.Fatalf("took %+v, want no interrupt", tr)
				}
				return
			}
			want := TrapInfo{Cause: c.want, EPC: syms["loop"], From: c.priv, To: c.to, Count: 1}
			if tr != want {
				t.Fatalf("took %+v, want %+v", tr, want)
			}
		})
	}
}

func TestVectoredInterrupt(t *testing.T) {
	img, syms := assemble(t, spinProgram)
	m := newMachineImg(1, false, img, syms)
	h := m.harts[0]
	h.WriteCSR(isa.CSR_MTVEC, syms["vec"]|1)
	h.WriteCSR(isa.CSR_MSTATUS, 8)
	h.WriteCSR(isa.CSR_MIE, 1<<MTIP)
	h.SetMIP(MTIP, true)
	h.Run(5)
	if want := syms["vec"] + 4*MTIP; h.PC() != want {
		t.Errorf("vectored MTI went to %#x, want base+4*7 = %#x", h.PC(), want)
	}
	if mstatus, _ := h.ReadCSR(isa.CSR_MSTATUS); mstatus&0x88 != 0x80 {
		t.Errorf("mstatus %#x: want MPIE=1 MIE=0 after the trap", mstatus)
	}
	// Exceptions use the base even in vectored mode.
	h.WriteCSR(isa.CSR_MIE, 0)
	h.SetPC(0x20000000)
	h.Run(1)
	if h.PC() != syms["vec"] || h.LastTrap().Cause != CauseFetchAccess {
		t.Errorf("exception went to %#x (trap %+v), want the base %#x", h.PC(), h.LastTrap(), syms["vec"])
	}
}

// TestSstc: with menvcfg.STCE, STIP is mtime >= stimecmp (Sstc spec), read-only
// in mip, and S-mode reaches stimecmp when mcounteren.TM allows it.
func TestSstc(t *testing.T) {
	img, syms := assemble(t, spinProgram)
	m := newMachineImg(1, false, img, syms)
	h := m.harts[0]
	h.WriteCSR(isa.CSR_STVEC, syms["vec"])
	h.WriteCSR(isa.CSR_MENVCFG, 1<<63)
	h.WriteCSR(isa.CSR_MIDELEG, 1<<STIP)
	h.WriteCSR(isa.CSR_MIE, 1<<STIP)
	h.WriteCSR(isa.CSR_MSTATUS, 2) // SIE
	h.WriteCSR(isa.CSR_STIMECMP, 100)
	h.SetPriv(PrivS)
	m.mtime = 99
	h.Run(10)
	if mip, _ := h.ReadCSR(isa.CSR_MIP); mip != 0 || h.LastTrap().Count != 0 {
		t.Fatalf("mtime 99 < stimecmp 100: mip %#x, trap %+v", mip, h.LastTrap())
	}
	m.mtime = 100
	if !h.WouldWake() {
		t.Error("WouldWake false with STIP pending and enabled")
	}
	h.Run(10)
	if tr := h.LastTrap(); tr.Cause != CauseInterrupt|STIP || tr.To != PrivS {
		t.Fatalf("trap %+v, want STI in S", tr)
	}
	// Writing stimecmp clears STIP.
	h.WriteCSR(isa.CSR_STIMECMP, 200)
	if mip, _ := h.ReadCSR(isa.CSR_MIP); mip != 0 {
		t.Errorf("mip %#x after stimecmp moved past mtime", mip)
	}
}

// TestWFI: WFI sleeps until an interrupt is pending and enabled in mie, even
// with interrupts globally disabled (then execution simply continues).
func TestWFI(t *testing.T) {
	m := newMachine(t, 1, false, `
		li t0, 1<<7
		csrw mie, t0
		wfi
	after:	ebreak`)
	h := m.harts[0]
	if n, why := h.Run(100); why != StopWFI || n != 3 || !h.Waiting() {
		t.Fatalf("Run = %d, %v, waiting %v; want 3 instructions then WFI", n, why, h.Waiting())
	}
	if h.WouldWake() {
		t.Fatal("WouldWake with nothing pending")
	}
	if n, why := h.Run(100); why != StopWFI || n != 0 {
		t.Fatalf("asleep: Run = %d, %v, want 0, wfi", n, why)
	}
	h.SetMIP(MSIP, true) // pending but not enabled in mie: still asleep
	if _, why := h.Run(100); why != StopWFI {
		t.Fatalf("woke on a disabled interrupt: %v", why)
	}
	h.SetMIP(MTIP, true)
	if _, why := h.Run(100); why != StopEbreak || h.PC() != m.syms["after"] || h.Waiting() {
		t.Fatalf("woken: %v at %#x, want ebreak at after without a trap", why, h.PC())
	}
	if h.LastTrap().Count != 0 {
		t.Errorf("MIE=0 but took %+v", h.LastTrap())
	}
}

// TestSEIPReadModifyWrite: with the PLIC's SEIP line high, csrrs on mip reads
// SEIP set but must not latch it into the software bit (spec 3.1.9), so it
// drops with the line.
func TestSEIPReadModifyWrite(t *testing.T) {
	m := newMachine(t, 1, false, "li t0, 2\n csrrs a0, mip, t0\n ebreak")
	h := m.harts[0]
	h.SetMIP(SEIP, true)
	m.run(t)
	if a0 := h.X(10); a0&(1<<SEIP) == 0 {
		t.Errorf("csrrs read mip %#x without SEIP", a0)
	}
	h.SetMIP(SEIP, false)
	if mip, _ := h.ReadCSR(isa.CSR_MIP); mip != 1<<SSIP {
		t.Errorf("mip = %#x after the line dropped, want only SSIP", mip)
	}
}
