package trace

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
)

// Text writes one aligned line per event, in the spirit of Spike's
// --log-commits with symbols and source lines:
//
//	h2 104233 S 0x80201a4c <multi_cpu_stop+0x3c>   amoadd.w a5,a4,(a3)     a5=0x3->0x2  amo.w[0x80213f00]=0x2  # stop_machine.s:120
//
// Columns: hart, machine-wide step, privilege, pc, symbol, instruction,
// effects, source line. Board events put a description after the step.
type Text struct {
	w   *bufio.Writer
	buf []byte
}

// NewText writes text to w.
func NewText(w io.Writer) *Text { return &Text{w: bufio.NewWriterSize(w, 1<<16)} }

func (t *Text) Event(e *Event) error {
	t.buf = AppendText(t.buf[:0], e)
	t.buf = append(t.buf, '\n')
	_, err := t.w.Write(t.buf)
	return err
}

func (t *Text) Close() error { return t.w.Flush() }

func pad(b []byte, start, width int) []byte {
	for len(b)-start < width {
		b = append(b, ' ')
	}
	return append(b, ' ')
}

func hex(b []byte, v uint64) []byte {
	b = append(b, '0', 'x')
	return strconv.AppendUint(b, v, 16)
}

var sizeSuffix = map[int]string{1: ".b", 2: ".h", 4: ".w", 8: ".d"}

// AppendText appends the text form of e (without a newline) to b.
func AppendText(b []byte, e *Event) []byte {
	if e.Hart >= 0 && e.Kind != KindSwitch {
		b = append(b, 'h')
		b = strconv.AppendInt(b, int64(e.Hart), 10)
	} else {
		b = append(b, "--"...)
	}
	b = append(b, ' ')
	b = strconv.AppendUint(b, e.Step, 10)
	b = append(b, ' ')
	switch e.Kind {
	case KindInsn:
		b = append(b, e.Priv...)
		b = append(b, ' ')
		start := len(b)
		b = hex(b, e.PC)
		if e.Sym != "" {
			b = append(b, " <"...)
			b = append(b, e.Sym...)
			b = append(b, '>')
		}
		b = pad(b, start, 40)
		start = len(b)
		b = append(b, e.Asm...)
		b = pad(b, start, 28)
		if e.Rd != "" {
			b = append(b, ' ')
			b = append(b, e.Rd...)
			b = append(b, '=')
			b = hex(b, e.RdOld)
			b = append(b, "->"...)
			b = hex(b, e.RdNew)
		}
		if m := e.Mem; m != nil {
			b = append(b, "  "...)
			b = append(b, m.Kind...)
			b = append(b, sizeSuffix[m.Size]...)
			b = append(b, '[')
			b = hex(b, m.Addr)
			b = append(b, "]="...)
			b = hex(b, m.Value)
		}
		if c := e.CSR; c != nil {
			b = append(b, "  "...)
			b = append(b, c.Name...)
			b = append(b, '=')
			b = hex(b, c.Old)
			b = append(b, "->"...)
			b = hex(b, c.New)
		}
		if e.NewPriv != "" {
			b = append(b, "  mode "...)
			b = append(b, e.Priv...)
			b = append(b, "->"...)
			b = append(b, e.NewPriv...)
		}
		if e.Src != "" {
			b = append(b, "  # "...)
			b = append(b, e.Src...)
		}
	case KindTrap:
		what := "exception"
		if e.Interrupt {
			what = "interrupt"
		}
		b = fmt.Appendf(b, "%s->%s %s: %s (cause %d) tval=%#x epc=%#x", e.Priv, e.To, what, e.CauseName, e.Cause, e.Tval, e.PC)
		if e.Sym != "" {
			b = fmt.Appendf(b, " <%s>", e.Sym)
		}
	case KindIPI:
		if e.Cleared {
			b = fmt.Appendf(b, "ipi: msip[%d] cleared", e.Target)
		} else {
			b = fmt.Appendf(b, "ipi: h%d -> h%d (msip[%d]=1)", e.Hart, e.Target, e.Target)
		}
	case KindTimecmp:
		b = fmt.Appendf(b, "timer: mtimecmp[%d]=%d", e.Hart, e.Value)
	case KindTimer:
		b = fmt.Appendf(b, "timer: fired at mtime %d", e.Value)
	case KindSleep:
		b = append(b, "wfi: asleep"...)
	case KindWake:
		b = append(b, "wfi: woken (interrupt pending)"...)
	case KindMarker:
		b = fmt.Appendf(b, "marker: %s %#x", e.Name, e.Value)
	case KindUART:
		b = append(b, "uart: "...)
		b = strconv.AppendQuote(b, e.Text)
	case KindSwitch:
		if e.Hart < 0 {
			b = fmt.Appendf(b, "sched: start with h%d for up to %d instructions", e.Target, e.Value)
		} else {
			b = fmt.Appendf(b, "sched: h%d -> h%d for up to %d instructions", e.Hart, e.Target, e.Value)
		}
	case KindExit:
		b = fmt.Appendf(b, "exit: %s, status %d", e.Name, e.Status)
	}
	return b
}
