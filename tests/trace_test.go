package tests

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/kernel"
	"github.com/rvstop/rvstop/trace"
)

// bootTraced boots the embedded firmware and kernel on n harts with a tracer
// writing, through newSink, the first stop_machine up to its return.
func bootTraced(t *testing.T, n int, seed uint64, newSink func(io.Writer) trace.Sink) []byte {
	t.Helper()
	fw, err := firmware.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kernel.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	src := &trace.Source{}
	for _, img := range [][]byte{fw, k} {
		if err := src.AddELF(img); err != nil {
			t.Fatal(err)
		}
	}
	var out bytes.Buffer
	ev, _ := trace.ParseEvents("insn,trap,ipi,sleep,marker")
	var m *emu.Machine
	tr, err := trace.New(src, newSink(&out), trace.Options{From: trace.ParsePoint("stop_machine"), Events: ev},
		func() uint64 { return m.Step() })
	if err != nil {
		t.Fatal(err)
	}
	m, err = emu.New(emu.Config{Harts: n, Seed: seed, Observer: tr, MaxInsns: 200_000_000})
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range [][]byte{fw, k} {
		if _, err := m.LoadELF(img); err != nil {
			t.Fatal(err)
		}
	}
	m.SetEntry(emu.RAMBase, emu.KernelBase)
	for _, h := range m.Harts() {
		h.SetTracer(tr)
	}
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	if !res.Reason.Guest() || res.Status != 0 {
		t.Fatalf("boot ended by %v, status %d\n%s\n%s", res.Reason, res.Status, res.Report, res.Console)
	}
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func perfetto(w io.Writer) trace.Sink { return trace.NewPerfetto(w) }
func svg(w io.Writer) trace.Sink      { return trace.NewSVG(w) }

// The Perfetto trace of a 4-hart stop_machine is valid trace-event JSON in
// which every hart's multi_cpu_stop track walks PREPARE, DISABLE_IRQ, RUN,
// EXIT in that order, and IPIs appear as flows from sender to receiver.
func TestPerfettoStopMachineOn4Harts(t *testing.T) {
	out := bootTraced(t, 4, 1, perfetto)
	var doc struct {
		TraceEvents []struct {
			Name string         `json:"name"`
			Ph   string         `json:"ph"`
			Tid  int            `json:"tid"`
			Ts   uint64         `json:"ts"`
			Args map[string]any `json:"args"`
		} `json:"traceEvents"`
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not valid JSON: %v", err)
	}
	trackOf := map[int]string{}
	for _, e := range doc.TraceEvents {
		if e.Ph == "M" && e.Name == "thread_name" {
			trackOf[e.Tid] = e.Args["name"].(string)
		}
	}
	phases := map[string][]string{}
	depth := map[int]int{}
	var flowS, flowF int
	for _, e := range doc.TraceEvents {
		switch e.Ph {
		case "B":
			depth[e.Tid]++
			if name := trackOf[e.Tid]; strings.HasSuffix(name, ": multi_cpu_stop") {
				phases[name] = append(phases[name], e.Name)
			}
		case "E":
			depth[e.Tid]--
		case "s":
			flowS++
		case "f":
			flowF++
		}
	}
	for tid, d := range depth {
		if d != 0 {
			t.Errorf("%s: %d spans not closed", trackOf[tid], d)
		}
	}
	want := "PREPARE DISABLE_IRQ RUN EXIT"
	for h := range 4 {
		name := "hart " + string(rune('0'+h)) + ": multi_cpu_stop"
		if got := strings.Join(phases[name], " "); got != want {
			t.Errorf("%s: phases %q, want %q", name, got, want)
		}
	}
	if flowS == 0 || flowF == 0 {
		t.Errorf("IPI flows: %d starts, %d ends", flowS, flowF)
	}
}

// Traces are reproducible: the same seed gives the same bytes.
func TestTimelineSameSeedSameBytes(t *testing.T) {
	a := bootTraced(t, 2, 3, svg)
	b := bootTraced(t, 2, 3, svg)
	if !bytes.Equal(a, b) {
		t.Error("two runs with seed 3 drew different timelines")
	}
	if !bytes.Contains(a, []byte(">RUN<")) {
		t.Error("the timeline has no RUN phase")
	}
}
