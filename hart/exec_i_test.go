package hart

import (
	"fmt"
	"strings"
	"testing"
)

// A case runs a snippet (ending in ebreak) on a fresh hart and checks one
// register. Expected values are worked out from the unprivileged spec, not
// taken from a run.
type regCase struct {
	name, src string
	reg       string
	want      uint64
}

// runRegCases assembles all cases into one program (one GNU as run per
// test, which keeps the suite fast), each at its own label with its own copy
// of the data, and runs each from its label on a fresh hart and RAM.
func runRegCases(t *testing.T, cases []regCase) {
	t.Helper()
	var text, data strings.Builder
	for i, c := range cases {
		fmt.Fprintf(&text, "case%d:\n\t%s\n\tebreak\n", i, strings.ReplaceAll(c.src, "data", fmt.Sprintf("data%d", i)))
		fmt.Fprintf(&data, "\t.balign 8\ndata%d:\n\t.dword 0x8877665544332211, 0xfedcba9876543210\n", i)
	}
	img, syms := assemble(t, text.String()+"\t.data\n"+data.String())
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := newMachineImg(1, false, img, syms)
			m.harts[0].SetPC(syms[fmt.Sprintf("case%d", i)])
			h := m.run(t)
			if got := reg(h, c.reg); got != c.want {
				t.Errorf("%s = %#x, want %#x", c.reg, got, c.want)
			}
		})
	}
}

func TestRV64I(t *testing.T) {
	runRegCases(t, []regCase{
		{"lui sign-extends", "lui a0, 0x80000", "a0", 0xffffffff80000000},
		{"auipc", "1: auipc a0, 1\n la a1, 1b\n sub a0, a0, a1", "a0", 0x1000},
		{"addi wraps", "li a0, -1\n addi a0, a0, 1", "a0", 0},
		{"x0 stays zero", "addi zero, zero, 5\n mv a0, zero", "a0", 0},
		{"slti signed", "li a1, -5\n slti a0, a1, 3", "a0", 1},
		{"sltiu unsigned sign-extended imm", "li a1, 5\n sltiu a0, a1, -1", "a0", 1},
		{"xori -1 is not", "li a1, 0x0f\n xori a0, a1, -1", "a0", 0xfffffffffffffff0},
		{"slli 63", "li a1, 3\n slli a0, a1, 63", "a0", 1 << 63},
		{"srli 63", "li a1, -1\n srli a0, a1, 63", "a0", 1},
		{"srai 63", "li a1, -2\n srai a0, a1, 63", "a0", ^uint64(0)},
		{"sll uses 6 bits", "li a1, 1\n li a2, 65\n sll a0, a1, a2", "a0", 2},
		{"sra", "li a1, -256\n li a2, 4\n sra a0, a1, a2", "a0", 0xfffffffffffffff0},
		{"slt", "li a1, -1\n li a2, 1\n slt a0, a1, a2", "a0", 1},
		{"sltu", "li a1, -1\n li a2, 1\n sltu a0, a1, a2", "a0", 0},
		{"sub", "li a1, 3\n li a2, 5\n sub a0, a1, a2", "a0", 0xfffffffffffffffe},
		{"addiw sign-extends", "li a1, 0x7fffffff\n addiw a0, a1, 1", "a0", 0xffffffff80000000},
		{"addw ignores high bits", "li a1, 0x100000001\n li a2, 1\n addw a0, a1, a2", "a0", 2},
		{"subw", "li a1, 0\n li a2, 1\n subw a0, a1, a2", "a0", ^uint64(0)},
		{"slliw 31", "li a1, 1\n slliw a0, a1, 31", "a0", 0xffffffff80000000},
		{"srliw zero-fills bit 31", "li a1, -1\n srliw a0, a1, 4", "a0", 0x0fffffff},
		{"srliw 0 sign-extends", "li a1, 0x80000000\n srliw a0, a1, 0", "a0", 0xffffffff80000000},
		{"sraiw", "li a1, 0x80000000\n sraiw a0, a1, 4", "a0", 0xfffffffff8000000},
		{"sllw uses 5 bits", "li a1, 1\n li a2, 33\n sllw a0, a1, a2", "a0", 2},
		{"srlw", "li a1, 0x80000000\n li a2, 31\n srlw a0, a1, a2", "a0", 1},
		{"sraw", "li a1, 0x80000000\n li a2, 31\n sraw a0, a1, a2", "a0", ^uint64(0)},
		{"jal links", "jal a0, 1f\n1: la a1, 1b\n sub a0, a0, a1", "a0", 0},
		// Lands on 1: (not 1:+1); a0 = (1:+1) - link = 2 (c.li) + 1.
		{"jalr clears bit 0", "la a1, 1f\n addi a1, a1, 1\n jalr a0, 0(a1)\n c.li a2, 9\n1: mv a3, a0\n sub a0, a1, a3", "a0", 3},
		{"beq taken", "li a0, 1\n beq zero, zero, 1f\n li a0, 2\n1:", "a0", 1},
		{"bne not taken", "li a0, 1\n bne zero, zero, 1f\n li a0, 2\n1:", "a0", 2},
		{"blt signed", "li a0, 1\n li a1, -1\n blt a1, zero, 1f\n li a0, 2\n1:", "a0", 1},
		{"bge equal", "li a0, 1\n bge zero, zero, 1f\n li a0, 2\n1:", "a0", 1},
		{"bltu unsigned", "li a0, 1\n li a1, -1\n bltu a1, zero, 1f\n li a0, 2\n1:", "a0", 2},
		{"bgeu unsigned", "li a0, 1\n li a1, -1\n bgeu a1, zero, 1f\n li a0, 2\n1:", "a0", 1},
		{"lb sign-extends", "la a1, data\n lb a0, 7(a1)", "a0", 0xffffffffffffff88},
		{"lbu", "la a1, data\n lbu a0, 7(a1)", "a0", 0x88},
		{"lh", "la a1, data\n lh a0, 14(a1)", "a0", 0xfffffffffffffedc},
		{"lhu", "la a1, data\n lhu a0, 14(a1)", "a0", 0xfedc},
		{"lw", "la a1, data\n lw a0, 12(a1)", "a0", 0xfffffffffedcba98},
		{"lwu", "la a1, data\n lwu a0, 12(a1)", "a0", 0xfedcba98},
		{"ld", "la a1, data\n ld a0, 0(a1)", "a0", 0x8877665544332211},
		{"ld misaligned emulated", "la a1, data\n ld a0, 1(a1)", "a0", 0x1088776655443322},
		{"sb", "la a1, data\n li a2, 0x1ff\n sb a2, 0(a1)\n ld a0, 0(a1)", "a0", 0x88776655443322ff},
		{"sh", "la a1, data\n li a2, -1\n sh a2, 2(a1)\n ld a0, 0(a1)", "a0", 0x88776655ffff2211},
		{"sw", "la a1, data\n li a2, -1\n sw a2, 4(a1)\n ld a0, 0(a1)", "a0", 0xffffffff44332211},
		{"sd misaligned emulated", "la a1, data\n li a2, -1\n sd a2, 4(a1)\n ld a0, 8(a1)", "a0", 0xfedcba98ffffffff},
		{"fence and pause are no-ops", "li a0, 7\n fence\n fence.i\n .word 0x0100000f", "a0", 7},
	})
}

func TestRVC(t *testing.T) {
	// GNU as picks compressed encodings for these; the hart executes them
	// through the same Ops as their base forms.
	runRegCases(t, []regCase{
		{"c.li c.addi", "c.li a0, -3\n c.addi a0, 5", "a0", 2},
		{"c.lui", "c.lui a0, 0xfffff", "a0", 0xfffffffffffff000},
		{"c.addiw", "c.li a0, -1\n c.addiw a0, 0", "a0", ^uint64(0)},
		{"c.addi16sp", "li sp, 0x1000\n c.addi16sp sp, -32\n mv a0, sp", "a0", 0x1000 - 32},
		{"c.addi4spn", "li sp, 0x1000\n c.addi4spn a0, sp, 16", "a0", 0x1010},
		{"c.slli c.srli c.srai", "c.li a0, -1\n c.srli a0, 60\n c.slli a0, 62\n c.srai a0, 1", "a0", 0xe000000000000000},
		{"c.sub c.xor c.or c.and", "c.li a0, 12\n c.li a1, 10\n c.sub a0, a1\n c.xor a0, a1\n c.or a0, a1\n c.andi a0, 9", "a0", 8},
		{"c.subw c.addw", "li a0, 0x7fffffff\n c.li a1, 1\n c.addw a0, a1\n c.subw a0, a1\n c.subw a0, a1", "a0", 0x7ffffffe},
		{"c.mv c.add", "c.li a1, 7\n c.mv a0, a1\n c.add a0, a1", "a0", 14},
		{"c.j c.jal-less", "c.li a0, 1\n c.j 1f\n c.li a0, 2\n1:", "a0", 1},
		{"c.jalr links pc+2", "la a1, 1f\n c.jalr a1\n1: la a2, 1b\n sub a0, ra, a2", "a0", 0},
		{"c.beqz c.bnez", "c.li a0, 0\n c.beqz a0, 1f\n c.li a0, 5\n1: c.bnez a0, 2f\n c.li a0, 3\n2:", "a0", 3},
		{"c.lw c.ld c.sw c.sd", "la a1, data\n c.ld a2, 8(a1)\n c.sd a2, 0(a1)\n c.lw a0, 4(a1)", "a0", 0xfffffffffedcba98},
		{"c.ldsp c.sdsp", "la sp, data\n c.ldsp a0, 8(sp)\n c.sdsp a0, 0(sp)\n c.lwsp a0, 0(sp)", "a0", 0x76543210},
	})
}

func TestM(t *testing.T) {
	// Table 13.1 of the unprivileged spec for division by zero and overflow.
	const minInt = "0x8000000000000000"
	runRegCases(t, []regCase{
		{"mul", "li a1, -3\n li a2, 7\n mul a0, a1, a2", "a0", 0xffffffffffffffeb},
		{"mulh", "li a1, -1\n li a2, -1\n mulh a0, a1, a2", "a0", 0},
		{"mulh negative", "li a1, " + minInt + "\n li a2, 2\n mulh a0, a1, a2", "a0", ^uint64(0)},
		{"mulhu", "li a1, -1\n li a2, -1\n mulhu a0, a1, a2", "a0", 0xfffffffffffffffe},
		{"mulhsu", "li a1, -1\n li a2, -1\n mulhsu a0, a1, a2", "a0", ^uint64(0)},
		{"mulhsu negative times unsigned", "li a1, -5\n li a2, 3\n mulhsu a0, a1, a2", "a0", ^uint64(0)},
		{"mulhsu big unsigned", "li a1, 2\n li a2, -1\n mulhsu a0, a1, a2", "a0", 1},
		{"mulw", "li a1, 0x10000\n mulw a0, a1, a1", "a0", 0},
		{"mulw sign", "li a1, 0x8000\n li a2, 0x10000\n mulw a0, a1, a2", "a0", 0xffffffff80000000},
		{"div", "li a1, -7\n li a2, 2\n div a0, a1, a2", "a0", 0xfffffffffffffffd},
		{"div by zero", "li a1, 5\n div a0, a1, zero", "a0", ^uint64(0)},
		{"div overflow", "li a1, " + minInt + "\n li a2, -1\n div a0, a1, a2", "a0", 1 << 63},
		{"divu by zero", "li a1, 5\n divu a0, a1, zero", "a0", ^uint64(0)},
		{"rem sign follows dividend", "li a1, -7\n li a2, 2\n rem a0, a1, a2", "a0", ^uint64(0)},
		{"rem by zero", "li a1, -7\n rem a0, a1, zero", "a0", 0xfffffffffffffff9},
		{"rem overflow", "li a1, " + minInt + "\n li a2, -1\n rem a0, a1, a2", "a0", 0},
		{"remu by zero", "li a1, 9\n remu a0, a1, zero", "a0", 9},
		{"divw", "li a1, 0x1fffffff9\n li a2, 2\n divw a0, a1, a2", "a0", 0xfffffffffffffffd},
		{"divw by zero", "li a1, 5\n divw a0, a1, zero", "a0", ^uint64(0)},
		{"divw overflow", "li a1, 0x80000000\n li a2, -1\n divw a0, a1, a2", "a0", 0xffffffff80000000},
		{"divuw", "li a1, -1\n li a2, 2\n divuw a0, a1, a2", "a0", 0x7fffffff},
		{"divuw by zero", "li a1, 5\n divuw a0, a1, zero", "a0", ^uint64(0)},
		{"remw by zero", "li a1, 0x180000000\n remw a0, a1, zero", "a0", 0xffffffff80000000},
		{"remw overflow", "li a1, 0x80000000\n li a2, -1\n remw a0, a1, a2", "a0", 0},
		{"remuw", "li a1, -1\n li a2, 10\n remuw a0, a1, a2", "a0", 5},
		{"remuw by zero", "li a1, 0x80000000\n remuw a0, a1, zero", "a0", 0xffffffff80000000},
	})
}

func TestInstretAndCycle(t *testing.T) {
	h := runAsm(t, "nop\n nop\n csrr a0, instret\n li t0, 100\n csrw minstret, t0\n csrr a1, minstret\n csrr a2, instret\n ebreak")
	// instret reads the count before the reading instruction retires; a
	// write replaces that instruction's increment (Zicsr chapter).
	for _, c := range []struct {
		r    string
		want uint64
	}{{"a0", 2}, {"a1", 100}, {"a2", 101}} {
		if got := reg(h, c.r); got != c.want {
			t.Errorf("%s = %d, want %d", c.r, got, c.want)
		}
	}
	if h.Instret() != 102 {
		t.Errorf("Instret() = %d after ebreak stop, want 102", h.Instret())
	}
}

func ExampleHart_Run() {
	// A hart with 64 KiB of RAM at 0x80000000 running "li a0, 42; wfi".
	ram := make([]byte, 64<<10)
	copy(ram, []byte{0x13, 0x05, 0xa0, 0x02, 0x73, 0x00, 0x50, 0x10})
	h := New(Config{RAMBase: 0x80000000, RAM: ram, Shared: NewShared(false)})
	h.Reset(0x80000000)
	n, why := h.Run(1000)
	fmt.Println(n, why, h.X(10), h.Waiting())
	// Output: 2 wfi 42 true
}
