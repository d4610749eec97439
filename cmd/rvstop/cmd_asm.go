package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/rvstop/rvstop/asm"
)

func init() {
	register(&command{name: "asm", summary: "assemble and link RISC-V sources (GNU as syntax) into an ELF", run: runAsm})
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

func runAsm(args []string) int {
	fs := flag.NewFlagSet("rvstop asm", flag.ContinueOnError)
	march := fs.String("march", "", "ISA string, as GNU as -march (default rv64imac_zicsr_zifencei_zihintpause)")
	base := fs.String("base", "0x80000000", "address of the first byte of .text")
	out := fs.String("o", "a.out", "output ELF file")
	var incs, defsyms stringList
	fs.Var(&incs, "I", "directory searched for .include files (repeatable)")
	fs.Var(&defsyms, "defsym", "NAME=VALUE: define an absolute symbol (repeatable)")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: rvstop asm [-march ISA] [-base ADDR] [-I DIR] [-defsym NAME=VALUE] [-o out.elf] file.s...\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(normalizeLongFlags(args)); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	b, err := strconv.ParseUint(*base, 0, 64)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop asm: bad -base %q: %v\n", *base, err)
		return 2
	}
	opt := asm.Options{March: *march, Base: b, IncludeDirs: incs, Defsym: map[string]int64{}}
	for _, d := range defsyms {
		name, val, ok := strings.Cut(d, "=")
		v, err := strconv.ParseInt(val, 0, 64)
		if !ok || err != nil {
			if u, uerr := strconv.ParseUint(val, 0, 64); ok && uerr == nil {
				v, err = int64(u), nil
			}
		}
		if !ok || err != nil {
			fmt.Fprintf(os.Stderr, "rvstop asm: bad -defsym %q (want NAME=VALUE)\n", d)
			return 2
		}
		opt.Defsym[name] = v
	}
	img, err := asm.Assemble(fs.Args(), opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := os.WriteFile(*out, img, 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "rvstop asm: %v\n", err)
		return 1
	}
	return 0
}

// normalizeLongFlags accepts GNU-style spellings: --base, --defsym, -march=...
// are what flag already takes; "-Idir" becomes "-I dir".
func normalizeLongFlags(args []string) []string {
	var out []string
	for _, a := range args {
		if strings.HasPrefix(a, "-I") && len(a) > 2 && a[2] != '=' {
			out = append(out, "-I", a[2:])
			continue
		}
		out = append(out, a)
	}
	return out
}
