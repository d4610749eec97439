package trace

import (
	"io"
	"os"
	"testing"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
)

// countingWriter counts the bytes a trace would write.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// benchRun runs testdata/loop.s once per iteration, with a tracer writing in
// format (or none), and reports guest MIPS and the trace size per million
// instructions.
func benchRun(b *testing.B, format string, flight int) {
	img, err := asm.Assemble([]string{"loop.s"}, asm.Options{FS: os.DirFS("testdata"), SourceDir: "trace/testdata"})
	if err != nil {
		b.Fatal(err)
	}
	src := &Source{}
	src.AddELF(img)
	var insns, bytes int64
	b.ResetTimer()
	for range b.N {
		var m *emu.Machine
		cfg := emu.Config{Harts: 1, Seed: 1}
		var tr *Tracer
		w := &countingWriter{}
		if format != "" || flight > 0 {
			var sink Sink = discard{}
			switch format {
			case "text":
				sink = NewText(w)
			case "jsonl":
				sink = NewJSONL(w)
			case "perfetto":
				sink = NewPerfetto(w)
			}
			ev, _ := ParseEvents("")
			if format == "" {
				ev = Events{}
			}
			tr, _ = New(src, sink, Options{Events: ev}, func() uint64 { return m.Step() })
			if flight > 0 {
				tr.Flight = NewFlight(flight)
			}
			cfg.Observer = tr
		}
		m, _ = emu.New(cfg)
		m.LoadELF(img)
		if tr != nil {
			for _, h := range m.Harts() {
				h.SetTracer(tr)
			}
		}
		res, err := m.Run()
		if err != nil || res.Status != 0 {
			b.Fatalf("run: %v %v", err, res.Reason)
		}
		if tr != nil {
			tr.Close()
		}
		insns += int64(res.Instructions)
		bytes += w.n
	}
	b.ReportMetric(float64(insns)/b.Elapsed().Seconds()/1e6, "MIPS")
	if bytes > 0 {
		b.ReportMetric(float64(bytes)/float64(insns)*1e6/(1<<20), "MiB/Minsn")
	}
}

type discard struct{}

func (discard) Event(*Event) error { return nil }
func (discard) Close() error       { return nil }

// Tracing off: no tracer on the harts, the emulator's fast path.
func BenchmarkTraceOff(b *testing.B) { benchRun(b, "", 0) }

// The flight recorder alone (the last 1024 instructions per hart).
func BenchmarkTraceFlight(b *testing.B) { benchRun(b, "", 1024) }

func BenchmarkTraceText(b *testing.B)     { benchRun(b, "text", 0) }
func BenchmarkTraceJSONL(b *testing.B)    { benchRun(b, "jsonl", 0) }
func BenchmarkTracePerfetto(b *testing.B) { benchRun(b, "perfetto", 0) }

var _ io.Writer = (*countingWriter)(nil)
