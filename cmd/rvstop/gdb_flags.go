package main

import (
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"os"
	"os/signal"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/gdbstub/emutarget"
	"github.com/rvstop/rvstop/hart"
)

// gdbFlags are QEMU's debugger flags: -gdb tcp::PORT, -s (= -gdb tcp::1234)
// and -S (hold the harts at reset until the debugger continues them).
//
// A command that runs a machine uses them in three steps:
//
//	gf := addGDBFlags(fs)
//	...
//	if err := gf.configure(&cfg); err != nil { ... } // before emu.New
//	m, err := emu.New(cfg)
//	... load images ...
//	if err := gf.attach(m); err != nil { ... }       // before m.Run
//	return runMachine(m, who)
//
// Without -gdb or -s, configure and attach do nothing. With -trace too, set
// up tracing first (it replaces cfg.Observer, which configure wraps) and pass
// its hart tracer to keepTracer before attach, so that watchpoints do not
// drop it.
type gdbFlags struct {
	addr  string
	short bool
	hold  bool

	target *emutarget.Target
	bound  net.Addr // where attach listens (tests ask for port 0)
}

// defaultGDBPort is QEMU's -s port.
const defaultGDBPort = "tcp::1234"

func addGDBFlags(fs *flag.FlagSet) *gdbFlags {
	g := &gdbFlags{}
	fs.StringVar(&g.addr, "gdb", "", "serve GDB on `tcp::PORT` (listens on 127.0.0.1) or tcp:HOST:PORT, as QEMU's -gdb")
	fs.BoolVar(&g.short, "s", false, "shorthand for -gdb "+defaultGDBPort)
	fs.BoolVar(&g.hold, "S", false, "with -gdb or -s: hold every hart at reset until GDB continues")
	return g
}

func (g *gdbFlags) enabled() bool { return g.addr != "" || g.short }

// listenAddr is the TCP address to listen on, from -gdb or -s.
func (g *gdbFlags) listenAddr() (string, error) {
	if g.addr != "" && g.short {
		return "", errors.New("-gdb and -s: give one")
	}
	spec := g.addr
	if g.short {
		spec = defaultGDBPort
	}
	return gdbstub.ListenAddr(spec)
}

// configure lets the debugger steer the machine built from cfg. It checks
// the flags, so usage errors come out before anything is built.
func (g *gdbFlags) configure(cfg *emu.Config) error {
	if !g.enabled() {
		if g.hold {
			return errors.New("-S holds the harts for a debugger: add -gdb tcp::PORT or -s")
		}
		return nil
	}
	if _, err := g.listenAddr(); err != nil {
		return err
	}
	t, err := emutarget.Prepare(cfg)
	if err != nil {
		return err
	}
	g.target = t
	return nil
}

// keepTracer hands the harts' own tracer to the debugger (see above).
func (g *gdbFlags) keepTracer(tr hart.Tracer) {
	if g.target != nil {
		g.target.KeepTracer(tr)
	}
}

// attach starts listening and serves debuggers while m runs. The machine
// waits at its first instruction for the first debugger with -S; without it,
// it runs and a debugger that connects stops it. If the debugger kills the
// run, m.Run returns with emu.ExitStopped.
func (g *gdbFlags) attach(m *emu.Machine) error {
	if g.target == nil {
		return nil
	}
	addr, err := g.listenAddr()
	if err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("gdb: %v", err)
	}
	g.bound = l.Addr()
	g.target.Bind(m)
	logger := log.New(os.Stderr, "rvstop: ", 0)
	if g.hold {
		logger.Printf("harts held at reset; waiting for gdb on %s (target remote %s)", l.Addr(), l.Addr())
	} else {
		logger.Printf("gdb can attach on %s (target remote %s)", l.Addr(), l.Addr())
	}
	// rvstop's own Ctrl-C handler stops the machine with Machine.Stop, which
	// a machine parked for the debugger would never notice.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		<-sig
		g.target.Abort()
	}()
	srv := &gdbstub.Server{Target: g.target, Hold: g.hold, Log: logger}
	go func() {
		defer l.Close()
		_, err := srv.Serve(l)
		switch {
		case errors.Is(err, gdbstub.ErrKilled):
			g.target.Kill()
		case err != nil && !errors.Is(err, gdbstub.ErrHalted):
			logger.Printf("gdb: %v", err)
		}
	}()
	return nil
}
