//go:build unix

package emu

import (
	"fmt"
	"runtime"
	"syscall"
)

// allocRAM maps guest RAM as anonymous private memory: the kernel provides
// zero pages on first touch, so a 128 MiB machine costs only what the guest
// uses, and building one costs no zeroing (make would clear recycled heap
// memory, which dominates short runs). The mapping is released when the
// Machine becomes unreachable; since every hart reaches the Machine through
// its bus, RAM is never unmapped under a hart that can still run.
func allocRAM(m *Machine, size uint64) ([]byte, error) {
	b, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_ANON|syscall.MAP_PRIVATE|syscall.MAP_NORESERVE)
	if err != nil {
		return nil, fmt.Errorf("emu: cannot map %d MiB of guest RAM: %w", size>>20, err)
	}
	runtime.AddCleanup(m, func(b []byte) { syscall.Munmap(b) }, b)
	return b, nil
}
