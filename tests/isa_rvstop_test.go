package tests

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/hart"
)

// buildRvstop assembles p with rvstop's own assembler (no QEMU symbol: the
// programs expect the spec's behaviour) and returns the ELF image.
func buildRvstop(t testing.TB, p *isaProgram, defsym map[string]int64) []byte {
	t.Helper()
	elf, err := asm.Assemble([]string{p.path}, asm.Options{
		IncludeDirs: []string{isaDir},
		Defsym:      defsym,
	})
	if err != nil {
		t.Fatalf("rvstop asm %s: %v", p.path, err)
	}
	return elf
}

// runRvstop runs elf on rvstop's board the way `rvstop run` does, with cfg's
// harts, seed and modes, under limits that turn a hang into a failure.
func runRvstop(t testing.TB, elf []byte, cfg emu.Config) (isaResult, emu.Result) {
	t.Helper()
	cfg.MaxInsns = 50_000_000
	cfg.Timeout = isaTimeout
	m, err := emu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	img, err := m.LoadELF(elf)
	if err != nil {
		t.Fatal(err)
	}
	m.SetEntry(img.Entry, 0)
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reason.Guest() {
		t.Fatalf("the program did not end by itself: %v\n%s\noutput:\n%s", res.Reason, res.Report, res.Console)
	}
	return isaResult{exit: res.Status, output: res.Console}, res
}

// isaSeeds are the interleavings each multi-hart program runs under.
var isaSeeds = []uint64{1, 2, 3, 0x5eed}

// TestISAOnRvstop runs every program on rvstop, built by rvstop's assembler:
// one-hart programs on 1 and 2 harts (the second parks) and in -parallel mode,
// multi-hart ones under several seeds and once with one goroutine per hart.
func TestISAOnRvstop(t *testing.T) {
	for _, p := range isaPrograms(t) {
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			elf := buildRvstop(t, p, nil)
			runs := []emu.Config{{Harts: 1, Seed: 1}, {Harts: 2, Seed: 7}, {Harts: 1, Parallel: true}}
			if p.harts > 1 {
				runs = []emu.Config{{Harts: p.harts, Parallel: true}}
				for _, s := range isaSeeds {
					runs = append(runs, emu.Config{Harts: p.harts, Seed: s})
				}
			}
			for _, cfg := range runs {
				res, _ := runRvstop(t, elf, cfg)
				if res.exit != 0 {
					t.Fatalf("%s on rvstop (-smp %d -seed %d -parallel=%v) failed: %s",
						p.name, cfg.Harts, cfg.Seed, cfg.Parallel, res.explain(p))
				}
			}
		})
	}
}

// TestISAOnRvstopDetectsFailure flips each program's last case, as
// TestISAProgramsDetectFailure does on QEMU.
func TestISAOnRvstopDetectsFailure(t *testing.T) {
	for _, p := range isaPrograms(t) {
		ns := p.unconditionalCases()
		n := ns[len(ns)-1]
		t.Run(fmt.Sprintf("%s/case%d", p.name, n), func(t *testing.T) {
			t.Parallel()
			elf := buildRvstop(t, p, map[string]int64{"FLIP": int64(n)})
			r, _ := runRvstop(t, elf, emu.Config{Harts: p.harts, Seed: 1})
			if r.exit != n || r.failedCase() != n {
				t.Fatalf("with case %d flipped: exit status %d, reported case %d; want %d\noutput:\n%s",
					n, r.exit, r.failedCase(), n, r.output)
			}
		})
	}
}

// TestISASeedDeterminism: one seed gives the same instruction counts (in all
// and per hart), hart switches, final mtime and output 100 times in a row; a
// different seed gives a different interleaving.
func TestISASeedDeterminism(t *testing.T) {
	p, err := parseISAProgram(filepath.Join(isaDir, "smp_lrsc.s"))
	if err != nil {
		t.Fatal(err)
	}
	elf := buildRvstop(t, p, nil)
	fingerprint := func(r emu.Result) string {
		return fmt.Sprintf("status %d, %d instructions %v, %d switches, mtime %d, output %q",
			r.Status, r.Instructions, r.PerHart, r.Switches, r.MTime, r.Console)
	}
	_, first := runRvstop(t, elf, emu.Config{Harts: p.harts, Seed: 42})
	want := fingerprint(first)
	for i := 2; i <= 100; i++ {
		_, again := runRvstop(t, elf, emu.Config{Harts: p.harts, Seed: 42})
		if got := fingerprint(again); got != want {
			t.Fatalf("seed 42, run %d: %s\nrun 1: %s", i, got, want)
		}
	}
	_, other := runRvstop(t, elf, emu.Config{Harts: p.harts, Seed: 43})
	if fmt.Sprint(other.PerHart, other.Switches) == fmt.Sprint(first.PerHart, first.Switches) {
		t.Errorf("seeds 42 and 43 ran the same interleaving: %s", want)
	}
}

// TestISARegisterDumpMatchesQEMU runs each differential program (one ending in
// DUMP_REGS) as the same GNU-built ELF on QEMU and on rvstop: the dumps of all
// 31 registers and the chosen CSRs must be identical.
func TestISARegisterDumpMatchesQEMU(t *testing.T) {
	for _, p := range isaPrograms(t) {
		if !p.dump {
			continue
		}
		t.Run(p.name, func(t *testing.T) {
			t.Parallel()
			elf := buildGNU(t, p, t.TempDir(), nil)
			q := runQEMU(t, elf, p.harts)
			img, err := os.ReadFile(elf)
			if err != nil {
				t.Fatal(err)
			}
			r, _ := runRvstop(t, img, emu.Config{Harts: p.harts, Seed: 1})
			if q.exit != 0 || r.exit != 0 {
				t.Fatalf("exit status: QEMU %d, rvstop %d\nQEMU:\n%s\nrvstop:\n%s", q.exit, r.exit, q.output, r.output)
			}
			qd, err := parseRegisterDump(q.output)
			if err != nil {
				t.Fatalf("QEMU: %v", err)
			}
			rd, err := parseRegisterDump(r.output)
			if err != nil {
				t.Fatalf("rvstop: %v", err)
			}
			if d := qd.diff(rd); d != "" {
				t.Fatalf("register dumps differ (QEMU vs rvstop):\n%s", d)
			}
		})
	}
}

// TestISAMisalignedTrapSetting runs rv64i_mem with -misaligned=trap: its first
// misaligned case must now fail through an unexpected load-address-misaligned
// trap, where the default setting (emulate, like QEMU) passes.
func TestISAMisalignedTrapSetting(t *testing.T) {
	p, err := parseISAProgram(filepath.Join(isaDir, "rv64i_mem.s"))
	if err != nil {
		t.Fatal(err)
	}
	first := 0 // the first case after the "# Misaligned loads" comment
	for i, line := range p.lines {
		if strings.Contains(line, "# Misaligned loads") {
			for _, n := range p.unconditionalCases() {
				if p.cases[n][0] > i+1 {
					first = n
					break
				}
			}
			break
		}
	}
	if first == 0 {
		t.Fatal("rv64i_mem.s: no case after a \"# Misaligned loads\" comment")
	}
	r, _ := runRvstop(t, buildRvstop(t, p, nil), emu.Config{Harts: 1, Misaligned: hart.MisalignedTrap})
	if r.exit != first || !strings.Contains(string(r.output), "mcause 0x0000000000000004") {
		t.Fatalf("with -misaligned=trap: exit status %d, want case %d failing on cause 4\noutput:\n%s",
			r.exit, first, r.output)
	}
}
