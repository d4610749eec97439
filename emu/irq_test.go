package emu

import (
	"encoding/binary"
	"fmt"
	"testing"
)

// ringProg passes an IPI around a ring of harts rounds times: each hart's
// M-mode software-interrupt handler clears its own MSIP, counts, and raises
// the next hart's. Hart 0 passes once it has received rounds IPIs and every
// other hart has received as many.
func ringProg(harts, rounds int) string {
	return fmt.Sprintf(`
	.equ NHARTS, %d
	.equ ROUNDS, %d
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	li t0, 8 # MSIE
	csrw mie, t0
	csrsi mstatus, 8 # MIE
	bnez a0, sleep
	li t0, CLINT + 4 # hart 0 starts the ring
	li t1, 1
	sw t1, 0(t0)
sleep:	wfi
	j sleep

	.align 2
handler:
	csrr a0, mhartid
	li t0, CLINT
	slli t1, a0, 2
	add t1, t0, t1
	sw zero, 0(t1) # clear my MSIP
	la t2, counts
	slli t3, a0, 3
	add t2, t2, t3
	ld t3, 0(t2)
	addi t3, t3, 1
	sd t3, 0(t2)
	bnez a0, 1f
	li t4, ROUNDS
	beq t3, t4, check
1:	addi t1, a0, 1 # raise the next hart's MSIP
	li t4, NHARTS
	bne t1, t4, 2f
	li t1, 0
2:	slli t1, t1, 2
	add t1, t0, t1
	li t4, 1
	sw t4, 0(t1)
	mret
check:
	la t2, counts
	li t5, NHARTS
3:	ld t3, 0(t2)
	li t4, ROUNDS
	bne t3, t4, bad
	addi t2, t2, 8
	addi t5, t5, -1
	bnez t5, 3b
	PASS
bad:	FAIL 2
	.data
	.align 3
counts:	.zero 8*NHARTS
`, harts, rounds)
}

func TestMSIPRing(t *testing.T) {
	for _, harts := range []int{2, 4} {
		elf := buildELF(t, ringProg(harts, 50))
		ipis := 0
		for seed := range uint64(3) {
			o := &ipiObserver{}
			res, _ := runELF(t, Config{Harts: harts, Seed: seed, Observer: o, MaxInsns: 1e7}, elf)
			if res.Reason != ExitFinisher || res.Status != 0 {
				t.Fatalf("%d harts seed %d: %v %d\n%s", harts, seed, res.Reason, res.Status, res.Report)
			}
			ipis = o.sent
		}
		// Every round sends one IPI per hart.
		if ipis != 50*harts {
			t.Errorf("%d harts: observer saw %d IPIs, want %d", harts, ipis, 50*harts)
		}
		res, _ := runELF(t, Config{Harts: harts, Parallel: true, Timeout: 20e9}, elf)
		if res.Reason != ExitFinisher || res.Status != 0 {
			t.Fatalf("%d harts parallel: %v %d\n%s", harts, res.Reason, res.Status, res.Report)
		}
	}
}

type ipiObserver struct {
	NopObserver
	sent int
}

func (o *ipiObserver) IPI(step uint64, from, to int, set bool) {
	if set && from != to {
		o.sent++
	}
}

// timerProg: every hart takes `ticks` machine timer interrupts, period
// 1000·(hart+1) ticks, recording the worst lateness (mtime at the handler
// minus mtimecmp); hart 0 passes when all are done.
func timerProg(harts, ticks int) string {
	return fmt.Sprintf(`
	.equ NHARTS, %d
	.equ TICKS, %d
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	jal arm
	li t0, 0x80 # MTIE
	csrw mie, t0
	csrsi mstatus, 8
idle:	wfi
	bnez a0, idle
	la t0, done
	lw t0, 0(t0)
	li t1, NHARTS
	bne t0, t1, idle
	PASS

# arm: mtimecmp[hart] += period (from mtime the first time)
arm:	csrr a0, mhartid
	addi t1, a0, 1
	li t2, 1000
	mul t1, t1, t2
	li t0, MTIMECMP
	slli t2, a0, 3
	add t0, t0, t2
	ld t2, 0(t0)
	li t3, -1
	bne t2, t3, 1f
	li t2, MTIME
	ld t2, 0(t2)
1:	add t2, t2, t1
	sd t2, 0(t0)
	ret

	.align 2
handler:
	csrr a0, mhartid
	li t0, MTIME
	ld t1, 0(t0)
	li t0, MTIMECMP
	slli t2, a0, 3
	add t0, t0, t2
	ld t2, 0(t0)
	sub t1, t1, t2 # lateness
	la t3, late
	amomax.d zero, t1, (t3)
	la t3, count
	slli t4, a0, 3
	add t3, t3, t4
	ld t4, 0(t3)
	addi t4, t4, 1
	sd t4, 0(t3)
	li t5, TICKS
	bne t4, t5, 1f
	la t3, done # this hart has had its ticks
	li t6, 1
	amoadd.w zero, t6, (t3)
1:	blt t4, t5, rearm
	beqz a0, rearm # hart 0 keeps ticking to see everyone done
	li t1, -1
	sd t1, 0(t0) # no more timer interrupts
	mret
rearm:	jal arm
	csrr a0, mhartid
	mret
	.data
	.align 3
late:	.dword 0
done:	.word 0
	.align 3
count:	.zero 8*NHARTS
`, harts, ticks)
}

func TestTimerOnEveryHart(t *testing.T) {
	const ticks = 5
	for _, harts := range []int{1, 4} {
		elf := buildELF(t, timerProg(harts, ticks))
		for seed := range uint64(3) {
			res, m := runELF(t, Config{Harts: harts, Seed: seed, MaxInsns: 1e7}, elf)
			if res.Reason != ExitFinisher || res.Status != 0 {
				t.Fatalf("%d harts seed %d: %v %d\n%s", harts, seed, res.Reason, res.Status, res.Report)
			}
			// The slowest hart needs ticks·1000·harts mtime ticks; the harts
			// sleep in between, so time skips ahead instead of executing.
			if res.MTime < uint64(ticks*1000*harts) {
				t.Errorf("mtime %d at the end; the last timer is due at %d", res.MTime, ticks*1000*harts)
			}
			// Executing the idle time would take over 20000 instructions;
			// the bound allows for the quantum that ends after PASS.
			if res.Instructions > 15000 {
				t.Errorf("%d instructions: idle time was executed, not skipped", res.Instructions)
			}
			// Quanta end at timer deadlines: a lone hart takes its interrupt
			// within the handler's first instructions. With several, a woken
			// hart may wait for others' quanta, but never a whole period.
			late, _ := m.Symbol("late")
			l := binary.LittleEndian.Uint64(m.RAM()[late-RAMBase:])
			if harts == 1 && l > 5 || l >= 1000 {
				t.Errorf("%d harts seed %d: a timer interrupt was %d ticks late", harts, seed, l)
			}
		}
		res, _ := runELF(t, Config{Harts: harts, Parallel: true, Timeout: 20e9}, elf)
		if res.Reason != ExitFinisher || res.Status != 0 {
			t.Fatalf("%d harts parallel: %v %d\n%s", harts, res.Reason, res.Status, res.Report)
		}
	}
}

// TestSstcWakesSleepingHart: with menvcfg.STCE, a hart sleeping on stimecmp
// is a timer deadline like mtimecmp: idle time is skipped to it and the
// interrupt arrives on time.
func TestSstcWakesSleepingHart(t *testing.T) {
	elf := buildELF(t, `
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	li t0, 1
	slli t0, t0, 63
	csrs menvcfg, t0 # STCE
	csrr t0, time
	li t1, 50000
	add s0, t0, t1
	csrw stimecmp, s0
	li t0, 0x20 # STIE (not delegated: taken in M-mode)
	csrw mie, t0
	csrsi mstatus, 8
1:	wfi
	j 1b
	.align 2
handler:
	csrr t0, time
	sub t0, t0, s0
	li t1, 5
	bgtu t0, t1, late
	PASS
late:	FAIL 4
`)
	res, _ := runELF(t, Config{Harts: 1, MaxInsns: 1e6, Policy: fixedPolicy(8)}, elf)
	if res.Reason != ExitFinisher || res.Status != 0 {
		t.Fatalf("%v status %d\n%s", res.Reason, res.Status, res.Report)
	}
	if res.Instructions > 100 {
		t.Errorf("%d instructions: the sleep was executed, not skipped", res.Instructions)
	}
}

// fixedPolicy runs the lowest-numbered runnable hart for a fixed quantum.
type fixedPolicy uint64

func (p fixedPolicy) Name() string          { return "fixed" }
func (p fixedPolicy) Pick(v *View) Decision { return Decision{v.Runnable[0], uint64(p)} }
