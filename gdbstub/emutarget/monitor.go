package emutarget

import (
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// Monitor implements gdbstub.Monitor: `monitor harts` in GDB prints what
// rvstop's end-of-run report prints, at any stop.
func (t *Target) Monitor(cmd string) string {
	t.waitParked()
	switch strings.TrimSpace(cmd) {
	case "harts":
		return t.hartsReport()
	case "help", "":
		return "rvstop monitor commands:\n" +
			"  harts   every hart: pc, privilege, running or in WFI, instructions, last trap\n" +
			"  insns   instructions executed so far, machine-wide\n"
	case "insns":
		return fmt.Sprintf("%d instructions\n", t.m.Step())
	}
	return fmt.Sprintf("unknown monitor command %q; try monitor help\n", cmd)
}

func (t *Target) hartsReport() string {
	var b strings.Builder
	for i, h := range t.harts {
		state := "running"
		if h.Waiting() {
			state = "wfi"
		}
		fmt.Fprintf(&b, "hart %d: pc %s, %v-mode, %s, %d instructions retired", i, t.m.Symbolize(h.PC()), h.Priv(), state, h.Instret())
		if tr := h.LastTrap(); tr.Count != 0 {
			fmt.Fprintf(&b, "; last trap (%d in all): cause %#x tval %#x at %s, %v->%v",
				tr.Count, tr.Cause, tr.Tval, t.m.Symbolize(tr.EPC), tr.From, tr.To)
		}
		if mip, ok := h.ReadCSR(isa.CSR_MIP); ok && mip != 0 {
			fmt.Fprintf(&b, "; mip %#x", mip)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
