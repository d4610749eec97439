//go:build !unix

package emu

// allocRAM: without mmap, rely on the Go heap (fresh memory from the OS is
// not touched until used, recycled memory is cleared).
func allocRAM(m *Machine, size uint64) ([]byte, error) { return make([]byte, size), nil }
