package gdbstub

import (
	"encoding/hex"
	"strings"
	"testing"
)

func TestHandshake(t *testing.T) {
	c := startSession(t, newFake(2))
	got := c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+")
	for _, want := range []string{"PacketSize=4000", "QStartNoAckMode+", "qXfer:features:read+",
		"qXfer:threads:read+", "swbreak+", "hwbreak+", "vContSupported+"} {
		if !strings.Contains(got, want) {
			t.Errorf("qSupported reply %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "multiprocess") || strings.Contains(got, "Reverse") {
		t.Errorf("qSupported reply %q claims what the stub does not do", got)
	}
	c.expect("vMustReplyEmpty", "")
	c.expect("QStartNoAckMode", "OK")
	c.noAck = true
	c.expect("?", "T05thread:1;")
	c.expect("qAttached", "1")
	c.expect("qC", "QC1")
	c.expect("qSymbol::", "OK")
	c.expect("vCont?", "vCont;c;C;s;S")
	c.expect("qTStatus", "")
}

func TestTargetDescription(t *testing.T) {
	c := startSession(t, newFake(1))
	target := c.xfer("features", "target.xml")
	for _, want := range []string{"<architecture>riscv:rv64</architecture>",
		`href="riscv-64bit-cpu.xml"`, `href="riscv-64bit-csr.xml"`, `href="riscv-64bit-virtual.xml"`} {
		if !strings.Contains(target, want) {
			t.Errorf("target.xml lacks %s:\n%s", want, target)
		}
	}
	cpu := c.xfer("features", "riscv-64bit-cpu.xml")
	for _, want := range []string{`<feature name="org.gnu.gdb.riscv.cpu">`,
		`<reg name="zero" bitsize="64" type="int" regnum="0"/>`,
		`<reg name="fp" bitsize="64" type="data_ptr" regnum="8"/>`,
		`<reg name="t6" bitsize="64" type="int" regnum="31"/>`,
		`<reg name="pc" bitsize="64" type="code_ptr" regnum="32"/>`} {
		if !strings.Contains(cpu, want) {
			t.Errorf("cpu feature lacks %s:\n%s", want, cpu)
		}
	}
	csr := c.xfer("features", "riscv-64bit-csr.xml")
	for _, want := range []string{`<feature name="org.gnu.gdb.riscv.csr">`,
		`<reg name="mstatus" bitsize="64" type="int" regnum="833"/>`,
		`<reg name="mhartid" bitsize="64" type="int" regnum="3925"/>`,
		`<reg name="csr1984" bitsize="64" type="int" regnum="2049"/>`} {
		if !strings.Contains(csr, want) {
			t.Errorf("csr feature lacks %s:\n%s", want, csr)
		}
	}
	virt := c.xfer("features", "riscv-64bit-virtual.xml")
	if !strings.Contains(virt, `<reg name="priv" bitsize="64" regnum="4161"/>`) {
		t.Errorf("virtual feature:\n%s", virt)
	}
	c.expect("qXfer:features:read:nosuch.xml:0,100", "E16")
	c.expect("qXfer:features:read:target.xml:zz,100", "E16")
	c.expect("qXfer:features:read:target.xml:100000,100", "l")
	c.expect("qXfer:libraries:read::0,100", "")
	c.expect("qXfer:features:write:target.xml:0,100", "")
}

func TestThreads(t *testing.T) {
	f := newFake(3)
	f.harts[1].priv = 1
	f.harts[2].priv = 0
	c := startSession(t, f)
	c.expect("qfThreadInfo", "m1,2,3")
	c.expect("qsThreadInfo", "l")
	threads := c.xfer("threads", "")
	for _, want := range []string{`<thread id="1" name="hart 0 (M)"/>`,
		`<thread id="2" name="hart 1 (S)"/>`, `<thread id="3" name="hart 2 (U)"/>`} {
		if !strings.Contains(threads, want) {
			t.Errorf("threads lack %s:\n%s", want, threads)
		}
	}
	c.expect("qThreadExtraInfo,2", hex.EncodeToString([]byte("hart 1 (S)")))
	c.expect("qThreadExtraInfo,7", "E01")
	c.expect("T3", "OK")
	c.expect("T4", "E01")
	c.expect("T0", "E01")
	c.expect("Tzz", "E01")
	c.expect("Hg3", "OK")
	c.expect("qC", "QC3")
	c.expect("Hg0", "OK") // any thread: keeps the selection
	c.expect("qC", "QC3")
	c.expect("Hc-1", "OK")
	c.expect("Hg9", "E01")
	c.expect("Hx1", "E16")
	c.expect("H", "E16")
}

func TestRegisters(t *testing.T) {
	f := newFake(2)
	c := startSession(t, f)
	c.expect("Hg2", "OK")
	g := c.ask("g")
	if len(g) != 33*16 {
		t.Fatalf("g reply has %d hex digits, want %d", len(g), 33*16)
	}
	// x1 of hart 1 is 1<<32|1, little-endian; pc is 0x80000000.
	if got := g[16:32]; got != "0100000001000000" {
		t.Errorf("x1 = %s", got)
	}
	if got := g[32*16:]; got != "0000008000000000" {
		t.Errorf("pc = %s", got)
	}
	c.expect("p20", "0000008000000000")
	c.expect("p341", "0018000000000000")  // mstatus: 65+0x300
	c.expect("p1041", "0300000000000000") // priv
	c.expect("pf55", "0100000000000000")  // mhartid of hart 1
	c.expect("p999", "E01")
	c.expect("pzz", "E16")
	c.expect("P5=efbeadde00000000", "OK")
	if f.harts[1].x[5] != 0xdeadbeef || f.harts[0].x[5] == 0xdeadbeef {
		t.Errorf("P wrote x5 = %#x on hart 1, %#x on hart 0", f.harts[1].x[5], f.harts[0].x[5])
	}
	c.expect("P1041=05", "E01") // priv 5 does not exist
	c.expect("P5=", "E16")
	c.expect("P5", "E16")
	c.expect("P5=0102030405060708090a", "E16")
	// G writes every core register back; x0 stays zero.
	g2 := strings.Repeat("1100000000000000", 32) + "0400008000000000"
	c.expect("G"+g2, "OK")
	if f.harts[1].x[0] != 0 || f.harts[1].x[31] != 0x11 || f.harts[1].pc != 0x80000004 {
		t.Errorf("after G: x0=%#x x31=%#x pc=%#x", f.harts[1].x[0], f.harts[1].x[31], f.harts[1].pc)
	}
	c.expect("G00", "E16")
	c.expect("G"+strings.Repeat("zz", 33*8), "E16")
}

func TestMemory(t *testing.T) {
	f := newFake(1)
	copy(f.mem, []byte{0x13, 0x05, 0x10, 0x00})
	c := startSession(t, f)
	c.expect("m80000000,4", "13051000")
	c.expect("m80000ffe,4", "0000") // partial: stops at the end of RAM
	c.expect("m1000,4", "E0e")
	c.expect("m80000000", "E16")
	c.expect("m80000000,", "E16")
	c.expect("m,4", "E16")
	c.expect("m11111111111111111,4", "E16")
	if r := c.ask("m80000000,100000"); len(r) != 2*len(f.mem) {
		t.Errorf("large m returned %d digits, want the clipped %d", len(r), 2*len(f.mem))
	}
	c.expect("M80000010,3:aabbcc", "OK")
	c.expect("m80000010,3", "aabbcc")
	c.expect("M80000010,2:aabbcc", "E16")
	c.expect("M80000010,1:a", "E16")
	c.expect("M1000,1:00", "E0e")
	c.expect("X80000020,0:", "OK") // GDB's probe for X
	// X carries binary data with } escapes: the payload bytes # $ } * 0x03.
	c.expect("X80000020,5:}\x03}\x04}]}\x0a\x03", "OK")
	c.expect("m80000020,5", "23247d2a03")
	c.expect("X80000020,1:}", "E16")
	c.expect("X80000020,2:a", "E16")
}

func TestBreakpointPackets(t *testing.T) {
	f := newFake(1)
	c := startSession(t, f)
	c.expect("Z0,80000010,4", "OK")
	c.expect("Z1,80000020,2", "OK")
	c.expect("Z2,80000100,8", "OK")
	c.expect("Z3,80000100,8", "") // the fake has no read watchpoints
	c.expect("Z4,80000100,8;X3,0102", "OK")
	if len(f.breaks) != 4 || !f.breaks[fakeBreak{BreakSoftware, 0x80000010, 4}] ||
		!f.breaks[fakeBreak{WatchAccess, 0x80000100, 8}] {
		t.Errorf("breakpoints: %v", f.breaks)
	}
	c.expect("z0,80000010,4", "OK")
	if f.breaks[fakeBreak{BreakSoftware, 0x80000010, 4}] {
		t.Error("z0 did not remove the breakpoint")
	}
	c.expect("Z5,80000010,4", "")
	c.expect("Z0,80000010", "")
	c.expect("Z0,zz,4", "E16")
	c.expect("Z0,80000010,0", "E16")
}

func TestUnknownAndMalformed(t *testing.T) {
	c := startSession(t, newFake(1))
	for _, p := range []string{"", "!", "vFile:open:", "qRcmd,68656c70", "A", "R00", "t", "qXfer"} {
		c.expect(p, "")
	}
	// A bad checksum is answered with '-' and the packet dropped.
	c.sendRaw("$g#00")
	if b := c.readByte(); b != '-' {
		t.Errorf("bad checksum: got %q, want '-'", b)
	}
	c.sendRaw("$g#zz")
	if b := c.readByte(); b != '-' {
		t.Errorf("unreadable checksum: got %q, want '-'", b)
	}
	// A packet restarted with '$' is read from the restart; noise is skipped.
	c.sendRaw("xyz$m8000$qC#b4")
	c.expectAck()
	if r := c.recv(); r != "QC1" {
		t.Errorf("restarted packet: %q", r)
	}
	// '-' makes the stub resend its last reply.
	c.sendRaw("-")
	if r := c.recv(); r != "QC1" {
		t.Errorf("resend: %q", r)
	}
	// Oversize packets are read to their end and refused.
	c.send("M80000000,1:" + strings.Repeat("0", maxPayload))
	c.expectAck()
	if r := c.recv(); r != "E01" {
		t.Errorf("oversize: %q", r)
	}
	c.expect("qC", "QC1")
}

func TestDetachAndKill(t *testing.T) {
	f := newFake(1)
	c := startSession(t, f)
	c.expect("Z0,80000010,4", "OK")
	c.expect("D", "OK")
	if e := c.waitEnd(); e != EndDetached {
		t.Errorf("D ended the session with %v", e)
	}
	if f.detached != 1 || len(f.breaks) != 0 {
		t.Errorf("detach: %d calls, %d breakpoints left", f.detached, len(f.breaks))
	}

	c = startSession(t, newFake(1))
	c.send("k")
	c.expectAck()
	if e := c.waitEnd(); e != EndKilled {
		t.Errorf("k ended the session with %v", e)
	}

	c = startSession(t, newFake(1))
	c.expect("vKill;1", "OK")
	if e := c.waitEnd(); e != EndKilled {
		t.Errorf("vKill ended the session with %v", e)
	}

	c = startSession(t, newFake(1))
	c.conn.Close()
	if e := c.waitEnd(); e != EndClosed {
		t.Errorf("closing ended the session with %v", e)
	}
}

// withMonitor adds monitor commands to the fake.
type withMonitor struct{ *fakeTarget }

func (w withMonitor) Monitor(cmd string) string {
	if cmd == "long" {
		return strings.Repeat("x", packetSize) // more than one O packet
	}
	return "you said " + cmd + "\n"
}

func TestMonitor(t *testing.T) {
	c := startSession(t, withMonitor{newFake(1)})
	c.expect("qRcmd,"+hex.EncodeToString([]byte("harts")), "O"+hex.EncodeToString([]byte("you said harts\n")))
	if r := c.recv(); r != "OK" {
		t.Errorf("after the output: %q", r)
	}
	var out strings.Builder
	c.send("qRcmd," + hex.EncodeToString([]byte("long")))
	c.expectAck()
	for {
		r := c.recv()
		if r == "OK" {
			break
		}
		if len(r) > packetSize || r[0] != 'O' {
			t.Fatalf("monitor output packet %.20q... of %d bytes", r, len(r))
		}
		b, _ := hex.DecodeString(r[1:])
		out.Write(b)
	}
	if out.Len() != packetSize {
		t.Errorf("monitor output: %d bytes, want %d", out.Len(), packetSize)
	}
	c.expect("qRcmd,zz", "E16")
}
