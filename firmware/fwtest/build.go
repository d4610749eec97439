// Package fwtest builds rvstop's guest code (the SBI firmware, its S-mode test
// payload, or any embedded sources) with the GNU oracle toolchain and runs the
// images on QEMU, for tests in firmware/ and in other packages (kernel/, tests/).
// Tests skip when an oracle is missing, unless RVSTOP_REQUIRE_ORACLES=1.
package fwtest

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/internal/oracle"
)

// GNUMarch is the -march the project's guest code is assembled with.
const GNUMarch = "rv64imac_zicsr_zifencei_zihintpause"

// Image describes one guest image to build from sources in a file system.
type Image struct {
	FS          fs.FS            // sources and include files
	Files       []string         // sources in link order, paths inside FS
	IncludeDirs []string         // .include search directories inside FS
	Base        uint64           // address of the first byte of .text
	Defsym      map[string]int64 // --defsym NAME=VALUE
}

// BuildGNU assembles img with GNU as and links it with GNU ld and the oracle's
// linker script (rvstop's section order), returning the ELF's path. Images are
// built once per test binary (keyed by sources, base and symbols) in a
// temporary directory that outlives the test.
func BuildGNU(t testing.TB, img Image) string {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	key, err := imageKey(img)
	if err != nil {
		t.Fatalf("fwtest: %v", err)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if elf, ok := builds[key]; ok {
		return elf
	}
	dir, err := os.MkdirTemp("", "rvstop-fwtest-")
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "src")
	if err := copyFS(src, img.FS); err != nil {
		t.Fatalf("fwtest: copying sources: %v", err)
	}
	args := []string{"-march=" + GNUMarch, "-mno-relax"}
	for _, inc := range img.IncludeDirs {
		args = append(args, "-I", filepath.Join(src, inc))
	}
	names := make([]string, 0, len(img.Defsym))
	for n := range img.Defsym {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		args = append(args, fmt.Sprintf("--defsym=%s=%d", n, img.Defsym[n]))
	}
	var objs []string
	for i, f := range img.Files {
		obj := filepath.Join(dir, fmt.Sprintf("%02d_%s.o", i, strings.TrimSuffix(filepath.Base(f), ".s")))
		cmd := exec.Command(as, append(append([]string{}, args...), "-o", obj, f)...)
		cmd.Dir = src // error messages then name the file as in Files
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("fwtest: %s %s: %v\n%s", as, f, err, out)
		}
		objs = append(objs, obj)
	}
	script := filepath.Join(dir, "gnu.ld")
	if err := os.WriteFile(script, []byte(oracle.LinkerScript), 0o644); err != nil {
		t.Fatal(err)
	}
	elf := filepath.Join(dir, "image.elf")
	ldArgs := append([]string{"--no-warn-rwx-segments", "-T", script,
		fmt.Sprintf("-Ttext=%#x", img.Base), "-o", elf}, objs...)
	if out, err := exec.Command(ld, ldArgs...).CombinedOutput(); err != nil {
		t.Fatalf("fwtest: %s: %v\n%s", ld, err, out)
	}
	builds[key] = elf
	return elf
}

var (
	buildMu sync.Mutex
	builds  = map[string]string{} // imageKey -> ELF path
)

// imageKey identifies an image by the content of its file system, its file
// list, base and symbols.
func imageKey(img Image) (string, error) {
	h := sha256.New()
	err := fs.WalkDir(img.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(img.FS, p)
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
		return err
	})
	fmt.Fprintf(h, "%q %q %#x %v", img.Files, img.IncludeDirs, img.Base, img.Defsym)
	return fmt.Sprintf("%x", h.Sum(nil)), err
}

// Firmware describes rvstop's SBI firmware image; defsym may set FW_JUMP_ADDR.
func Firmware(defsym map[string]int64) Image {
	return Image{FS: firmware.Src, Files: firmware.Files, IncludeDirs: firmware.IncludeDirs,
		Base: firmware.Base, Defsym: defsym}
}

// SBITest describes the S-mode SBI test payload; defsym may set HSM_ROUNDS.
func SBITest(defsym map[string]int64) Image {
	return Image{FS: firmware.SBITest, Files: firmware.SBITestFiles, IncludeDirs: firmware.IncludeDirs,
		Base: firmware.PayloadBase, Defsym: defsym}
}

// FirmwareELF builds the default firmware with GNU as + ld.
func FirmwareELF(t testing.TB) string { t.Helper(); return BuildGNU(t, Firmware(nil)) }

// copyFS writes every file of fsys under dir.
func copyFS(dir string, fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
