// Package oracle finds the independent tools that tests compare rvstop against
// (GNU binutils, QEMU, Debian's OpenSBI and U-Boot, gdb-multiarch).
//
// A test that needs one calls Require: when the tool is absent the test is skipped
// with a message naming the Debian package, except when RVSTOP_REQUIRE_ORACLES=1
// (set by .ci/run), where a missing oracle fails the test instead.
package oracle

import (
	_ "embed"
	"os"
	"os/exec"
	"testing"
)

// Known oracles: the command (or file) and the Debian package that provides it.
const (
	GNUAs      = "riscv64-unknown-elf-as"
	GNULd      = "riscv64-unknown-elf-ld"
	GNUObjdump = "riscv64-unknown-elf-objdump"
	GNUAddr2   = "riscv64-unknown-elf-addr2line"
	QEMU       = "qemu-system-riscv64"
	GDB        = "gdb-multiarch"
	DTC        = "dtc"

	OpenSBIFwJump = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"
	UBootSMode    = "/usr/lib/u-boot/qemu-riscv64_smode/u-boot.bin"
)

var packages = map[string]string{
	GNUAs:         "binutils-riscv64-unknown-elf",
	GNULd:         "binutils-riscv64-unknown-elf",
	GNUObjdump:    "binutils-riscv64-unknown-elf",
	GNUAddr2:      "binutils-riscv64-unknown-elf",
	QEMU:          "qemu-system-misc",
	GDB:           "gdb-multiarch",
	DTC:           "device-tree-compiler",
	OpenSBIFwJump: "opensbi",
	UBootSMode:    "u-boot-qemu",
}

// Required reports whether CI demands every oracle (RVSTOP_REQUIRE_ORACLES=1).
func Required() bool { return os.Getenv("RVSTOP_REQUIRE_ORACLES") == "1" }

// Require returns the path of an oracle command or file, or ends the test:
// skipped normally, failed under RVSTOP_REQUIRE_ORACLES=1.
func Require(t testing.TB, name string) string {
	t.Helper()
	if p, ok := Find(name); ok {
		return p
	}
	msg := name + " not found (Debian package " + packages[name] + ")"
	if Required() {
		t.Fatalf("%s, and RVSTOP_REQUIRE_ORACLES=1 demands it", msg)
	}
	t.Skipf("%s; skipping this oracle comparison", msg)
	return ""
}

// Find looks an oracle up without touching a test: absolute names are files,
// others are searched on PATH.
func Find(name string) (string, bool) {
	if name != "" && name[0] == '/' {
		_, err := os.Stat(name)
		return name, err == nil
	}
	p, err := exec.LookPath(name)
	return p, err == nil
}

// LinkerScript is the GNU ld script that lays sections out in the order rvstop's
// assembler does (.text, .rodata, .data, .bss from the base address), so that GNU
// as + ld build an image whose loaded bytes can be compared with ours.
//
//go:embed gnu.ld
var LinkerScript string
