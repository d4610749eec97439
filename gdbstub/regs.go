package gdbstub

import "bytes"

// The g packet carries the core registers only (x0-x31, pc: the cpu feature,
// in regnum order). GDB notices the short reply and fetches CSRs and priv one
// at a time with p, so stopping does not cost a read of every CSR.
const gRegs = RegPC + 1

func (s *Session) readAllRegs() {
	r := make([]byte, 0, gRegs*16)
	for i := 0; i < gRegs; i++ {
		v, err := s.t.ReadReg(s.gHart, i)
		if err != nil {
			r = append(r, "xxxxxxxxxxxxxxxx"...) // unavailable
			continue
		}
		r = appendReg(r, v)
	}
	s.reply(r)
}

func (s *Session) writeAllRegs(arg []byte) {
	if len(arg) != gRegs*16 {
		s.reply(errReplyArgs)
		return
	}
	vals := make([]uint64, gRegs)
	for i := range vals {
		v, ok := parseReg(arg[16*i : 16*i+16])
		if !ok {
			s.reply(errReplyArgs)
			return
		}
		vals[i] = v
	}
	for i, v := range vals {
		if i == 0 {
			continue // x0 is hard-wired; GDB sends whatever it last read
		}
		if err := s.t.WriteReg(s.gHart, i, v); err != nil {
			s.reply(errReplyNoReg)
			return
		}
	}
	s.replyString("OK")
}

func (s *Session) readReg(arg []byte) {
	n, ok := parseHex(arg)
	if !ok || n > 1<<20 {
		s.reply(errReplyArgs)
		return
	}
	v, err := s.t.ReadReg(s.gHart, int(n))
	if err != nil {
		s.reply(errReplyNoReg)
		return
	}
	s.reply(appendReg(nil, v))
}

func (s *Session) writeReg(arg []byte) {
	num, val, found := bytes.Cut(arg, []byte{'='})
	n, ok1 := parseHex(num)
	v, ok2 := parseReg(val)
	if !found || !ok1 || !ok2 || n > 1<<20 {
		s.reply(errReplyArgs)
		return
	}
	if err := s.t.WriteReg(s.gHart, int(n), v); err != nil {
		s.reply(errReplyNoReg)
		return
	}
	s.replyString("OK")
}
