package gdbstub

import (
	"testing"
)

func TestContinueToBreakpoint(t *testing.T) {
	f := newFake(2)
	c := startSession(t, f)
	c.ask("qSupported:swbreak+;hwbreak+")
	c.expect("Z0,80000010,4", "OK")
	// Round-robin: hart 0 reaches 0x80000010 first, after 4 instructions.
	c.expect("c", "T05swbreak:;thread:1;")
	c.expect("qC", "QC1")
	// Continuing from a breakpoint moves past it; the other hart hits it next.
	c.expect("vCont;c", "T05swbreak:;thread:2;")
	c.expect("qC", "QC2")
	c.expect("z0,80000010,4", "OK")
	c.expect("Z1,80000020,4", "OK")
	c.expect("c", "T05hwbreak:;thread:1;")
	// Harts take turns from hart 0: 4+1+3 instructions for hart 0, 3+1+2 for hart 1.
	if f.executed[0] != 8 || f.executed[1] != 6 {
		t.Errorf("executed %v, want [8 6]", f.executed)
	}
}

func TestBreakReasonOnlyWhenAsked(t *testing.T) {
	// A debugger that did not announce swbreak+ must not see the field.
	c := startSession(t, newFake(1))
	c.ask("qSupported")
	c.expect("Z0,80000008,4", "OK")
	c.expect("c", "T05thread:1;")
}

func TestStepOneHart(t *testing.T) {
	f := newFake(3)
	c := startSession(t, f)
	c.expect("vCont;s:2;c", "T05thread:2;")
	c.expect("vCont;s:3", "T05thread:3;")
	c.expect("Hc1", "OK")
	c.expect("s", "T05thread:1;")
	if f.executed[0] != 1 || f.executed[1] != 1 || f.executed[2] != 1 {
		t.Errorf("executed %v, want one instruction per hart", f.executed)
	}
	// Legacy s with an address resumes there.
	c.expect("s80000100", "T05thread:1;")
	if f.harts[0].pc != 0x80000104 {
		t.Errorf("pc = %#x after s80000100", f.harts[0].pc)
	}
	c.expect("S05;80000200", "T05thread:1;")
	if f.harts[0].pc != 0x80000204 {
		t.Errorf("pc = %#x after S05;80000200", f.harts[0].pc)
	}
	c.expect("vCont;S05:1", "T05thread:1;")
}

func TestContinueSubset(t *testing.T) {
	f := newFake(3)
	f.maxRun = 10
	c := startSession(t, f)
	// Only hart 2 runs: with scheduler-locking GDB continues one thread.
	c.expect("vCont;c:2", "T05thread:1;") // StopHalted reports on hart 0
	if f.executed[0] != 0 || f.executed[1] != 10 || f.executed[2] != 0 {
		t.Errorf("executed %v", f.executed)
	}
	c.expect("vCont;C05:3;c:1", "T05thread:1;")
	if f.executed[0] != 10 || f.executed[2] != 10 {
		t.Errorf("executed %v", f.executed)
	}
}

func TestVContMalformed(t *testing.T) {
	c := startSession(t, newFake(2))
	for _, p := range []string{"vCont;", "vCont;x", "vCont;r1,2:1", "vCont;t:1", "vCont;Czz", "vCont;c:zz",
		"vCont;s:9", "vCont;c:0;"} {
		got := c.ask(p)
		if got != "E16" && got != "E01" {
			t.Errorf("%s: got %q, want an error", p, got)
		}
	}
	c.expect("c8000zzzz", "E16")
	c.expect("bc", "") // the fake cannot run backwards
	c.expect("bs", "")
}

func TestInterrupt(t *testing.T) {
	f := newFake(2)
	f.maxRun = 0 // run until interrupted
	f.started = make(chan struct{})
	started := f.started
	c := startSession(t, f)
	c.send("c")
	c.expectAck()
	<-started
	c.sendRaw("\x03")
	if r := c.recv(); r != "T02thread:1;" {
		t.Errorf("interrupt: %q", r)
	}
	c.expect("qC", "QC1")
	// Ctrl-C while stopped is dropped: the next resume runs normally.
	c.sendRaw("\x03")
	c.expect("Hg1", "OK")
	c.expect("P20=0000008000000000", "OK")
	c.expect("Hg2", "OK")
	c.expect("P20=0000008000000000", "OK")
	c.expect("Z0,80000040,4", "OK")
	if r := c.ask("c"); r != "T05thread:1;" {
		t.Errorf("continue after a late interrupt: %q", r)
	}
}

func TestDisconnectWhileRunning(t *testing.T) {
	f := newFake(1)
	f.maxRun = 0
	f.started = make(chan struct{})
	started := f.started
	c := startSession(t, f)
	c.send("c")
	c.expectAck()
	<-started
	c.conn.Close()
	if e := c.waitEnd(); e != EndClosed {
		t.Errorf("disconnect: %v", e)
	}
}

func TestStopReplies(t *testing.T) {
	s := &Session{t: newFake(4), swbreak: true, hwbreak: true}
	for _, tc := range []struct {
		st   Stop
		want string
	}{
		{Stop{Reason: StopStep, Hart: 3}, "T05thread:4;"},
		{Stop{Reason: StopInterrupt, Hart: 0}, "T02thread:1;"},
		{Stop{Reason: StopWatch, Hart: 1, Addr: 0x80001000}, "T05watch:80001000;thread:2;"},
		{Stop{Reason: StopReadWatch, Hart: 1, Addr: 0x10}, "T05rwatch:10;thread:2;"},
		{Stop{Reason: StopAccessWatch, Hart: 2, Addr: 0}, "T05awatch:0;thread:3;"},
		{Stop{Reason: StopHistoryStart}, "T05replaylog:begin;thread:1;"},
		{Stop{Reason: StopExited, Code: 0}, "W00"},
		{Stop{Reason: StopExited, Code: 3}, "W03"},
		{Stop{Reason: StopExited, Code: 255}, "Wff"},
	} {
		if got := string(s.stopReply(tc.st)); got != tc.want {
			t.Errorf("%+v: got %q, want %q", tc.st, got, tc.want)
		}
	}
}

func TestStopNote(t *testing.T) {
	f := newFake(1)
	f.next = &Stop{Reason: StopHalted, Note: "deadlock\n"}
	c := startSession(t, f)
	c.expect("c", "O646561646c6f636b0a")
	if r := c.recv(); r != "T05thread:1;" {
		t.Errorf("stop after the note: %q", r)
	}
	c.expect("?", "T05thread:1;") // the note is not repeated
}

func TestWatchpointAndExit(t *testing.T) {
	f := newFake(2)
	f.next = &Stop{Reason: StopWatch, Hart: 1, Addr: 0x80000800}
	c := startSession(t, f)
	c.expect("Z2,80000800,8", "OK")
	c.expect("c", "T05watch:80000800;thread:2;")
	c.expect("?", "T05watch:80000800;thread:2;")
	f.exitPC, f.exitCode = 0x80000010, 7
	c.expect("c", "W07")
	c.conn.Close()
	if e := c.waitEnd(); e != EndExited {
		t.Errorf("after exit: %v", e)
	}
}
