package asm

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// Each error kind the assembler reports, with the exact message and place.
var errorCases = []struct {
	name  string
	files map[string]string // a.s is assembled; others are for .include
	want  []string
}{
	{"unknown mnemonic", map[string]string{"a.s": "\tnop\n\tfrob a0, a1\n"},
		[]string{`a.s:2:2: unknown instruction "frob"`}},
	{"unknown directive", map[string]string{"a.s": "\t.frob 1\n"},
		[]string{`a.s:1:2: unknown directive .frob`}},
	{"bad register", map[string]string{"a.s": "\tadd a0, a1, x32\n\tld a0, 0(q9)\n\tcsrw mstatus, fa0\n"},
		[]string{`a.s:1:14: unknown register "x32" (want x0..x31 or an ABI name)`,
			`a.s:2:11: want offset(register): unknown base register "q9"`,
			`a.s:3:16: want an integer register, got floating-point register "fa0"`}},
	{"operand count", map[string]string{"a.s": "\tadd a0, a1\n"},
		[]string{`a.s:1:2: add takes 3 operands (add rd, rs1, rs2), got 2`}},
	{"immediate out of range", map[string]string{"a.s": "\taddi a0, a1, 5000\n\tslli a0, a0, 64\n\tlui a0, 0x100000\n\tld a0, -2049(sp)\n\tcsrwi mstatus, 32\n\t.byte 256\n"},
		[]string{`a.s:1:15: addi: immediate 5000 out of range [-2048, 2047]`,
			`a.s:2:15: slli: shift amount 64 out of range [0, 63]`,
			`a.s:3:10: upper immediate 1048576 out of range [0, 1048575]`,
			`a.s:4:9: ld: offset -2049 out of range [-2048, 2047]`,
			`a.s:5:2: csrrwi: immediate 32 out of range [0, 31]`,
			`a.s:6:8: value 256 does not fit in 1 byte(s)`}},
	{"undefined symbol", map[string]string{"a.s": "\tj nowhere\n\tla a0, missing\n\t.dword absent\n"},
		[]string{`a.s:1:4: undefined symbol "nowhere"`, `a.s:2:2: undefined symbol "missing"`, `a.s:3:9: undefined symbol "absent"`}},
	{"misaligned branch target", map[string]string{"a.s": "\tbeq a0, a1, . + 3\n"},
		[]string{`a.s:1:14: misaligned branch target: offset 3 is not a multiple of 2`}},
	{"branch out of reach", map[string]string{"a.s": "\t.option norvc\n\tjal far\n\t.zero 0x100000\nfar:\tnop\n"},
		[]string{`a.s:2:6: jump target out of reach: jump offset 1048580 out of range [-1048576, 1048575]`}},
	{"unbalanced macro", map[string]string{"a.s": "\t.macro m\n\tnop\n"},
		[]string{`a.s:1:2: .macro without .endm before the end of a.s`}},
	{"stray endm", map[string]string{"a.s": "\t.endm\n"},
		[]string{`a.s:1:2: .endm without .macro`}},
	{"unbalanced if", map[string]string{"a.s": "\t.if 1\n\tnop\n"},
		[]string{`a.s:1:2: .if without .endif before the end of a.s`}},
	{"stray endif", map[string]string{"a.s": "\t.endif\n\t.else\n"},
		[]string{`a.s:1:2: .endif without .if`, `a.s:2:2: .else without .if`}},
	{"if in include not closed", map[string]string{"a.s": "\t.include \"b.inc\"\n\t.endif\n", "b.inc": "\t.ifdef X\n"},
		[]string{`b.inc:1:2: .if without .endif before the end of b.inc`, `a.s:2:2: .endif without .if`}},
	{"include cycle", map[string]string{"a.s": "\t.include \"b.inc\"\n", "b.inc": "\t.include \"a.s\"\n"},
		[]string{`b.inc:1:11: include cycle: a.s -> b.inc -> a.s`}},
	{"include missing", map[string]string{"a.s": "\t.include \"nope.inc\"\n"},
		[]string{`a.s:1:11: cannot find include file "nope.inc" (searched nope.inc, nope.inc)`}},
	{"duplicate label", map[string]string{"a.s": "x:\tnop\nx:\tnop\n"},
		[]string{`a.s:2:1: symbol "x" is already defined (at a.s:1:1)`}},
	{"numeric label backwards before any", map[string]string{"a.s": "\tj 1b\n"},
		[]string{`a.s:1:4: no label 1: before 1b`}},
	{"li forward symbol", map[string]string{"a.s": "\tli a0, X\n\t.equ X, 1\n"},
		[]string{`a.s:1:9: li needs a constant known at this line, got "X" ("X" is not defined before this line)`}},
	{"expression syntax", map[string]string{"a.s": "\taddi a0, a0, (1 + \n\t.word 1 +* 2\n"},
		[]string{`a.s:1:19: missing operand in expression`, `a.s:2:11: unexpected "* 2" in expression`}},
	{"error directive in macro", map[string]string{"a.s": "\t.macro m\n\t.error \"boom\"\n\t.endm\n\tm\n"},
		[]string{`a.s:2:2: boom (in macro m called at a.s:4:2)`}},
	{"extension not enabled", map[string]string{"a.s": "\tfadd.s fa0, fa1, fa2\n"},
		[]string{`a.s:1:2: instruction fadd.s needs extension f, not in -march=rv64imac_zicsr_zifencei_zihintpause`}},
	{"data in bss", map[string]string{"a.s": "\t.bss\n\t.byte 1\n\tnop\n"},
		[]string{`a.s:2:2: cannot store a non-zero value in .bss (it holds no data)`, `a.s:3:2: instructions in .bss, which holds no data`}},
	{"hi of a high address", map[string]string{"a.s": "\tlui a0, %hi(x)\nx:\n"},
		[]string{`a.s:1:2: %hi(0x80000004): the value does not fit in 32 signed bits (use la or lla)`}},
	{"two globals", map[string]string{"a.s": "\t.globl f\nf:\tnop\n", "b.s": "\t.globl f\nf:\tnop\n"},
		[]string{`b.s:2:1: symbol "f" is defined in two files (also at a.s:2:1)`}},
}

func TestErrors(t *testing.T) {
	for _, c := range errorCases {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for n, s := range c.files {
				fsys[n] = &fstest.MapFile{Data: []byte(s)}
			}
			files := []string{"a.s"}
			if _, ok := c.files["b.s"]; ok {
				files = append(files, "b.s")
			}
			_, err := Assemble(files, Options{FS: fsys})
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want an ErrorList", err)
			}
			var got []string
			for _, e := range list {
				got = append(got, e.Error())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestErrorLimit: a source full of errors reports maxErrors of them.
func TestErrorLimit(t *testing.T) {
	src := strings.Repeat("\tfrob\n", 100)
	_, err := Assemble([]string{"a.s"}, Options{FS: fstest.MapFS{"a.s": {Data: []byte(src)}}})
	var list ErrorList
	if !errors.As(err, &list) || len(list) != maxErrors {
		t.Fatalf("got %d errors (%v), want %d", len(list), err, maxErrors)
	}
}
