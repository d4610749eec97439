package trace

import (
	"path"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/hart"
	"github.com/rvstop/rvstop/isa"
)

// Tracer turns a run's hart and board events into Events for a Sink, applying
// the Options' filters. It implements hart.Tracer (install it on every hart)
// and emu.Observer (pass it in emu.Config.Observer). In deterministic mode all
// calls come from one goroutine; in -parallel mode tracing is not supported.
type Tracer struct {
	opt  Options
	src  *Source
	sink Sink
	step func() uint64

	fromAddr, toAddr uint64
	active, done     bool
	retHart          int    // with a symbol From and no To: who entered From,
	retAddr          uint64 // and where it returns

	insns map[uint64]insnText // pc -> decoded text, symbol and line
	ev    Event
	mem   Mem      // storage for ev.Mem, so tracing allocates nothing per instruction
	csr   CSRWrite // and for ev.CSR
	err   error

	// Flight, when set, keeps the last instructions of every hart whatever
	// the filters say, to be written out when a run fails.
	Flight *Flight
	// Progress, when set, is called with the step every 2^16 instructions,
	// on the run's goroutine (for a progress bar).
	Progress func(step uint64)
}

type insnText struct {
	raw           uint32
	asm, sym, src string
	fn            string // bare symbol name, for -trace-funcs
}

// New makes a tracer writing to sink. step returns the machine-wide
// instruction count (emu.Machine.Step). Symbol Points are resolved in src.
func New(src *Source, sink Sink, opt Options, step func() uint64) (*Tracer, error) {
	t := &Tracer{opt: opt, src: src, sink: sink, step: step, insns: map[uint64]insnText{}, retHart: -1}
	var err error
	if t.fromAddr, err = t.resolve(opt.From, "-trace-from"); err != nil {
		return nil, err
	}
	if t.toAddr, err = t.resolve(opt.To, "-trace-to"); err != nil {
		return nil, err
	}
	t.active = !opt.From.set()
	return t, nil
}

func (t *Tracer) resolve(p Point, flag string) (uint64, error) {
	if p.Sym == "" {
		return 0, nil
	}
	a, ok := t.src.Lookup(p.Sym)
	if !ok {
		return 0, &UnknownSymbolError{Flag: flag, Name: p.Sym}
	}
	return a, nil
}

// UnknownSymbolError reports a -trace-from/-trace-to symbol the ELF files lack.
type UnknownSymbolError struct{ Flag, Name string }

func (e *UnknownSymbolError) Error() string {
	return e.Flag + ": no symbol " + e.Name + " in the loaded ELF files"
}

// Err returns the first error the sink reported (e.g. a full disk).
func (t *Tracer) Err() error { return t.err }

// Close finishes the output.
func (t *Tracer) Close() error {
	err := t.sink.Close()
	if t.err != nil {
		return t.err
	}
	return err
}

func (t *Tracer) emit() {
	if t.err == nil {
		t.err = t.sink.Event(&t.ev)
	}
}

// window updates the traced window for an instruction at pc on hart and
// reports whether the instruction is inside it.
func (t *Tracer) window(step uint64, hartID int, pc, ra uint64) bool {
	if t.done {
		return false
	}
	if !t.active {
		from := t.opt.From
		if (from.Step != 0 && step >= from.Step) || (from.Sym != "" && pc == t.fromAddr) {
			t.active = true
			if from.Sym != "" && !t.opt.To.set() {
				t.retHart, t.retAddr = hartID, ra
			}
		} else {
			return false
		}
	}
	to := t.opt.To
	switch {
	case to.Step != 0 && step > to.Step,
		hartID == t.retHart && pc == t.retAddr:
		t.done = true
		return false
	case to.Sym != "" && pc == t.toAddr:
		t.done = true // this instruction is the last one traced
	}
	return true
}

// boardWindow reports whether a board event at step is inside the window.
func (t *Tracer) boardWindow(step uint64) bool {
	if t.done || !t.active {
		return false
	}
	if s := t.opt.To.Step; s != 0 && step > s {
		t.done = true
		return false
	}
	return true
}

func (t *Tracer) hartOK(h int) bool { return t.opt.Harts == nil || t.opt.Harts[h] }

func (t *Tracer) text(pc uint64, raw uint32) insnText {
	if it, ok := t.insns[pc]; ok && it.raw == raw {
		return it
	}
	it := insnText{raw: raw, asm: asm.DisassembleInst(raw, pc), sym: t.src.SymOff(pc), src: t.src.Line(pc)}
	it.fn, _, _ = t.src.Symbol(pc)
	t.insns[pc] = it
	return it
}

// Retire implements hart.Tracer. An instruction's step is the number of
// instructions executed machine-wide before it, so that board events it
// causes (an msip store is an IPI) carry the same step.
func (t *Tracer) Retire(h *hart.Hart, r *hart.Retired) {
	step := t.step() - 1
	id := int(h.ID())
	if t.Flight != nil {
		t.Flight.record(id, step, h.Instret(), r)
	}
	if t.Progress != nil && step&0xffff == 0 {
		t.Progress(step)
	}
	ra := h.X(1)
	if r.RdWritten && r.Rd == 1 {
		ra = r.RdOld
	}
	if !t.window(step, id, r.PC, ra) || !t.hartOK(id) {
		return
	}
	e := &t.opt.Events
	hasMem, hasCSR := r.Mem != hart.MemNone && e.Mem, r.CSRWritten && e.CSR
	if !e.Kinds[KindInsn] && !hasMem && !hasCSR {
		return
	}
	it := t.text(r.PC, r.Raw)
	if t.opt.Funcs != "" {
		if ok, _ := path.Match(t.opt.Funcs, it.fn); !ok {
			return
		}
	}
	t.ev = Event{Kind: KindInsn, Step: step, Hart: id, Instret: h.Instret(), Priv: r.Priv.String(),
		PC: r.PC, Raw: r.Raw, Len: int(r.Inst.Len), Asm: it.asm, Sym: it.sym, Src: it.src}
	if r.Next != r.Priv {
		t.ev.NewPriv = r.Next.String()
	}
	if r.RdWritten {
		t.ev.Rd, t.ev.RdOld, t.ev.RdNew = xname(r.Rd), r.RdOld, r.RdNew
	}
	if hasMem {
		t.mem = Mem{Kind: r.Mem.String(), Addr: r.MemAddr, Size: r.MemSize, Value: r.MemValue}
		t.ev.Mem = &t.mem
	}
	if hasCSR {
		t.csr = CSRWrite{Name: isa.CSRName(r.CSR), Old: r.CSROld, New: r.CSRNew}
		t.ev.CSR = &t.csr
	}
	t.emit()
}

// Trap implements hart.Tracer.
func (t *Tracer) Trap(h *hart.Hart, ti *hart.TrapInfo) {
	step := t.step()
	id := int(h.ID())
	if t.Flight != nil {
		t.Flight.trap(id, step, ti)
	}
	if !t.opt.Events.Kinds[KindTrap] || t.done || !t.active || !t.hartOK(id) {
		return
	}
	intr := ti.Interrupt()
	cause := ti.Cause &^ hart.CauseInterrupt
	t.ev = Event{Kind: KindTrap, Step: step, Hart: id, Instret: h.Instret(), Priv: ti.From.String(),
		PC: ti.EPC, Sym: t.src.SymOff(ti.EPC), Cause: cause, Interrupt: intr,
		CauseName: causeName(cause, intr), Tval: ti.Tval, To: ti.To.String()}
	t.emit()
}

func (t *Tracer) board(kind Kind, step uint64, h int) bool {
	if !t.opt.Events.Kinds[kind] || !t.boardWindow(step) || (h >= 0 && !t.hartOK(h)) {
		return false
	}
	t.ev = Event{Kind: kind, Step: step, Hart: h}
	return true
}

// The emu.Observer methods.

func (t *Tracer) Switch(step uint64, from, to int, quantum uint64) {
	if t.board(KindSwitch, step, to) {
		t.ev.Hart, t.ev.Target, t.ev.Value = from, to, quantum
		t.emit()
	}
}

func (t *Tracer) IPI(step uint64, from, to int, set bool) {
	if !t.opt.Events.Kinds[KindIPI] || !t.boardWindow(step) || !(t.hartOK(from) || t.hartOK(to)) {
		return
	}
	t.ev = Event{Kind: KindIPI, Step: step, Hart: from, Target: to, Cleared: !set}
	t.emit()
}

func (t *Tracer) Timecmp(step uint64, h int, value uint64) {
	if t.board(KindTimecmp, step, h) {
		t.ev.Value = value
		t.emit()
	}
}

func (t *Tracer) TimerFire(step uint64, h int, mtime uint64) {
	if t.board(KindTimer, step, h) {
		t.ev.Value = mtime
		t.emit()
	}
}

func (t *Tracer) Sleep(step uint64, h int) {
	if t.board(KindSleep, step, h) {
		t.emit()
	}
}

func (t *Tracer) Wake(step uint64, h int) {
	if t.board(KindWake, step, h) {
		t.emit()
	}
}

func (t *Tracer) Marker(step uint64, h int, name string, arg uint64) {
	if t.Flight != nil {
		t.Flight.marker(h, step, name, arg)
	}
	if t.board(KindMarker, step, h) {
		t.ev.Name, t.ev.Value = name, arg
		t.emit()
	}
}

func (t *Tracer) UARTLine(step uint64, line string) {
	if t.board(KindUART, step, -1) {
		t.ev.Text = line
		t.emit()
	}
}

func (t *Tracer) Exit(step uint64, reason emu.ExitReason, status int) {
	// The end is always reported, even past the window: a trace says how
	// the run ended.
	if t.opt.Events.Kinds[KindExit] {
		t.ev = Event{Kind: KindExit, Step: step, Hart: -1, Name: reason.String(), Status: status}
		t.emit()
	}
}

var (
	_ hart.Tracer  = (*Tracer)(nil)
	_ emu.Observer = (*Tracer)(nil)
)

func xname(r uint8) string { return isa.XNames[r&31] }
