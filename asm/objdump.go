package asm

import (
	"bytes"
	"debug/dwarf"
	"debug/elf"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/rvstop/rvstop/isa"
	"golang.org/x/arch/riscv64/riscv64asm"
)

// Disassembly in GNU objdump -d's layout, with instructions decoded by
// x/arch's riscv64asm (independent of our encoder), symbols from the ELF
// symbol table and source lines from its DWARF line table. It works on any
// RV64 ELF, ours or GNU ld's.

// DumpOptions select what Disassemble prints besides the instructions.
type DumpOptions struct {
	Lines  bool // file:line before each run of instructions from one source line (objdump -l)
	Source bool // the source line's text too (objdump -S), when the file can be read
}

// Disassemble writes the executable sections of an ELF image.
func Disassemble(w io.Writer, name string, img []byte, opt DumpOptions) error {
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		return err
	}
	if f.Machine != elf.EM_RISCV || f.Class != elf.ELFCLASS64 {
		return fmt.Errorf("%s: not an RV64 ELF file", name)
	}
	syms := newSymbolizer(f)
	lines := readLines(f)
	src := sourceCache{}
	fmt.Fprintf(w, "\n%s:     file format elf64-littleriscv\n\n", name)
	for _, s := range f.Sections {
		if s.Flags&elf.SHF_EXECINSTR == 0 || s.Type != elf.SHT_PROGBITS || s.Size == 0 {
			continue
		}
		data, err := s.Data()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\nDisassembly of section %s:\n", s.Name)
		width := len(fmt.Sprintf("%x", s.Addr+s.Size)) + 4
		var last string
		var regs [32]struct {
			ok  bool
			val uint64
		}
		for off := uint64(0); off < uint64(len(data)); {
			pc := s.Addr + off
			l := syms.at(pc)
			if l == "" && off == 0 {
				// A section starts with a header even without a symbol there,
				// named from the nearest one, as objdump does.
				l = strings.TrimSuffix(strings.TrimPrefix(syms.ref(pc), " <"), ">")
				if l == "" {
					l = s.Name
				}
			}
			if l != "" {
				fmt.Fprintf(w, "\n%016x <%s>:\n", pc, l)
				regs = [32]struct {
					ok  bool
					val uint64
				}{}
			}
			if opt.Lines || opt.Source {
				if le, ok := lines[pc]; ok {
					where := fmt.Sprintf("%s:%d", le.file, le.line)
					if where != last {
						if opt.Lines {
							fmt.Fprintln(w, where)
						}
						if opt.Source {
							if text, ok := src.line(le.file, le.line); ok {
								fmt.Fprintln(w, text)
							}
						}
						last = where
					}
				}
			}
			inst, err := riscv64asm.Decode(data[off:])
			// Undecodable bytes go by the length encoding: 32-bit when the
			// low bits say so, else 16-bit (as objdump shows 48/64-bit forms).
			n := uint64(2)
			if len(data[off:]) >= 4 && data[off]&3 == 3 && data[off]>>2&7 != 7 {
				n = 4
			}
			if err != nil || inst.Len == 0 {
				text := fmt.Sprintf(".insn\t%d, %s", n, hexLE(data[off:], n))
				if p, ok := privText(data[off:]); ok && n == 4 {
					text = p
				}
				fmt.Fprintf(w, "%*x:\t%s\t%s\n", width, pc, rawHex(data[off:], n), text)
				off += n
				continue
			}
			n = uint64(inst.Len)
			text, comment := gnuText(inst, pc, syms, &regs)
			if comment != "" {
				text += " # " + comment
			}
			fmt.Fprintf(w, "%*x:\t%s\t%s\n", width, pc, rawHex(data[off:], n), text)
			off += n
		}
	}
	return nil
}

// rawHex is objdump's instruction bytes column: the instruction as one
// little-endian number, padded like objdump pads it.
func rawHex(b []byte, n uint64) string {
	if n == 2 || len(b) < 4 {
		return fmt.Sprintf("%-20s", hexLE(b, 2)[2:])
	}
	return fmt.Sprintf("%-18s", hexLE(b, 4)[2:])
}

func hexLE(b []byte, n uint64) string {
	var v uint64
	for i := uint64(0); i < n && i < uint64(len(b)); i++ {
		v |= uint64(b[i]) << (8 * i)
	}
	return fmt.Sprintf("0x%0*x", n*2, v)
}

// gnuText renders an instruction as objdump does: mnemonic, a tab, operands;
// branch targets as addresses with their symbol; and a comment with the
// address an auipc/lui pair computes.
func gnuText(inst riscv64asm.Inst, pc uint64, syms *symbolizer, regs *[32]struct {
	ok  bool
	val uint64
}) (string, string) {
	s := riscv64asm.GNUSyntax(inst)
	op, args, _ := strings.Cut(s, " ")
	args = abiNames(args)
	comment := ""
	switch inst.Op {
	case riscv64asm.JAL, riscv64asm.BEQ, riscv64asm.BNE, riscv64asm.BLT, riscv64asm.BGE, riscv64asm.BLTU, riscv64asm.BGEU,
		riscv64asm.C_J, riscv64asm.C_BEQZ, riscv64asm.C_BNEZ:
		parts := strings.Split(args, ",")
		for i := len(inst.Args) - 1; i >= 0; i-- {
			if imm, ok := inst.Args[i].(riscv64asm.Simm); ok {
				target := pc + uint64(int64(imm.Imm))
				parts[len(parts)-1] = fmt.Sprintf("%x%s", target, syms.ref(target))
				break
			}
		}
		args = strings.Join(parts, ",")
	}
	// Track auipc/lui results for the comment on the instruction using them.
	rd, rs1 := -1, -1
	var imm int64
	haveImm := false
	for i, a := range inst.Args {
		switch a := a.(type) {
		case riscv64asm.Reg:
			if a >= riscv64asm.X0 && a <= riscv64asm.X31 {
				if i == 0 {
					rd = int(a - riscv64asm.X0)
				} else if rs1 < 0 {
					rs1 = int(a - riscv64asm.X0)
				}
			}
		case riscv64asm.Simm:
			imm, haveImm = int64(a.Imm), true
		case riscv64asm.Uimm:
			imm, haveImm = int64(a.Imm), true
		case riscv64asm.RegOffset:
			rs1 = int(a.OfsReg - riscv64asm.X0)
			imm, haveImm = int64(a.Ofs.Imm), true
		}
	}
	switch inst.Op {
	case riscv64asm.AUIPC:
		if rd > 0 {
			regs[rd].ok, regs[rd].val = true, pc+uint64(int64(int32(uint32(imm)<<12)))
		}
		return op + "\t" + args, ""
	case riscv64asm.LUI, riscv64asm.C_LUI:
		if rd > 0 {
			regs[rd].ok, regs[rd].val = true, uint64(int64(int32(uint32(imm)<<12)))
		}
		return op + "\t" + args, ""
	}
	if rs1 > 0 && regs[rs1].ok && haveImm && inst.Op != riscv64asm.C_LI {
		target := regs[rs1].val + uint64(imm)
		if inst.Op == riscv64asm.ADDIW || inst.Op == riscv64asm.C_ADDIW {
			target = uint64(int64(int32(target)))
		}
		comment = fmt.Sprintf("%x%s", target, syms.ref(target))
	}
	if rd >= 0 {
		regs[rd].ok = false
	}
	if args == "" {
		return op, comment
	}
	return op + "\t" + args, comment
}

// A symbolizer names addresses from the ELF symbol table.
type symbolizer struct {
	addrs []uint64
	names []string
}

func newSymbolizer(f *elf.File) *symbolizer {
	syms, _ := f.Symbols()
	best := map[uint64]elf.Symbol{}
	for _, s := range syms {
		t := elf.ST_TYPE(s.Info)
		if s.Name == "" || s.Section == elf.SHN_UNDEF || s.Section == elf.SHN_ABS || t == elf.STT_SECTION || t == elf.STT_FILE {
			continue
		}
		old, ok := best[s.Value]
		// Prefer globals, then functions, then the first seen.
		if !ok || elf.ST_BIND(s.Info) == elf.STB_GLOBAL && elf.ST_BIND(old.Info) != elf.STB_GLOBAL {
			best[s.Value] = s
		}
	}
	z := &symbolizer{}
	for a := range best {
		z.addrs = append(z.addrs, a)
	}
	sort.Slice(z.addrs, func(i, j int) bool { return z.addrs[i] < z.addrs[j] })
	for _, a := range z.addrs {
		z.names = append(z.names, best[a].Name)
	}
	return z
}

// at returns the name of a symbol exactly at addr.
func (z *symbolizer) at(addr uint64) string {
	i := sort.Search(len(z.addrs), func(i int) bool { return z.addrs[i] >= addr })
	if i < len(z.addrs) && z.addrs[i] == addr {
		return z.names[i]
	}
	return ""
}

// ref formats " <sym+0x10>" for the nearest symbol at or before addr.
func (z *symbolizer) ref(addr uint64) string {
	i := sort.Search(len(z.addrs), func(i int) bool { return z.addrs[i] > addr })
	if i == 0 {
		if len(z.addrs) == 0 {
			return ""
		}
		return fmt.Sprintf(" <%s-0x%x>", z.names[0], z.addrs[0]-addr)
	}
	if d := addr - z.addrs[i-1]; d != 0 {
		return fmt.Sprintf(" <%s+0x%x>", z.names[i-1], d)
	}
	return " <" + z.names[i-1] + ">"
}

type lineEntry struct {
	file string
	line int
}

// readLines returns the DWARF line table as address -> source line.
func readLines(f *elf.File) map[uint64]lineEntry {
	out := map[uint64]lineEntry{}
	d, err := f.DWARF()
	if err != nil {
		return out
	}
	r := d.Reader()
	for {
		e, err := r.Next()
		if err != nil || e == nil {
			return out
		}
		if e.Tag != dwarf.TagCompileUnit {
			r.SkipChildren()
			continue
		}
		lr, err := d.LineReader(e)
		if err != nil || lr == nil {
			continue
		}
		var le dwarf.LineEntry
		for lr.Next(&le) == nil {
			if !le.EndSequence && le.File != nil {
				out[le.Address] = lineEntry{le.File.Name, le.Line}
			}
		}
		r.SkipChildren()
	}
}

// sourceCache reads source files for -S, once each.
type sourceCache map[string][]string

func (c sourceCache) line(file string, n int) (string, bool) {
	lines, ok := c[file]
	if !ok {
		b, err := os.ReadFile(file)
		if err == nil {
			lines = strings.Split(string(b), "\n")
		}
		c[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return lines[n-1], true
}

// abiNames rewrites x/arch's register numbers (x10, f8) to the ABI names GNU
// objdump prints (a0, fs0).
func abiNames(args string) string {
	if args == "" {
		return args
	}
	parts := strings.Split(args, ",")
	for i, p := range parts {
		// A register may sit inside offset(reg).
		pre, reg, post := "", p, ""
		if k := strings.IndexByte(p, '('); k >= 0 && strings.HasSuffix(p, ")") {
			pre, reg, post = p[:k+1], p[k+1:len(p)-1], ")"
		}
		if n, ok := regNumber(reg, 'x'); ok {
			reg = isa.XNames[n]
		} else if n, ok := regNumber(reg, 'f'); ok {
			reg = isa.FNames[n]
		}
		parts[i] = pre + reg + post
	}
	return strings.Join(parts, ",")
}

func regNumber(s string, prefix byte) (int, bool) {
	if len(s) < 2 || len(s) > 3 || s[0] != prefix {
		return 0, false
	}
	n := 0
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, n < 32
}

// privText names the privileged instructions x/arch does not decode (mret,
// sret, wfi, sfence.vma), from isa.
func privText(b []byte) (string, bool) {
	if len(b) < 4 {
		return "", false
	}
	in, ok := isa.Decode(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
	if !ok || isa.Specs[in.Op].Ext != isa.ExtPriv {
		return "", false
	}
	if in.Op == isa.SFENCE_VMA {
		return fmt.Sprintf("sfence.vma\t%s,%s", isa.XNames[in.Rs1], isa.XNames[in.Rs2]), true
	}
	return isa.Specs[in.Op].Name, true
}
