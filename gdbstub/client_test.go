package gdbstub

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// client plays GDB over an in-memory connection: it frames packets, checks
// the stub's acks and checksums, and acknowledges replies.
type client struct {
	t     *testing.T
	conn  net.Conn
	r     *bufio.Reader
	noAck bool
	end   chan End
}

// startSession runs a Session over net.Pipe against tgt.
func startSession(t *testing.T, tgt Target) *client {
	t.Helper()
	a, b := net.Pipe()
	c := &client{t: t, conn: a, r: bufio.NewReader(a), end: make(chan End, 1)}
	go func() {
		c.end <- NewSession(b, tgt, Stop{Reason: StopStep}).Run()
		b.Close()
	}()
	t.Cleanup(func() { a.Close() })
	return c
}

func (c *client) sendRaw(s string) {
	c.t.Helper()
	c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c.conn, s); err != nil {
		c.t.Fatalf("write %q: %v", s, err)
	}
}

func (c *client) send(payload string) {
	c.t.Helper()
	c.sendRaw(string(frame([]byte(payload))))
}

// readByte reads one byte with a deadline, so a stub that stays silent fails
// the test instead of hanging it.
func (c *client) readByte() byte {
	c.t.Helper()
	c.conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	b, err := c.r.ReadByte()
	if err != nil {
		c.t.Fatalf("read: %v", err)
	}
	return b
}

// expectAck reads the stub's '+' for our packet (ack mode only).
func (c *client) expectAck() {
	c.t.Helper()
	if c.noAck {
		return
	}
	if b := c.readByte(); b != '+' {
		c.t.Fatalf("want ack '+', got %q", b)
	}
}

// recv reads one reply packet, checks its checksum and acknowledges it.
func (c *client) recv() string {
	c.t.Helper()
	if b := c.readByte(); b != '$' {
		c.t.Fatalf("want '$', got %q", b)
	}
	var body []byte
	var sum byte
	for {
		b := c.readByte()
		if b == '#' {
			break
		}
		body = append(body, b)
		sum += b
	}
	cc := string([]byte{c.readByte(), c.readByte()})
	if want := fmt.Sprintf("%02x", sum); cc != want {
		c.t.Fatalf("reply %q: checksum %s, want %s", body, cc, want)
	}
	if !c.noAck {
		// The stub may already be gone after D or W; its ack is then moot.
		c.conn.SetWriteDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c.conn, "+")
	}
	return string(body)
}

// ask sends a packet and returns the reply.
func (c *client) ask(payload string) string {
	c.t.Helper()
	c.send(payload)
	c.expectAck()
	return c.recv()
}

func (c *client) expect(payload, want string) {
	c.t.Helper()
	if got := c.ask(payload); got != want {
		c.t.Errorf("%s: got %q, want %q", payload, got, want)
	}
}

func (c *client) expectPrefix(payload, want string) string {
	c.t.Helper()
	got := c.ask(payload)
	if !strings.HasPrefix(got, want) {
		c.t.Errorf("%s: got %q, want prefix %q", payload, got, want)
	}
	return got
}

// waitEnd waits for the session to finish and returns how it ended.
func (c *client) waitEnd() End {
	c.t.Helper()
	select {
	case e := <-c.end:
		return e
	case <-time.After(5 * time.Second):
		c.t.Fatal("session did not end")
		return 0
	}
}

// xfer reads a whole qXfer object in small chunks, exercising m/l paging.
func (c *client) xfer(object, annex string) string {
	c.t.Helper()
	var out strings.Builder
	for off := 0; ; {
		r := c.ask(fmt.Sprintf("qXfer:%s:read:%s:%x,%x", object, annex, off, 100))
		if r == "" || (r[0] != 'm' && r[0] != 'l') {
			c.t.Fatalf("qXfer %s %s: %q", object, annex, r)
		}
		data, ok := unescape([]byte(r[1:]))
		if !ok {
			c.t.Fatalf("qXfer: bad escape in %q", r)
		}
		out.Write(data)
		off += len(data)
		if r[0] == 'l' {
			return out.String()
		}
	}
}
