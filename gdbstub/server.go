package gdbstub

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"strings"
)

// ErrKilled is returned by Serve when the debugger killed the run.
var ErrKilled = errors.New("gdbstub: killed by the debugger")

// ErrHalted is returned by Serve when the machine, running without a
// debugger, stopped for good without exiting (every hart waiting forever, its
// instruction budget spent).
var ErrHalted = errors.New("gdbstub: machine halted")

// Server runs a target under debugger control, one connection at a time.
// While no debugger is attached the machine runs freely (unless Hold keeps it
// at reset for the first one); a new connection stops it, as with QEMU.
type Server struct {
	Target Target
	Hold   bool        // -S: keep every hart stopped until a debugger continues
	Log    *log.Logger // connection events and protocol errors; nil: silent
}

// Serve runs the target with Hold set: it waits for a debugger first.
func Serve(l net.Listener, t Target) (exitCode int, err error) {
	return (&Server{Target: t, Hold: true}).Serve(l)
}

// Serve accepts debuggers on l until the machine exits (its exit status, nil),
// a debugger kills it (ErrKilled), it halts (ErrHalted), or l fails before
// any of that happens. A second debugger connecting while one is attached
// waits until the first has gone.
func (sv *Server) Serve(l net.Listener) (int, error) {
	conns := make(chan net.Conn)
	acceptErr := make(chan error, 1)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				acceptErr <- err
				return
			}
			select {
			case conns <- c:
			case <-done:
				c.Close()
				return
			}
		}
	}()

	t := sv.Target
	initial := Stop{Reason: StopStep}
	running := !sv.Hold
	for {
		var conn net.Conn
		if running {
			st, c, err := sv.runFree(conns, acceptErr)
			switch {
			case err != nil:
				return 0, err
			case st.Reason == StopExited:
				if c != nil {
					c.Close()
				}
				return st.Code, nil
			case st.Reason == StopHalted:
				if c != nil {
					c.Close()
				}
				return 0, ErrHalted
			}
			conn, initial = c, st
		} else {
			select {
			case conn = <-conns:
			case err := <-acceptErr:
				return 0, err
			}
		}
		sv.logf("gdb: debugger attached from %v", conn.RemoteAddr())
		sess := NewSession(conn, t, initial)
		sess.Log = sv.Log
		end := sess.Run()
		conn.Close()
		sv.logf("gdb: debugger gone (%s)", end)
		switch end {
		case EndKilled:
			return 0, ErrKilled
		case EndExited:
			return sess.last.Code, nil
		}
		t.Detach()
		running = true
	}
}

// runFree continues every hart until the machine stops by itself or a
// debugger connects. A stop that no one asked for (a breakpoint left from a
// session that lost its connection) is ignored and the run goes on.
func (sv *Server) runFree(conns chan net.Conn, acceptErr chan error) (Stop, net.Conn, error) {
	t := sv.Target
	run := make([]bool, t.NumHarts())
	for i := range run {
		run[i] = true
	}
	for {
		ctx, cancel := context.WithCancel(context.Background())
		result := make(chan Stop, 1)
		go func() { result <- t.Continue(ctx, run) }()
		select {
		case st := <-result:
			cancel()
			if st.Reason == StopExited || st.Reason == StopHalted {
				return st, nil, nil
			}
		case c := <-conns:
			cancel()
			st := <-result
			if st.Reason != StopExited && st.Reason != StopHalted {
				st = Stop{Reason: StopInterrupt, Hart: st.Hart}
			}
			return st, c, nil
		case err := <-acceptErr:
			cancel()
			st := <-result
			if st.Reason == StopExited {
				return st, nil, nil
			}
			return Stop{}, nil, err
		}
	}
}

func (sv *Server) logf(format string, args ...any) {
	if sv.Log != nil {
		sv.Log.Printf(format, args...)
	}
}

func (e End) String() string {
	switch e {
	case EndDetached:
		return "detached"
	case EndKilled:
		return "killed"
	case EndClosed:
		return "connection closed"
	case EndExited:
		return "machine exited"
	}
	return fmt.Sprintf("End(%d)", uint8(e))
}

// ListenAddr turns QEMU's -gdb spelling into a TCP address: "tcp::1234" and
// ":1234" and "1234" listen on 127.0.0.1 (never on every interface unless a
// host is given, since the stub can read and write the whole machine),
// "tcp:HOST:PORT" and "HOST:PORT" on HOST.
func ListenAddr(spec string) (string, error) {
	s := strings.TrimPrefix(spec, "tcp:")
	if !strings.Contains(s, ":") {
		s = ":" + s
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil || port == "" {
		return "", fmt.Errorf("gdb: bad address %q (want tcp::PORT or tcp:HOST:PORT)", spec)
	}
	if host == "" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
