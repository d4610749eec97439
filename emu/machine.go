// Package emu is rvstop's board: RAM, the devices of QEMU's riscv64 `virt`
// machine (boot ROM, CLINT, PLIC, NS16550A UART, sifive_test finisher, HTIF
// tohost), N harts from package hart, and the scheduler that runs them, either
// interleaved deterministically on one goroutine under a seeded Policy or one
// goroutine per hart (Config.Parallel).
//
// Typical use, as `rvstop run` does:
//
//	m, err := emu.New(emu.Config{Harts: 4, Seed: 1})
//	img, err := m.LoadELFFile("prog.elf")
//	m.SetEntry(img.Entry, 0)
//	res, err := m.Run()
//
// and as `rvstop boot` does: load firmware at 0x8000_0000 and the kernel at
// 0x8020_0000 (KernelBase), then SetEntry(RAMBase, KernelBase).
//
// Where to look: board.go (memory map, device tree), one file per device
// (bootrom, uart, plic, finisher, marker, htif; the CLINT is package clint),
// sched.go (Policy, RandomPolicy, record/replay; sched_pct.go for PCT),
// time.go (the virtual time rule), run_det.go and run_par.go (the two run
// loops), observer.go (tracing hooks), report.go (why a run stopped).
package emu

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rvstop/rvstop/clint"
	"github.com/rvstop/rvstop/hart"
	"github.com/rvstop/rvstop/internal/elfsym"
)

// Config describes a machine and how to run it.
type Config struct {
	Harts   int    // -smp; 0 means 1
	RAMSize uint64 // -m in bytes; 0 means 128 MiB

	// Seed chooses the interleaving in deterministic mode (for the default
	// policy); Policy, when set, replaces the default RandomPolicy(Seed).
	Seed   uint64
	Policy Policy
	// KeepReservations keeps LR reservations across hart switches. By
	// default a hart's reservation is dropped when another hart is scheduled
	// after it, as Spike does (see sched.go for why).
	KeepReservations bool

	// Parallel runs each hart on its own goroutine: fast, not reproducible;
	// mtime follows the host clock.
	Parallel bool

	// MaxInsns stops the run after this many instructions on all harts (0:
	// no limit); exact in deterministic mode, checked every parallelChunk
	// instructions per hart in parallel mode.
	MaxInsns   uint64
	Timeout    time.Duration // stop after this much host time (0: no limit)
	Misaligned hart.Misaligned

	Stdout io.Writer // UART output (besides Result.Console); nil discards
	Stdin  io.Reader // UART input; nil: none

	Bootargs string   // /chosen/bootargs in the device tree
	Observer Observer // tracing hooks; nil: none
}

// Machine is one board. It runs once: build, load, Run.
type Machine struct {
	cfg   Config
	n     int
	ram   []byte
	harts []*hart.Hart
	sh    *hart.Shared

	clint    *clint.CLINT
	plic     *PLIC
	uart     *UART
	finisher *finisher
	rom      *bootROM
	marker   *marker
	buses    []*busView

	fdt         []byte
	start, next uint64
	entrySet    bool
	syms        elfsym.Table
	htif        htif
	console     bytes.Buffer
	consoleMu   sync.Mutex
	obs         Observer

	clock    *timeSource
	step     uint64        // instructions executed, deterministic mode
	pstep    atomic.Uint64 // the same, parallel mode
	exit     exitState
	stop     atomic.Bool
	stopCh   chan struct{} // closed by Stop
	stopOnce sync.Once
	ran      bool
	par      *parState // parallel mode only
}

// DefaultRAM is the RAM size when Config.RAMSize is 0, QEMU's default.
const DefaultRAM = 128 << 20

// MaxHarts bounds Config.Harts.
const MaxHarts = 64

// New builds a machine: RAM (allocated lazily by the host: pages the guest
// never touches cost nothing), devices and harts at the boot ROM's reset vector.
func New(cfg Config) (*Machine, error) {
	if cfg.Harts == 0 {
		cfg.Harts = 1
	}
	if cfg.Harts < 0 || cfg.Harts > MaxHarts {
		return nil, fmt.Errorf("emu: %d harts: between 1 and %d", cfg.Harts, MaxHarts)
	}
	if cfg.RAMSize == 0 {
		cfg.RAMSize = DefaultRAM
	}
	if cfg.RAMSize < 4<<20 || cfg.RAMSize%(1<<20) != 0 || cfg.RAMSize > 64<<30 {
		return nil, fmt.Errorf("emu: RAM size %d: want a whole number of MiB from 4 MiB to 64 GiB", cfg.RAMSize)
	}
	m := &Machine{cfg: cfg, n: cfg.Harts, obs: cfg.Observer, stopCh: make(chan struct{})}
	if m.obs == nil {
		m.obs = NopObserver{}
	}
	var err error
	if m.ram, err = allocRAM(m, cfg.RAMSize); err != nil {
		return nil, err
	}
	if cfg.Parallel {
		m.par = newParState(m.n)
	}
	m.sh = hart.NewShared(cfg.Parallel)
	m.clock = newTimeSource(m)

	m.clint = clint.New(m.n, m.clock.now, lines{m})
	m.clint.Observe = clint.Observer{
		MSIPWrite: func(from, to int, v uint32) {
			m.obs.IPI(m.Step(), from, to, v != 0)
		},
		TimecmpWrite: func(from, h int, v uint64) { m.obs.Timecmp(m.Step(), h, v) },
		TimerFire:    func(h int, now uint64) { m.obs.TimerFire(m.Step(), h, now) },
	}
	m.plic = NewPLIC(m.n, func(ctx int, level bool) {
		bit := uint(hart.MEIP)
		if ctx%2 == 1 {
			bit = hart.SEIP
		}
		m.setMIP(ctx/2, bit, level)
	})
	out := io.Writer(&consoleWriter{m})
	m.uart = NewUART(out, cfg.Stdin, func(level bool) { m.plic.SetLine(uartIRQ, level) })
	m.uart.OnLine = func(line string) { m.obs.UARTLine(m.Step(), line) }
	m.finisher = &finisher{exit: m.guestExit}
	// A ROM exists from the start, so that a debugger can read it before
	// Run; Run rebuilds it with the final start address.
	m.rom = newBootROM(0, FDTAddr(cfg.RAMSize), 0)
	m.marker = &marker{m: m, arg: make([]uint64, m.n)}

	for i := range m.n {
		b := &busView{m: m, id: i}
		m.buses = append(m.buses, b)
		h := hart.New(hart.Config{
			ID: uint64(i), RAMBase: RAMBase, RAM: m.ram, Bus: b,
			Shared: m.sh, Time: m.clint.Now, Misaligned: cfg.Misaligned,
		})
		h.Reset(bootROMBase)
		m.harts = append(m.harts, h)
	}
	return m, nil
}

// Harts returns the harts, for inspection (debuggers, tracers).
func (m *Machine) Harts() []*hart.Hart { return m.harts }

// RAM returns guest RAM (physical address RAMBase is index 0).
func (m *Machine) RAM() []byte { return m.ram }

// SetEntry sets where the boot ROM jumps (start, in M-mode) and the payload
// address it announces to fw_dynamic firmware in a2's info block (next; 0
// when there is none). Without a call, the first loaded ELF's entry is the
// start address.
func (m *Machine) SetEntry(start, next uint64) {
	m.start, m.next, m.entrySet = start, next, true
}

// FDT returns the device tree the harts receive in a1, and its address.
func (m *Machine) FDT() ([]byte, uint64) {
	if m.fdt == nil {
		m.fdt = BuildFDT(FDTConfig{Harts: m.n, RAMSize: m.cfg.RAMSize, Bootargs: m.cfg.Bootargs})
	}
	return m.fdt, FDTAddr(m.cfg.RAMSize)
}

// Stop asks a running machine to stop (safe from any goroutine); Run then
// returns ExitStopped with a report.
func (m *Machine) Stop() {
	m.stop.Store(true)
	m.stopOnce.Do(func() { close(m.stopCh) })
	for _, h := range m.harts {
		h.RequestStop()
	}
}

// Run boots the harts through the boot ROM and runs until the guest exits, a
// limit is reached, every hart is stuck or Stop is called. The error is for
// misuse (no entry, run twice); guest behaviour is always a Result.
func (m *Machine) Run() (Result, error) {
	if m.ran {
		return Result{}, errors.New("emu: a machine runs once")
	}
	if !m.entrySet {
		return Result{}, errors.New("emu: nothing to run: load an ELF or call SetEntry")
	}
	m.ran = true
	fdt, addr := m.FDT()
	if addr < RAMBase || addr-RAMBase+uint64(len(fdt)) > uint64(len(m.ram)) {
		return Result{}, fmt.Errorf("emu: the device tree does not fit in RAM")
	}
	copy(m.ram[addr-RAMBase:], fdt)
	m.rom = newBootROM(m.start, addr, m.next)

	var res Result
	if m.cfg.Parallel {
		res = m.runParallel()
	} else {
		res = m.runDeterministic()
	}
	m.uart.Flush()
	res.MTime = m.clint.Now()
	m.consoleMu.Lock()
	res.Console = bytes.Clone(m.console.Bytes())
	m.consoleMu.Unlock()
	if !res.Reason.Guest() {
		res.Report = m.report(res)
	}
	m.obs.Exit(m.Step(), res.Reason, res.Status)
	return res, nil
}

// consoleWriter tees UART output to Result.Console and Config.Stdout.
type consoleWriter struct{ m *Machine }

func (w *consoleWriter) Write(p []byte) (int, error) {
	w.m.consoleMu.Lock()
	w.m.console.Write(p)
	w.m.consoleMu.Unlock()
	if w.m.cfg.Stdout != nil {
		w.m.cfg.Stdout.Write(p)
	}
	return len(p), nil
}

// exitState records the first guest exit; later ones are ignored.
type exitState struct {
	mu     sync.Mutex
	reason ExitReason
	status int
	set    atomic.Bool
}

func (m *Machine) guestExit(reason ExitReason, status int) {
	m.exit.mu.Lock()
	defer m.exit.mu.Unlock()
	if m.exit.set.Load() {
		return
	}
	m.exit.reason, m.exit.status = reason, status
	m.exit.set.Store(true)
	// In deterministic mode the exit comes from a store by the running hart,
	// on this goroutine: end its quantum after that store.
	if c := m.clock.cur; c != nil && !m.cfg.Parallel {
		c.StopSoon()
	}
	for _, h := range m.harts {
		h.RequestStop()
	}
}

// lines wires the CLINT's outputs to the harts' mip bits.
type lines struct{ m *Machine }

func (l lines) SetMSIP(h int, level bool) { l.m.setMIP(h, hart.MSIP, level) }
func (l lines) SetMTIP(h int, level bool) { l.m.setMIP(h, hart.MTIP, level) }

func (m *Machine) setMIP(h int, bit uint, level bool) {
	m.harts[h].SetMIP(bit, level)
	if level {
		m.wake(h)
	}
}
