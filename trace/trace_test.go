package trace

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// runTraced assembles testdata/prog on rvstop's assembler, runs it on n harts
// with the given seed, and returns what the sink wrote.
func runTraced(t *testing.T, prog string, n int, seed uint64, format string, opt Options) []byte {
	t.Helper()
	img, err := asm.Assemble([]string{prog}, asm.Options{FS: os.DirFS("testdata"), SourceDir: "trace/testdata"})
	if err != nil {
		t.Fatal(err)
	}
	src := &Source{}
	if err := src.AddELF(img); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	var sink Sink
	switch format {
	case "text":
		sink = NewText(&out)
	case "jsonl":
		sink = NewJSONL(&out)
	case "perfetto":
		sink = NewPerfetto(&out)
	case "svg":
		sink = NewSVG(&out)
	}
	if opt.Events == (Events{}) {
		opt.Events, _ = ParseEvents("")
	}
	var m *emu.Machine
	tr, err := New(src, sink, opt, func() uint64 { return m.Step() })
	if err != nil {
		t.Fatal(err)
	}
	m, err = emu.New(emu.Config{Harts: n, Seed: seed, Observer: tr, MaxInsns: 100000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(img); err != nil {
		t.Fatal(err)
	}
	for _, h := range m.Harts() {
		h.SetTracer(tr)
	}
	res, err := m.Run()
	if err != nil {
		t.Fatal(err)
	}
	if res.Reason != emu.ExitFinisher || res.Status != 0 {
		t.Fatalf("run ended by %v status %d\n%s", res.Reason, res.Status, res.Report)
	}
	if err := tr.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := "testdata/" + name
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; got:\n%s", name, got)
	}
}

// The golden files were checked by hand against the program: the IPI from
// h0 to h1, h1's wake-up, the machine software interrupt (cause 3) with mepc
// at the wfi, the acknowledging store to msip[1], the finisher store.
func TestTextGolden(t *testing.T) {
	golden(t, "ipi.txt", runTraced(t, "ipi.s", 2, 1, "text", Options{}))
}

func TestJSONLGolden(t *testing.T) {
	out := runTraced(t, "ipi.s", 2, 1, "jsonl", Options{})
	golden(t, "ipi.jsonl", out)
	sc := bufio.NewScanner(bytes.NewReader(out))
	kinds := map[string]int{}
	for sc.Scan() {
		var e map[string]any
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		kinds[e["kind"].(string)]++
	}
	for _, k := range []string{"insn", "trap", "ipi", "sleep", "wake", "exit"} {
		if kinds[k] == 0 {
			t.Errorf("no %q event in %v", k, kinds)
		}
	}
}

// chromeTrace is the part of the trace-event format the tests check.
type chromeTrace struct {
	TraceEvents []struct {
		Name string         `json:"name"`
		Ph   string         `json:"ph"`
		Tid  int            `json:"tid"`
		Ts   uint64         `json:"ts"`
		ID   int            `json:"id"`
		Args map[string]any `json:"args"`
	} `json:"traceEvents"`
}

func TestPerfettoIsValidTraceEventJSON(t *testing.T) {
	out := runTraced(t, "ipi.s", 2, 1, "perfetto", Options{})
	var tr chromeTrace
	if err := json.Unmarshal(out, &tr); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	depth := map[int]int{}
	var flowStart, flowEnd int
	threads := map[string]bool{}
	for _, e := range tr.TraceEvents {
		switch e.Ph {
		case "B":
			depth[e.Tid]++
		case "E":
			if depth[e.Tid]--; depth[e.Tid] < 0 {
				t.Fatalf("unbalanced E on tid %d at %d", e.Tid, e.Ts)
			}
		case "s":
			flowStart++
		case "f":
			flowEnd++
		case "M":
			if e.Name == "thread_name" {
				threads[e.Args["name"].(string)] = true
			}
		}
	}
	for tid, d := range depth {
		if d != 0 {
			t.Errorf("tid %d: %d spans left open", tid, d)
		}
	}
	if flowStart != 1 || flowEnd != 1 {
		t.Errorf("IPI flows: %d starts, %d ends; want one arrow h0 -> h1", flowStart, flowEnd)
	}
	if !threads["hart 0"] || !threads["hart 1"] {
		t.Errorf("threads %v: want one per hart", threads)
	}
}

func TestSameSeedSameTrace(t *testing.T) {
	for _, f := range []string{"text", "perfetto", "svg"} {
		a := runTraced(t, "ipi.s", 2, 7, f, Options{})
		b := runTraced(t, "ipi.s", 2, 7, f, Options{})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with seed 7 differ", f)
		}
	}
}

func TestFilters(t *testing.T) {
	harts, _ := ParseHarts("1")
	out := string(runTraced(t, "ipi.s", 2, 1, "text", Options{Harts: harts}))
	for _, l := range strings.Split(out, "\n") {
		// An IPI to hart 1 is hart 1's business even though hart 0 sent it.
		if strings.HasPrefix(l, "h0 ") && !strings.Contains(l, "ipi: h0 -> h1") {
			t.Errorf("-trace-harts 1 shows hart 0: %s", l)
		}
	}
	// From a symbol to its return: only finish's instructions and the return.
	out = string(runTraced(t, "ipi.s", 2, 1, "text", Options{From: ParsePoint("finish")}))
	var insns []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(l, " M 0x") {
			insns = append(insns, l)
		}
	}
	if len(insns) == 0 || !strings.Contains(insns[0], "<finish>") {
		t.Fatalf("-trace-from finish starts elsewhere:\n%s", out)
	}
	for _, l := range insns {
		if !strings.Contains(l, "<finish") {
			t.Errorf("outside finish: %s", l)
		}
	}
	// Functions by glob, events by class.
	ev, _ := ParseEvents("insn")
	out = string(runTraced(t, "ipi.s", 2, 1, "text", Options{Funcs: "hand*", Events: ev}))
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.Contains(l, "<handler") {
			t.Errorf("-trace-funcs hand* let through: %s", l)
		}
	}
	if _, err := ParseEvents("insn,bogus"); err == nil {
		t.Error("an unknown event class is accepted")
	}
	if _, err := ParseHarts("2-1"); err == nil {
		t.Error("a backwards hart range is accepted")
	}
	if _, err := New(&Source{}, NewText(&bytes.Buffer{}), Options{From: ParsePoint("nosuch")}, nil); err == nil {
		t.Error("an unknown -trace-from symbol is accepted")
	}
}

func TestFlightRecorderKeepsTheLastN(t *testing.T) {
	img, err := asm.Assemble([]string{"ipi.s"}, asm.Options{FS: os.DirFS("testdata"), SourceDir: "trace/testdata"})
	if err != nil {
		t.Fatal(err)
	}
	src := &Source{}
	src.AddELF(img)
	ev, _ := ParseEvents("insn")
	var m *emu.Machine
	tr, _ := New(src, NewText(&bytes.Buffer{}), Options{Events: ev, Harts: map[int]bool{}}, func() uint64 { return m.Step() })
	tr.Flight = NewFlight(3)
	m, _ = emu.New(emu.Config{Harts: 2, Seed: 1, Observer: tr})
	m.LoadELF(img)
	for _, h := range m.Harts() {
		h.SetTracer(tr)
	}
	if _, err := m.Run(); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := tr.Flight.WriteTo(&out, src); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	// Hart 0 sends the IPI and sleeps: its last three instructions are the
	// li, the msip store and the wfi, oldest first.
	h0 := s[strings.Index(s, "# hart 0"):strings.Index(s, "# hart 1")]
	lines := strings.Split(strings.TrimSpace(h0), "\n")
	if len(lines) != 4 || !strings.Contains(lines[1], "li t1,1") ||
		!strings.Contains(lines[2], "store.w[0x2000004]=0x1") || !strings.Contains(lines[3], "wfi") {
		t.Errorf("flight recorder, hart 0:\n%s", h0)
	}
	if n := strings.Count(s[strings.Index(s, "# hart 1"):], "\nh1 "); n != 3 {
		t.Errorf("hart 1 has %d events, want the last 3:\n%s", n, s)
	}
}

// The hand-written JSON agrees with encoding/json on every string.
func TestJSONStringMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\`, "tab\tnl\ncr\r", "\x00\x1f", "<a&b>", "héllo"} {
		want, _ := json.Marshal(s)
		if got := jsonString(nil, s); string(got) != string(want) {
			t.Errorf("%q: %s, want %s", s, got, want)
		}
	}
}
