package firmware_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/firmware/fwtest"
	"github.com/rvstop/rvstop/internal/oracle"
)

// TestSBIPayloadOnRvstop: the payload passes on rvstop's board with 1, 2, 4
// and 8 harts (deterministic interleaving) and in parallel mode.
func TestSBIPayloadOnRvstop(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	for _, r := range []fwtest.Rvstop{
		{SMP: 1, Seed: 1}, {SMP: 2, Seed: 1}, {SMP: 4, Seed: 1}, {SMP: 8, Seed: 1},
		{SMP: 4, Parallel: true},
	} {
		r.BIOS, r.Kernel = fw, payload
		name := fmt.Sprintf("smp%d_seed%d", r.SMP, r.Seed)
		if r.Parallel {
			name = fmt.Sprintf("smp%d_parallel", r.SMP)
		}
		t.Run(name, func(t *testing.T) {
			run := fwtest.RunRvstop(t, r)
			results, err := fwtest.ParseKTAP(run.Output)
			if err != nil {
				t.Fatalf("%v\noutput:\n%s", err, run.Output)
			}
			requireAllPass(t, run, results, skipsFor(r.SMP)...)
			if run.ExitCode != 0 {
				t.Errorf("exit status %d, want 0", run.ExitCode)
			}
			if strings.Contains(run.Output, "SRST shutdown returned") {
				t.Errorf("the payload ran on after SRST shutdown")
			}
		})
	}
}

// TestHSMStressOnRvstopSeeds: hart_start/hart_stop cycles, IPIs, remote
// fences and suspends on every secondary under many interleavings. Each seed
// is reproducible: a failure names it.
func TestHSMStressOnRvstopSeeds(t *testing.T) {
	t.Parallel()
	seeds := uint64(24)
	if testing.Short() {
		seeds = 4
	}
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(map[string]int64{"HSM_ROUNDS": 10}))
	for seed := uint64(1); seed <= seeds; seed++ {
		smp := 2 + int(seed%7) // 2..8 harts
		run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: payload, SMP: smp, Seed: seed})
		results, err := fwtest.ParseKTAP(run.Output)
		if err != nil {
			t.Fatalf("seed %d, %d harts: %v\noutput:\n%s", seed, smp, err, run.Output)
		}
		for _, r := range results {
			if !r.OK {
				t.Errorf("seed %d, %d harts: %s failed:\n\t%s", seed, smp, r.Name, strings.Join(r.Diagnostic, "\n\t"))
			}
		}
	}
}

// TestUnexpectedTrapOnRvstop and TestSRSTOnRvstop: the firmware's ends of the
// line behave on rvstop as on QEMU.
func TestUnexpectedTrapOnRvstop(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	checkTrapDump(t, fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: actionPayload(t, 1), SMP: 2, Seed: 1}))
}

func TestSRSTOnRvstop(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: actionPayload(t, 2), SMP: 1, Seed: 1})
	if run.ExitCode != 1 || strings.Contains(run.Output, "still running") {
		t.Errorf("shutdown(reason failure): exit %d, want 1; output:\n%s", run.ExitCode, run.Output)
	}
}

// TestOpenSBIOnRvstopAgreesWithQEMU: Debian's OpenSBI runs the payload on
// rvstop's board with exactly the results it gives on QEMU (same passes, same
// failures, same skips): the board, not just our firmware, behaves as QEMU's.
func TestOpenSBIOnRvstopAgreesWithQEMU(t *testing.T) {
	t.Parallel()
	opensbi := oracle.Require(t, oracle.OpenSBIFwJump)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	qemuRun, onQEMU := runPayload(t, fwtest.QEMU{BIOS: opensbi, Kernel: payload, SMP: 4})
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: opensbi, Kernel: payload, SMP: 4, Seed: 1})
	onRvstop, err := fwtest.ParseKTAP(run.Output)
	if err != nil {
		t.Fatalf("%v\noutput:\n%s", err, run.Output)
	}
	if len(onRvstop) != len(onQEMU) {
		t.Fatalf("%d results on rvstop, %d on QEMU", len(onRvstop), len(onQEMU))
	}
	for i, r := range onRvstop {
		q := onQEMU[i]
		if r.OK != q.OK || r.Skip != q.Skip {
			t.Errorf("%s: ok=%v skip=%q on rvstop, ok=%v skip=%q on QEMU\n\trvstop: %s\n\tQEMU: %s", r.Name, r.OK, r.Skip,
				q.OK, q.Skip, strings.Join(r.Diagnostic, "; "), strings.Join(q.Diagnostic, "; "))
		}
	}
	if t.Failed() {
		t.Logf("rvstop:\n%s\nQEMU:\n%s", run.Output, qemuRun.Output)
	}
}

// BenchmarkBootOnRvstop: from reset to S-mode and back out through SRST
// shutdown, with the firmware as rvstop embeds it: what every `rvstop boot`
// pays before the kernel's first instruction. Reports guest instructions.
func BenchmarkBootOnRvstop(b *testing.B) {
	fw, err := firmware.Build(nil)
	if err != nil {
		b.Fatal(err)
	}
	payload, err := os.ReadFile(actionPayload(b, 5))
	if err != nil {
		b.Fatal(err)
	}
	for _, smp := range []int{1, 8} {
		b.Run(fmt.Sprintf("smp%d", smp), func(b *testing.B) {
			var insns uint64
			for b.Loop() {
				m, err := emu.New(emu.Config{Harts: smp, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := m.LoadELF(fw); err != nil {
					b.Fatal(err)
				}
				if _, err := m.LoadELF(payload); err != nil {
					b.Fatal(err)
				}
				m.SetEntry(firmware.Base, firmware.PayloadBase)
				res, err := m.Run()
				if err != nil || res.Reason != emu.ExitFinisher || res.Status != 0 {
					b.Fatalf("run: %v %v status %d\n%s", err, res.Reason, res.Status, res.Console)
				}
				insns = res.Instructions
			}
			b.ReportMetric(float64(insns), "guest-insns/op")
		})
	}
}

// TestUBootOnOurFirmwareOnRvstop: the same U-Boot session as on QEMU, on
// rvstop's board.
func TestUBootOnOurFirmwareOnRvstop(t *testing.T) {
	t.Parallel()
	uboot := oracle.Require(t, oracle.UBootSMode)
	fw := fwtest.FirmwareELF(t)
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: uboot, SMP: 4, Seed: 1, Script: []fwtest.Step{
		{Wait: "Hit any key to stop autoboot", Send: " "},
		{Wait: "=> ", Send: "version\n"},
		{Wait: "=> ", Send: "fdt addr $fdtcontroladdr; fdt print /cpus/cpu@3 reg\n"},
		{Wait: "=> ", Send: "poweroff\n"},
	}})
	if run.ExitCode != 0 {
		t.Errorf("exit status %d, want 0 after poweroff", run.ExitCode)
	}
	for _, want := range []string{"U-Boot 2023.01", "reg = <0x00000003>", "poweroff ..."} {
		if !strings.Contains(run.Output, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("output:\n%s", run.Output)
	}
}

// TestFWJumpAddr: --defsym FW_JUMP_ADDR moves the S-mode entry, as OpenSBI's
// FW_JUMP_ADDR build option does.
func TestFWJumpAddr(t *testing.T) {
	t.Parallel()
	const next = 0x80400000
	fw := fwtest.BuildGNU(t, fwtest.Firmware(map[string]int64{"FW_JUMP_ADDR": next}))
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: actionPayloadAt(t, 5, next), SMP: 2, Seed: 1})
	if run.ExitCode != 0 || !strings.Contains(run.Output, "payload running") ||
		!strings.Contains(run.Output, "Domain0 Next Address      : 0x0000000080400000\n") {
		t.Errorf("exit %d; output:\n%s", run.ExitCode, run.Output)
	}
}

// TestBrokenFDT: with a device tree whose magic is wrong, the firmware falls
// back to the harts that reached it and 128 MiB of RAM, and still runs the
// payload. (rvstop's board is used because QEMU only accepts valid trees.)
func TestBrokenFDT(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	for _, c := range []struct {
		name string
		edit func(fdt []byte)
	}{
		{"magic", func(fdt []byte) { fdt[0] ^= 0xff }},
		{"struct_offset_beyond_tree", func(fdt []byte) { fdt[8] = 0x7f }},  // off_dt_struct
		{"token_garbage", func(fdt []byte) { fdt[int(fdt[11])+3] = 0x77 }}, // first token
	} {
		t.Run(c.name, func(t *testing.T) {
			run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: payload, SMP: 4, Seed: 3, EditFDT: c.edit})
			results, err := fwtest.ParseKTAP(run.Output)
			if err != nil {
				t.Fatalf("%v\noutput:\n%s", err, run.Output)
			}
			requireAllPass(t, run, results)
			for _, want := range []string{
				"Platform HART Count       : 4\n",
				"RAM                       : 0x0000000080000000 - 0x0000000088000000\n",
			} {
				if !strings.Contains(run.Output, want) {
					t.Errorf("output lacks %q", want)
				}
			}
		})
	}
}

// TestMoreHartsThanSlots: on a 34-hart board the firmware serves the 32 harts
// it has scratch areas for; harts 32 and 33 stay idle and are not valid SBI
// targets, and the payload passes on the 32.
func TestMoreHartsThanSlots(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	payload := fwtest.BuildGNU(t, fwtest.SBITest(map[string]int64{"HSM_ROUNDS": 2}))
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: payload, SMP: 34, Seed: 1})
	results, err := fwtest.ParseKTAP(run.Output)
	if err != nil {
		t.Fatalf("%v\noutput:\n%s", err, run.Output)
	}
	requireAllPass(t, run, results)
	if !strings.Contains(run.Output, "Platform HART Count       : 32\n") {
		t.Errorf("banner should count 32 harts:\n%s", run.Output)
	}
}

// TestFDTPointingOutsideRAM: a device tree whose structure block lies beyond
// RAM makes the boot hart fault while scanning it; the firmware reports the
// M-mode trap and fails, rather than hanging before its banner.
func TestFDTPointingOutsideRAM(t *testing.T) {
	t.Parallel()
	fw := fwtest.FirmwareELF(t)
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: fw, Kernel: actionPayload(t, 5), SMP: 2, Seed: 1,
		EditFDT: func(fdt []byte) {
			copy(fdt[4:8], []byte{0x7f, 0xff, 0xff, 0xff}) // totalsize: 2 GiB
			copy(fdt[8:12], []byte{0x40, 0, 0, 0})         // off_dt_struct: 1 GiB on
		}})
	if run.ExitCode != 1 || !strings.Contains(run.Output, "sbi: unexpected trap in the firmware (M-mode) on hart ") ||
		!strings.Contains(run.Output, "sbi: mcause 0x0000000000000005") {
		t.Errorf("exit %d; output:\n%s", run.ExitCode, run.Output)
	}
}
