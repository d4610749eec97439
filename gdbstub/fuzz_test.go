package gdbstub

import (
	"bytes"
	"io"
	"testing"
)

// FuzzPacketReader feeds arbitrary bytes to the framing layer: it must never
// panic, never return a payload over the bound, and every packet it accepts
// must carry a correct checksum.
func FuzzPacketReader(f *testing.F) {
	for _, s := range []string{"$g#67", "+$qC#b4-", "\x03", "$m0,4#fd", "$$$#00", "$ab", "$ab#", "$ab#c",
		"xx$X0,1:}#a#00", "$" + string(make([]byte, 100)) + "#00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pr := newPacketReader(bytes.NewReader(data))
		for i := 0; i <= len(data); i++ {
			ev, err := pr.next()
			if err != nil {
				return
			}
			if len(ev.payload) > maxPayload {
				t.Fatalf("payload of %d bytes", len(ev.payload))
			}
			if ev.kind == evPacket {
				if !framedIn(data, ev.payload) {
					t.Fatalf("accepted %q, which is not framed in the input", ev.payload)
				}
			}
		}
		t.Fatalf("more events than input bytes")
	})
}

// framedIn reports whether data holds $payload#cc with the right checksum,
// in either case of hex digits.
func framedIn(data, payload []byte) bool {
	framed := frame(payload)
	head := framed[:len(framed)-2]
	for off := 0; ; {
		i := bytes.Index(data[off:], head)
		if i < 0 {
			return false
		}
		end := off + i + len(framed)
		if end <= len(data) && bytes.EqualFold(data[end-2:end], framed[len(head):]) {
			return true
		}
		off += i + 1
	}
}

// FuzzCommand runs arbitrary packets through a session over the fake target:
// no panic, and every reply is a well-formed packet.
func FuzzCommand(f *testing.F) {
	for _, s := range []string{"g", "G00", "p20", "P20=00", "m80000000,4", "M80000000,1:00", "X80000000,1:}]",
		"Z0,80000010,4", "z4,0,8", "c", "s", "vCont;s:1;c", "vCont;c:2", "Hg2", "Hc-1", "T1", "qfThreadInfo",
		"qXfer:features:read:target.xml:0,ffff", "qXfer:threads:read::0,10", "qThreadExtraInfo,1",
		"qSupported:swbreak+", "QStartNoAckMode", "bc", "D", "k", "?", "C05;80000000", "S0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, payload []byte) {
		tgt := newFake(2)
		tgt.maxRun = 50
		var out bytes.Buffer
		s := NewSession(struct {
			io.Reader
			io.Writer
		}{bytes.NewReader(nil), &out}, tgt, Stop{})
		s.command(payload)
		s.command([]byte("g")) // the session still works afterwards
		checkOutput(t, out.Bytes())
	})
}

// checkOutput fails unless out is a sequence of +, - and packets with good
// checksums whose payloads hold no raw framing byte.
func checkOutput(t *testing.T, out []byte) {
	t.Helper()
	for rest := out; len(rest) > 0; {
		switch rest[0] {
		case '+', '-':
			rest = rest[1:]
			continue
		case '$':
		default:
			t.Fatalf("stray byte %q in output %q", rest[0], out)
		}
		end := bytes.IndexByte(rest, '#')
		if end < 0 || len(rest) < end+3 {
			t.Fatalf("unterminated packet in output %q", out)
		}
		payload := rest[1:end]
		if bytes.ContainsAny(payload, "$") || !bytes.Equal(frame(payload), rest[:end+3]) {
			t.Fatalf("bad packet %q in output", rest[:end+3])
		}
		rest = rest[end+3:]
	}
}

// FuzzEscape checks that binary escaping round-trips and never leaves a
// framing byte in the escaped form.
func FuzzEscape(f *testing.F) {
	f.Add([]byte("#$}*\x03plain"))
	f.Fuzz(func(t *testing.T, data []byte) {
		e := escape(data)
		if bytes.ContainsAny(e, "#$*") {
			t.Fatalf("escape(%q) = %q keeps a framing byte", data, e)
		}
		back, ok := unescape(e)
		if !ok || !bytes.Equal(back, data) {
			t.Fatalf("unescape(escape(%q)) = %q, %v", data, back, ok)
		}
	})
}

// FuzzSession feeds a whole byte stream (packets, acks, interrupts, noise)
// to a session: it must end at the end of the input without a panic, and
// every byte it writes must be an ack, a nack or a well-framed packet.
func FuzzSession(f *testing.F) {
	f.Add([]byte("+$qSupported:swbreak+#c9+$QStartNoAckMode#b0$g#67$c#63\x03$D#44"))
	f.Add([]byte("$vCont;s:2#00$Z0,80000010,4#00$k#6b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tgt := newFake(2)
		tgt.maxRun = 50
		var out bytes.Buffer
		s := NewSession(struct {
			io.Reader
			io.Writer
		}{bytes.NewReader(data), &out}, tgt, Stop{})
		s.Run()
		checkOutput(t, out.Bytes())
	})
}
