package emu

import (
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/hart"
)

// report describes why a run stopped without the guest's say-so and where
// every hart was: pc with symbol, privilege, WFI, pending and enabled
// interrupts, last trap. It is what a user needs to see where a guest hung.
func (m *Machine) report(res Result) string {
	var b strings.Builder
	switch res.Reason {
	case ExitMaxInsns:
		fmt.Fprintf(&b, "rvstop: instruction limit reached (-max-insns %d)", m.cfg.MaxInsns)
	case ExitTimeout:
		fmt.Fprintf(&b, "rvstop: timeout (-timeout %v)", m.cfg.Timeout)
	case ExitDeadlock:
		b.WriteString("rvstop: every hart waits and nothing can wake one (no interrupt enabled, no timer armed, no input)")
	case ExitStopped:
		b.WriteString("rvstop: stopped")
	default:
		fmt.Fprintf(&b, "rvstop: %v", res.Reason)
	}
	fmt.Fprintf(&b, " after %d instructions, mtime %d\n", res.Instructions, res.MTime)
	for i, h := range m.harts {
		mip, _ := h.ReadCSR(csrMip)
		mie, _ := h.ReadCSR(csrMie)
		state := "running"
		if h.Waiting() {
			state = "wfi"
		}
		fmt.Fprintf(&b, "hart %d: pc %s %v-mode %s, %d instructions; mip %s mie %s; mtimecmp %s",
			i, m.Symbolize(h.PC()), h.Priv(), state, res.PerHart[i], irqNames(mip), irqNames(mie),
			timecmpString(m.clint.Timecmp(i)))
		if t := h.LastTrap(); t.Count != 0 {
			fmt.Fprintf(&b, "; last trap (%d in all): %s tval %#x at %s, %v->%v",
				t.Count, causeName(t), t.Tval, m.Symbolize(t.EPC), t.From, t.To)
		} else {
			b.WriteString("; no trap taken")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func irqNames(v uint64) string {
	if v == 0 {
		return "-"
	}
	var s []string
	for _, b := range []struct {
		bit  uint
		name string
	}{{hart.SSIP, "SSIP"}, {hart.MSIP, "MSIP"}, {hart.STIP, "STIP"},
		{hart.MTIP, "MTIP"}, {hart.SEIP, "SEIP"}, {hart.MEIP, "MEIP"}} {
		if v>>b.bit&1 != 0 {
			s = append(s, b.name)
		}
	}
	return strings.Join(s, "|")
}

var exceptionNames = [...]string{
	"instruction address misaligned", "instruction access fault", "illegal instruction",
	"breakpoint", "load address misaligned", "load access fault",
	"store/AMO address misaligned", "store/AMO access fault", "ecall from U-mode",
	"ecall from S-mode", "cause 10", "ecall from M-mode", "instruction page fault",
	"load page fault", "cause 14", "store/AMO page fault",
}

var interruptNames = map[uint64]string{
	hart.SSIP: "supervisor software interrupt", hart.MSIP: "machine software interrupt",
	hart.STIP: "supervisor timer interrupt", hart.MTIP: "machine timer interrupt",
	hart.SEIP: "supervisor external interrupt", hart.MEIP: "machine external interrupt",
}

func causeName(t hart.TrapInfo) string {
	code := t.Cause &^ (1 << 63)
	if t.Interrupt() {
		if n, ok := interruptNames[code]; ok {
			return n
		}
		return fmt.Sprintf("interrupt %d", code)
	}
	if code < uint64(len(exceptionNames)) {
		return exceptionNames[code]
	}
	return fmt.Sprintf("exception %d", code)
}

func timecmpString(v uint64) string {
	if v == ^uint64(0) {
		return "-"
	}
	return fmt.Sprint(v)
}
