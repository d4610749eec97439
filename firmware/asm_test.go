package firmware_test

import (
	"bytes"
	"debug/elf"
	"io"
	"os"
	"testing"

	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/firmware/fwtest"
)

// loadedImage is what a loader puts in memory: bytes by address, and where
// the image ends (with .bss).
type loadedImage struct {
	segs []segment
	end  uint64
}

type segment struct {
	addr uint64
	data []byte
}

func loadImage(t *testing.T, name string, b []byte) loadedImage {
	t.Helper()
	f, err := elf.NewFile(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var img loadedImage
	for _, p := range f.Progs {
		if p.Type != elf.PT_LOAD {
			continue
		}
		data, err := io.ReadAll(p.Open())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		img.segs = append(img.segs, segment{p.Paddr, data})
		img.end = max(img.end, p.Paddr+p.Memsz)
	}
	return img
}

// flat is memory from base to the image's end after loading: segment bytes,
// zeros elsewhere (between segments and in .bss).
func (img loadedImage) flat(base uint64) []byte {
	out := make([]byte, img.end-base)
	for _, s := range img.segs {
		copy(out[s.addr-base:], s.data)
	}
	return out
}

// TestFirmwareAssemblesLikeGNU: rvstop's assembler (firmware.Build, the image
// `rvstop boot` embeds) loads exactly the bytes GNU as + ld do, and the same
// image end (fw_end, hence the same .bss).
func TestFirmwareAssemblesLikeGNU(t *testing.T) {
	gnuPath := fwtest.FirmwareELF(t)
	gnu, err := os.ReadFile(gnuPath)
	if err != nil {
		t.Fatal(err)
	}
	ours, err := firmware.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	g, o := loadImage(t, "GNU", gnu), loadImage(t, "rvstop asm", ours)
	gb, ob := g.flat(firmware.Base), o.flat(firmware.Base)
	if !bytes.Equal(gb, ob) {
		i := 0
		for i < len(gb) && i < len(ob) && gb[i] == ob[i] {
			i++
		}
		t.Errorf("loaded bytes differ from %#x (GNU %d bytes, rvstop %d); objdump -d %s shows GNU's",
			firmware.Base+uint64(i), len(gb), len(ob), gnuPath)
	}
	if g.end != o.end {
		t.Errorf("image end %#x with rvstop's assembler, %#x with GNU", o.end, g.end)
	}
}

// TestEmbeddedFirmwareRunsPayloadOnRvstop: the firmware as rvstop assembles
// and embeds it runs the SBI payload on rvstop's board.
func TestEmbeddedFirmwareRunsPayloadOnRvstop(t *testing.T) {
	fw, err := firmware.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/firmware.elf"
	if err := os.WriteFile(path, fw, 0o644); err != nil {
		t.Fatal(err)
	}
	payload := fwtest.BuildGNU(t, fwtest.SBITest(nil))
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: path, Kernel: payload, SMP: 4, Seed: 7})
	results, err := fwtest.ParseKTAP(run.Output)
	if err != nil {
		t.Fatalf("%v\noutput:\n%s", err, run.Output)
	}
	requireAllPass(t, run, results)
}
