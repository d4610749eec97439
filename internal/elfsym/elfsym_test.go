package elfsym

import (
	"testing"
	"testing/fstest"

	"github.com/rvstop/rvstop/asm"
)

func TestSymbolsAndLines(t *testing.T) {
	src := ".globl _start\n_start:\n\tnop\n\tnop\nloop:\n\tj loop\n.L1:\n\tnop\n"
	img, err := asm.Assemble([]string{"a.s"}, asm.Options{FS: fstest.MapFS{"a.s": {Data: []byte(src)}},
		SourceDir: "guest", March: "rv64ima_zicsr"})
	if err != nil {
		t.Fatal(err)
	}
	var tab Table
	if err := tab.AddELF(img); err != nil {
		t.Fatal(err)
	}
	base := uint64(0x80000000)
	for _, c := range []struct {
		addr      uint64
		sym, line string
	}{
		{base, "_start", "guest/a.s:3"},
		{base + 4, "_start+0x4", "guest/a.s:4"},
		{base + 8, "loop", "guest/a.s:6"},
		{base + 12, "loop+0x4", "guest/a.s:8"}, // .L labels are not symbols
	} {
		if got := tab.SymOff(c.addr); got != c.sym {
			t.Errorf("SymOff(%#x) = %q, want %q", c.addr, got, c.sym)
		}
		if got := tab.Line(c.addr); got != c.line {
			t.Errorf("Line(%#x) = %q, want %q", c.addr, got, c.line)
		}
	}
	if a, ok := tab.Lookup("loop"); !ok || a != base+8 {
		t.Errorf("Lookup(loop) = %#x, %v", a, ok)
	}
	if _, _, ok := tab.Symbol(base - 4); ok {
		t.Error("an address below every symbol has one")
	}
	if err := tab.AddELF([]byte("not an ELF")); err == nil {
		t.Error("garbage is accepted as an ELF image")
	}
}
