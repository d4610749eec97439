package gdbstub

import (
	"bytes"
	"context"
)

// Resuming is all-stop: when any hart stops, every hart stops, and the stop
// reply names the hart that caused it. A step moves one hart by one
// instruction while the others stay put; that is what makes stepping
// deterministic and is how QEMU steps by default too.

// legacyResume handles c, s, C and S. C and S carry a signal, which a bare
// machine has no use for: it is ignored. An address resumes there.
func (s *Session) legacyResume(step bool, arg []byte, withSignal bool) {
	if withSignal {
		_, arg, _ = bytes.Cut(arg, []byte{';'})
	}
	hart := s.cHart
	if hart < 0 {
		hart = s.gHart
	}
	if len(arg) > 0 {
		addr, ok := parseHex(arg)
		if !ok {
			s.reply(errReplyArgs)
			return
		}
		if err := s.t.WriteReg(hart, RegPC, addr); err != nil {
			s.reply(errReplyNoReg)
			return
		}
	}
	if step {
		s.resume(func(ctx context.Context) Stop { return s.t.Step(ctx, hart) })
		return
	}
	s.continueHarts(s.allHarts())
}

func (s *Session) allHarts() []bool {
	run := make([]bool, s.t.NumHarts())
	for i := range run {
		run[i] = true
	}
	return run
}

func (s *Session) continueHarts(run []bool) {
	s.resume(func(ctx context.Context) Stop { return s.t.Continue(ctx, run) })
}

const (
	actNone = iota
	actContinue
	actStep
)

// vCont handles vCont;ACTION[:TID];... The leftmost action that names a
// hart wins for it; an action without a thread applies to every hart not yet
// named. Signals in C and S are ignored as in legacyResume.
func (s *Session) vCont(arg []byte) {
	acts := make([]int, s.t.NumHarts())
	for _, a := range bytes.Split(arg, []byte{';'}) {
		verb, tid, hasTid := bytes.Cut(a, []byte{':'})
		var act int
		switch {
		case len(verb) == 1 && verb[0] == 'c':
			act = actContinue
		case len(verb) == 1 && verb[0] == 's':
			act = actStep
		case len(verb) == 3 && (verb[0] == 'C' || verb[0] == 'S'):
			if _, ok := parseHex(verb[1:]); !ok {
				s.reply(errReplyArgs)
				return
			}
			act = actContinue
			if verb[0] == 'S' {
				act = actStep
			}
		default:
			s.reply(errReplyArgs) // t, r and junk: not advertised by vCont?
			return
		}
		h := threadAll
		if hasTid {
			var ok bool
			if h, ok = s.parseThread(tid); !ok {
				s.reply(errReplyNoReg)
				return
			}
		}
		for i := range acts {
			if acts[i] == actNone && (h < 0 || h == i) {
				acts[i] = act
			}
		}
	}
	run := make([]bool, len(acts))
	any := false
	for i, a := range acts {
		if a == actStep {
			s.resume(func(ctx context.Context) Stop { return s.t.Step(ctx, i) })
			return
		}
		run[i] = a == actContinue
		any = any || run[i]
	}
	if !any {
		s.reply(errReplyArgs)
		return
	}
	s.continueHarts(run)
}

// reverse handles bs and bc when the target can run backwards.
func (s *Session) reverse(arg []byte) {
	r, ok := s.t.(Reverser)
	if !ok || len(arg) != 1 || (arg[0] != 's' && arg[0] != 'c') {
		s.reply(nil)
		return
	}
	if arg[0] == 's' {
		hart := s.cHart
		if hart < 0 {
			hart = s.gHart
		}
		s.resume(func(ctx context.Context) Stop { return r.ReverseStep(ctx, hart) })
		return
	}
	s.resume(func(ctx context.Context) Stop { return r.ReverseContinue(ctx) })
}

// stopped records a stop and sends its reply.
func (s *Session) stopped(st Stop) {
	if st.Hart < 0 || st.Hart >= s.t.NumHarts() {
		st.Hart = 0 // a confused target must not confuse GDB too
	}
	s.last = st
	s.gHart = st.Hart
	if st.Reason == StopExited {
		s.exited = true
	}
	if st.Note != "" {
		// An O packet: console output, allowed while the target runs,
		// that is, before the stop reply.
		s.reply(appendHexBytes([]byte{'O'}, []byte(st.Note)))
	}
	s.reply(s.stopReply(st))
}

// GDB's signal numbers (include/gdb/signals.def), not the host's.
const (
	sigINT  = 2
	sigTRAP = 5
)

// stopReply is T05thread:N; plus the reason GDB asked to be told about, or
// Wcode when the machine has exited.
func (s *Session) stopReply(st Stop) []byte {
	if st.Reason == StopExited {
		return append([]byte{'W'}, hexDigits[st.Code>>4&15], hexDigits[st.Code&15])
	}
	sig := byte(sigTRAP)
	if st.Reason == StopInterrupt {
		sig = sigINT
	}
	r := []byte{'T', hexDigits[sig>>4], hexDigits[sig&15]}
	switch st.Reason {
	case StopWatch:
		r = appendHexNum(append(r, "watch:"...), st.Addr)
		r = append(r, ';')
	case StopReadWatch:
		r = appendHexNum(append(r, "rwatch:"...), st.Addr)
		r = append(r, ';')
	case StopAccessWatch:
		r = appendHexNum(append(r, "awatch:"...), st.Addr)
		r = append(r, ';')
	case StopBreak:
		if s.swbreak {
			r = append(r, "swbreak:;"...)
		}
	case StopHWBreak:
		if s.hwbreak {
			r = append(r, "hwbreak:;"...)
		}
	case StopHistoryStart:
		r = append(r, "replaylog:begin;"...)
	}
	r = appendHexNum(append(r, "thread:"...), uint64(st.Hart+1))
	return append(r, ';')
}
