package gdbstub

import "bytes"

// Memory goes through the selected hart's view (Hg), as the hart itself would
// see it. A read that faults part way returns the bytes before the fault, which
// GDB accepts; a read that faults at once is an error.

// maxRead bounds one m reply to the packet size we advertise.
const maxRead = packetSize/2 - 16

// parseAddrLen reads "ADDR,LEN".
func parseAddrLen(s []byte) (addr, length uint64, ok bool) {
	a, l, found := bytes.Cut(s, []byte{','})
	addr, ok1 := parseHex(a)
	length, ok2 := parseHex(l)
	return addr, length, found && ok1 && ok2
}

func (s *Session) readMem(arg []byte) {
	addr, length, ok := parseAddrLen(arg)
	if !ok {
		s.reply(errReplyArgs)
		return
	}
	length = min(length, maxRead)
	buf := make([]byte, length)
	n, err := s.t.ReadMem(s.gHart, addr, buf)
	n = max(0, min(n, len(buf))) // do not trust the target with our slice
	if n == 0 && (err != nil || length > 0) {
		s.reply(errReplyFault)
		return
	}
	s.reply(appendHexBytes(nil, buf[:n]))
}

// writeMemHex handles M ADDR,LEN:HEX.
func (s *Session) writeMemHex(arg []byte) {
	head, data, found := bytes.Cut(arg, []byte{':'})
	addr, length, ok := parseAddrLen(head)
	b, ok2 := decodeHex(data)
	if !found || !ok || !ok2 || uint64(len(b)) != length {
		s.reply(errReplyArgs)
		return
	}
	s.writeMem(addr, b)
}

// writeMemBinary handles X ADDR,LEN:BINARY. GDB first probes with LEN 0 to
// learn whether X works, so an empty write must succeed.
func (s *Session) writeMemBinary(arg []byte) {
	head, data, found := bytes.Cut(arg, []byte{':'})
	addr, length, ok := parseAddrLen(head)
	b, ok2 := unescape(data)
	if !found || !ok || !ok2 || uint64(len(b)) != length {
		s.reply(errReplyArgs)
		return
	}
	s.writeMem(addr, b)
}

func (s *Session) writeMem(addr uint64, b []byte) {
	if len(b) == 0 {
		s.replyString("OK")
		return
	}
	if n, err := s.t.WriteMem(s.gHart, addr, b); err != nil || n != len(b) {
		s.reply(errReplyFault)
		return
	}
	s.replyString("OK")
}
