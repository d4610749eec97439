package emu

import "encoding/binary"

// HTIF, Spike's host-target interface, as riscv-tests and riscv-arch-test use
// it: two 64-bit words in guest RAM at the ELF symbols `tohost` and
// `fromhost`. The guest stores a command to tohost; the host clears it when
// done. Command layout: device in bits 63:56, command in 55:48, payload below.
//
//	device 0 (syscall), payload odd:   exit with status payload>>1
//	device 1 (console), command 1:     write the character payload&0xff; the
//	                                   host acknowledges in fromhost
//
// Other commands (syscall proxying with an even payload) are not supported and
// are cleared unanswered. Since tohost is plain RAM, which the harts write
// without calling the board, the machine polls it between scheduling quanta:
// the exit is seen at the end of the quantum of the store.
type htif struct {
	tohost, fromhost uint64 // 0: absent
}

func (m *Machine) pollHTIF() {
	if m.htif.tohost == 0 {
		return
	}
	off, err := m.ramOffset(m.htif.tohost, 8)
	if err != nil {
		return
	}
	v := m.loadRAM64(off)
	if v == 0 {
		return
	}
	m.storeRAM64(off, 0)
	dev, cmd, payload := v>>56, v>>48&0xff, v&(1<<48-1)
	switch {
	case dev == 0 && payload&1 == 1:
		m.guestExit(ExitHTIF, int(payload>>1))
	case dev == 1 && cmd == 1:
		m.uart.mu.Lock()
		m.uart.transmit(byte(payload))
		m.uart.mu.Unlock()
		if f, err := m.ramOffset(m.htif.fromhost, 8); err == nil && m.htif.fromhost != 0 {
			m.storeRAM64(f, 1<<56|1<<48)
		}
	}
}

// loadRAM64 and storeRAM64 access RAM from the host side. In parallel mode
// the harts access RAM with sync/atomic, so these do too (see ram_atomic.go).
func (m *Machine) loadRAM64(off uint64) uint64 {
	if m.cfg.Parallel {
		return atomicLoad64(m.ram, off)
	}
	return binary.LittleEndian.Uint64(m.ram[off:])
}

func (m *Machine) storeRAM64(off uint64, v uint64) {
	if m.cfg.Parallel {
		atomicStore64(m.ram, off, v)
		return
	}
	binary.LittleEndian.PutUint64(m.ram[off:], v)
}
