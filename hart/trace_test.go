package hart

import (
	"fmt"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// logTracer renders events as text lines, for comparison with golden text.
type logTracer struct {
	lines []string
	syms  map[uint64]string
}

// v shows a value as a symbol when it is one's address.
func (l *logTracer) v(x uint64) string {
	if s, ok := l.syms[x]; ok {
		return s
	}
	return fmt.Sprintf("%#x", x)
}

// Retire logs labelled instructions only (not the halves of la).
func (l *logTracer) Retire(h *Hart, r *Retired) {
	if (len(l.syms) > 0 && l.syms[r.PC] == "") || r.Inst.Op == isa.AUIPC {
		return
	}
	s := fmt.Sprintf("%s %s %v", r.Priv, l.syms[r.PC], r.Inst.Op)
	if r.RdWritten {
		s += fmt.Sprintf(" %s=%s->%s", isa.XNames[r.Rd], l.v(r.RdOld), l.v(r.RdNew))
	}
	if r.Mem != MemNone {
		s += fmt.Sprintf(" %v[%s+%d]/%d=%#x", r.Mem, "data", r.MemAddr-l.dataAddr(), r.MemSize, r.MemValue)
	}
	if r.CSRWritten {
		s += fmt.Sprintf(" %s:%s->%s", isa.CSRName(r.CSR), l.v(r.CSROld), l.v(r.CSRNew))
	}
	if r.Next != r.Priv {
		s += " ->" + r.Next.String()
	}
	l.lines = append(l.lines, s)
}

func (l *logTracer) Trap(h *Hart, t *TrapInfo) {
	l.lines = append(l.lines, fmt.Sprintf("trap cause=%#x tval=%#x epc=%s %v->%v",
		t.Cause, t.Tval, l.syms[t.EPC], t.From, t.To))
}

func (l *logTracer) dataAddr() uint64 {
	for a, s := range l.syms {
		if s == "data" {
			return a
		}
	}
	return 0
}

func TestTracer(t *testing.T) {
	m := newMachine(t, 1, false, `
	i0:	la t0, handler
	i1:	csrw mtvec, t0
	i2:	la a1, data
		mv a0, zero
	i3:	ld a0, 0(a1)
	i4:	sw a0, 8(a1)
	i5:	amoadd.w zero, a0, (a1)
	i6:	lr.d a2, (a1)
	i7:	sc.d a3, a2, (a1)
	i8:	sc.d a3, a2, (a1)
	i9:	ecall
	i10:	ebreak
		.balign 4
	handler:
		la t1, i10
	i12:	csrw mepc, t1
	i11:	mret
		.data
		.balign 8
	data:	.dword 0x5, 0
	`)
	tr := &logTracer{syms: map[uint64]string{}}
	for name, a := range m.syms {
		if strings.HasPrefix(name, "i") || name == "handler" || name == "data" {
			tr.syms[a] = name
		}
	}
	h := m.harts[0]
	h.SetTracer(tr)
	m.run(t)
	want := []string{
		"M i1 csrrw mtvec:0x0->handler",
		"M i3 ld a0=0x0->0x5 load[data+0]/8=0x5",
		"M i4 sw store[data+8]/4=0x5",
		"M i5 amoadd.w amo[data+0]/4=0xa",
		"M i6 lr.d a2=0x0->0xa lr[data+0]/8=0xa",
		"M i7 sc.d a3=0x0->0x0 sc[data+0]/8=0xa",
		"M i8 sc.d a3=0x0->0x1 sc-fail[data+0]/8=0xa",
		"trap cause=0xb tval=0x0 epc=i9 M->M",
		"M i12 csrrw mepc:i9->i10",
		"M i11 mret",
	}
	if got := strings.Join(tr.lines, "\n"); got != strings.Join(want, "\n") {
		t.Errorf("trace:\n%s\nwant:\n%s", got, strings.Join(want, "\n"))
	}
}
