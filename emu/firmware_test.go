package emu

import (
	"os"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// TestOpenSBIUBoot boots Debian's OpenSBI 1.1 fw_jump and U-Boot 2023.01
// (S-mode) unmodified, as on `qemu-system-riscv64 -machine virt -smp 4`,
// types commands from a script and powers off through the finisher. Real
// firmware written elsewhere is the best test of the board: the CLINT (IPIs,
// timer), the UART driver paths of two projects, the FDT, the boot ROM.
func TestOpenSBIUBoot(t *testing.T) {
	if testing.Short() {
		t.Skip("boots real firmware (about a second)")
	}
	fw := oracle.Require(t, oracle.OpenSBIFwJump)
	ub := oracle.Require(t, oracle.UBootSMode)
	uboot, err := os.ReadFile(ub)
	if err != nil {
		t.Fatal(err)
	}
	res := bootUBoot(t, fw, uboot)
	// The same seed and script reproduce the boot exactly.
	if again := bootUBoot(t, fw, uboot); again.Instructions != res.Instructions ||
		string(again.Console) != string(res.Console) {
		t.Errorf("second boot: %d instructions, first %d", again.Instructions, res.Instructions)
	}
	out := strings.ReplaceAll(string(res.Console), "\r\n", "\n")
	if res.Reason != ExitFinisher || res.Status != 0 {
		t.Fatalf("%v status %d\n%s\n%s", res.Reason, res.Status, out, res.Report)
	}
	for _, want := range []string{
		"OpenSBI v1.1",
		"Platform HART Count       : 4",
		"Platform IPI Device       : aclint-mswi",
		"Platform Timer Device     : aclint-mtimer @ 10000000Hz",
		"Platform Console Device   : uart8250",
		"Platform Reboot Device    : sifive_test",
		"Domain0 Next Address      : 0x0000000080200000",
		"U-Boot 2023.01",
		"CPU:   rv64imac",
		"DRAM:  128 MiB",
		"=> version\nU-Boot 2023.01",
		`riscv,isa = "` + ISA + `"`,
		"=> poweroff",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("console lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("console:\n%s", out)
	}
}

func bootUBoot(t *testing.T, fw string, uboot []byte) Result {
	// "x" stops the autoboot countdown; the rest is typed at the prompt.
	script := "x\nversion\nfdt addr $fdtcontroladdr\nfdt print /cpus/cpu@3\npoweroff\n"
	m, err := New(Config{Harts: 4, Seed: 1, Stdin: strings.NewReader(script), MaxInsns: 2e9})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELFFile(fw); err != nil {
		t.Fatal(err)
	}
	if err := m.LoadImage(uboot, KernelBase); err != nil {
		t.Fatal(err)
	}
	m.SetEntry(RAMBase, KernelBase)
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	return res
}
