package hart

import (
	"testing"

	"github.com/rvstop/rvstop/isa"
)

// TestSnapshotReplays: run, snapshot (with a RAM copy), run on, restore, run
// the same stretch again: identical registers, CSRs, pc and instret.
func TestSnapshotReplays(t *testing.T) {
	m := newMachine(t, 1, false, crcProgram)
	h := m.harts[0]
	h.SetDebugEbreak(false)
	h.WriteCSR(isa.CSR_MTVEC, m.syms["again"])
	h.Run(5000)
	snap, ram := h.Snapshot(), append([]byte(nil), m.ram...)
	h.Run(20000)
	want := [3]uint64{h.PC(), h.X(12), h.Instret()}
	h.Restore(snap)
	copy(m.ram, ram)
	h.Run(20000)
	if got := [3]uint64{h.PC(), h.X(12), h.Instret()}; got != want {
		t.Errorf("replay pc, a2, instret = %#x, want %#x", got, want)
	}
}

func TestPeekPoke(t *testing.T) {
	m := newMachine(t, 1, false, "ebreak")
	h := m.harts[0]
	if !h.Poke(testRAMBase+0x1001, 4, 0xa1b2c3d4) {
		t.Fatal("Poke to RAM failed")
	}
	if v, ok := h.Peek(testRAMBase+0x1000, 8); !ok || v != 0xa1b2c3d400 {
		t.Errorf("Peek = %#x, %v", v, ok)
	}
	if !h.Poke(testDevBase+8, 8, 42) {
		t.Fatal("Poke to the device failed")
	}
	if v, ok := h.Peek(testDevBase+8, 8); !ok || v != 42 {
		t.Errorf("Peek device = %d, %v", v, ok)
	}
	if _, ok := h.Peek(0x20000000, 4); ok {
		t.Error("Peek of unmapped memory succeeded")
	}
}
