package hart

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
	"github.com/rvstop/rvstop/isa"
)

const (
	testRAMBase = 0x80000000
	testRAMSize = 1 << 20
	// testDevBase is a bus window the test bus answers (loads read back what
	// was stored); everything else outside RAM faults.
	testDevBase = 0x10000000
	testDevSize = 0x1000
)

// testBus is a minimal device: 4 KiB of scratch registers that remember
// aligned stores, for checking the Bus path (misaligned splitting, AMOs).
type testBus struct {
	regs   [testDevSize]byte
	stores int
}

func (b *testBus) Load(addr uint64, size int) (uint64, bool) {
	off := addr - testDevBase
	if off >= testDevSize || addr%uint64(size) != 0 {
		return 0, false
	}
	var v uint64
	for i := range size {
		v |= uint64(b.regs[off+uint64(i)]) << (8 * i)
	}
	return v, true
}

func (b *testBus) Store(addr uint64, size int, v uint64) bool {
	off := addr - testDevBase
	if off >= testDevSize || addr%uint64(size) != 0 {
		return false
	}
	for i := range size {
		b.regs[off+uint64(i)] = byte(v >> (8 * i))
	}
	b.stores++
	return true
}

// assemble builds src with GNU as and ld at testRAMBase and returns the loaded
// image and its symbols. GNU as is the independent oracle: the encodings the
// hart decodes come from it, not from our own tables.
func assemble(t testing.TB, src string) ([]byte, map[string]uint64) {
	t.Helper()
	out := assembleELF(t, src)
	f, err := elf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img := make([]byte, 0, 4096)
	for _, sec := range f.Sections {
		if sec.Flags&elf.SHF_ALLOC == 0 || sec.Addr < testRAMBase {
			continue
		}
		end := sec.Addr - testRAMBase + sec.Size
		for uint64(len(img)) < end {
			img = append(img, 0)
		}
		if sec.Type == elf.SHT_PROGBITS {
			data, err := sec.Data()
			if err != nil {
				t.Fatal(err)
			}
			copy(img[sec.Addr-testRAMBase:], data)
		}
	}
	syms := map[string]uint64{}
	ss, _ := f.Symbols()
	for _, sym := range ss {
		syms[sym.Name] = sym.Value
	}
	return img, syms
}

// assembleELF assembles and links src, returning the ELF's path.
func assembleELF(t testing.TB, src string) string {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	dir := t.TempDir()
	s, o, out := filepath.Join(dir, "t.s"), filepath.Join(dir, "t.o"), filepath.Join(dir, "t.elf")
	if err := os.WriteFile(s, []byte(src+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{
		{as, "-march=rv64imac_zicsr_zifencei", "-o", o, s},
		{ld, "--no-relax", "-Ttext=0x80000000", "-e", "0x80000000", "-o", out, o},
	} {
		if b, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", filepath.Base(cmd[0]), err, b)
		}
	}
	return out
}

// machine is a test board: harts sharing RAM and a testBus.
type machine struct {
	ram   []byte
	bus   *testBus
	harts []*Hart
	syms  map[string]uint64
	mtime uint64
}

type machineOpt func(*Config)

func trapMisaligned(c *Config) { c.Misaligned = MisalignedTrap }

func newMachine(t testing.TB, nharts int, parallel bool, src string, opts ...machineOpt) *machine {
	t.Helper()
	img, syms := assemble(t, src)
	return newMachineImg(nharts, parallel, img, syms, opts...)
}

func newMachineImg(nharts int, parallel bool, img []byte, syms map[string]uint64, opts ...machineOpt) *machine {
	m := &machine{ram: make([]byte, testRAMSize), bus: &testBus{}, syms: syms}
	copy(m.ram, img)
	sh := NewShared(parallel)
	for i := range nharts {
		cfg := Config{ID: uint64(i), RAMBase: testRAMBase, RAM: m.ram, Bus: m.bus,
			Shared: sh, Time: func() uint64 { return m.mtime }}
		for _, o := range opts {
			o(&cfg)
		}
		h := New(cfg)
		h.Reset(testRAMBase)
		h.SetDebugEbreak(true)
		m.harts = append(m.harts, h)
	}
	return m
}

// run runs hart 0 until it stops (ebreak in debug mode, WFI) or the budget
// ends, and fails the test if it did not stop by ebreak.
func (m *machine) run(t testing.TB) *Hart {
	t.Helper()
	h := m.harts[0]
	_, why := h.Run(10_000_000)
	if why != StopEbreak {
		t.Fatalf("stopped by %v at pc %#x, want an ebreak; last trap %+v", why, h.PC(), h.LastTrap())
	}
	return h
}

// runAsm assembles src for one hart and runs it to its ebreak.
func runAsm(t testing.TB, src string, opts ...machineOpt) *Hart {
	t.Helper()
	return newMachine(t, 1, false, src, opts...).run(t)
}

// reg returns the value of an ABI-named register.
func reg(h *Hart, name string) uint64 {
	for i, n := range isa.XNames {
		if n == name {
			return h.X(i)
		}
	}
	panic("unknown register " + name)
}
