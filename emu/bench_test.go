package emu

import (
	"fmt"
	"testing"
)

// crcProg: every hart computes CRC-32 (bitwise, reflected, poly 0xEDB88320)
// over a 4 KiB buffer `rounds` times: loads, shifts, branches, xors. Hart 0
// passes when all are done.
func crcProg(harts, rounds int) string {
	return fmt.Sprintf(`
	.globl _start
_start:
	li s0, %d
	li s5, 0xedb88320
round:	la s1, buf
	li s2, 4096
	li a3, -1
byte:	lbu t0, 0(s1)
	xor a3, a3, t0
	li t1, 8
bit:	andi t2, a3, 1
	srli a3, a3, 1
	beqz t2, 1f
	xor a3, a3, s5
1:	addi t1, t1, -1
	bnez t1, bit
	addi s1, s1, 1
	addi s2, s2, -1
	bnez s2, byte
	addi s0, s0, -1
	bnez s0, round
	la t0, done
	li t1, 1
	amoadd.w zero, t1, (t0)
	bnez a0, park
	li t2, %d
2:	lw t1, 0(t0)
	bne t1, t2, 2b
	PASS
park:	wfi
	j park
	.data
done:	.word 0
	.align 3
buf:	.zero 4096
`, rounds, harts)
}

func benchMachine(b *testing.B, harts int, parallel bool) {
	elf := buildELF(b, crcProg(harts, 20))
	var insns uint64
	b.ResetTimer()
	for range b.N {
		res, _ := runELF(b, Config{Harts: harts, Parallel: parallel}, elf)
		if res.Reason != ExitFinisher || res.Status != 0 {
			b.Fatalf("%v %d\n%s", res.Reason, res.Status, res.Report)
		}
		insns += res.Instructions
	}
	b.ReportMetric(float64(insns)/b.Elapsed().Seconds()/1e6, "MIPS")
}

// BenchmarkCRC32 reports guest MIPS of the whole machine (scheduler, devices
// and harts) on the CRC loop: one hart, four interleaved deterministically,
// and four in parallel mode.
func BenchmarkCRC32(b *testing.B) {
	b.Run("1hart", func(b *testing.B) { benchMachine(b, 1, false) })
	b.Run("4harts", func(b *testing.B) { benchMachine(b, 4, false) })
	b.Run("4harts-parallel", func(b *testing.B) { benchMachine(b, 4, true) })
}
