package fwtest

import (
	"testing"
	"time"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
)

// Rvstop describes one run on rvstop's own board (package emu), as
// `rvstop boot -bios BIOS -kernel KERNEL` does it.
type Rvstop struct {
	BIOS     string // loaded at its ELF addresses; entered in M-mode at 0x8000_0000
	Kernel   string // loaded at its ELF addresses (0x8020_0000 for the payload)
	SMP      int
	Seed     uint64 // the deterministic interleaving
	Parallel bool   // one goroutine per hart instead
	Timeout  time.Duration
}

// RunRvstop runs r to completion. A run that does not end by the guest's own
// choice (finisher, HTIF) within the timeout fails the test with the
// machine's report and the console output.
func RunRvstop(t testing.TB, r Rvstop) Run {
	t.Helper()
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	m, err := emu.New(emu.Config{Harts: r.SMP, Seed: r.Seed, Parallel: r.Parallel, Timeout: timeout})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELFFile(r.BIOS); err != nil {
		t.Fatal(err)
	}
	if r.Kernel != "" {
		if _, err := m.LoadELFFile(r.Kernel); err != nil {
			t.Fatal(err)
		}
	}
	m.SetEntry(firmware.Base, firmware.PayloadBase)
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reason.Guest() {
		t.Fatalf("rvstop -smp %d seed %d: run ended by %v, not by the guest\n%s\noutput:\n%s",
			r.SMP, r.Seed, res.Reason, res.Report, res.Console)
	}
	return Run{Output: string(res.Console), ExitCode: res.Status}
}
