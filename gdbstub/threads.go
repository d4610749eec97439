package gdbstub

import (
	"bytes"
	"fmt"
)

// Harts are GDB threads: hart i is thread i+1, named "hart i (M)" after its
// privilege level so `info threads` shows at a glance who is in the kernel.

const (
	threadAll = -1 // thread id -1: every thread
	threadAny = -2 // thread id 0: the debugger does not care which
)

// parseThread reads a thread id: hex N, "-1" or "0". It returns a hart
// index, threadAll or threadAny; ok is false for junk and for harts that do
// not exist.
func (s *Session) parseThread(id []byte) (int, bool) {
	switch string(id) {
	case "-1":
		return threadAll, true
	case "0":
		return threadAny, true
	}
	n, ok := parseHex(id)
	if !ok || n == 0 || n > uint64(s.t.NumHarts()) {
		return 0, false
	}
	return int(n - 1), true
}

// setThread handles Hg (registers, memory) and Hc (legacy c and s).
func (s *Session) setThread(arg []byte) {
	if len(arg) < 2 {
		s.reply(errReplyArgs)
		return
	}
	h, ok := s.parseThread(arg[1:])
	if !ok {
		s.reply(errReplyNoReg)
		return
	}
	switch arg[0] {
	case 'g':
		if h >= 0 { // "all" or "any" keeps the current hart for reads
			s.gHart = h
		}
	case 'c':
		if h == threadAny {
			h = threadAll
		}
		s.cHart = h
	default:
		s.reply(errReplyArgs)
		return
	}
	s.replyString("OK")
}

func (s *Session) threadAlive(id []byte) {
	if h, ok := s.parseThread(id); !ok || h < 0 {
		s.reply(errReplyNoReg)
		return
	}
	s.replyString("OK")
}

// threadList answers qfThreadInfo with every hart in one go; qsThreadInfo
// then ends the list.
func (s *Session) threadList() {
	r := []byte{'m'}
	for i := 0; i < s.t.NumHarts(); i++ {
		if i > 0 {
			r = append(r, ',')
		}
		r = appendHexNum(r, uint64(i+1))
	}
	s.reply(r)
}

func (s *Session) threadExtraInfo(id []byte) {
	h, ok := s.parseThread(id)
	if !ok || h < 0 {
		s.reply(errReplyNoReg)
		return
	}
	s.reply(appendHexBytes(nil, []byte(s.hartName(h))))
}

// threadsXML is the qXfer:threads:read document. Names go in the name
// attribute, so `info threads` prints Thread 3 "hart 2 (S)".
func (s *Session) threadsXML() []byte {
	var b bytes.Buffer
	b.WriteString("<?xml version=\"1.0\"?>\n<threads>\n")
	for i := 0; i < s.t.NumHarts(); i++ {
		fmt.Fprintf(&b, "  <thread id=\"%x\" name=\"%s\"/>\n", i+1, s.hartName(i))
	}
	b.WriteString("</threads>\n")
	return b.Bytes()
}

// hartName is "hart N (P)" with P the privilege letter, or "?" if the target
// cannot say.
func (s *Session) hartName(h int) string {
	priv := "?"
	if v, err := s.t.ReadReg(h, RegPriv); err == nil {
		switch v {
		case 0:
			priv = "U"
		case 1:
			priv = "S"
		case 3:
			priv = "M"
		}
	}
	return fmt.Sprintf("hart %d (%s)", h, priv)
}
