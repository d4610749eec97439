package hart

import "testing"

func TestBreakpoint(t *testing.T) {
	m := newMachine(t, 1, false, "li a0, 1\n bp: addi a0, a0, 1\n addi a0, a0, 1\n ebreak")
	h := m.harts[0]
	h.SetBreakpoint(m.syms["bp"], true)
	if n, why := h.Run(100); why != StopBreakpoint || n != 1 || h.PC() != m.syms["bp"] || h.X(10) != 1 {
		t.Fatalf("Run = %d, %v at %#x, a0=%d; want a stop before bp after 1 instruction", n, why, h.PC(), h.X(10))
	}
	// Resuming executes the instruction at the breakpoint.
	if n, why := h.Run(100); why != StopEbreak || n != 2 || h.X(10) != 3 {
		t.Fatalf("resumed: Run = %d, %v, a0=%d; want 2 instructions to the ebreak, a0=3", n, why, h.X(10))
	}
	h.SetBreakpoint(m.syms["bp"], false)
	h.SetPC(m.syms["bp"])
	if _, why := h.Run(100); why != StopEbreak {
		t.Fatalf("removed breakpoint still stops: %v", why)
	}
}

func TestRequestStop(t *testing.T) {
	m := newMachine(t, 1, false, "1: j 1b")
	h := m.harts[0]
	h.RequestStop()
	if n, why := h.Run(100); why != StopRequested || n != 0 {
		t.Fatalf("Run = %d, %v; want 0, requested", n, why)
	}
	if n, why := h.Run(100); why != StopBudget || n != 100 {
		t.Fatalf("the request was not consumed: Run = %d, %v", n, why)
	}
}
