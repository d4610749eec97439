package emu

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
)

// uartInput feeds the UART's receiver. Input from memory or a regular file is
// read synchronously, when the guest looks for it, so that a scripted session
// is as reproducible as everything else in a deterministic run. Input from a
// terminal or a pipe cannot be: a goroutine reads it and the bytes become
// visible to the guest at the next scheduling boundary after they arrive.
type uartInput struct {
	r     io.Reader
	async bool

	back []byte // synchronous mode: bytes put back by unread, read first

	mu    sync.Mutex
	buf   []byte
	eof   bool
	ready chan struct{} // signalled (non-blocking) when buf grows or input ends
}

func newUARTInput(r io.Reader) *uartInput {
	if r == nil {
		return nil
	}
	in := &uartInput{r: r, async: !synchronous(r), ready: make(chan struct{}, 1)}
	if in.async {
		go in.pump()
	}
	return in
}

// synchronous reports whether reads from r return at once (never block).
func synchronous(r io.Reader) bool {
	switch f := r.(type) {
	case *bytes.Reader, *strings.Reader, *bytes.Buffer:
		return true
	case *os.File:
		st, err := f.Stat()
		return err == nil && st.Mode().IsRegular()
	}
	return false
}

func (in *uartInput) pump() {
	b := make([]byte, 256)
	for {
		n, err := in.r.Read(b)
		in.mu.Lock()
		in.buf = append(in.buf, b[:n]...)
		if err != nil {
			in.eof = true
		}
		in.mu.Unlock()
		select {
		case in.ready <- struct{}{}:
		default:
		}
		if err != nil {
			return
		}
	}
}

// take appends up to max-len(fifo) input bytes to fifo.
func (in *uartInput) take(fifo []byte, max int) []byte {
	room := max - len(fifo)
	if room <= 0 {
		return fifo
	}
	if !in.async {
		if len(in.back) > 0 {
			n := min(room, len(in.back))
			fifo = append(fifo, in.back[:n]...)
			in.back = in.back[n:]
			return fifo
		}
		if in.eof {
			return fifo
		}
		var b [uartFIFODepth]byte
		n, err := in.r.Read(b[:room])
		if err != nil {
			in.eof = true
		}
		return append(fifo, b[:n]...)
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	n := min(room, len(in.buf))
	fifo = append(fifo, in.buf[:n]...)
	in.buf = in.buf[n:]
	return fifo
}

// unread puts bytes back in front of synchronous input.
func (in *uartInput) unread(b []byte) {
	in.back = append(append([]byte(nil), b...), in.back...)
}

func (in *uartInput) closed() bool {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.eof && len(in.buf) == 0
}

func (in *uartInput) wait(done <-chan struct{}) {
	in.mu.Lock()
	has := len(in.buf) > 0 || in.eof
	in.mu.Unlock()
	if has {
		return
	}
	select {
	case <-in.ready:
	case <-done:
	}
}
