package tests

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// gnuMarch is the ISA the programs are written for, as rvstop's assembler defaults to.
const gnuMarch = "rv64imac_zicsr_zifencei_zihintpause"

// buildGNU assembles and links p with GNU as and ld (the oracle toolchain) into
// dir, with --defsym NAME=VALUE for each entry of defsym, and returns the ELF's path.
func buildGNU(t testing.TB, p *isaProgram, dir string, defsym map[string]int64) string {
	t.Helper()
	as := oracle.Require(t, oracle.GNUAs)
	ld := oracle.Require(t, oracle.GNULd)
	script := filepath.Join(dir, "gnu.ld")
	if err := os.WriteFile(script, []byte(oracle.LinkerScript), 0o644); err != nil {
		t.Fatal(err)
	}
	obj := filepath.Join(dir, p.name+".o")
	elf := filepath.Join(dir, p.name+".elf")
	args := []string{"-march=" + gnuMarch, "-mno-relax", "-I", isaDir, "-o", obj}
	for name, v := range defsym {
		args = append(args, "--defsym", name+"="+strconv.FormatInt(v, 10))
	}
	args = append(args, p.path)
	if out, err := exec.Command(as, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", as, args, err, out)
	}
	// --no-warn-rwx-segments: the programs are one RWX image by design.
	ldArgs := []string{"-T", script, "-Ttext=0x80000000", "--no-warn-rwx-segments", "-o", elf, obj}
	if out, err := exec.Command(ld, ldArgs...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", ld, ldArgs, err, out)
	}
	return elf
}
