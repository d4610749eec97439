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

// TestAssemblesLikeGNU: rvstop's assembler (firmware.Build and BuildSBITest,
// what `rvstop boot` embeds) loads exactly the bytes GNU as + ld do, up to the
// same image end (hence the same .bss).
func TestAssemblesLikeGNU(t *testing.T) {
	for _, c := range []struct {
		name  string
		gnu   fwtest.Image
		build func(map[string]int64) ([]byte, error)
	}{
		{"firmware", fwtest.Firmware(nil), firmware.Build},
		{"sbitest", fwtest.SBITest(nil), firmware.BuildSBITest},
	} {
		t.Run(c.name, func(t *testing.T) {
			gnuPath := fwtest.BuildGNU(t, c.gnu)
			gnu, err := os.ReadFile(gnuPath)
			if err != nil {
				t.Fatal(err)
			}
			ours, err := c.build(nil)
			if err != nil {
				t.Fatal(err)
			}
			g, o := loadImage(t, "GNU", gnu), loadImage(t, "rvstop asm", ours)
			gb, ob := g.flat(c.gnu.Base), o.flat(c.gnu.Base)
			if !bytes.Equal(gb, ob) {
				i := 0
				for i < len(gb) && i < len(ob) && gb[i] == ob[i] {
					i++
				}
				t.Errorf("loaded bytes differ from %#x (GNU %d bytes, rvstop %d); objdump -d %s shows GNU's",
					c.gnu.Base+uint64(i), len(gb), len(ob), gnuPath)
			}
			if g.end != o.end {
				t.Errorf("image end %#x with rvstop's assembler, %#x with GNU", o.end, g.end)
			}
		})
	}
}

// TestEmbeddedFirmwareRunsPayloadOnRvstop: firmware and payload as rvstop's
// own assembler builds them run on rvstop's board: the whole chain without
// GNU tools.
func TestEmbeddedFirmwareRunsPayloadOnRvstop(t *testing.T) {
	dir := t.TempDir()
	path, payload := dir+"/firmware.elf", dir+"/sbitest.elf"
	for _, img := range []struct {
		path  string
		build func(map[string]int64) ([]byte, error)
	}{{path, firmware.Build}, {payload, firmware.BuildSBITest}} {
		b, err := img.build(nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(img.path, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := fwtest.RunRvstop(t, fwtest.Rvstop{BIOS: path, Kernel: payload, SMP: 4, Seed: 7})
	results, err := fwtest.ParseKTAP(run.Output)
	if err != nil {
		t.Fatalf("%v\noutput:\n%s", err, run.Output)
	}
	requireAllPass(t, run, results)
}
