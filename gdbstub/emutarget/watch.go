package emutarget

import (
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/hart"
	"github.com/rvstop/rvstop/isa"
)

// Watchpoints stop a hart before the access, with pc at the instruction
// that makes it and memory not yet changed. That is what GDB expects on
// RISC-V (its watchpoints are "non-steppable": on a report GDB removes them,
// steps the instruction, then compares the old and new values), and what
// the debug triggers of real RISC-V cores do.
//
// The emulator has no hook inside an instruction, so the check is a
// prediction: the next instruction of the hart is decoded and its effective
// address computed from the registers. It is made before each quantum
// (decide) and, by a tracer installed while watchpoints exist, after every
// retired instruction and every trap. When it says the next instruction
// touches a watched range, the tracer plants a breakpoint there, which makes
// Run stop before executing it; check then reports the watchpoint.

// memAccess describes what one instruction does to memory.
type memAccess struct {
	read, write bool
	size        uint64
}

// accessOf returns the memory access of op, if it makes one.
func accessOf(op isa.Op) (memAccess, bool) {
	switch op {
	case isa.LB, isa.LBU:
		return memAccess{read: true, size: 1}, true
	case isa.LH, isa.LHU:
		return memAccess{read: true, size: 2}, true
	case isa.LW, isa.LWU, isa.LR_W:
		return memAccess{read: true, size: 4}, true
	case isa.LD, isa.LR_D:
		return memAccess{read: true, size: 8}, true
	case isa.SB:
		return memAccess{write: true, size: 1}, true
	case isa.SH:
		return memAccess{write: true, size: 2}, true
	case isa.SW, isa.SC_W:
		return memAccess{write: true, size: 4}, true
	case isa.SD, isa.SC_D:
		return memAccess{write: true, size: 8}, true
	}
	switch {
	case op >= isa.AMOSWAP_W && op <= isa.AMOMAXU_W:
		return memAccess{read: true, write: true, size: 4}, true
	case op >= isa.AMOSWAP_D && op <= isa.AMOMAXU_D:
		return memAccess{read: true, write: true, size: 8}, true
	}
	return memAccess{}, false
}

// watchStop returns the watchpoint stop that hart h's next instruction
// would cause, if any.
func (t *Target) watchStop(h int) (gdbstub.Stop, bool) {
	ht := t.harts[h]
	in, ok := t.decodeAt(h, ht.PC())
	if !ok {
		return gdbstub.Stop{}, false
	}
	acc, ok := accessOf(in.Op)
	if !ok {
		return gdbstub.Stop{}, false
	}
	lo := ht.X(int(in.Rs1)) + uint64(in.Imm)
	hi := lo + acc.size
	for _, w := range t.watches {
		if lo >= w.addr+w.size || hi <= w.addr {
			continue
		}
		var r gdbstub.StopReason
		switch {
		case w.kind == gdbstub.WatchWrite && acc.write:
			r = gdbstub.StopWatch
		case w.kind == gdbstub.WatchRead && acc.read:
			r = gdbstub.StopReadWatch
		case w.kind == gdbstub.WatchAccess:
			r = gdbstub.StopAccessWatch
		default:
			continue
		}
		// GDB matches the address against its watchpoints: report one
		// inside the watched range.
		return gdbstub.Stop{Reason: r, Hart: h, Addr: max(lo, w.addr)}, true
	}
	return gdbstub.Stop{}, false
}

// watcher is the hart.Tracer that predicts watched accesses, after passing
// each event to the harts' own tracer. It runs on the machine's goroutine,
// inside Run.
type watcher struct{ t *Target }

func (w watcher) Retire(h *hart.Hart, r *hart.Retired) {
	if w.t.tracer != nil {
		w.t.tracer.Retire(h, r)
	}
	w.t.predict(h)
}

func (w watcher) Trap(h *hart.Hart, tr *hart.TrapInfo) {
	if w.t.tracer != nil {
		w.t.tracer.Trap(h, tr)
	}
	w.t.predict(h)
}

// predict plants a temporary breakpoint before h's next instruction if it
// touches a watched range, and removes one planted for an earlier guess.
func (t *Target) predict(h *hart.Hart) {
	id, pc := int(h.ID()), h.PC()
	if t.temp[id] == pc+1 {
		return
	}
	t.clearTemp(id)
	if _, hit := t.watchStop(id); !hit || t.watchSkip == (skip{id, pc, true}) {
		return // no access to watch, or this one was reported already
	}
	t.temp[id] = pc + 1
	h.SetBreakpoint(pc, true)
}

// clearTemp removes hart id's temporary breakpoint, unless the user has a
// breakpoint at the same place.
func (t *Target) clearTemp(id int) {
	if t.temp[id] == 0 {
		return
	}
	pc := t.temp[id] - 1
	t.temp[id] = 0
	if _, user := t.breaks[pc]; !user {
		t.harts[id].SetBreakpoint(pc, false)
	}
}

// decodeCache remembers decoded instructions by pc, checked against the raw
// bits, so that predicting costs a RAM read and a compare per instruction
// rather than a full decode (which made watchpoints 20 times slower).
type decodeCache [1 << 12]struct {
	pc  uint64
	raw uint32
	in  isa.Inst
}

// decodeAt decodes the instruction at pc as hart h would fetch it: from RAM
// directly, elsewhere (the boot ROM) through the hart.
func (t *Target) decodeAt(h int, pc uint64) (isa.Inst, bool) {
	ram := t.m.RAM()
	off := pc - emu.RAMBase
	if pc < emu.RAMBase || off+4 > uint64(len(ram)) {
		in, _, ok := t.harts[h].Decode(pc)
		return in, ok
	}
	raw := uint32(ram[off]) | uint32(ram[off+1])<<8
	if raw&3 == 3 {
		raw |= uint32(ram[off+2])<<16 | uint32(ram[off+3])<<24
	}
	if t.dcache == nil {
		t.dcache = new(decodeCache)
	}
	e := &t.dcache[pc>>1%uint64(len(t.dcache))]
	if e.pc != pc+1 || e.raw != raw {
		in, ok := isa.Decode(raw)
		if !ok {
			return isa.Inst{}, false
		}
		e.pc, e.raw, e.in = pc+1, raw, in
	}
	return e.in, true
}
