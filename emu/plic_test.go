package emu

import "testing"

func TestPLICClaimComplete(t *testing.T) {
	out := map[int]bool{}
	p := NewPLIC(2, func(ctx int, l bool) { out[ctx] = l })
	st := func(off uint64, v uint64) {
		if !p.Store(off, 4, v) {
			t.Fatalf("store %#x refused", off)
		}
	}
	ld := func(off uint64) uint64 {
		v, ok := p.Load(off, 4)
		if !ok {
			t.Fatalf("load %#x refused", off)
		}
		return v
	}
	const ctx1 = 1 // hart 0 S-mode
	claim := uint64(plicContext + ctx1*plicCtxStride + 4)
	st(plicPriority+4*10, 3)
	st(plicPriority+4*5, 9) // 9 & 7, as on QEMU
	if v := ld(plicPriority + 4*5); v != 1 {
		t.Errorf("priority 9 reads %d", v)
	}
	st(plicPriority+4*5, 7)
	p.SetLine(10, true)
	if ld(plicPending)&(1<<10) == 0 || out[ctx1] {
		t.Fatal("source 10 should be pending but not delivered (not enabled)")
	}
	st(plicEnable+ctx1*plicEnStride, 1<<10|1<<5|1) // bit 0 ignored
	if !out[ctx1] || out[0] || out[2] {
		t.Fatalf("outputs %v: want only context 1", out)
	}
	if v := ld(plicEnable + ctx1*plicEnStride); v != 1<<10|1<<5|1 {
		t.Errorf("enable reads %#x", v)
	}
	st(plicContext+ctx1*plicCtxStride, 3) // threshold 3: priority 3 masked
	if out[ctx1] || ld(claim) != 0 {
		t.Fatal("priority 3 delivered above threshold 3")
	}
	st(plicContext+ctx1*plicCtxStride, 0)
	p.SetLine(5, true)
	if s := ld(claim); s != 5 {
		t.Fatalf("claimed %d, want 5 (priority 7 beats 3)", s)
	}
	if s := ld(claim); s != 10 {
		t.Fatalf("claimed %d, want 10", s)
	}
	if out[ctx1] {
		t.Error("output still high with everything claimed")
	}
	// Line 10 still high: completing makes it pending again.
	st(claim, 10)
	if !out[ctx1] || ld(claim) != 10 {
		t.Error("a completed source whose line is high was not pending again")
	}
	// A line that drops after raising a request leaves it pending until
	// claimed (the gateway forwarded it).
	p.SetLine(10, false)
	st(claim, 10)
	if ld(plicPending)&(1<<10) != 0 {
		t.Error("source 10 pending after completion with its line low")
	}
	p.SetLine(10, true)
	p.SetLine(10, false)
	if ld(plicPending)&(1<<10) == 0 || ld(claim) != 10 {
		t.Error("a request whose line dropped before the claim was lost")
	}
	if _, ok := p.Load(plicPriority+4*10, 2); ok {
		t.Error("2-byte access accepted")
	}
}
