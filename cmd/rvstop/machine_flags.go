package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/hart"
)

// machineFlags are the flags every command that runs a guest shares, spelled as
// QEMU spells them where QEMU has them.
type machineFlags struct {
	smp        int
	mem        string
	seed       uint64
	parallel   bool
	maxInsns   uint64
	timeout    time.Duration
	misaligned string
}

func addMachineFlags(fs *flag.FlagSet, defaultSMP int) *machineFlags {
	f := &machineFlags{}
	fs.IntVar(&f.smp, "smp", defaultSMP, "number of harts (1.."+strconv.Itoa(emu.MaxHarts)+")")
	fs.StringVar(&f.mem, "m", "128M", "RAM size, as QEMU's -m: 128M, 1G, or a number of MiB")
	fs.Uint64Var(&f.seed, "seed", 0, "seed choosing the interleaving of harts (deterministic mode)")
	fs.BoolVar(&f.parallel, "parallel", false, "one host thread per hart: faster, not reproducible")
	fs.Uint64Var(&f.maxInsns, "max-insns", 0, "stop after this many guest instructions in all (0: no limit)")
	fs.DurationVar(&f.timeout, "timeout", 0, "stop after this much host time, e.g. 30s (0: no limit)")
	fs.StringVar(&f.misaligned, "misaligned", "emulate", "misaligned loads and stores: emulate (like QEMU) or trap")
	return f
}

// config turns the flags into a machine configuration, or says which flag is wrong.
func (f *machineFlags) config() (emu.Config, error) {
	var c emu.Config
	if f.smp < 1 || f.smp > emu.MaxHarts {
		return c, fmt.Errorf("-smp %d: must be between 1 and %d", f.smp, emu.MaxHarts)
	}
	size, err := parseMemSize(f.mem)
	if err != nil {
		return c, err
	}
	switch f.misaligned {
	case "emulate":
		c.Misaligned = hart.MisalignedEmulate
	case "trap":
		c.Misaligned = hart.MisalignedTrap
	default:
		return c, fmt.Errorf("-misaligned %q: want emulate or trap", f.misaligned)
	}
	c.Harts, c.RAMSize, c.Seed, c.Parallel = f.smp, size, f.seed, f.parallel
	c.MaxInsns, c.Timeout = f.maxInsns, f.timeout
	return c, nil
}

// parseMemSize reads QEMU's -m syntax: a number with an optional K, M, G suffix;
// a bare number means MiB.
func parseMemSize(s string) (uint64, error) {
	num, mult := strings.ToUpper(strings.TrimSpace(s)), uint64(1<<20)
	if n := len(num); n > 0 {
		switch num[n-1] {
		case 'K':
			mult, num = 1<<10, num[:n-1]
		case 'M':
			mult, num = 1<<20, num[:n-1]
		case 'G':
			mult, num = 1<<30, num[:n-1]
		}
	}
	v, err := strconv.ParseUint(num, 10, 64)
	if err != nil || v == 0 {
		return 0, fmt.Errorf("-m %q: want a size such as 128M or 1G", s)
	}
	size := v * mult
	if size < 16<<20 || size > 16<<30 || size%4096 != 0 {
		return 0, fmt.Errorf("-m %q: RAM must be a whole number of pages between 16M and 16G", s)
	}
	return size, nil
}

// parseInterspersed parses flags that may come before and after positional
// arguments (`rvstop boot kernel.elf -smp 2`), as QEMU users expect.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
