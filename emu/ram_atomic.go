package emu

import (
	"encoding/binary"
	"sync/atomic"
	"unsafe"
)

// Host-side atomic access to guest RAM words, for parallel mode where harts
// on other goroutines access the same words with sync/atomic. The hosts Go
// supports for this project are little-endian, like RISC-V, so a host uint64
// is the guest's doubleword. A misaligned word cannot be atomic; it is
// accessed bytewise (tohost is aligned in every real program).
func atomicLoad64(ram []byte, off uint64) uint64 {
	if off%8 != 0 {
		return binary.LittleEndian.Uint64(ram[off:])
	}
	return atomic.LoadUint64((*uint64)(unsafe.Pointer(&ram[off])))
}

func atomicStore64(ram []byte, off uint64, v uint64) {
	if off%8 != 0 {
		binary.LittleEndian.PutUint64(ram[off:], v)
		return
	}
	atomic.StoreUint64((*uint64)(unsafe.Pointer(&ram[off])), v)
}
