package trace

import (
	"fmt"
	"io"
	"sort"

	"github.com/rvstop/rvstop/hart"
)

// Flight is a flight recorder: the last N instructions (and traps and markers)
// of every hart, kept compactly in rings and only formatted when written out
// after a failure, a hang or a limit.
type Flight struct {
	n     int
	rings map[int]*ring
}

type ring struct {
	recs []flightRec
	next int
	full bool
}

type flightRec struct {
	kind          Kind
	step, instret uint64
	pc            uint64
	raw           uint32
	priv, next    hart.Priv
	rd            uint8
	rdOK          bool
	rdOld, rdNew  uint64
	mem           hart.MemKind
	memSize       int
	memAddr, val  uint64
	cause, tval   uint64
	name          string
}

// NewFlight keeps the last n events of each hart.
func NewFlight(n int) *Flight { return &Flight{n: max(n, 1), rings: map[int]*ring{}} }

func (f *Flight) slot(h int) *flightRec {
	r := f.rings[h]
	if r == nil {
		r = &ring{recs: make([]flightRec, f.n)}
		f.rings[h] = r
	}
	rec := &r.recs[r.next]
	if r.next++; r.next == len(r.recs) {
		r.next, r.full = 0, true
	}
	return rec
}

func (f *Flight) record(h int, step, instret uint64, r *hart.Retired) {
	*f.slot(h) = flightRec{kind: KindInsn, step: step, instret: instret, pc: r.PC, raw: r.Raw,
		priv: r.Priv, next: r.Next, rd: r.Rd, rdOK: r.RdWritten, rdOld: r.RdOld, rdNew: r.RdNew,
		mem: r.Mem, memSize: r.MemSize, memAddr: r.MemAddr, val: r.MemValue}
}

func (f *Flight) trap(h int, step uint64, t *hart.TrapInfo) {
	*f.slot(h) = flightRec{kind: KindTrap, step: step, pc: t.EPC, priv: t.From, next: t.To, cause: t.Cause, tval: t.Tval}
}

func (f *Flight) marker(h int, step uint64, name string, arg uint64) {
	*f.slot(h) = flightRec{kind: KindMarker, step: step, name: name, val: arg}
}

// WriteTo writes every hart's recorded events, oldest first, hart by hart, in
// the text trace format.
func (f *Flight) WriteTo(w io.Writer, src *Source) error {
	harts := make([]int, 0, len(f.rings))
	for h := range f.rings {
		harts = append(harts, h)
	}
	sort.Ints(harts)
	tr := &Tracer{src: src, insns: map[uint64]insnText{}}
	var b []byte
	for _, h := range harts {
		r := f.rings[h]
		recs := r.recs[:r.next]
		if r.full {
			recs = append(append([]flightRec{}, r.recs[r.next:]...), r.recs[:r.next]...)
		}
		if _, err := fmt.Fprintf(w, "# hart %d: last %d events\n", h, len(recs)); err != nil {
			return err
		}
		for i := range recs {
			e := recs[i].event(h, tr)
			b = append(AppendText(b[:0], &e), '\n')
			if _, err := w.Write(b); err != nil {
				return err
			}
		}
	}
	return nil
}

func (r *flightRec) event(h int, tr *Tracer) Event {
	switch r.kind {
	case KindTrap:
		intr := r.cause>>63 != 0
		c := r.cause &^ hart.CauseInterrupt
		return Event{Kind: KindTrap, Step: r.step, Hart: h, Priv: r.priv.String(), To: r.next.String(),
			PC: r.pc, Sym: tr.src.SymOff(r.pc), Cause: c, Interrupt: intr, CauseName: causeName(c, intr), Tval: r.tval}
	case KindMarker:
		return Event{Kind: KindMarker, Step: r.step, Hart: h, Name: r.name, Value: r.val}
	}
	it := tr.text(r.pc, r.raw)
	e := Event{Kind: KindInsn, Step: r.step, Hart: h, Instret: r.instret, Priv: r.priv.String(), PC: r.pc,
		Raw: r.raw, Asm: it.asm, Sym: it.sym, Src: it.src}
	if r.next != r.priv {
		e.NewPriv = r.next.String()
	}
	if r.rdOK {
		e.Rd, e.RdOld, e.RdNew = xname(r.rd), r.rdOld, r.rdNew
	}
	if r.mem != hart.MemNone {
		e.Mem = &Mem{Kind: r.mem.String(), Addr: r.memAddr, Size: r.memSize, Value: r.val}
	}
	return e
}
