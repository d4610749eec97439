package asm

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzAssemble feeds arbitrary text to the whole assembler (lexer, macro
// expander, expression parser, operand parser, encoder, relaxation, linker,
// ELF writer). It must return an image or errors, never panic or hang. The
// same text is also offered as an include file, so .include is exercised.
func FuzzAssemble(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/golden/*.s")
	for _, s := range seeds {
		b, err := os.ReadFile(s)
		if err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"\t.include \"b.inc\"\n",
		"\t.macro m a\n\tm \\a\n\t.endm\n\tm 1\n",
		"\t.rept 100\n\t.rept 100\n\tnop\n\t.endr\n\t.endr\n",
		"\t.equ a, b\n\t.equ b, a\n\t.dword a\n",
		"1:\tj 1f\n1:\tbeqz a0, 1b\n",
		"\tli a0, 0x8000000000000000\n\t.fill -1, 9, 1\n\t.balign 0\n",
		"\t.if (\n\t.else\n\t.endif\n\t.endif\n",
		"x: .word x - .; .equ y, x + ; addi a0, a0, %pcrel_lo(x)\n",
		"\tc.lui a0, 0\n\tc.addi16sp sp, 8\n\tc.j 3\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := fstest.MapFS{"a.s": {Data: []byte(src)}, "b.inc": {Data: []byte(src)}}
		img, err := Assemble([]string{"a.s"}, Options{FS: fsys})
		if err == nil && len(img) == 0 {
			t.Fatal("no image and no error")
		}
	})
}
