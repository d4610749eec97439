package gdbstub

import (
	"bufio"
	"errors"
	"net"
	"testing"
	"time"
)

type serveResult struct {
	code int
	err  error
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func dial(t *testing.T, l net.Listener) *client {
	t.Helper()
	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &client{t: t, conn: conn, r: bufio.NewReader(conn)}
}

func waitServe(t *testing.T, ch chan serveResult) serveResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return")
		return serveResult{}
	}
}

// A held machine waits for the debugger; after detach it runs to its exit.
func TestServeHoldDetachExit(t *testing.T) {
	f := newFake(2)
	f.exitPC, f.exitCode = 0x80000100, 3
	l := listen(t)
	ch := make(chan serveResult, 1)
	go func() { code, err := Serve(l, f); ch <- serveResult{code, err} }()

	c := dial(t, l)
	c.expect("?", "T05thread:1;")
	if f.executed[0] != 0 {
		t.Fatalf("held machine ran %d instructions before the debugger came", f.executed[0])
	}
	// A second debugger waits while this one is attached.
	c2 := dial(t, l)
	c2.send("?")
	c2.conn.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if b, err := c2.r.ReadByte(); err == nil {
		t.Errorf("second debugger got %q while the first was attached", b)
	}
	c2.conn.Close()
	c.expect("Z0,80000010,4", "OK")
	c.expect("c", "T05thread:1;")
	c.expect("D", "OK")
	r := waitServe(t, ch)
	if r.err != nil || r.code != 3 {
		t.Errorf("Serve = %d, %v; want the machine's exit status 3", r.code, r.err)
	}
	if len(f.breaks) != 0 {
		t.Errorf("breakpoints survived the detach: %v", f.breaks)
	}
}

// A running machine stops when a debugger connects; kill ends the run.
func TestServeRunningAttachKill(t *testing.T) {
	f := newFake(1)
	f.maxRun = 0
	l := listen(t)
	ch := make(chan serveResult, 1)
	go func() {
		code, err := (&Server{Target: f}).Serve(l)
		ch <- serveResult{code, err}
	}()
	c := dial(t, l)
	c.expect("?", "T02thread:1;")
	c.send("k")
	c.expectAck()
	if r := waitServe(t, ch); !errors.Is(r.err, ErrKilled) {
		t.Errorf("Serve after kill = %d, %v", r.code, r.err)
	}
}

// A debugger that goes away leaves the machine running; the next one stops it.
func TestServeReconnect(t *testing.T) {
	f := newFake(1)
	f.maxRun = 0
	l := listen(t)
	ch := make(chan serveResult, 1)
	go func() { code, err := Serve(l, f); ch <- serveResult{code, err} }()
	c := dial(t, l)
	c.expect("Z0,80000010,4", "OK")
	c.conn.Close()
	c = dial(t, l)
	if r := c.ask("?"); r != "T02thread:1;" {
		t.Errorf("second attach: %q", r)
	}
	if len(f.breaks) != 0 {
		t.Errorf("breakpoints survived the disconnect: %v", f.breaks)
	}
	c.expect("D", "OK")
	f.mu.Lock()
	f.exitPC = f.harts[0].pc + 64
	f.mu.Unlock()
	if r := waitServe(t, ch); r.err != nil {
		t.Errorf("Serve = %d, %v", r.code, r.err)
	}
}

func TestServeHalted(t *testing.T) {
	f := newFake(1)
	l := listen(t)
	ch := make(chan serveResult, 1)
	go func() {
		code, err := (&Server{Target: f}).Serve(l)
		ch <- serveResult{code, err}
	}()
	if r := waitServe(t, ch); !errors.Is(r.err, ErrHalted) {
		t.Errorf("Serve = %d, %v; want ErrHalted", r.code, r.err)
	}
}

func TestListenAddr(t *testing.T) {
	for spec, want := range map[string]string{
		"tcp::1234":      "127.0.0.1:1234",
		":1234":          "127.0.0.1:1234",
		"1234":           "127.0.0.1:1234",
		"tcp:0.0.0.0:99": "0.0.0.0:99",
		"localhost:5":    "localhost:5",
		"tcp:[::1]:7":    "[::1]:7",
	} {
		if got, err := ListenAddr(spec); err != nil || got != want {
			t.Errorf("ListenAddr(%q) = %q, %v; want %q", spec, got, err, want)
		}
	}
	for _, bad := range []string{"", "tcp:", "tcp:host:", "a:b:c"} {
		if got, err := ListenAddr(bad); err == nil {
			t.Errorf("ListenAddr(%q) = %q, want an error", bad, got)
		}
	}
}
