package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
)

func parseGDBFlags(t *testing.T, args ...string) (*gdbFlags, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	g := addGDBFlags(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	var cfg emu.Config
	return g, g.configure(&cfg)
}

func TestGDBFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"-S"}, {"-s", "-gdb", "tcp::1"}, {"-gdb", "tcp:host:"}, {"-gdb", "a:b:c"}} {
		if _, err := parseGDBFlags(t, args...); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
	if g, err := parseGDBFlags(t); err != nil || g.enabled() {
		t.Errorf("no flags: %v, enabled %v", err, g.enabled())
	}
	if g, err := parseGDBFlags(t, "-s"); err != nil || !g.enabled() {
		t.Errorf("-s: %v", err)
	} else if a, _ := g.listenAddr(); a != "127.0.0.1:1234" {
		t.Errorf("-s listens on %s", a)
	}
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	g := addGDBFlags(fs)
	fs.Parse([]string{"-s"})
	if err := g.configure(&emu.Config{Parallel: true}); err == nil {
		t.Error("-s with -parallel accepted")
	}
}

// TestGDBFlagsAttach: -gdb -S holds a machine at reset; a debugger sees it
// there and kills it, which ends the run.
func TestGDBFlagsAttach(t *testing.T) {
	g, err := parseGDBFlags(t, "-gdb", "tcp::0", "-S")
	if err != nil {
		t.Fatal(err)
	}
	cfg := emu.Config{Harts: 2}
	if err := g.configure(&cfg); err != nil {
		t.Fatal(err)
	}
	m, err := emu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	src := "\t.globl _start\n_start:\n\tj _start\n"
	elf, err := asm.Assemble([]string{"p.s"}, asm.Options{FS: fstest.MapFS{"p.s": {Data: []byte(src)}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(elf); err != nil {
		t.Fatal(err)
	}
	if err := g.attach(m); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(g.bound.String(), "127.0.0.1:") {
		t.Errorf("listening on %v, want 127.0.0.1", g.bound)
	}
	done := make(chan emu.Result, 1)
	go func() { res, _ := m.Run(); done <- res }()

	conn, err := net.Dial("tcp", g.bound.String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	send := func(p string) {
		var sum byte
		for i := 0; i < len(p); i++ {
			sum += p[i]
		}
		fmt.Fprintf(conn, "$%s#%02x", p, sum)
	}
	send("qfThreadInfo")
	if reply, _ := r.ReadString('#'); reply != "+$m1,2#" {
		t.Errorf("qfThreadInfo: %q", reply)
	}
	r.Discard(2)
	send("p20")
	if reply, _ := r.ReadString('#'); reply != "+$0010000000000000#" {
		t.Errorf("pc at reset: %q", reply)
	}
	send("k")
	select {
	case res := <-done:
		if res.Reason != emu.ExitStopped {
			t.Errorf("after kill: %v", res.Reason)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("kill did not end the run")
	}
}
