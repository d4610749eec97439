package emu

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/internal/oracle"
)

// dtsProps decompiles a DTB with dtc and returns "path/prop" -> value text.
func dtsProps(t *testing.T, dtc, dtb string) map[string]string {
	t.Helper()
	out, err := exec.Command(dtc, "-I", "dtb", "-O", "dts", dtb).Output()
	if err != nil {
		t.Fatalf("dtc %s: %v", dtb, err)
	}
	props := map[string]string{}
	var path []string
	nodeRe := regexp.MustCompile(`^([^\s=]*) \{$`)
	propRe := regexp.MustCompile(`^([^\s=]+)(?: = (.*))?;$`)
	for _, line := range strings.Split(string(out), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "/dts-v1/"):
		case line == "};":
			path = path[:len(path)-1]
		case nodeRe.MatchString(line):
			path = append(path, nodeRe.FindStringSubmatch(line)[1])
			props[strings.Join(path, "/")] = "<node>"
		case propRe.MatchString(line):
			m := propRe.FindStringSubmatch(line)
			props[strings.Join(path, "/")+"/"+m[1]] = m[2]
		default:
			t.Fatalf("unexpected dts line %q", line)
		}
	}
	return props
}

// TestFDTMatchesQEMU compares our tree with QEMU 7.2's for -smp 1, 4 and 8,
// -m 128M and 1G, -append: every node and property we emit exists in QEMU's with the same
// value (except riscv,isa and mmu-type, which describe our harts), and every node of
// QEMU's tree for a device we model exists in ours with all its properties.
func TestFDTMatchesQEMU(t *testing.T) {
	for _, c := range []struct {
		smp int
		mem string
	}{{4, "128M"}, {1, "1G"}, {8, "128M"}} {
		t.Run(fmt.Sprintf("smp%d-%s", c.smp, c.mem), func(t *testing.T) { fdtMatchesQEMU(t, c.smp, c.mem) })
	}
}

func fdtMatchesQEMU(t *testing.T, smp int, mem string) {
	qemu := oracle.Require(t, oracle.QEMU)
	dtc := oracle.Require(t, oracle.DTC)
	dir := t.TempDir()
	qdtb := filepath.Join(dir, "qemu.dtb")
	kernel := filepath.Join(dir, "kernel.bin") // -append needs a kernel
	os.WriteFile(kernel, make([]byte, 16), 0o644)
	const args = "console=ttyS0 test=all"
	cmd := exec.Command(qemu, "-machine", "virt,dumpdtb="+qdtb, "-smp", fmt.Sprint(smp), "-m", mem,
		"-nographic", "-bios", "none", "-kernel", kernel, "-append", args)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("qemu: %v\n%s", err, out)
	}
	odtb := filepath.Join(dir, "ours.dtb")
	size := uint64(128 << 20)
	if mem == "1G" {
		size = 1 << 30
	}
	os.WriteFile(odtb, BuildFDT(FDTConfig{Harts: smp, RAMSize: size, Bootargs: args}), 0o644)
	q, o := dtsProps(t, dtc, qdtb), dtsProps(t, dtc, odtb)

	// riscv,isa describes our harts; mmu-type is "riscv,none" (no paging).
	differs := map[string]bool{"riscv,isa": true, "mmu-type": true}
	for k, v := range o {
		if strings.Contains(k, "/trace-marker@") {
			continue // rvstop's own device
		}
		prop := k[strings.LastIndex(k, "/")+1:]
		if qv, ok := q[k]; !ok {
			t.Errorf("%s is not in QEMU's tree", k)
		} else if qv != v && !differs[prop] {
			t.Errorf("%s = %s; QEMU has %s", k, v, qv)
		}
	}
	modelled := regexp.MustCompile(`^/(#address-cells$|#size-cells$|compatible$|model$|chosen|poweroff|reboot|memory@80000000|cpus|soc/(serial@10000000|test@100000|plic@c000000|clint@2000000))(/|$)`)
	skip := map[string]bool{"/chosen/rng-seed": true}
	checked := 0
	for k := range q {
		rel := k[1:] // drop the leading root-node "/"
		if rel != "" && modelled.MatchString(rel) && !skip[rel] {
			checked++
			if _, ok := o[k]; !ok {
				t.Errorf("QEMU has %s = %s; we do not", rel, q[k])
			}
		}
	}
	if checked < 50+12*smp {
		t.Errorf("only %d of QEMU's nodes and properties compared; the dts parsing broke", checked)
	}
	if _, ok := o["//chosen/bootargs"]; !ok {
		t.Error("no /chosen/bootargs")
	}
}

func TestFDTAddr(t *testing.T) {
	for _, c := range []struct{ ram, want uint64 }{
		{128 << 20, 0x87e00000},
		{1 << 30, 0xbfe00000},
		{2 << 30, 0xbfe00000}, // below 3 GiB, as QEMU
		{5 << 20, 0x80400000},
	} {
		if got := FDTAddr(c.ram); got != c.want {
			t.Errorf("FDTAddr(%d MiB) = %#x, want %#x", c.ram>>20, got, c.want)
		}
	}
}
