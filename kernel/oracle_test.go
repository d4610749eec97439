// Building the kernel with the oracle toolchain (GNU as + ld) and booting it
// on QEMU: the tests that check the kernel on an independent machine.

package kernel

import (
	"bytes"
	"context"
	"debug/elf"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// gnuBuild assembles and links the kernel with GNU as + ld (the oracle
// toolchain), the way rvstop's assembler will: Files in order, .text at
// Base, sections in oracle.LinkerScript's order. Defsyms go to as
// --defsym. The result is cached per defsym set for the test binary.
func gnuBuild(t testing.TB, defsyms ...string) string {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	key := strings.Join(defsyms, ",")
	buildMu.Lock()
	defer buildMu.Unlock()
	if p, ok := builds[key]; ok {
		return p
	}
	dir, err := os.MkdirTemp("", "rvstop-kernel-")
	if err != nil {
		t.Fatal(err)
	}
	// Unpack the embedded sources: the build must see exactly what
	// rvstop embeds, not whatever is in the working tree.
	err = fs.WalkDir(Src, "src", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := Src.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(dir, "gnu.ld")
	if err := os.WriteFile(script, []byte(oracle.LinkerScript), 0o644); err != nil {
		t.Fatal(err)
	}
	var objs []string
	for _, f := range Files {
		obj := filepath.Join(dir, strings.TrimSuffix(filepath.Base(f), ".s")+".o")
		args := []string{"-march=rv64imac_zicsr_zifencei_zihintpause", "-mno-relax", "-I", filepath.Join(dir, "src"), "-o", obj}
		for _, d := range defsyms {
			args = append(args, "--defsym", d)
		}
		run(t, as, append(args, filepath.Join(dir, f))...)
		objs = append(objs, obj)
	}
	elf := filepath.Join(dir, "kernel.elf")
	run(t, ld, append([]string{"-T", script, "-Ttext=0x80200000", "--no-warn-rwx-segments", "-o", elf}, objs...)...)
	builds[key] = elf
	return elf
}

var (
	buildMu sync.Mutex
	builds  = map[string]string{}
)

func run(t testing.TB, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// bootQEMU boots elf on QEMU's virt machine with Debian's OpenSBI and
// returns the console output. A run that does not end by itself within
// timeout is killed and fails the test, showing what it printed.
func bootQEMU(t testing.TB, elf string, smp int, appendArgs string, timeout time.Duration) string {
	t.Helper()
	return bootQEMUWith(t, oracle.Require(t, oracle.OpenSBIFwJump), elf, smp, appendArgs, timeout)
}

// bootQEMUWith is bootQEMU with another firmware (-bios fw).
func bootQEMUWith(t testing.TB, fw, elf string, smp int, appendArgs string, timeout time.Duration) string {
	t.Helper()
	qemu := oracle.Require(t, oracle.QEMU)
	args := []string{"-machine", "virt", "-smp", itoa(smp), "-m", "128M", "-nographic",
		"-bios", fw, "-kernel", elf}
	if appendArgs != "" {
		args = append(args, "-append", appendArgs)
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, qemu, args...)
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	cmd.Stdin = nil
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("QEMU -smp %d did not shut down within %v; console:\n%s", smp, timeout, out.String())
	}
	if err != nil {
		t.Fatalf("QEMU -smp %d: %v; console:\n%s", smp, err, out.String())
	}
	return strings.ReplaceAll(out.String(), "\r\n", "\n")
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
		if n == 0 {
			return string(b[i:])
		}
	}
}

// TestOurAssemblerMatchesGNU: rvstop's assembler and GNU as + ld produce the
// same loaded bytes for the kernel, so what the QEMU tests prove about the
// GNU build holds for the image `rvstop boot` runs.
func TestOurAssemblerMatchesGNU(t *testing.T) {
	ours, err := Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	gnu, err := os.ReadFile(gnuBuild(t))
	if err != nil {
		t.Fatal(err)
	}
	a, b := loadedSections(t, ours), loadedSections(t, gnu)
	if len(a) != len(b) {
		t.Fatalf("ours has %d loaded sections, GNU %d", len(a), len(b))
	}
	for addr, want := range b {
		got := a[addr]
		if bytes.Equal(got, want) {
			continue
		}
		i := 0
		for i < len(got) && i < len(want) && got[i] == want[i] {
			i++
		}
		t.Errorf("section at %#x: first difference at %#x (ours %d bytes, GNU %d)", addr, addr+uint64(i), len(got), len(want))
	}
}

// loadedSections maps each allocated PROGBITS section's address to its bytes.
func loadedSections(t *testing.T, img []byte) map[uint64][]byte {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(img))
	if err != nil {
		t.Fatal(err)
	}
	m := map[uint64][]byte{}
	for _, s := range f.Sections {
		if s.Type == elf.SHT_PROGBITS && s.Flags&elf.SHF_ALLOC != 0 {
			d, err := s.Data()
			if err != nil {
				t.Fatal(err)
			}
			m[s.Addr] = d
		}
	}
	return m
}
