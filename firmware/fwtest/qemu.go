package fwtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// QEMU describes one run of qemu-system-riscv64 -machine virt.
type QEMU struct {
	BIOS    string        // -bios
	Kernel  string        // -kernel
	SMP     int           // -smp (0 means 1)
	CPU     string        // -cpu, e.g. "rv64,sstc=false"; "" for QEMU's default
	Extra   []string      // further arguments
	Timeout time.Duration // the run is killed after this (0 means 60 s)
	Script  []Step        // console input, each sent once its prompt appeared
}

// Step is one exchange on the console: when Wait has appeared in the output
// (after the previous step's match), Send is typed.
type Step struct {
	Wait, Send string
}

// Run is what a finished QEMU run left behind.
type Run struct {
	Output   string // console output (the UART on stdio)
	ExitCode int    // QEMU's exit status: the finisher's code
}

// RunQEMU runs q to completion; the guest must end the machine itself (the
// sifive_test finisher). A run that outlives its timeout is killed and fails
// the test, showing the output so far.
func RunQEMU(t testing.TB, q QEMU) Run {
	t.Helper()
	bin := oracle.Require(t, oracle.QEMU)
	smp := q.SMP
	if smp == 0 {
		smp = 1
	}
	timeout := q.Timeout
	if timeout == 0 {
		timeout = 60 * time.Second
	}
	args := []string{"-machine", "virt", "-smp", fmt.Sprint(smp), "-m", "128M",
		"-nographic", "-bios", q.BIOS}
	if q.Kernel != "" {
		args = append(args, "-kernel", q.Kernel)
	}
	if q.CPU != "" {
		args = append(args, "-cpu", q.CPU)
	}
	args = append(args, q.Extra...)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, args...)
	out := &console{changed: make(chan struct{}, 1)}
	cmd.Stdout = out
	cmd.Stderr = out
	var err error
	if q.Script == nil {
		err = cmd.Run()
	} else {
		err = runScript(cmd, out, q.Script)
	}
	r := Run{Output: strings.ReplaceAll(out.String(), "\r\n", "\n")}
	if ctx.Err() != nil {
		t.Fatalf("qemu %s: no shutdown within %v; output so far:\n%s",
			strings.Join(args, " "), timeout, r.Output)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		r.ExitCode = exit.ExitCode()
	case err != nil:
		t.Fatalf("qemu: %v", err)
	}
	return r
}

// console collects QEMU's output and signals each change.
type console struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (c *console) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.buf.Write(p)
	c.mu.Unlock()
	select {
	case c.changed <- struct{}{}:
	default:
	}
	return len(p), nil
}

func (c *console) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.String()
}

// runScript runs cmd, typing each step's input once its prompt appeared; the
// context's deadline (exec.CommandContext) bounds the whole run.
func runScript(cmd *exec.Cmd, out *console, script []Step) error {
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	from := 0
	for _, st := range script {
		for {
			text := out.String()
			if k := strings.Index(text[from:], st.Wait); k >= 0 {
				from += k + len(st.Wait)
				break
			}
			select {
			case <-out.changed:
			case err := <-done:
				return err // ended before the prompt: the caller sees the output
			}
		}
		if _, err := io.WriteString(in, st.Send); err != nil {
			break
		}
	}
	err = <-done
	in.Close()
	return err
}
