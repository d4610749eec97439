package gdbstub

import (
	"bytes"
)

// Error replies. GDB prints the number only; these follow errno like gdbserver.
var (
	errReplyArgs  = []byte("E16") // EINVAL: a malformed packet
	errReplyFault = []byte("E0e") // EFAULT: memory not accessible
	errReplyNoReg = []byte("E01") // no such register, thread, or an unsupported write
)

// command handles one packet. Each packet gets exactly one reply, except k
// (none) and the resume commands (a stop reply when the machine stops).
// Unknown commands get the empty reply, which tells GDB "not supported".
func (s *Session) command(p []byte) {
	if len(p) == 0 {
		s.reply(nil)
		return
	}
	arg := p[1:]
	switch p[0] {
	case '?':
		s.reply(s.stopReply(s.last))
	case 'q', 'Q':
		s.query(p)
	case 'v':
		s.vPacket(p)
	case 'H':
		s.setThread(arg)
	case 'T':
		s.threadAlive(arg)
	case 'g':
		s.readAllRegs()
	case 'G':
		s.writeAllRegs(arg)
	case 'p':
		s.readReg(arg)
	case 'P':
		s.writeReg(arg)
	case 'm':
		s.readMem(arg)
	case 'M':
		s.writeMemHex(arg)
	case 'X':
		s.writeMemBinary(arg)
	case 'Z', 'z':
		s.breakpoint(p[0] == 'Z', arg)
	case 'c', 's':
		s.legacyResume(p[0] == 's', arg, false)
	case 'C', 'S':
		s.legacyResume(p[0] == 'S', arg, true)
	case 'b':
		s.reverse(arg)
	case 'D':
		s.t.Detach()
		s.replyString("OK")
		s.done, s.end = true, EndDetached
	case 'k':
		s.kill()
	default:
		s.reply(nil)
	}
}

// query handles q and Q packets, which are named rather than lettered.
func (s *Session) query(p []byte) {
	name, args, _ := bytes.Cut(p, []byte{':'})
	switch string(name) {
	case "qSupported":
		s.supported(args)
	case "QStartNoAckMode":
		s.replyString("OK") // this reply is still acknowledged
		s.noAck = true
	case "qXfer":
		s.xfer(args)
	case "qfThreadInfo":
		s.threadList()
	case "qsThreadInfo":
		s.replyString("l")
	case "qC":
		s.reply(appendHexNum([]byte("QC"), uint64(s.gHart+1)))
	case "qAttached":
		s.replyString("1") // detach, not kill, when GDB quits
	case "qSymbol":
		s.replyString("OK") // no symbols wanted
	default:
		if id, ok := bytes.CutPrefix(p, []byte("qThreadExtraInfo,")); ok {
			s.threadExtraInfo(id)
			return
		}
		if cmd, ok := bytes.CutPrefix(p, []byte("qRcmd,")); ok {
			s.monitor(cmd)
			return
		}
		s.reply(nil)
	}
}

func (s *Session) supported(args []byte) {
	for _, f := range bytes.Split(args, []byte{';'}) {
		switch string(f) {
		case "swbreak+":
			s.swbreak = true
		case "hwbreak+":
			s.hwbreak = true
		}
	}
	r := appendHexNum([]byte("PacketSize="), packetSize)
	r = append(r, ";QStartNoAckMode+;qXfer:features:read+;qXfer:threads:read+;vContSupported+"...)
	if s.swbreak {
		r = append(r, ";swbreak+"...)
	}
	if s.hwbreak {
		r = append(r, ";hwbreak+"...)
	}
	if _, ok := s.t.(Reverser); ok {
		r = append(r, ";ReverseStep+;ReverseContinue+"...)
	}
	s.reply(r)
}

// xfer serves qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH.
func (s *Session) xfer(args []byte) {
	parts := bytes.SplitN(args, []byte{':'}, 4)
	if len(parts) != 4 || string(parts[1]) != "read" {
		s.reply(nil)
		return
	}
	object, annex := string(parts[0]), string(parts[2])
	offStr, lenStr, ok := bytes.Cut(parts[3], []byte{','})
	off, ok1 := parseHex(offStr)
	length, ok2 := parseHex(lenStr)
	if !ok || !ok1 || !ok2 {
		s.reply(errReplyArgs)
		return
	}
	var data []byte
	switch object {
	case "features":
		if s.xml == nil {
			s.xml = features(s.t.CSRs())
		}
		d, found := s.xml[annex]
		if !found {
			s.reply(errReplyArgs)
			return
		}
		data = d
	case "threads":
		if annex != "" {
			s.reply(errReplyArgs)
			return
		}
		data = s.threadsXML()
	default:
		s.reply(nil)
		return
	}
	s.reply(xferSlice(data, off, length))
}

// vPacket handles the v packets (multi-letter names).
func (s *Session) vPacket(p []byte) {
	switch {
	case string(p) == "vCont?":
		s.replyString("vCont;c;C;s;S")
	case bytes.HasPrefix(p, []byte("vCont;")):
		s.vCont(p[len("vCont;"):])
	case bytes.HasPrefix(p, []byte("vKill")):
		s.replyString("OK")
		s.kill()
	default:
		// vMustReplyEmpty, vFile, vRun, vAttach: not for a bare machine.
		s.reply(nil)
	}
}

// kill ends the session; whoever runs the session (Serve) ends the run.
func (s *Session) kill() {
	s.t.Detach()
	s.done, s.end = true, EndKilled
}

// monitor answers qRcmd,HEX: the text goes out in O packets (console
// output), then OK ends the command.
func (s *Session) monitor(hexCmd []byte) {
	m, ok := s.t.(Monitor)
	if !ok {
		s.reply(nil)
		return
	}
	cmd, ok := decodeHex(hexCmd)
	if !ok {
		s.reply(errReplyArgs)
		return
	}
	out := []byte(m.Monitor(string(cmd)))
	for len(out) > 0 {
		n := min(len(out), packetSize/2-8)
		s.reply(appendHexBytes([]byte{'O'}, out[:n]))
		out = out[n:]
	}
	s.replyString("OK")
}
