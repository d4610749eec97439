package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rvstop/rvstop/emu"
)

func init() {
	register(&command{
		name:    "dtb",
		summary: "write the board's flattened device tree (what harts get in a1)",
		run:     cmdDTB,
	})
}

func cmdDTB(args []string) int {
	fs := flag.NewFlagSet("dtb", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: rvstop dtb [-smp N] [-m SIZE] [-append ARGS] -o file.dtb\n\n"+
			"Decompile with: dtc -I dtb -O dts file.dtb\n\nflags:\n")
		fs.PrintDefaults()
	}
	smp := fs.Int("smp", 1, "number of harts")
	mem := fs.String("m", "128M", "RAM size (QEMU syntax)")
	bootargs := fs.String("append", "", "/chosen/bootargs")
	out := fs.String("o", "", "output file (- for stdout)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	size, err := parseMemSize(*mem)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rvstop dtb:", err)
		return 2
	}
	// Build a machine to validate the configuration exactly as a run would.
	m, err := emu.New(emu.Config{Harts: *smp, RAMSize: size, Bootargs: *bootargs})
	if err != nil {
		fmt.Fprintln(os.Stderr, "rvstop dtb:", err)
		return 2
	}
	blob, _ := m.FDT()
	if *out == "-" {
		_, err = os.Stdout.Write(blob)
	} else {
		err = os.WriteFile(*out, blob, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "rvstop dtb:", err)
		return 1
	}
	return 0
}
