package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/kernel"
)

// `rvstop kernel -o FILE` and `rvstop firmware -o FILE` write the embedded
// images, assembled from the repository's sources, e.g. to boot them on QEMU:
//
//	qemu-system-riscv64 -machine virt -smp 4 -nographic -bios fw.elf -kernel kernel.elf
func init() {
	register(&command{name: "kernel", summary: "write the embedded guest kernel as an ELF file (-o FILE)",
		run: func(args []string) int { return writeImage("kernel", args, kernel.Build) }})
	register(&command{name: "firmware", summary: "write the embedded SBI firmware as an ELF file (-o FILE)",
		run: func(args []string) int { return writeImage("firmware", args, firmware.Build) }})
}

// defsymFlag collects repeated --defsym NAME=VALUE flags.
type defsymFlag map[string]int64

func (d defsymFlag) String() string { return "" }

func (d defsymFlag) Set(s string) error {
	name, val, ok := strings.Cut(s, "=")
	if !ok || name == "" {
		return fmt.Errorf("want NAME=VALUE, got %q", s)
	}
	v, err := strconv.ParseInt(val, 0, 64)
	if err != nil {
		return fmt.Errorf("%s: value %q is not a number", name, val)
	}
	d[name] = v
	return nil
}

func writeImage(what string, args []string, build func(map[string]int64) ([]byte, error)) int {
	fs := flag.NewFlagSet(what, flag.ContinueOnError)
	out := fs.String("o", "", "output ELF file")
	defsym := defsymFlag{}
	fs.Var(defsym, "defsym", "define a symbol for the build, as GNU as --defsym NAME=VALUE (repeatable)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() != 0 {
		fmt.Fprintf(os.Stderr, "usage: rvstop %s -o FILE [--defsym NAME=VALUE]...\n", what)
		return 2
	}
	img, err := build(defsym)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop %s: %v\n", what, err)
		return 1
	}
	if err := os.WriteFile(*out, img, 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "rvstop %s: %v\n", what, err)
		return 1
	}
	return 0
}
