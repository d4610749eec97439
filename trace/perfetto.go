package trace

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
)

// Perfetto writes the Chrome trace-event JSON format, which ui.perfetto.dev
// and chrome://tracing open. One process "rvstop"; per hart a thread with
// nested function, trap and WFI-idle spans, plus a thread per marker track
// (e.g. "hart 2: stop_machine" with the PREPARE/DISABLE_IRQ/RUN/EXIT phases);
// counters for each hart's privilege mode and interrupt-enable bit; flow
// arrows from an IPI's sender to the receiver's software-interrupt trap;
// guest markers without a track as instant events. Timestamps are machine
// steps (one guest instruction = one "microsecond" on the timeline).
type Perfetto struct {
	w      *bufio.Writer
	first  bool
	spans  *spans
	tids   map[laneID]int
	tracks map[string]int
	named  map[int]bool
	mode   map[int]string
	ie     map[int]int
	flows  map[int][]int // target hart -> pending flow ids
	nflow  int
	last   uint64
	err    error
}

// NewPerfetto writes trace-event JSON to w.
func NewPerfetto(w io.Writer) *Perfetto {
	p := &Perfetto{w: bufio.NewWriterSize(w, 1<<16), first: true, tids: map[laneID]int{},
		tracks: map[string]int{}, named: map[int]bool{}, mode: map[int]string{}, ie: map[int]int{}, flows: map[int][]int{}}
	p.w.WriteString(`{"displayTimeUnit":"ns","traceEvents":[` + "\n")
	p.raw(`{"name":"process_name","ph":"M","pid":1,"args":{"name":"rvstop"}}`)
	p.spans = newSpans(p.begin, p.end)
	return p
}

func (p *Perfetto) raw(s string) {
	if !p.first {
		p.w.WriteString(",\n")
	}
	p.first = false
	p.w.WriteString(s)
}

func jstr(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// tid returns the thread id of a lane, naming the thread on first use.
func (p *Perfetto) tid(l laneID) int {
	if l.track == "wfi" {
		l.track = ""
	}
	if t, ok := p.tids[l]; ok {
		return t
	}
	t, name := l.hart, fmt.Sprintf("hart %d", l.hart)
	if l.track != "" {
		k, ok := p.tracks[l.track]
		if !ok {
			k = len(p.tracks) + 1
			p.tracks[l.track] = k
		}
		t, name = 1000*k+l.hart, fmt.Sprintf("hart %d: %s", l.hart, l.track)
	}
	if l.hart < 0 {
		t, name = 999, "machine"
	}
	p.tids[l] = t
	p.raw(fmt.Sprintf(`{"name":"thread_name","ph":"M","pid":1,"tid":%d,"args":{"name":%s}}`, t, jstr(name)))
	p.raw(fmt.Sprintf(`{"name":"thread_sort_index","ph":"M","pid":1,"tid":%d,"args":{"sort_index":%d}}`, t, t))
	return t
}

func (p *Perfetto) begin(l laneID, name string, ts uint64) {
	p.raw(fmt.Sprintf(`{"name":%s,"ph":"B","pid":1,"tid":%d,"ts":%d}`, jstr(name), p.tid(l), ts))
}

func (p *Perfetto) end(l laneID, ts uint64) {
	p.raw(fmt.Sprintf(`{"ph":"E","pid":1,"tid":%d,"ts":%d}`, p.tid(l), ts))
}

func (p *Perfetto) counter(h int, name string, v int, ts uint64) {
	p.raw(fmt.Sprintf(`{"name":"hart %d %s","ph":"C","pid":1,"ts":%d,"args":{%s:%d}}`, h, name, ts, jstr(name), v))
}

var modeValue = map[string]int{"U": 0, "S": 1, "M": 3}

func (p *Perfetto) setMode(h int, mode string, ts uint64) {
	if mode != "" && p.mode[h] != mode {
		p.mode[h] = mode
		p.counter(h, "mode", modeValue[mode], ts)
	}
}

func (p *Perfetto) setIE(h int, v int, ts uint64) {
	if old, ok := p.ie[h]; !ok || old != v {
		p.ie[h] = v
		p.counter(h, "irq-enabled", v, ts)
	}
}

func (p *Perfetto) Event(e *Event) error {
	p.last = max(p.last, e.Step)
	switch e.Kind {
	case KindInsn:
		p.spans.event(e)
		p.setMode(e.Hart, e.Priv, e.Step)
		if e.NewPriv != "" {
			p.setMode(e.Hart, e.NewPriv, e.Step+1)
		}
		if c := e.CSR; c != nil && (c.Name == "sstatus" || c.Name == "mstatus") {
			bit := uint(1) // SIE
			if e.Priv == "M" {
				bit = 3 // MIE
			}
			p.setIE(e.Hart, int(c.New>>bit&1), e.Step+1)
		}
	case KindTrap:
		p.spans.event(e)
		p.setMode(e.Hart, e.To, e.Step)
		p.setIE(e.Hart, 0, e.Step)
		if e.Interrupt && (e.Cause == 1 || e.Cause == 3) {
			if ids := p.flows[e.Hart]; len(ids) > 0 {
				for _, id := range ids {
					p.raw(fmt.Sprintf(`{"name":"IPI","cat":"ipi","ph":"f","bp":"e","id":%d,"pid":1,"tid":%d,"ts":%d}`,
						id, p.tid(laneID{hart: e.Hart}), e.Step))
				}
				p.flows[e.Hart] = ids[:0]
			}
		}
	case KindIPI:
		if !e.Cleared {
			p.nflow++
			p.flows[e.Target] = append(p.flows[e.Target], p.nflow)
			p.raw(fmt.Sprintf(`{"name":"IPI","cat":"ipi","ph":"s","id":%d,"pid":1,"tid":%d,"ts":%d,"args":{"to":%d}}`,
				p.nflow, p.tid(laneID{hart: e.Hart}), e.Step, e.Target))
		}
	case KindSleep, KindWake:
		p.spans.event(e)
	case KindMarker:
		p.spans.event(e)
		p.raw(fmt.Sprintf(`{"name":%s,"cat":"marker","ph":"i","s":"t","pid":1,"tid":%d,"ts":%d,"args":{"arg":%d}}`,
			jstr(e.Name), p.tid(laneID{hart: e.Hart}), e.Step, e.Value))
	case KindUART:
		p.raw(fmt.Sprintf(`{"name":%s,"cat":"uart","ph":"i","s":"g","pid":1,"tid":%d,"ts":%d}`,
			jstr(e.Text), p.tid(laneID{hart: -1}), e.Step))
	case KindTimer, KindTimecmp:
		name := "mtimecmp"
		if e.Kind == KindTimer {
			name = "timer fired"
		}
		p.raw(fmt.Sprintf(`{"name":%q,"cat":"timer","ph":"i","s":"t","pid":1,"tid":%d,"ts":%d,"args":{"value":%d}}`,
			name, p.tid(laneID{hart: e.Hart}), e.Step, e.Value))
	case KindExit:
		p.raw(fmt.Sprintf(`{"name":%s,"cat":"exit","ph":"i","s":"g","pid":1,"tid":%d,"ts":%d,"args":{"status":%d}}`,
			jstr("exit: "+e.Name), p.tid(laneID{hart: -1}), e.Step, e.Status))
	}
	return nil
}

func (p *Perfetto) Close() error {
	p.spans.close(p.last + 1)
	p.w.WriteString("\n]}\n")
	return p.w.Flush()
}
