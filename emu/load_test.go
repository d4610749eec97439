package emu

import (
	"encoding/binary"
	"strings"
	"testing"
)

// minimalELF returns a valid one-segment RV64 executable with code at addr.
func minimalELF(addr uint64, code []byte) []byte {
	const ehsize, phsize = 64, 56
	b := make([]byte, ehsize+phsize, ehsize+phsize+len(code))
	copy(b, "\x7fELF\x02\x01\x01")
	le := binary.LittleEndian
	le.PutUint16(b[16:], 2)   // ET_EXEC
	le.PutUint16(b[18:], 243) // EM_RISCV
	le.PutUint32(b[20:], 1)
	le.PutUint64(b[24:], addr) // entry
	le.PutUint64(b[32:], ehsize)
	le.PutUint16(b[52:], ehsize)
	le.PutUint16(b[54:], phsize)
	le.PutUint16(b[56:], 1)
	ph := b[ehsize:]
	le.PutUint32(ph[0:], 1) // PT_LOAD
	le.PutUint32(ph[4:], 5)
	le.PutUint64(ph[8:], ehsize+phsize)
	le.PutUint64(ph[16:], addr)
	le.PutUint64(ph[24:], addr)
	le.PutUint64(ph[32:], uint64(len(code)))
	le.PutUint64(ph[40:], uint64(len(code))+16) // some bss
	le.PutUint64(ph[48:], 4)
	return append(b, code...)
}

func TestLoadELFErrors(t *testing.T) {
	good := minimalELF(RAMBase, []byte{0x6f, 0, 0, 0}) // j .
	patch := func(off int, v ...byte) []byte {
		b := append([]byte(nil), good...)
		copy(b[off:], v)
		return b
	}
	for _, c := range []struct {
		name string
		elf  []byte
		want string
	}{
		{"empty", nil, "not an ELF file"},
		{"text", []byte("#!/bin/sh\necho hi\n"), "not an ELF file"},
		{"32-bit", patch(4, 1), "ELFCLASS32 file: rvstop runs 64-bit"},
		{"big-endian", patch(5, 2), "little-endian"},
		{"no program headers", patch(56, 0, 0), "no loadable segment"},
		{"bad program header offset", patch(32, 0xff, 0xff, 0xff), "malformed ELF file"},
		{"x86", patch(18, 62, 0), "not a RISC-V program"},
		{"relocatable", patch(16, 1, 0), "want an executable"},
		{"outside RAM", minimalELF(0x2000_0000, []byte{1, 2, 3, 4}), "outside RAM"},
		{"past the end of RAM", minimalELF(RAMBase+DefaultRAM-4, []byte{1, 2, 3, 4}), "outside RAM"},
		{"truncated", good[:len(good)-2], "segment 0"},
		{"filesz > memsz", patch(64+40, 1, 0, 0, 0, 0, 0, 0, 0), "exceeds memory size"},
		{"huge memsz", patch(64+40, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), "outside RAM"},
	} {
		m, err := New(Config{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = m.LoadELF(c.elf)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one mentioning %q", c.name, err, c.want)
		}
	}
	m, _ := New(Config{})
	img, err := m.LoadELF(good)
	if err != nil || img.Entry != RAMBase || img.High != RAMBase+20 {
		t.Fatalf("good ELF: %+v, %v", img, err)
	}
}

// FuzzLoadELF: no input makes the loader panic or write outside RAM.
func FuzzLoadELF(f *testing.F) {
	f.Add(minimalELF(RAMBase, []byte{0x6f, 0, 0, 0}))
	f.Add([]byte("\x7fELF\x02\x01\x01"))
	m, err := New(Config{RAMSize: 4 << 20})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m.entrySet = false
		m.LoadELF(b)
	})
}

// FuzzMachine runs random code on two harts: whatever the guest does (random
// device accesses included), the emulator neither panics nor hangs.
func FuzzMachine(f *testing.F) {
	f.Add([]byte{0x73, 0x00, 0x50, 0x10})                                     // wfi
	f.Add([]byte{0xb7, 0x02, 0x00, 0x02, 0x05, 0x43, 0x23, 0xa0, 0x62, 0x00}) // lui t0,CLINT; li t1,1; sw t1,0(t0)
	f.Add([]byte{0x37, 0x05, 0x00, 0x10, 0x93, 0x05, 0x10, 0x04, 0x23, 0x00, 0xb5, 0x00})
	f.Fuzz(func(t *testing.T, code []byte) {
		if len(code) == 0 || len(code) > 4096 {
			return
		}
		m, err := New(Config{Harts: 2, RAMSize: 4 << 20, MaxInsns: 20000, Seed: uint64(len(code))})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.LoadELF(minimalELF(RAMBase, code)); err != nil {
			t.Fatal(err)
		}
		if _, err := m.Run(); err != nil {
			t.Fatal(err)
		}
	})
}
