package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rvstop/rvstop/emu"
)

func init() {
	register(&command{
		name:    "run",
		summary: "run a bare-metal RV64 ELF on every hart in M-mode (like qemu -bios none -kernel)",
		run:     cmdRun,
	})
}

func cmdRun(args []string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: rvstop run [flags] prog.elf\n\n"+
			"Loads the ELF at its own addresses and starts every hart at its entry in\n"+
			"M-mode through the boot ROM (a0 = hart ID, a1 = device tree). The exit\n"+
			"status is the guest's (sifive_test finisher or HTIF tohost).\n\nflags:\n")
		fs.PrintDefaults()
	}
	gf := addGuestFlags(fs, 1)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	if len(pos) != 1 {
		fs.Usage()
		return 2
	}
	prog, err := os.ReadFile(pos[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rvstop run:", err)
		return 1
	}
	return gf.run("rvstop run", func(*emu.Config) {}, [][]byte{prog}, func(m *emu.Machine) error {
		if _, err := m.LoadELF(prog); err != nil {
			return fmt.Errorf("%s: %w", pos[0], err)
		}
		return nil
	})
}
