package firmware_test

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/firmware/fwtest"
	"github.com/rvstop/rvstop/internal/oracle"
)

// runPayload boots the SBI test payload on QEMU and returns its KTAP results,
// failing the test when the output is not complete KTAP.
func runPayload(t *testing.T, q fwtest.QEMU) (fwtest.Run, []fwtest.Result) {
	t.Helper()
	run := fwtest.RunQEMU(t, q)
	results, err := fwtest.ParseKTAP(run.Output)
	if err != nil {
		t.Fatalf("%v\noutput:\n%s", err, run.Output)
	}
	return run, results
}

// requireAllPass fails for every failed result; skips are allowed only for
// the reasons listed. What the console tests write must be on the console.
func requireAllPass(t *testing.T, run fwtest.Run, results []fwtest.Result, allowedSkips ...string) {
	t.Helper()
	for _, r := range results {
		if r.Name == "dbcn_console_write" && r.OK && r.Skip == "" && !strings.Contains(run.Output, "\n# dbcn console_write\n") {
			t.Errorf("DBCN console_write reported success but its text is not on the console")
		}
	}
	for _, r := range results {
		switch {
		case r.Skip != "":
			if !contains(allowedSkips, r.Skip) {
				t.Errorf("%d %s skipped: %s", r.Number, r.Name, r.Skip)
			}
		case !r.OK:
			t.Errorf("%d %s failed:\n\t%s", r.Number, r.Name, strings.Join(r.Diagnostic, "\n\t"))
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.Output)
	}
}

// skipsFor lists the skips a machine with smp harts is allowed: the tests
// that need more harts than it has.
func skipsFor(smp int) []string {
	var skips []string
	for need := smp + 1; need <= 3; need++ {
		skips = append(skips, fmt.Sprintf("needs %d harts", need))
	}
	return skips
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestSBIPayloadOnQEMU: every SBI test passes on 1, 2, 4 and 8 harts, and the
// payload's SRST shutdown (reason none) makes QEMU exit 0.
func TestSBIPayloadOnQEMU(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	for _, smp := range []int{1, 2, 4, 8} {
		t.Run(fmt.Sprintf("smp%d", smp), func(t *testing.T) {
			run, results := runPayload(t, fwtest.QEMU{BIOS: fw, Kernel: payload, SMP: smp})
			requireAllPass(t, run, results, skipsFor(smp)...)
			if run.ExitCode != 0 {
				t.Errorf("QEMU exit status %d, want 0 (SRST shutdown, reason none)", run.ExitCode)
			}
			for _, banner := range []string{
				fmt.Sprintf("Platform HART Count       : %d\n", smp),
				"Boot HART ISA Extensions  : sstc pmp\n", // QEMU's default CPU has both
			} {
				if !strings.Contains(run.Output, banner) {
					t.Errorf("banner lacks %q:\n%s", banner, run.Output)
				}
			}
		})
	}
}

// TestSBIPayloadWithoutSstcAndPMP: the same tests on rv64imac harts (no F/D)
// without Sstc (so set_timer goes through the CLINT's mtimecmp and mip.STIP)
// and without PMP (so the firmware's probes must take the trap and carry on).
func TestSBIPayloadWithoutSstcAndPMP(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	run, results := runPayload(t, fwtest.QEMU{BIOS: fw, Kernel: payload, SMP: 4, CPU: "rv64,sstc=false,pmp=false,f=false,d=false"})
	requireAllPass(t, run, results)
	if !strings.Contains(run.Output, "Boot HART ISA Extensions  : none\n") {
		t.Errorf("banner should report neither sstc nor pmp:\n%s", run.Output)
	}
}

// TestHSMStress: many hart_start/hart_stop cycles on every secondary of an
// 8-hart machine; none may be lost or stay pending (each wait is bounded).
func TestHSMStress(t *testing.T) {
	t.Parallel()
	rounds := int64(40)
	if testing.Short() {
		rounds = 10
	}
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(map[string]int64{"HSM_ROUNDS": rounds}))
	run, results := runPayload(t, fwtest.QEMU{BIOS: fw, Kernel: payload, SMP: 8, Timeout: 120 * time.Second})
	requireAllPass(t, run, results)
}

// openSBIDifferences are the tests whose outcome differs on Debian's OpenSBI
// 1.1 (fw_jump), each for a reason docs/firmware.md records. Tests OpenSBI
// skips because it lacks the extension (DBCN) are not compared.
var openSBIDifferences = map[string]string{
	"base_spec_version":              "OpenSBI 1.1 implements SBI v1.0",
	"ipi_mask_names_missing_hart":    "OpenSBI 1.1 ignores mask bits of harts that do not exist",
	"rfence_mask_names_missing_hart": "OpenSBI 1.1 ignores mask bits of harts that do not exist",
	"hsm_start_address_outside_ram":  "OpenSBI 1.1's root domain lets S-mode start harts anywhere outside the firmware",
	"hsm_suspend_platform_types":     "OpenSBI 1.1 answers NOT_SUPPORTED for unimplemented platform-specific suspend types",
}

// TestSBIPayloadAgreesWithOpenSBI runs the payload on our firmware and on
// Debian's OpenSBI, both on QEMU with 4 harts: every function both implement
// gives the same result, except the documented differences (which must still
// be differences, so the documentation stays true).
func TestSBIPayloadAgreesWithOpenSBI(t *testing.T) {
	t.Parallel()
	opensbi := oracle.Require(t, oracle.OpenSBIFwJump)
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	ourRun, ours := runPayload(t, fwtest.QEMU{BIOS: fw, Kernel: payload, SMP: 4})
	theirRun, theirs := runPayload(t, fwtest.QEMU{BIOS: opensbi, Kernel: payload, SMP: 4})
	if !strings.Contains(theirRun.Output, "OpenSBI v1.1") {
		t.Fatalf("not OpenSBI 1.1's banner:\n%s", theirRun.Output)
	}
	if len(ours) != len(theirs) {
		t.Fatalf("%d results on rvstop's firmware, %d on OpenSBI", len(ours), len(theirs))
	}
	for i, o := range ours {
		th := theirs[i]
		if th.Skip == "DBCN not implemented" {
			continue
		}
		same := o.OK == th.OK && o.Skip == th.Skip
		_, known := openSBIDifferences[o.Name]
		switch {
		case !same && !known:
			t.Errorf("%s: ok=%v on rvstop's firmware, ok=%v on OpenSBI\n\tours: %s\n\tOpenSBI: %s", o.Name,
				o.OK, th.OK, strings.Join(o.Diagnostic, "; "), strings.Join(th.Diagnostic, "; "))
		case same && known:
			t.Errorf("%s: documented as differing on OpenSBI (%s) but agrees", o.Name, openSBIDifferences[o.Name])
		}
	}
	if t.Failed() {
		t.Logf("rvstop firmware:\n%s\nOpenSBI:\n%s", ourRun.Output, theirRun.Output)
	}
}

// actionPayload builds testdata/actions.s with ACTION = action, linked at
// the payload's usual address.
func actionPayload(t testing.TB, action int64) string {
	return actionPayloadAt(t, action, firmware.PayloadBase)
}

// actionPayloadAt builds testdata/actions.s with ACTION = action at base.
func actionPayloadAt(t testing.TB, action int64, base uint64) string {
	src, err := os.ReadFile("testdata/actions.s")
	if err != nil {
		t.Fatal(err)
	}
	inc, err := firmware.Src.ReadFile("src/sbi.inc")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"actions.s": {Data: src}, "sbi.inc": {Data: inc}}
	return fwtest.BuildGNU(t, fwtest.Image{FS: fsys, Files: []string{"actions.s"}, IncludeDirs: []string{"."},
		Base: base, Defsym: map[string]int64{"ACTION": action}})
}

// TestUnexpectedTrapDumpsRegisters: an illegal instruction in S-mode (not
// delegated) ends in a register dump and a failing exit status, not a hang.
func TestUnexpectedTrapDumpsRegisters(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	checkTrapDump(t, fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: actionPayload(t, 1), SMP: 2}))
}

// checkTrapDump checks the end of a run of actions.s with ACTION = 1.
func checkTrapDump(t *testing.T, run fwtest.Run) {
	t.Helper()
	if run.ExitCode != 1 {
		t.Errorf("exit status %d, want 1 (SRST reason system failure)", run.ExitCode)
	}
	for _, want := range []string{
		"payload running\n",
		"sbi: unexpected trap from S/U-mode on hart ",
		"sbi: mcause 0x0000000000000002 mtval 0x0000000000000000\n",
		"  s2 0x1122334455667788",
		"  s3 0x000000000badc0de",
		"  s4 0xfffffffffffffffe",
	} {
		if !strings.Contains(run.Output, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	// mepc is the illegal instruction, inside the payload.
	if m := regexp.MustCompile(`sbi: mepc   0x00000000802[0-9a-f]{5} `).FindString(run.Output); m == "" {
		t.Errorf("no mepc inside the payload")
	}
	if strings.Contains(run.Output, "payload still running") {
		t.Errorf("the payload went on after the illegal instruction")
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.Output)
	}
}

// TestSRSTFailureAndReboot: shutdown with reason "system failure" exits 1;
// a cold reboot resets the machine (QEMU -no-reboot then exits 0).
func TestSRSTFailureAndReboot(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	run := fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: actionPayload(t, 2)})
	if run.ExitCode != 1 || strings.Contains(run.Output, "still running") {
		t.Errorf("shutdown(reason failure): exit %d, want 1; output:\n%s", run.ExitCode, run.Output)
	}
	run = fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: actionPayload(t, 3), Extra: []string{"-no-reboot"}})
	if run.ExitCode != 0 || strings.Count(run.Output, "payload running") != 1 || strings.Contains(run.Output, "still running") {
		t.Errorf("cold reboot: exit %d, want 0 after one run; output:\n%s", run.ExitCode, run.Output)
	}
}

// editedDTB returns QEMU's own device tree for virt with smp harts and
// 128 MiB, passed through edit as device tree source.
func editedDTB(t *testing.T, smp int, edit func(dts string) string) string {
	qemu := oracle.Require(t, oracle.QEMU)
	dtc := oracle.Require(t, oracle.DTC)
	dir := t.TempDir()
	dtb := dir + "/virt.dtb"
	out, err := exec.Command(qemu, "-machine", "virt,dumpdtb="+dtb, "-smp", fmt.Sprint(smp),
		"-m", "128M", "-nographic").CombinedOutput()
	if err != nil {
		t.Fatalf("qemu dumpdtb: %v\n%s", err, out)
	}
	dts, err := exec.Command(dtc, "-q", "-I", "dtb", "-O", "dts", dtb).Output()
	if err != nil {
		t.Fatalf("dtc: %v", err)
	}
	cmd := exec.Command(dtc, "-q", "-I", "dts", "-O", "dtb", "-o", dtb)
	cmd.Stdin = strings.NewReader(edit(string(dts)))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("dtc: %v\n%s", err, out)
	}
	return dtb
}

// replaceIn replaces the first old after the first anchor in s, failing the
// test when either is missing.
func replaceIn(t *testing.T, s, anchor, old, new string) string {
	a := strings.Index(s, anchor)
	if a < 0 {
		t.Fatalf("no %q in QEMU's device tree", anchor)
	}
	o := strings.Index(s[a:], old)
	if o < 0 {
		t.Fatalf("no %q after %q in QEMU's device tree", old, anchor)
	}
	return s[:a+o] + new + s[a+o+len(old):]
}

// TestDisabledHartsInFDT: harts whose cpu node is disabled are not counted,
// cannot be addressed by SBI calls and never run S-mode code, whichever hart
// wins the boot lottery (hart 0 disabled forces the hand-over to another).
func TestDisabledHartsInFDT(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	for _, disabled := range []int{0, 3} {
		t.Run(fmt.Sprintf("cpu%d", disabled), func(t *testing.T) {
			dtb := editedDTB(t, 4, func(dts string) string {
				return replaceIn(t, dts, fmt.Sprintf("cpu@%d {", disabled), `status = "okay";`, `status = "disabled";`)
			})
			run, results := runPayload(t, fwtest.QEMU{BIOS: fw, Kernel: payload, SMP: 4, Extra: []string{"-dtb", dtb}})
			requireAllPass(t, run, results)
			if !strings.Contains(run.Output, "Platform HART Count       : 3\n") {
				t.Errorf("banner should count 3 harts:\n%s", run.Output)
			}
			if strings.Contains(run.Output, fmt.Sprintf("Boot HART ID              : %d\n", disabled)) {
				t.Errorf("the disabled hart %d booted the payload", disabled)
			}
		})
	}
}

// TestFirmwareFaultDumps: a device tree that claims 1 GiB of RAM on a 128 MiB
// machine lets a DBCN buffer at 0x9000_0000 pass the firmware's checks; the
// firmware's own load then faults in M-mode, which must end in a dump that
// says so and a failing exit, not a hang or a silent reset.
func TestFirmwareFaultDumps(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	dtb := editedDTB(t, 2, func(dts string) string {
		return replaceIn(t, dts, "memory@80000000 {", "0x00 0x8000000>", "0x00 0x40000000>")
	})
	run := fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: actionPayload(t, 4), SMP: 2, Extra: []string{"-dtb", dtb}})
	if run.ExitCode != 1 {
		t.Errorf("exit status %d, want 1", run.ExitCode)
	}
	for _, want := range []string{
		"RAM                       : 0x0000000080000000 - 0x00000000c0000000\n",
		"sbi: unexpected trap in the firmware (M-mode) on hart ",
		"sbi: mcause 0x0000000000000005 mtval 0x0000000090000000\n", // load access fault
		"  s3 0x000000000badc0de",
	} {
		if !strings.Contains(run.Output, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.Output)
	}
}

// TestUBootOnOurFirmware: Debian's U-Boot (S-mode, built for OpenSBI) boots on
// rvstop's firmware on QEMU with 4 harts, takes commands at its prompt, and
// `poweroff` (SRST) ends the machine with exit status 0.
func TestUBootOnOurFirmware(t *testing.T) {
	t.Parallel()
	uboot := oracle.Require(t, oracle.UBootSMode)
	fw := fwtest.FirmwareELF(t)
	run := fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: uboot, SMP: 4, Script: []fwtest.Step{
		{Wait: "Hit any key to stop autoboot", Send: " "},
		{Wait: "=> ", Send: "version\n"},
		{Wait: "=> ", Send: "fdt addr $fdtcontroladdr; fdt print /cpus/cpu@3 reg\n"},
		{Wait: "=> ", Send: "poweroff\n"},
	}})
	if run.ExitCode != 0 {
		t.Errorf("exit status %d, want 0 after poweroff", run.ExitCode)
	}
	for _, want := range []string{
		"Platform HART Count       : 4\n",
		"U-Boot 2023.01",
		"Model: riscv-virtio,qemu",
		"reg = <0x00000003>",
		"poweroff ...",
	} {
		if !strings.Contains(run.Output, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.Output)
	}
}

// TestBannerFromFDT: the banner's platform name and timebase come from the
// device tree (the root's model, /cpus/timebase-frequency).
func TestBannerFromFDT(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	dtb := editedDTB(t, 1, func(dts string) string {
		dts = replaceIn(t, dts, "/ {", `model = "riscv-virtio,qemu";`, `model = "rvstop test board";`)
		return replaceIn(t, dts, "cpus {", "timebase-frequency = <0x989680>;", "timebase-frequency = <0xf4240>;")
	})
	run := fwtest.RunQEMU(t, fwtest.QEMU{BIOS: fw, Kernel: actionPayload(t, 5), Extra: []string{"-dtb", dtb}})
	for _, want := range []string{
		"Platform Name             : rvstop test board\n",
		"Platform Timer Device     : aclint-mtimer @ 1000000Hz",
		"payload running\n",
	} {
		if !strings.Contains(run.Output, want) {
			t.Errorf("output lacks %q:\n%s", want, run.Output)
		}
	}
}
