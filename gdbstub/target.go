package gdbstub

import (
	"context"
	"errors"
)

// Target is the machine as the stub sees it: a set of harts that share memory
// and run together (all-stop). The stub calls it from one goroutine at a time;
// only Continue and Step block, and they return when ctx is cancelled.
//
// Harts are numbered 0..NumHarts()-1 here; the stub shows hart i to GDB as
// thread i+1 because thread id 0 means "any thread" in the protocol.
type Target interface {
	// NumHarts is the number of harts; it never changes during a session.
	NumHarts() int

	// ReadReg and WriteReg access one register of a hart by its GDB number
	// (RegX0..RegPC, RegCSR(n), RegPriv). Unknown numbers return ErrNoReg.
	ReadReg(hart, reg int) (uint64, error)
	WriteReg(hart, reg int, v uint64) error

	// CSRs lists the CSR numbers the harts implement, in the order GDB should
	// show them; it decides the target description, so it must not change.
	CSRs() []uint16

	// ReadMem and WriteMem go through the hart's own view of memory (address
	// translation, devices). They return how many bytes were transferred from
	// the start; a short count comes with the error that stopped them.
	ReadMem(hart int, addr uint64, buf []byte) (int, error)
	WriteMem(hart int, addr uint64, data []byte) (int, error)

	// AddBreakpoint and RemoveBreakpoint manage breakpoints and watchpoints,
	// which the emulator evaluates: a hart stops before executing an
	// instruction at a breakpoint, and before an access that touches a
	// watched range. Kinds the target lacks return ErrUnsupported.
	AddBreakpoint(kind BreakKind, addr, size uint64) error
	RemoveBreakpoint(kind BreakKind, addr, size uint64) error

	// Step executes one instruction on one hart while every other hart stays
	// put, then reports StopStep (or whatever stopped it first: a watchpoint,
	// the machine's exit).
	Step(ctx context.Context, hart int) Stop

	// Continue runs the harts marked in run (len NumHarts) with the machine's
	// own scheduler until a breakpoint or watchpoint hits, the machine exits,
	// or ctx is cancelled (StopInterrupt). A hart may stop at a breakpoint at
	// its current pc without moving: GDB steps a thread off a breakpoint
	// itself (it removes it, steps, and puts it back) before continuing.
	// Watchpoints stop the hart before the access, as GDB expects on RISC-V.
	Continue(ctx context.Context, run []bool) Stop

	// Detach removes every breakpoint and watchpoint: the debugger is gone.
	Detach()
}

// Reverser is implemented by targets that can run backwards (GDB's
// reverse-stepi and reverse-continue, packets bs and bc). Each returns the
// stop where it arrived; StopHistoryStart when it reached the oldest point it
// can replay from.
type Reverser interface {
	ReverseStep(ctx context.Context, hart int) Stop
	ReverseContinue(ctx context.Context) Stop
}

// Monitor is implemented by targets that answer GDB's `monitor CMD`
// (packet qRcmd). The reply is text for the user's console.
type Monitor interface {
	Monitor(cmd string) string
}

// GDB register numbers as the stub exposes them (the regnum attributes of the
// target description). They follow GDB's own RISC-V numbering, so a CSR's
// number is RegCSR0 plus its CSR address.
const (
	RegX0   = 0
	RegPC   = 32
	RegCSR0 = 65
	RegPriv = RegCSR0 + 4096 // 4161: the virtual "priv" register (0 U, 1 S, 3 M)
)

// RegCSR is the GDB register number of CSR n.
func RegCSR(n uint16) int { return RegCSR0 + int(n) }

// BreakKind is the type field of Z and z packets.
type BreakKind uint8

const (
	BreakSoftware BreakKind = 0 // Z0
	BreakHardware BreakKind = 1 // Z1
	WatchWrite    BreakKind = 2 // Z2
	WatchRead     BreakKind = 3 // Z3
	WatchAccess   BreakKind = 4 // Z4
)

// StopReason says why the machine stopped.
type StopReason uint8

const (
	StopStep         StopReason = iota // a single step completed
	StopInterrupt                      // ctx was cancelled (Ctrl-C)
	StopBreak                          // software breakpoint (Z0) at Hart's pc
	StopHWBreak                        // hardware breakpoint (Z1) at Hart's pc
	StopWatch                          // write watchpoint hit at Addr
	StopReadWatch                      // read watchpoint hit at Addr
	StopAccessWatch                    // access watchpoint hit at Addr
	StopExited                         // the machine finished with status Code
	StopHalted                         // nothing can run any more (every hart waits forever, budget spent)
	StopHistoryStart                   // reverse execution reached the oldest replayable point
)

// Stop describes one stop of the whole machine.
type Stop struct {
	Reason StopReason
	Hart   int    // the hart that caused the stop (for StopInterrupt: any)
	Addr   uint64 // the watched address for watchpoint stops
	Code   int    // exit status for StopExited
	Note   string // shown on the debugger's console with the stop (why a run halted)
}

// Errors a Target returns for requests it cannot serve.
var (
	ErrNoReg       = errors.New("gdbstub: no such register")
	ErrUnsupported = errors.New("gdbstub: not supported")
)
