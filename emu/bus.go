package emu

import "github.com/rvstop/rvstop/clint"

// busView is one hart's view of everything outside RAM. Each hart has its
// own, so that devices know who made an access (an MSIP write is an IPI from
// this hart to another, for the tracer). Addresses not listed in board.go's
// map, and RAM addresses beyond -m, answer with an access fault.
type busView struct {
	m  *Machine
	id int
}

func (b *busView) Load(addr uint64, size int) (uint64, bool) {
	m := b.m
	switch {
	case addr >= ClintBase && addr < ClintBase+clint.Size:
		return m.clint.Load(b.id, addr-ClintBase, size)
	case addr >= UARTBase && addr < UARTBase+uartSize:
		return m.uart.Load(addr-UARTBase, size)
	case addr >= PLICBase && addr < PLICBase+plicSize:
		return m.plic.Load(addr-PLICBase, size)
	case addr >= finisherBase && addr < finisherBase+finisherSize:
		return m.finisher.Load(addr-finisherBase, size)
	case addr >= bootROMBase && addr < bootROMBase+bootROMSize:
		return m.rom.Load(addr-bootROMBase, size)
	case addr >= markerBase && addr < markerBase+markerSize:
		return m.marker.Load(addr-markerBase, size)
	}
	return 0, false
}

func (b *busView) Store(addr uint64, size int, v uint64) bool {
	m := b.m
	switch {
	case addr >= ClintBase && addr < ClintBase+clint.Size:
		return m.clint.Store(b.id, addr-ClintBase, size, v)
	case addr >= UARTBase && addr < UARTBase+uartSize:
		return m.uart.Store(addr-UARTBase, size, v)
	case addr >= PLICBase && addr < PLICBase+plicSize:
		return m.plic.Store(addr-PLICBase, size, v)
	case addr >= finisherBase && addr < finisherBase+finisherSize:
		return m.finisher.Store(addr-finisherBase, size, v)
	case addr >= bootROMBase && addr < bootROMBase+bootROMSize:
		return m.rom.Store(addr-bootROMBase, size, v)
	case addr >= markerBase && addr < markerBase+markerSize:
		return m.marker.Store(b.id, addr-markerBase, size, v)
	}
	return false
}
