package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/rvstop/rvstop/asm"
)

func init() {
	register(&command{name: "objdump", summary: "disassemble an RV64 ELF with symbols and source lines", run: runObjdump})
}

func runObjdump(args []string) int {
	fs := flag.NewFlagSet("rvstop objdump", flag.ContinueOnError)
	noLines := fs.Bool("no-lines", false, "do not print file:line before each source line's instructions")
	source := fs.Bool("S", false, "also print each source line's text")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: rvstop objdump [-S] [-no-lines] file.elf...\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	status := 0
	for _, name := range fs.Args() {
		img, err := os.ReadFile(name)
		if err == nil {
			err = asm.Disassemble(w, name, img, asm.DumpOptions{Lines: !*noLines, Source: *source})
		}
		if err != nil {
			w.Flush()
			fmt.Fprintf(os.Stderr, "rvstop objdump: %v\n", err)
			status = 1
		}
	}
	return status
}
