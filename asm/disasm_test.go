package asm

import "testing"

func TestDisassembleInst(t *testing.T) {
	for _, c := range []struct {
		raw  uint32
		pc   uint64
		want string
	}{
		{0x00e6b7af, 0, "amoadd.d a5,a4,(a3)"},
		{0x1141, 0, "addi sp,sp,-16"},
		{0xf1402573, 0, "csrr a0,mhartid"},
		{0x0080006f, 0x80000000, "j 0x80000008"},
		{0xfe0798e3, 0x80000010, "bnez a5,0x80000000"},
		{0x00000000, 0, "unimp"},
		{0xffffffff, 0, ".4byte 0xffffffff"},
		{0x30200073, 0, "mret"},
		{0x10500073, 0, "wfi"},
		{0x12000073, 0, "sfence.vma"},
		{0x12b50073, 0, "sfence.vma a0,a1"},
	} {
		if got := DisassembleInst(c.raw, c.pc); got != c.want {
			t.Errorf("%#x at %#x: %q, want %q", c.raw, c.pc, got, c.want)
		}
	}
}
