package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/rvstop/rvstop/emu"
)

// guestFlags are the flag sets of every command that runs a guest (boot, run):
// the machine, its scheduler, tracing and the debugger.
type guestFlags struct {
	machine *machineFlags
	sched   *schedFlags
	trace   *traceFlags
	gdb     *gdbFlags
}

func addGuestFlags(fs *flag.FlagSet, defaultSMP int) *guestFlags {
	return &guestFlags{
		machine: addMachineFlags(fs, defaultSMP),
		sched:   addSchedFlags(fs),
		trace:   addTraceFlags(fs),
		gdb:     addGDBFlags(fs),
	}
}

// run is the sequence boot and run share: configure the machine from the
// flags (tweak adds the command's own settings), set up the schedule, the
// tracer (symbols from images) and the debugger, build the machine, load it,
// run it, and finish the trace and schedule files. It returns the exit status:
// 2 for usage errors, 1 for load errors, else the run's.
func (g *guestFlags) run(who string, tweak func(*emu.Config), images [][]byte, load func(*emu.Machine) error) int {
	fail := func(status int, err error) int {
		fmt.Fprintf(os.Stderr, "%s: %v\n", who, err)
		return status
	}
	cfg, err := g.machine.config()
	if err != nil {
		return fail(2, err)
	}
	cfg.Stdout, cfg.Stdin = os.Stdout, os.Stdin
	tweak(&cfg)
	if err := g.sched.apply(&cfg); err != nil {
		return fail(2, err)
	}
	ts, err := g.trace.start(&cfg, images...)
	if err != nil {
		return fail(2, err)
	}
	// The debugger wraps the policy and observer set above.
	if err := g.gdb.configure(&cfg); err != nil {
		return fail(2, err)
	}
	m, err := emu.New(cfg)
	if err != nil {
		return fail(2, err)
	}
	if err := load(m); err != nil {
		return fail(1, err)
	}
	ts.install(m)
	if ts != nil {
		g.gdb.keepTracer(ts.tr)
	}
	if err := g.gdb.attach(m); err != nil {
		return fail(1, err)
	}
	status := runMachine(m, who, ts)
	if !g.sched.finish(who) && status == 0 {
		status = 1
	}
	return status
}
