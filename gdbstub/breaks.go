package gdbstub

import "bytes"

// breakpoint handles Z and z: TYPE,ADDR,KIND[;cond...]. KIND is the
// instruction length (2 or 4) for breakpoints and the watched length for
// watchpoints. Breakpoints are kept by the emulator, not written into guest
// memory, so Z0 and Z1 behave the same and never disturb what the harts read.
// Target-side conditions (";X...") are not advertised; if sent, they are
// ignored and GDB evaluates the condition itself.
func (s *Session) breakpoint(insert bool, arg []byte) {
	arg, _, _ = bytes.Cut(arg, []byte{';'})
	f := bytes.Split(arg, []byte{','})
	if len(f) != 3 || len(f[0]) != 1 || f[0][0] < '0' || f[0][0] > '4' {
		s.reply(nil) // an unknown type: not supported, GDB falls back
		return
	}
	kind := BreakKind(f[0][0] - '0')
	addr, ok1 := parseHex(f[1])
	size, ok2 := parseHex(f[2])
	if !ok1 || !ok2 || size == 0 || size > 1<<20 {
		s.reply(errReplyArgs)
		return
	}
	var err error
	if insert {
		err = s.t.AddBreakpoint(kind, addr, size)
	} else {
		err = s.t.RemoveBreakpoint(kind, addr, size)
	}
	switch {
	case err == ErrUnsupported:
		s.reply(nil)
	case err != nil:
		s.reply(errReplyArgs)
	default:
		s.replyString("OK")
	}
}
