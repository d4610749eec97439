package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/cheggaaa/pb/v3"
	"github.com/mattn/go-isatty"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/trace"
)

// traceFlags are the -trace* and -flight* flags of the commands that run a guest.
type traceFlags struct {
	file, format, harts, from, to, funcs, events string
	flight                                       int
	flightOut                                    string
}

func addTraceFlags(fs *flag.FlagSet) *traceFlags {
	f := &traceFlags{}
	fs.StringVar(&f.file, "trace", "", "write an instruction-level trace to this file")
	fs.StringVar(&f.format, "trace-format", "text", "trace format: text, jsonl, perfetto (ui.perfetto.dev, chrome://tracing) or svg (a timeline picture)")
	fs.StringVar(&f.harts, "trace-harts", "", "trace only these harts, e.g. 0,2 or 0-3")
	fs.StringVar(&f.from, "trace-from", "", "start tracing at this step number or when a hart reaches this symbol (then, without -trace-to, stop when it returns)")
	fs.StringVar(&f.to, "trace-to", "", "stop tracing after this step number or at this symbol")
	fs.StringVar(&f.funcs, "trace-funcs", "", "trace only instructions in functions matching this glob, e.g. '*stop*'")
	fs.StringVar(&f.events, "trace-events", "", "event classes to trace: insn,mem,csr,trap,ipi,timer,sleep,marker,uart,sched,exit (default all)")
	fs.IntVar(&f.flight, "flight", 0, "flight recorder: keep the last N instructions of every hart and write them out if the run fails")
	fs.StringVar(&f.flightOut, "flight-out", "", "where the flight recorder writes (default: standard error)")
	return f
}

// traceSession is the tracing of one run.
type traceSession struct {
	tr     *trace.Tracer
	src    *trace.Source
	out    io.WriteCloser
	flight *trace.Flight
	fOut   string
	m      *emu.Machine
	bar    *pb.ProgressBar // on a terminal only
}

func (f *traceFlags) enabled() bool { return f.file != "" || f.flight > 0 }

// newSink opens the output in the chosen format.
func newSink(format string, w io.Writer) (trace.Sink, error) {
	switch format {
	case "text":
		return trace.NewText(w), nil
	case "jsonl":
		return trace.NewJSONL(w), nil
	case "perfetto":
		return trace.NewPerfetto(w), nil
	case "svg":
		return trace.NewSVG(w), nil
	}
	return nil, fmt.Errorf("-trace-format %q: want text, jsonl, perfetto or svg", format)
}

// discard is the sink of a flight-recorder-only session.
type discard struct{}

func (discard) Event(*trace.Event) error { return nil }
func (discard) Close() error             { return nil }

// start prepares tracing of a run of the given ELF images. It must be called
// before emu.New (the tracer is the machine's Observer); install then hooks
// it to the harts. With no tracing flags it returns nil.
func (f *traceFlags) start(cfg *emu.Config, images ...[]byte) (*traceSession, error) {
	if !f.enabled() {
		return nil, nil
	}
	if cfg.Parallel {
		return nil, fmt.Errorf("-trace and -flight need the deterministic mode: drop -parallel")
	}
	s := &traceSession{src: &trace.Source{}, fOut: f.flightOut}
	for _, img := range images {
		if isELF(img) {
			if err := s.src.AddELF(img); err != nil {
				return nil, err
			}
		}
	}
	opt := trace.Options{From: trace.ParsePoint(f.from), To: trace.ParsePoint(f.to), Funcs: f.funcs}
	var err error
	if opt.Harts, err = trace.ParseHarts(f.harts); err != nil {
		return nil, err
	}
	if err := trace.CheckGlob(f.funcs); err != nil {
		return nil, err
	}
	var sink trace.Sink = discard{}
	if f.file != "" {
		if opt.Events, err = trace.ParseEvents(f.events); err != nil {
			return nil, err
		}
		if _, err := newSink(f.format, io.Discard); err != nil {
			return nil, err
		}
		if s.out, err = os.Create(f.file); err != nil {
			return nil, err
		}
		sink, _ = newSink(f.format, s.out)
	}
	s.tr, err = trace.New(s.src, sink, opt, func() uint64 { return s.m.Step() })
	if err != nil {
		return nil, err
	}
	if f.flight > 0 {
		s.flight = trace.NewFlight(f.flight)
		s.tr.Flight = s.flight
	}
	cfg.Observer = s.tr
	// A traced run is slow: on a terminal, show how far it got.
	if f.file != "" && isatty.IsTerminal(os.Stderr.Fd()) {
		s.bar = pb.New64(int64(cfg.MaxInsns)).SetWriter(os.Stderr)
		if cfg.MaxInsns == 0 {
			s.bar.SetTemplateString(`{{with string . "prefix"}}{{.}} {{end}}{{counters . }} instructions traced {{speed . "%s/s"}}`)
		}
		s.bar.Set("prefix", "trace")
		s.bar.Start()
		s.tr.Progress = func(step uint64) { s.bar.SetCurrent(int64(step)) }
	}
	return s, nil
}

// install hooks the tracer to the machine's harts (a nil session does nothing).
func (s *traceSession) install(m *emu.Machine) {
	if s == nil {
		return
	}
	s.m = m
	for _, h := range m.Harts() {
		h.SetTracer(s.tr)
	}
}

// finish completes the trace file and, when the run failed (a failing exit
// status, a limit, a hang, a stop), writes the flight recorder out.
func (s *traceSession) finish(res emu.Result, who string) {
	if s == nil {
		return
	}
	if s.bar != nil {
		s.bar.Finish()
	}
	if err := s.tr.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: trace: %v\n", who, err)
	}
	if s.out != nil {
		if err := s.out.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "%s: trace: %v\n", who, err)
		}
	}
	if s.flight == nil || (res.Reason.Guest() && res.Status == 0) {
		return
	}
	var w io.Writer = os.Stderr
	if s.fOut != "" {
		f, err := os.Create(s.fOut)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: flight recorder: %v\n", who, err)
			return
		}
		defer f.Close()
		w = f
		fmt.Fprintf(os.Stderr, "%s: flight recorder written to %s\n", who, s.fOut)
	}
	if err := s.flight.WriteTo(w, s.src); err != nil {
		fmt.Fprintf(os.Stderr, "%s: flight recorder: %v\n", who, err)
	}
}
