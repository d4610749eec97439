package emu

import (
	"encoding/binary"
	"fmt"

	"github.com/rvstop/rvstop/isa"
)

// Boot ROM at 0x1000, QEMU virt's reset vector. Every hart starts here in
// M-mode and runs:
//
//	0x1000  auipc t0, 0            t0 = 0x1000
//	0x1004  addi  a2, t0, 40       a2 = &fw_dynamic info (0x1028)
//	0x1008  csrr  a0, mhartid      a0 = hart ID
//	0x100c  ld    a1, 32(t0)       a1 = FDT address
//	0x1010  ld    t0, 24(t0)       t0 = start address
//	0x1014  jr    t0
//	0x1018  .dword start address
//	0x1020  .dword FDT address
//	0x1028  fw_dynamic info: magic "OSBI", version 2, next address (the
//	        S-mode payload), next mode (1 = S), options 0, boot hart -1 (any)
//
// The instructions are encoded here from the project's one encoding table
// rather than kept as hex (TestDevicesMatchQEMU compares them with QEMU's).
// The ROM is read-only: stores are ignored, as QEMU ignores them.
const (
	bootROMBase = 0x1000
	bootROMSize = 0xf000

	fwDynMagic   = 0x4942534f // "OSBI"
	fwDynVersion = 2
	fwDynModeS   = 1
)

type bootROM struct{ b []byte }

// newBootROM builds the ROM that starts harts at start with the FDT at fdt;
// next is the payload announced to fw_dynamic firmware.
func newBootROM(start, fdt, next uint64) *bootROM {
	const t0, a0, a1, a2 = 5, 10, 11, 12
	code := []isa.Inst{
		{Op: isa.AUIPC, Rd: t0},
		{Op: isa.ADDI, Rd: a2, Rs1: t0, Imm: 40},
		{Op: isa.CSRRS, Rd: a0, CSR: 0xf14}, // csrr a0, mhartid
		{Op: isa.LD, Rd: a1, Rs1: t0, Imm: 32},
		{Op: isa.LD, Rd: t0, Rs1: t0, Imm: 24},
		{Op: isa.JALR, Rs1: t0},
	}
	b := make([]byte, 0, 0x58)
	for _, in := range code {
		w, err := isa.Encode(in)
		if err != nil {
			panic(fmt.Sprintf("emu: boot ROM: %v", err)) // a bug in this table
		}
		b = binary.LittleEndian.AppendUint32(b, w)
	}
	for _, d := range []uint64{start, fdt,
		fwDynMagic, fwDynVersion, next, fwDynModeS, 0, ^uint64(0)} {
		b = binary.LittleEndian.AppendUint64(b, d)
	}
	return &bootROM{b}
}

func (r *bootROM) Load(off uint64, size int) (uint64, bool) {
	var buf [8]byte
	if off < uint64(len(r.b)) {
		copy(buf[:], r.b[off:])
	}
	return binary.LittleEndian.Uint64(buf[:]) & sizeMask(size), true
}

func (r *bootROM) Store(off uint64, size int, v uint64) bool { return true }

func sizeMask(size int) uint64 {
	if size >= 8 {
		return ^uint64(0)
	}
	return 1<<(8*size) - 1
}
