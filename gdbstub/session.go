package gdbstub

import (
	"context"
	"errors"
	"io"
	"log"
)

// End says how a session finished.
type End uint8

const (
	EndDetached End = iota // D packet: the machine should run on freely
	EndKilled              // k or vKill: the run should end
	EndClosed              // the connection closed or failed
	EndExited              // the machine finished while the debugger watched
)

// Session serves one debugger connection. The target is stopped while a
// session waits for commands and runs only inside c, s, vCont, bc and bs.
type Session struct {
	t      Target
	rw     io.ReadWriter
	events chan readResult
	quit   chan struct{} // closed when Run returns: the reader stops delivering
	Log    *log.Logger   // protocol errors and unusual packets; nil: silent

	noAck    bool   // after QStartNoAckMode
	lastSent []byte // for retransmission on '-'
	swbreak  bool   // the debugger understands swbreak/hwbreak stop reasons
	hwbreak  bool
	gHart    int // hart for g, p, m... (Hg)
	cHart    int // hart for c and s without vCont (Hc); -1 all
	last     Stop
	exited   bool
	end      End
	done     bool
	xml      map[string][]byte
	pending  []event // events read while the machine ran, for after it stops
}

type readResult struct {
	ev  event
	err error
}

// NewSession prepares a session over a connection. The stop GDB sees first
// (reply to '?') is initial, usually a StopInterrupt or StopStep on hart 0.
func NewSession(rw io.ReadWriter, t Target, initial Stop) *Session {
	return &Session{t: t, rw: rw, last: initial, gHart: initial.Hart, cHart: -1,
		events: make(chan readResult, 16), quit: make(chan struct{})}
}

// Run serves the connection until the debugger detaches, kills, or goes away.
// The reader goroutine it starts ends when the connection does; callers close
// the connection after Run returns.
func (s *Session) Run() End {
	defer close(s.quit)
	go s.readLoop()
	for !s.done {
		rr, ok := s.nextEvent()
		if !ok || rr.err != nil {
			if rr.err != nil && !errors.Is(rr.err, io.EOF) {
				s.logf("read: %v", rr.err)
			}
			if s.exited {
				return EndExited
			}
			return EndClosed
		}
		s.handle(rr.ev)
	}
	return s.end
}

func (s *Session) nextEvent() (readResult, bool) {
	if len(s.pending) > 0 {
		ev := s.pending[0]
		s.pending = s.pending[1:]
		return readResult{ev: ev}, true
	}
	rr, ok := <-s.events
	return rr, ok
}

func (s *Session) readLoop() {
	defer close(s.events)
	pr := newPacketReader(s.rw)
	for {
		ev, err := pr.next()
		select {
		case s.events <- readResult{ev, err}:
		case <-s.quit:
			return
		}
		if err != nil {
			return
		}
	}
}

func (s *Session) handle(ev event) {
	switch ev.kind {
	case evAck:
	case evNack:
		if !s.noAck && s.lastSent != nil {
			s.write(s.lastSent)
		}
	case evInterrupt:
		// Ctrl-C that crossed a stop reply on the wire: the machine is
		// stopped already, as the user wanted. Like gdbserver, drop it
		// rather than stop the next resume at once.
		s.logf("interrupt while stopped, ignored")
	case evBadSum:
		if !s.noAck {
			s.write([]byte{'-'})
		}
		s.logf("packet with a bad checksum")
	case evOversize:
		s.ack()
		s.logf("packet longer than %d bytes", maxPayload)
		s.reply([]byte("E01"))
	case evPacket:
		s.ack()
		s.command(ev.payload)
	}
}

func (s *Session) ack() {
	if !s.noAck {
		s.write([]byte{'+'})
	}
}

// reply sends one response packet.
func (s *Session) reply(payload []byte) {
	p := frame(payload)
	s.lastSent = p
	s.write(p)
}

func (s *Session) replyString(payload string) { s.reply([]byte(payload)) }

func (s *Session) write(b []byte) {
	if _, err := s.rw.Write(b); err != nil {
		s.logf("write: %v", err)
	}
}

func (s *Session) logf(format string, args ...any) {
	if s.Log != nil {
		s.Log.Printf(format, args...)
	}
}

// resume runs the machine through run, which stops when its context is
// cancelled, while watching the connection for 0x03. Packets that arrive
// meanwhile (GDB sends none in all-stop mode) wait for after the stop. If the
// connection drops, the machine is stopped too; the session then ends.
func (s *Session) resume(run func(ctx context.Context) Stop) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	result := make(chan Stop, 1)
	go func() { result <- run(ctx) }()
	for {
		select {
		case st := <-result:
			s.stopped(st)
			return
		case rr, ok := <-s.events:
			switch {
			case !ok || rr.err != nil:
				cancel()
				s.closedWhileRunning(rr.err, result)
				return
			case rr.ev.kind == evInterrupt:
				cancel()
			default:
				s.pending = append(s.pending, rr.ev)
			}
		}
	}
}

// closedWhileRunning waits for the machine to stop after the connection
// failed mid-run and ends the session.
func (s *Session) closedWhileRunning(err error, result chan Stop) {
	st := <-result
	s.last = st
	if err != nil && !errors.Is(err, io.EOF) {
		s.logf("read: %v", err)
	}
	s.done, s.end = true, EndClosed
	if st.Reason == StopExited {
		s.end = EndExited
	}
}
