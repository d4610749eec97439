package hart

import (
	"sync/atomic"

	"github.com/rvstop/rvstop/isa"
)

// Bus is everything outside RAM: boot ROM, CLINT, PLIC, UART, finisher. Sizes
// are 1, 2, 4 or 8 and addresses naturally aligned. false means no device
// answers: the hart raises an access fault.
type Bus interface {
	Load(addr uint64, size int) (uint64, bool)
	Store(addr uint64, size int, val uint64) bool
}

// Priv is a privilege mode, numbered as in mstatus.MPP.
type Priv uint8

const (
	PrivU Priv = 0
	PrivS Priv = 1
	PrivM Priv = 3
)

func (p Priv) String() string {
	switch p {
	case PrivU:
		return "U"
	case PrivS:
		return "S"
	case PrivM:
		return "M"
	}
	return "?"
}

// Misaligned chooses what a misaligned load or store does (AMOs and LR/SC
// always trap). Emulate is the default, like QEMU.
type Misaligned uint8

const (
	MisalignedEmulate Misaligned = iota // performed, bytewise outside RAM
	MisalignedTrap                      // load/store address-misaligned exception
)

// Config describes one hart of a machine.
type Config struct {
	ID         uint64 // mhartid
	RAMBase    uint64 // physical address of RAM[0]
	RAM        []byte // guest RAM, shared by all harts
	Bus        Bus    // everything else; nil means every other address faults
	Shared     *Shared
	Time       func() uint64 // mtime; nil reads as zero
	Misaligned Misaligned
}

// Hart is one RISC-V hart. Its methods are not safe for concurrent use except
// SetMIP, RequestStop and Waiting, which devices and debuggers may call from
// other goroutines.
type Hart struct {
	x    [32]uint64
	pc   uint64
	priv Priv

	mem  // RAM fast path and bus
	csrs // every CSR's storage
	// lines are the interrupt lines devices drive (MSIP, MTIP, MEIP, SEIP),
	// set from any goroutine; mip reads them with the software bits.
	lines atomic.Uint64

	// event asks Run to leave the straight-line path before the next
	// instruction: interrupts may have become takeable, or stop is set.
	event bool
	stop  StopReason
	wfi   bool

	icache *[icacheSize]icEntry

	id     uint64
	time   func() uint64
	shared *Shared
	slot   int // index of this hart's reservation in shared

	debugEbreak bool
	breakpoints map[uint64]struct{}
	skipBreak   uint64 // a breakpoint pc to step over once (resuming from it)
	tracer      Tracer
	lastTrap    TrapInfo
	traps       uint64 // traps taken, for tracers to notice one
}

// New creates a hart in its reset state (M-mode at pc 0); see Reset.
func New(cfg Config) *Hart {
	if cfg.Shared == nil {
		cfg.Shared = NewShared(false)
	}
	h := &Hart{id: cfg.ID, time: cfg.Time, shared: cfg.Shared,
		icache: new([icacheSize]icEntry)}
	if h.time == nil {
		h.time = func() uint64 { return 0 }
	}
	h.mem.init(cfg)
	h.slot = cfg.Shared.register()
	h.Reset(0)
	return h
}

// Reset puts the hart in the state the privileged spec defines for reset:
// M-mode, mstatus.MIE and MPRV clear, pc at the reset vector; the board's
// boot ROM then sets a0/a1. Registers and other CSRs are cleared too, so a
// reset is reproducible.
func (h *Hart) Reset(pc uint64) {
	h.x = [32]uint64{}
	h.pc = pc
	h.priv = PrivM
	h.csrs.reset()
	h.event, h.stop, h.wfi = true, StopBudget, false
	h.lastTrap = TrapInfo{}
	h.shared.clear(h.slot)
}

// ID returns mhartid.
func (h *Hart) ID() uint64 { return h.id }

// PC returns the address of the next instruction.
func (h *Hart) PC() uint64 { return h.pc }

// SetPC moves the hart to pc (debuggers, the board's boot path).
func (h *Hart) SetPC(pc uint64) { h.pc = pc &^ 1 }

// X returns integer register r (x0 reads 0).
func (h *Hart) X(r int) uint64 { return h.x[r&31] }

// SetX writes integer register r; writes to x0 are ignored.
func (h *Hart) SetX(r int, v uint64) {
	if r&31 != 0 {
		h.x[r&31] = v
	}
}

// Priv returns the current privilege mode.
func (h *Hart) Priv() Priv { return h.priv }

// SetPriv changes the privilege mode (debuggers; firmware-less test setups).
func (h *Hart) SetPriv(p Priv) {
	if p == PrivM || p == PrivS || p == PrivU {
		h.priv = p
		h.event = true
	}
}

// Instret returns minstret.
func (h *Hart) Instret() uint64 { return h.instret }

// LastTrap returns the most recent trap taken (Cause 0 and Count 0 if none).
func (h *Hart) LastTrap() TrapInfo { return h.lastTrap }

// SetDebugEbreak makes ebreak stop Run (StopEbreak) instead of trapping, as
// when a debugger owns software breakpoints.
func (h *Hart) SetDebugEbreak(on bool) { h.debugEbreak = on }

// SetBreakpoint adds or removes an address at which Run stops (StopBreakpoint)
// before executing the instruction there. Resuming Run at that pc executes it.
func (h *Hart) SetBreakpoint(pc uint64, on bool) {
	if on {
		if h.breakpoints == nil {
			h.breakpoints = map[uint64]struct{}{}
		}
		h.breakpoints[pc] = struct{}{}
	} else {
		delete(h.breakpoints, pc)
	}
}

// Decode returns the decoded instruction at pc through this hart's view of
// memory, for disassembly in debuggers and hang reports.
func (h *Hart) Decode(pc uint64) (in isa.Inst, raw uint32, ok bool) {
	e, c := h.fetchNoCache(pc)
	if c != noTrap {
		return isa.Inst{}, 0, false
	}
	return e.inst, e.bits(), true
}
