// Command rvstop is a RISC-V RV64 multi-hart emulator with its own assembler,
// SBI firmware and guest kernel. Each subcommand lives in its own file
// (cmd_<name>.go) and registers itself in init.
package main

import (
	"fmt"
	"os"
	"sort"
)

// A command is one `rvstop NAME ...` subcommand. Run returns the process exit
// status: 0 on success, 2 for usage errors, and for guest runs the guest's own
// exit status (finisher, HTIF or SRST).
type command struct {
	name    string
	summary string
	run     func(args []string) int
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("rvstop: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

func usage() {
	fmt.Fprintf(os.Stderr, "usage: rvstop COMMAND [flags] [args]\n\ncommands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(os.Stderr, "\nrun 'rvstop COMMAND -h' for a command's flags\n")
}

func main() {
	if len(os.Args) < 2 || os.Args[1] == "-h" || os.Args[1] == "--help" || os.Args[1] == "help" {
		usage()
		os.Exit(2)
	}
	c, ok := commands[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "rvstop: unknown command %q\n", os.Args[1])
		usage()
		os.Exit(2)
	}
	os.Exit(c.run(os.Args[2:]))
}
