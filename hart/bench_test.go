package hart

import (
	"encoding/binary"
	"hash/crc32"
	"testing"
)

// crcProgram fills a 4 KiB buffer with a multiplicative hash of the index,
// then computes its CRC-32 (IEEE, bitwise, reflected) forever, storing each
// result at crc_result: loads, stores, branches and multiplies.
const crcProgram = `
	la a0, buf
	li a1, 4096
	li a3, 0xedb88320
	li t0, 0
	li t3, 0x9e3779b1
fill:
	mul t1, t0, t3
	srli t1, t1, 24
	add t2, a0, t0
	sb t1, 0(t2)
	addi t0, t0, 1
	blt t0, a1, fill
	.balign 4 # again is mtvec in the benchmark
again:
	li a2, 0xffffffff
	li t0, 0
byte:
	add t2, a0, t0
	lbu t1, 0(t2)
	xor a2, a2, t1
	li t4, 8
bit:
	andi t5, a2, 1
	srli a2, a2, 1
	neg t5, t5
	and t5, t5, a3
	xor a2, a2, t5
	addi t4, t4, -1
	bnez t4, bit
	addi t0, t0, 1
	blt t0, a1, byte
	not a2, a2
	la t6, crc_result
	sw a2, 0(t6)
	ebreak
	j again
	.data
	.balign 8
crc_result: .word 0
buf:	.space 4096
`

// crcBuffer is the buffer the program fills, computed in Go.
func crcBuffer() []byte {
	b := make([]byte, 4096)
	for i := range b {
		b[i] = byte(uint64(uint32(i)*0x9e3779b1) >> 24)
	}
	return b
}

// TestCRCProgram checks the benchmark's program against Go's hash/crc32.
func TestCRCProgram(t *testing.T) {
	m := newMachine(t, 1, false, crcProgram)
	m.run(t)
	got := binary.LittleEndian.Uint32(m.ram[m.syms["crc_result"]-testRAMBase:])
	if want := crc32.ChecksumIEEE(crcBuffer()); got != want {
		t.Fatalf("guest CRC-32 %#x, want %#x", got, want)
	}
}

// BenchmarkCRC32 reports guest MIPS of one hart in the fast loop.
func BenchmarkCRC32(b *testing.B) { benchCRC(b, false, nil) }

// BenchmarkCRC32Traced is the same with a tracer that does nothing, the
// lower bound of what tracing costs.
func BenchmarkCRC32Traced(b *testing.B) { benchCRC(b, false, nopTracer{}) }

// BenchmarkCRC32Parallel is one hart in the -parallel mode's memory path
// (sync/atomic on RAM words).
func BenchmarkCRC32Parallel(b *testing.B) { benchCRC(b, true, nil) }

type nopTracer struct{}

func (nopTracer) Retire(*Hart, *Retired) {}
func (nopTracer) Trap(*Hart, *TrapInfo)  {}

// BenchmarkCRC32Quantum16 runs the loop in Run calls of 16 instructions, the
// cost of fine-grained deterministic interleaving of harts.
func BenchmarkCRC32Quantum16(b *testing.B) { benchCRCSlice(b, false, nil, 16) }

func benchCRC(b *testing.B, parallel bool, tr Tracer) { benchCRCSlice(b, parallel, tr, 1<<16) }

func benchCRCSlice(b *testing.B, parallel bool, tr Tracer, slice uint64) {
	img, syms := assemble(b, crcProgram)
	m := newMachineImg(1, parallel, img, syms)
	h := m.harts[0]
	h.SetDebugEbreak(false) // ebreak traps to mtvec = 0: point it past the ebreak
	h.SetTracer(tr)
	h.WriteCSR(0x305, m.syms["again"])
	var total uint64
	cpu0 := cpuTime()
	for b.Loop() {
		for range (1 << 16) / slice {
			n, _ := h.Run(slice)
			total += n
		}
	}
	// MIPS is per wall-clock second, as users see it; cpuMIPS per second of
	// this process's CPU time, which stays meaningful on a loaded machine.
	b.ReportMetric(float64(total)/b.Elapsed().Seconds()/1e6, "MIPS")
	b.ReportMetric(float64(total)/(cpuTime()-cpu0).Seconds()/1e6, "cpuMIPS")
}
