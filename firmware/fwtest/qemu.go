package fwtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
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
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
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
