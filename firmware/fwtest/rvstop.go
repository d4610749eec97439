package fwtest

import (
	"bytes"
	"io"
	"os"
	"strings"
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
	Script   []Step           // console input, each sent once its prompt appeared
	EditFDT  func(fdt []byte) // changes the board's device tree before boot
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
	cfg := emu.Config{Harts: r.SMP, Seed: r.Seed, Parallel: r.Parallel, Timeout: timeout}
	if r.Script != nil {
		out := &console{changed: make(chan struct{}, 1)}
		cfg.Stdout = out
		cfg.Stdin = &scriptReader{out: out, script: r.Script}
	}
	m, err := emu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELFFile(r.BIOS); err != nil {
		t.Fatal(err)
	}
	if r.Kernel != "" {
		// An ELF goes to its own addresses, a raw image to 0x8020_0000 (QEMU's -kernel).
		k, err := os.ReadFile(r.Kernel)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(k, []byte("\x7fELF")) {
			_, err = m.LoadELF(k)
		} else {
			err = m.LoadImage(k, firmware.PayloadBase)
		}
		if err != nil {
			t.Fatalf("%s: %v", r.Kernel, err)
		}
	}
	m.SetEntry(firmware.Base, firmware.PayloadBase)
	if r.EditFDT != nil {
		fdt, _ := m.FDT() // the tree Run copies into RAM
		r.EditFDT(fdt)
	}
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

// scriptReader is the UART input of a scripted run: each Read blocks until the
// next step's prompt has appeared in the output, then returns its input; after
// the last step, end of input.
type scriptReader struct {
	out    *console
	script []Step
	from   int
}

func (s *scriptReader) Read(p []byte) (int, error) {
	if len(s.script) == 0 {
		return 0, io.EOF
	}
	st := s.script[0]
	for {
		text := s.out.String()
		if k := strings.Index(text[s.from:], st.Wait); k >= 0 {
			s.from += k + len(st.Wait)
			break
		}
		<-s.out.changed
	}
	s.script = s.script[1:]
	return copy(p, st.Send), nil
}
