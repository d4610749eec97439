package clint

import "testing"

type lines struct{ msip, mtip map[int]bool }

func (l *lines) SetMSIP(h int, v bool) { l.msip[h] = v }
func (l *lines) SetMTIP(h int, v bool) { l.mtip[h] = v }

func newTest(n int) (*CLINT, *lines, *uint64) {
	var now uint64
	l := &lines{map[int]bool{}, map[int]bool{}}
	return New(n, func() uint64 { return now }, l), l, &now
}

func TestMSIP(t *testing.T) {
	c, l, _ := newTest(2)
	if !c.Store(0, MSIPBase+4, 4, 0xffff_ffff) || !l.msip[1] || l.msip[0] {
		t.Fatalf("msip[1] write: lines %v", l.msip)
	}
	if v, ok := c.Load(0, MSIPBase+4, 4); !ok || v != 1 {
		t.Errorf("msip[1] reads %#x,%v; want 1 (bit 0 only)", v, ok)
	}
	c.Store(1, MSIPBase+4, 4, 2) // bit 1 is not bit 0: clears
	if l.msip[1] {
		t.Error("writing 2 left MSIP set")
	}
	for _, a := range []struct {
		off  uint64
		size int
	}{{4, 8}, {4, 2}, {4, 1}, {6, 4}} {
		if _, ok := c.Load(0, a.off, a.size); ok {
			t.Errorf("msip load off %#x size %d accepted; QEMU refuses it", a.off, a.size)
		}
		if c.Store(0, a.off, a.size, 1) {
			t.Errorf("msip store off %#x size %d accepted", a.off, a.size)
		}
	}
	// A hart that does not exist: reads zero, writes ignored.
	if v, ok := c.Load(0, MSIPBase+4*7, 4); !ok || v != 0 || !c.Store(0, MSIPBase+4*7, 4, 1) {
		t.Error("msip of a missing hart should read 0 and ignore writes")
	}
}

func TestObserverSeesIPI(t *testing.T) {
	c, _, _ := newTest(4)
	var got [3]int
	c.Observe.MSIPWrite = func(from, to int, v uint32) { got = [3]int{from, to, int(v)} }
	c.Store(2, MSIPBase+4*3, 4, 1)
	if got != [3]int{2, 3, 1} {
		t.Errorf("observer got %v, want hart 2 -> hart 3 value 1", got)
	}
}

func TestTimecmpHalvesAndMTIP(t *testing.T) {
	c, l, now := newTest(2)
	if v, _ := c.Load(0, MTimecmpBase+8, 8); v != ^uint64(0) {
		t.Errorf("mtimecmp resets to %#x, want all ones", v)
	}
	c.Store(0, MTimecmpBase+8, 4, 100) // low half
	if v, _ := c.Load(0, MTimecmpBase+8, 8); v != 0xffff_ffff_0000_0064 {
		t.Errorf("after low-half write mtimecmp = %#x", v)
	}
	c.Store(0, MTimecmpBase+12, 4, 0) // high half
	if v, _ := c.Load(0, MTimecmpBase+12, 4); v != 0 {
		t.Errorf("high half reads %#x", v)
	}
	if l.mtip[1] {
		t.Fatal("MTIP high before mtime reached mtimecmp")
	}
	if d, ok := c.NextDeadline(); !ok || d != 100 {
		t.Errorf("NextDeadline = %d,%v; want 100", d, ok)
	}
	*now = 99
	c.Update()
	if l.mtip[1] {
		t.Fatal("MTIP high at mtime 99 < 100")
	}
	var fired []int
	c.Observe.TimerFire = func(h int, at uint64) { fired = append(fired, h, int(at)) }
	*now = 100
	c.Update()
	if !l.mtip[1] || l.mtip[0] || len(fired) != 2 || fired[0] != 1 || fired[1] != 100 {
		t.Fatalf("at mtime 100: mtip %v fired %v", l.mtip, fired)
	}
	// Writing a later deadline lowers the line at once.
	c.Store(1, MTimecmpBase+8, 8, 500)
	if l.mtip[1] {
		t.Error("MTIP still high after mtimecmp moved past mtime")
	}
	for _, a := range []struct {
		off  uint64
		size int
	}{{MTimecmpBase, 2}, {MTimecmpBase + 4, 8}, {MTimecmpBase + 2, 4}, {MTime, 1}} {
		if _, ok := c.Load(0, a.off, a.size); ok {
			t.Errorf("load off %#x size %d accepted", a.off, a.size)
		}
	}
}

func TestMTimeWrite(t *testing.T) {
	c, l, now := newTest(1)
	*now = 1000
	c.Store(0, MTimecmpBase, 8, 5000)
	c.Store(0, MTime, 8, 4990)
	if v, _ := c.Load(0, MTime, 8); v != 4990 {
		t.Fatalf("mtime = %d after writing 4990", v)
	}
	*now = 1010 // ten ticks later
	c.Update()
	if v, _ := c.Load(0, MTime, 4); v != 5000 || !l.mtip[0] {
		t.Errorf("mtime low = %d, mtip %v; want 5000 and pending", v, l.mtip[0])
	}
	if got := c.ClockAt(6000); got != 2010 {
		t.Errorf("ClockAt(6000) = %d, want 2010", got)
	}
}
