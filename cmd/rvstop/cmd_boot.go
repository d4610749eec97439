package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/kernel"
)

func init() {
	register(&command{name: "boot", summary: "boot firmware + kernel on N harts (the embedded ones by default)", run: runBoot})
}

// bootFlags are `rvstop boot`'s own flags, in QEMU's spelling.
type bootFlags struct {
	bios, kernel, append string
	nographic            bool
}

func runBoot(args []string) int {
	fs := flag.NewFlagSet("boot", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: rvstop boot [flags] [kernel.elf]\n\n"+
			"Boots firmware (M-mode, at 0x80000000) and a kernel (S-mode, at 0x80200000) on a\n"+
			"QEMU-virt-compatible board. Without files, the embedded SBI firmware and guest\n"+
			"kernel are assembled from the repository's sources and booted.\n\n")
		fs.PrintDefaults()
	}
	gf := addGuestFlags(fs, 4)
	var bf bootFlags
	fs.StringVar(&bf.bios, "bios", "", "M-mode firmware ELF, or `none` to run the kernel in M-mode (default: embedded firmware)")
	fs.StringVar(&bf.kernel, "kernel", "", "kernel ELF or raw binary (default: embedded kernel); same as the positional argument")
	fs.StringVar(&bf.append, "append", "", "kernel command line (/chosen/bootargs), e.g. \"shell\"")
	fs.BoolVar(&bf.nographic, "nographic", true, "accepted for QEMU compatibility: the console is always this terminal")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return 2
	}
	switch {
	case len(pos) > 1:
		fmt.Fprintf(os.Stderr, "rvstop boot: one kernel at most, got %q\n", pos)
		return 2
	case len(pos) == 1 && bf.kernel != "":
		fmt.Fprintf(os.Stderr, "rvstop boot: kernel given twice (%s and -kernel %s)\n", pos[0], bf.kernel)
		return 2
	case len(pos) == 1:
		bf.kernel = pos[0]
	}
	imgs, err := readBootImages(bf)
	if err != nil {
		fmt.Fprintf(os.Stderr, "rvstop boot: %v\n", err)
		return 1
	}
	return gf.run("rvstop boot", func(c *emu.Config) { c.Bootargs = bf.append },
		[][]byte{imgs.firmware, imgs.kernel}, func(m *emu.Machine) error { return loadBoot(m, bf, imgs) })
}

// bootImages holds the firmware (nil with -bios none) and kernel to boot.
type bootImages struct{ firmware, kernel []byte }

// readBootImages reads the given files or assembles the embedded sources.
func readBootImages(bf bootFlags) (bootImages, error) {
	var imgs bootImages
	var err error
	if imgs.kernel, err = readOrBuild(bf.kernel, "kernel", kernel.Build); err != nil {
		return imgs, err
	}
	if bf.bios != "none" {
		imgs.firmware, err = readOrBuild(bf.bios, "firmware", firmware.Build)
	}
	return imgs, err
}

// loadBoot places firmware and kernel as QEMU's virt machine does: with
// firmware, the firmware's ELF at its addresses (entered at 0x80000000) and the
// kernel at 0x80200000 (an ELF at its own addresses, a raw binary there); with
// -bios none, the kernel ELF at its addresses, entered in M-mode.
func loadBoot(m *emu.Machine, bf bootFlags, imgs bootImages) error {
	kimg, fw := imgs.kernel, imgs.firmware
	if bf.bios == "none" {
		img, err := m.LoadELF(kimg)
		if err != nil {
			return fmt.Errorf("%s: %w", nameOr(bf.kernel, "embedded kernel"), err)
		}
		m.SetEntry(img.Entry, 0)
		return nil
	}
	if _, err := m.LoadELF(fw); err != nil {
		return fmt.Errorf("%s: %w", nameOr(bf.bios, "embedded firmware"), err)
	}
	if isELF(kimg) {
		if _, err := m.LoadELF(kimg); err != nil {
			return fmt.Errorf("%s: %w", nameOr(bf.kernel, "embedded kernel"), err)
		}
	} else if err := m.LoadImage(kimg, emu.KernelBase); err != nil {
		return fmt.Errorf("%s: %w", bf.kernel, err)
	}
	m.SetEntry(emu.RAMBase, emu.KernelBase)
	return nil
}

// readOrBuild reads a file, or with no file assembles the embedded sources.
func readOrBuild(path, what string, build func(map[string]int64) ([]byte, error)) ([]byte, error) {
	if path == "" {
		img, err := build(nil)
		if err != nil {
			return nil, fmt.Errorf("assembling the embedded %s: %w", what, err)
		}
		return img, nil
	}
	return os.ReadFile(path)
}

func isELF(b []byte) bool { return bytes.HasPrefix(b, []byte("\x7fELF")) }

func nameOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// runMachine runs m to its end and turns the result into an exit status: the
// guest's own for a guest exit, otherwise 1 with every hart's state on stderr.
// Ctrl-C stops the machine with the same report.
func runMachine(m *emu.Machine, who string, ts *traceSession) int {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	defer signal.Stop(sig)
	go func() {
		if _, ok := <-sig; ok {
			m.Stop()
		}
	}()
	res, err := m.Run()
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", who, err)
		return 1
	}
	ts.finish(res, who)
	if !res.Reason.Guest() {
		fmt.Fprintf(os.Stderr, "\n%s: run ended by %v after %d instructions\n%s", who, res.Reason, res.Instructions, res.Report)
	}
	return res.Status
}
