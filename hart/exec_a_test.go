package hart

import (
	"encoding/binary"
	"sync"
	"testing"
)

func TestAMO(t *testing.T) {
	// data: 0x8877665544332211, 0xfedcba9876543210. Word 0 = 0x44332211,
	// word 3 = 0xfedcba98 (negative as int32).
	runRegCases(t, []regCase{
		{"amoadd.w returns old sign-extended", "la a1, data\n addi a1, a1, 12\n li a2, 1\n amoadd.w a0, a2, (a1)", "a0", 0xfffffffffedcba98},
		{"amoadd.w stores 32 bits", "la a1, data\n addi a1, a1, 12\n li a2, 0x100000000\n addi a2, a2, 0x68\n amoadd.w zero, a2, (a1)\n ld a0, -4(a1)", "a0", 0xfedcbb0076543210},
		{"amoadd.w wraps within the word", "la a1, data\n li a2, 0xbbccddef\n amoadd.w zero, a2, (a1)\n ld a0, 0(a1)", "a0", 0x8877665500000000},
		{"amoswap.d", "la a1, data\n li a2, 5\n amoswap.d a0, a2, (a1)\n ld a3, 0(a1)\n add a0, a0, a3", "a0", 0x8877665544332216},
		{"amoxor.d", "la a1, data\n li a2, -1\n amoxor.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 0x778899aabbccddee},
		{"amoand.w", "la a1, data\n li a2, 0xf0f0\n amoand.w zero, a2, (a1)\n lw a0, 0(a1)", "a0", 0x2010},
		{"amoor.d", "la a1, data\n li a2, 0xff\n amoor.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 0x88776655443322ff},
		{"amomin.w signed", "la a1, data\n addi a1, a1, 12\n li a2, 1\n amomin.w zero, a2, (a1)\n lw a0, 0(a1)", "a0", 0xfffffffffedcba98},
		{"amomax.w signed", "la a1, data\n addi a1, a1, 12\n li a2, 1\n amomax.w zero, a2, (a1)\n lw a0, 0(a1)", "a0", 1},
		{"amominu.w", "la a1, data\n addi a1, a1, 12\n li a2, 1\n amominu.w zero, a2, (a1)\n lw a0, 0(a1)", "a0", 1},
		{"amomaxu.w", "la a1, data\n addi a1, a1, 12\n li a2, 1\n amomaxu.w zero, a2, (a1)\n lwu a0, 0(a1)", "a0", 0xfedcba98},
		{"amomin.d", "la a1, data\n li a2, 1\n amomin.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 0x8877665544332211},
		{"amomaxu.d", "la a1, data\n li a2, 1\n amomaxu.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 0x8877665544332211},
		{"amomax.d", "la a1, data\n li a2, 1\n amomax.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 1},
		{"amominu.d", "la a1, data\n li a2, 1\n amominu.d zero, a2, (a1)\n ld a0, 0(a1)", "a0", 1},
		{"lr/sc succeeds", "la a1, data\n lr.d a2, (a1)\n addi a2, a2, 1\n sc.d a0, a2, (a1)", "a0", 0},
		{"lr/sc stores", "la a1, data\n lr.w a2, (a1)\n addi a2, a2, 1\n sc.w a3, a2, (a1)\n lw a0, 0(a1)", "a0", 0x44332212},
		{"lr.w sign-extends", "la a1, data\n addi a1, a1, 12\n lr.w a0, (a1)", "a0", 0xfffffffffedcba98},
		{"sc without lr fails", "la a1, data\n sc.d a0, a1, (a1)", "a0", 1},
		{"failed sc stores nothing", "la a1, data\n sc.d a0, a1, (a1)\n ld a0, 0(a1)", "a0", 0x8877665544332211},
		{"sc clears the reservation", "la a1, data\n lr.d a2, (a1)\n sc.d a0, a2, (a1)\n sc.d a0, a2, (a1)", "a0", 1},
		{"sc to another address fails", "la a1, data\n lr.d a2, (a1)\n addi a1, a1, 8\n sc.d a0, a2, (a1)", "a0", 1},
		{"own store keeps the reservation", "la a1, data\n lr.d a2, (a1)\n sd a2, 0(a1)\n sc.d a0, a2, (a1)", "a0", 0},
		{"ecall breaks the reservation", "la t0, 1f\n csrw mtvec, t0\n la a1, data\n lr.d a2, (a1)\n ecall\n .balign 4\n1: sc.d a0, a2, (a1)", "a0", 1},
		{"amo on a device", "li a1, 0x10000008\n li a2, 7\n sd a2, 0(a1)\n amoadd.d a0, a2, (a1)\n ld a3, 0(a1)\n add a0, a0, a3", "a0", 21},
	})
}

// reservationProgram: hart 0 (from reserve) takes a reservation and stops;
// hart 1 (from store) stores a3 at a4; then hart 0 tries its SC.
const reservationProgram = `
reserve:
	la a1, data
	lr.d a2, (a1)
	ebreak
	sc.d a0, a2, (a1)
	ebreak
store:
	sb a3, 0(a4)
	ebreak
	.data
	.balign 16
data:	.dword 0x11, 0x22
`

// TestReservationBrokenByOtherHart: any store by another hart to the reserved
// granule (even of the value already there, even one byte) makes SC fail; a
// store outside it does not.
func TestReservationBrokenByOtherHart(t *testing.T) {
	img, syms := assemble(t, reservationProgram)
	for _, c := range []struct {
		name   string
		offset uint64 // of hart 1's byte store from data
		value  uint64
		want   uint64 // hart 0's SC result
	}{
		{"same byte new value", 0, 0x44, 1},
		{"same value", 0, 0x11, 1},
		{"other byte of the granule", 7, 0, 1},
		{"next granule", 8, 0x44, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := newMachineImg(2, false, img, syms)
			h0, h1 := m.harts[0], m.harts[1]
			h0.SetPC(syms["reserve"])
			if _, why := h0.Run(100); why != StopEbreak {
				t.Fatal("hart 0 did not reach its ebreak")
			}
			h1.SetPC(syms["store"])
			h1.SetX(13, c.value)               // a3
			h1.SetX(14, syms["data"]+c.offset) // a4
			if _, why := h1.Run(100); why != StopEbreak {
				t.Fatal("hart 1 did not reach its ebreak")
			}
			h0.SetPC(h0.PC() + 2) // past c.ebreak
			h0.Run(100)
			if got := h0.X(10); got != c.want {
				t.Errorf("sc.d = %d, want %d", got, c.want)
			}
		})
	}
}

// counterProgram: each hart adds 1 to two shared counters n times, one with
// amoadd.w and one with an LR/SC loop.
const counterProgram = `
	li t0, 2000
	la a1, amo_count
	la a2, lrsc_count
	li t2, 1
1:	amoadd.w zero, t2, (a1)
2:	lr.w t1, (a2)
	addi t1, t1, 1
	sc.w t3, t1, (a2)
	bnez t3, 2b
	addi t0, t0, -1
	bnez t0, 1b
	ebreak
	.data
	.balign 64
amo_count:	.word 0
	.balign 64
lrsc_count:	.word 0
`

func checkCounters(t *testing.T, m *machine, nharts int) {
	t.Helper()
	for _, name := range []string{"amo_count", "lrsc_count"} {
		got := binary.LittleEndian.Uint32(m.ram[m.syms[name]-testRAMBase:])
		if want := uint32(2000 * nharts); got != want {
			t.Errorf("%s = %d, want %d: updates were lost", name, got, want)
		}
	}
}

// TestCountersInterleaved runs 4 harts round-robin with quanta of 1 to 7
// instructions, which splits LR/SC pairs every way.
func TestCountersInterleaved(t *testing.T) {
	m := newMachine(t, 4, false, counterProgram)
	done := make([]bool, 4)
	for q, left := uint64(1), 4; left > 0; q = q%7 + 1 {
		for i, h := range m.harts {
			if !done[i] {
				if _, why := h.Run(q); why == StopEbreak {
					done[i] = true
					left--
				}
			}
		}
	}
	checkCounters(t, m, 4)
}

// TestCountersParallel runs 4 harts on their own goroutines.
func TestCountersParallel(t *testing.T) {
	img, syms := assemble(t, counterProgram)
	m := newMachineImg(4, true, img, syms)
	var wg sync.WaitGroup
	for _, h := range m.harts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				if _, why := h.Run(1000); why == StopEbreak {
					return
				}
			}
		}()
	}
	wg.Wait()
	checkCounters(t, m, 4)
}
