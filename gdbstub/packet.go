package gdbstub

// RSP framing ("Overview" of GDB's Remote Protocol appendix): a packet is
// $payload#cc where cc is the sum of the payload bytes mod 256 in two hex
// digits. Outside packets the debugger sends + (ack), - (please resend) and the
// byte 0x03 (interrupt). Binary payloads escape # $ } and * as } followed by
// the byte XOR 0x20; only responses may be run-length encoded, so the stub
// never has to expand runs in what it reads and never compresses what it sends.

import (
	"bufio"
	"io"
)

// maxPayload bounds one incoming packet. GDB never sends more than the
// PacketSize we advertise; anything longer is read to its end and rejected, so
// a hostile peer cannot make the stub buffer without limit.
const maxPayload = 1 << 16

// packetSize is advertised in qSupported (hex in the reply). It bounds what GDB
// sends (M and X packets) and lets it size its m requests.
const packetSize = 0x4000

type eventKind uint8

const (
	evPacket    eventKind = iota // a packet with a good checksum
	evBadSum                     // a packet whose checksum is wrong or unreadable
	evOversize                   // a packet longer than maxPayload, discarded
	evAck                        // +
	evNack                       // -
	evInterrupt                  // 0x03
)

type event struct {
	kind    eventKind
	payload []byte
}

// packetReader splits the byte stream from the debugger into events.
type packetReader struct {
	r *bufio.Reader
}

func newPacketReader(r io.Reader) *packetReader {
	return &packetReader{r: bufio.NewReaderSize(r, 4096)}
}

// next returns the next event; its error is the stream's (io.EOF at the end).
// Bytes outside packets other than + - and 0x03 are line noise and skipped.
func (p *packetReader) next() (event, error) {
	for {
		b, err := p.r.ReadByte()
		if err != nil {
			return event{}, err
		}
		switch b {
		case '+':
			return event{kind: evAck}, nil
		case '-':
			return event{kind: evNack}, nil
		case 0x03:
			return event{kind: evInterrupt}, nil
		case '$':
			return p.body()
		}
	}
}

// body reads a packet after its '$'. A '$' inside a packet means the previous
// one was truncated (the debugger gave up on it and started over), so reading
// restarts there.
func (p *packetReader) body() (event, error) {
	var buf []byte
	var sum byte
	oversize := false
	for {
		b, err := p.r.ReadByte()
		if err != nil {
			return event{}, err
		}
		switch b {
		case '$':
			buf, sum, oversize = buf[:0], 0, false
			continue
		case '#':
			var cc [2]byte
			if _, err := io.ReadFull(p.r, cc[:]); err != nil {
				return event{}, err
			}
			hi, ok1 := unhex(cc[0])
			lo, ok2 := unhex(cc[1])
			switch {
			case !ok1 || !ok2 || hi<<4|lo != sum:
				return event{kind: evBadSum}, nil
			case oversize:
				return event{kind: evOversize}, nil
			}
			return event{kind: evPacket, payload: buf}, nil
		}
		sum += b
		if len(buf) < maxPayload {
			buf = append(buf, b)
		} else {
			oversize = true
		}
	}
}

// frame wraps a payload as $payload#cc. The payload must already be escaped
// if it carries binary data (see escape).
func frame(payload []byte) []byte {
	out := make([]byte, 0, len(payload)+4)
	out = append(out, '$')
	var sum byte
	for _, b := range payload {
		sum += b
	}
	out = append(out, payload...)
	return append(out, '#', hexDigits[sum>>4], hexDigits[sum&15])
}

// escape applies the binary-data encoding to data, for qXfer replies.
func escape(data []byte) []byte {
	out := make([]byte, 0, len(data))
	for _, b := range data {
		switch b {
		case '#', '$', '}', '*':
			out = append(out, '}', b^0x20)
		default:
			out = append(out, b)
		}
	}
	return out
}

// unescape undoes escape, for X packets. A '}' at the very end has nothing to
// escape; it is reported as malformed rather than guessed at.
func unescape(data []byte) ([]byte, bool) {
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		b := data[i]
		if b == '}' {
			i++
			if i == len(data) {
				return nil, false
			}
			b = data[i] ^ 0x20
		}
		out = append(out, b)
	}
	return out, true
}
