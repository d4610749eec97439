package trace

import (
	"bufio"
	"fmt"
	"hash/fnv"
	"html"
	"io"
	"sort"
	"strings"
)

// SVG renders a timeline picture: one lane per hart with three rows: marker
// phases (such as stop_machine's PREPARE, DISABLE_IRQ, RUN, EXIT) as a
// coloured band; the function running at each step (whatever the call depth,
// so the row shows multi_cpu_stop spinning rather than the frames around it);
// traps (until their xRET) and WFI idle. IPIs are arrows from the sender to
// the receiver's software-interrupt trap. Meant for a window of a run (select it
// with -trace-from/-trace-to): it is built in memory and drawn at Close.
type SVG struct {
	w      io.Writer
	spans  *spans
	open   map[laneID][]openSpan
	bars   []bar
	arrows []arrow
	ticks  []tick
	ipis   map[int][]int // target -> arrows awaiting delivery
	harts  map[int]bool
	cur    map[int]openSpan // the function running on each hart
	t0, t1 uint64
	seen   bool
}

type openSpan struct {
	name  string
	start uint64
}

type bar struct {
	lane       laneID
	depth      int
	name       string
	start, end uint64
}

type arrow struct {
	from, to  int
	sent, got uint64
}

type tick struct {
	hart int
	ts   uint64
	name string
}

// NewSVG draws to w when closed.
func NewSVG(w io.Writer) *SVG {
	s := &SVG{w: w, open: map[laneID][]openSpan{}, ipis: map[int][]int{}, harts: map[int]bool{},
		cur: map[int]openSpan{}}
	s.spans = newSpans(s.begin, s.end)
	return s
}

func (s *SVG) begin(l laneID, name string, ts uint64) {
	s.open[l] = append(s.open[l], openSpan{name, ts})
}

func (s *SVG) end(l laneID, ts uint64) {
	st := s.open[l]
	if len(st) == 0 {
		return
	}
	o := st[len(st)-1]
	s.open[l] = st[:len(st)-1]
	s.bars = append(s.bars, bar{l, len(st) - 1, o.name, o.start, ts})
}

func (s *SVG) Event(e *Event) error {
	if !s.seen {
		s.t0, s.seen = e.Step, true
	}
	s.t1 = max(s.t1, e.Step)
	if e.Hart >= 0 && e.Kind != KindSwitch {
		s.harts[e.Hart] = true
	}
	switch e.Kind {
	case KindInsn:
		s.spans.event(e)
		name := fnName(e.Sym)
		if c, ok := s.cur[e.Hart]; !ok || c.name != name {
			if ok {
				s.bars = append(s.bars, bar{laneID{e.Hart, "fn"}, 0, c.name, c.start, e.Step})
			}
			s.cur[e.Hart] = openSpan{name, e.Step}
		}
	case KindSleep, KindWake:
		s.spans.event(e)
	case KindTrap:
		s.spans.event(e)
		if e.Interrupt && (e.Cause == 1 || e.Cause == 3) {
			// The software interrupt delivers every IPI sent to this hart so far.
			for _, i := range s.ipis[e.Hart] {
				s.arrows[i].got = e.Step
			}
			s.ipis[e.Hart] = s.ipis[e.Hart][:0]
		}
	case KindIPI:
		if !e.Cleared {
			s.ipis[e.Target] = append(s.ipis[e.Target], len(s.arrows))
			s.arrows = append(s.arrows, arrow{from: e.Hart, to: e.Target, sent: e.Step})
			s.harts[e.Target] = true
		}
	case KindMarker:
		s.spans.event(e)
		s.ticks = append(s.ticks, tick{e.Hart, e.Step, e.Name})
	}
	return nil
}

// Layout constants (pixels).
const (
	svgWidth  = 1400
	svgLeft   = 70
	svgPhaseH = 18 // the phase band
	svgFnH    = 14 // the function row and the trap row
	svgLevels = 2
	svgGap    = 16
	svgTop    = 40
)

var phaseColors = map[string]string{
	"PREPARE": "#f6c85f", "DISABLE_IRQ": "#e8743b", "RUN": "#d7263d", "EXIT": "#6f4e7c",
}

// colour gives each name a stable pastel colour.
func colour(name string) string {
	if c, ok := phaseColors[name]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	v := h.Sum32()
	return fmt.Sprintf("hsl(%d,55%%,%d%%)", v%360, 70+v/360%15)
}

func (s *SVG) Close() error {
	s.spans.close(s.t1 + 1)
	for h, c := range s.cur {
		s.bars = append(s.bars, bar{laneID{h, "fn"}, 0, c.name, c.start, s.t1 + 1})
	}
	harts := make([]int, 0, len(s.harts))
	for h := range s.harts {
		harts = append(harts, h)
	}
	sort.Ints(harts)
	laneH := svgPhaseH + svgLevels*svgFnH + svgGap
	height := svgTop + len(harts)*laneH + 30
	row := map[int]int{}
	for i, h := range harts {
		row[h] = svgTop + i*laneH
	}
	span := max(s.t1+1-s.t0, 1)
	x := func(ts uint64) float64 {
		return svgLeft + float64(ts-min(ts, s.t0))*float64(svgWidth-svgLeft-10)/float64(span)
	}
	w := bufio.NewWriter(s.w)
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="10">`+"\n", svgWidth, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	fmt.Fprintf(w, `<text x="%d" y="16" font-size="13">rvstop timeline: steps %d..%d (one step = one guest instruction, machine-wide)</text>`+"\n", svgLeft, s.t0, s.t1)
	fmt.Fprintf(w, `<defs><marker id="ah" markerWidth="8" markerHeight="6" refX="8" refY="3" orient="auto"><path d="M0,0 L8,3 L0,6 z" fill="#333"/></marker></defs>`+"\n")
	for _, h := range harts {
		y := row[h]
		fmt.Fprintf(w, `<text x="4" y="%d" font-size="12">hart %d</text>`+"\n", y+svgPhaseH+10, h)
		fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#ddd"/>`+"\n", svgLeft, y+laneH-svgGap/2, svgWidth-10, y+laneH-svgGap/2)
	}
	// Bars in a fixed order (same run, same bytes): hart, start, row, name.
	sort.SliceStable(s.bars, func(i, j int) bool {
		a, b := s.bars[i], s.bars[j]
		if a.lane.hart != b.lane.hart {
			return a.lane.hart < b.lane.hart
		}
		if a.start != b.start {
			return a.start < b.start
		}
		if a.lane.track != b.lane.track {
			return a.lane.track < b.lane.track
		}
		return a.name < b.name
	})
	for _, b := range s.bars {
		y, ok := row[b.lane.hart]
		if !ok {
			continue
		}
		x0, x1 := x(b.start), x(b.end)
		width := max(x1-x0, 0.5)
		var top, hgt int
		fill := colour(b.name)
		switch b.lane.track {
		case "fn":
			top, hgt = y+svgPhaseH, svgFnH-1
		case "":
			// Of the call-stack spans, only traps are drawn (on the trap row).
			if !strings.HasPrefix(b.name, "trap: ") {
				continue
			}
			top, hgt = y+svgPhaseH+svgFnH, svgFnH-1
		case "wfi":
			top, hgt, fill = y+svgPhaseH+svgFnH, svgFnH-1, "#bbbbbb"
		default:
			top, hgt = y, svgPhaseH-2
		}
		fmt.Fprintf(w, `<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s" stroke="white" stroke-width="0.3"><title>%s [%d, %d)</title></rect>`+"\n",
			x0, top, width, hgt, fill, html.EscapeString(b.name), b.start, b.end)
		if width > float64(6*len(b.name)) {
			fmt.Fprintf(w, `<text x="%.1f" y="%d">%s</text>`+"\n", x0+2, top+hgt-3, html.EscapeString(b.name))
		}
	}
	for _, t := range s.ticks {
		if y, ok := row[t.hart]; ok {
			fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#222" stroke-width="0.6"><title>%s</title></line>`+"\n",
				x(t.ts), y-2, x(t.ts), y+svgPhaseH, html.EscapeString(t.name))
		}
	}
	for _, a := range s.arrows {
		yf, ok1 := row[a.from]
		yt, ok2 := row[a.to]
		if !ok1 || !ok2 {
			continue
		}
		got := a.got
		if got == 0 {
			got = a.sent
		}
		fmt.Fprintf(w, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333" stroke-width="0.8" marker-end="url(#ah)"><title>IPI hart %d -> hart %d</title></line>`+"\n",
			x(a.sent), yf+svgPhaseH+svgFnH/2, x(got), yt+svgPhaseH+svgFnH/2, a.from, a.to)
	}
	// Legend for the stop_machine phases.
	lx := svgLeft
	for _, p := range []string{"PREPARE", "DISABLE_IRQ", "RUN", "EXIT"} {
		fmt.Fprintf(w, `<rect x="%d" y="%d" width="10" height="10" fill="%s"/><text x="%d" y="%d">%s</text>`+"\n", lx, height-20, phaseColors[p], lx+14, height-11, p)
		lx += 100
	}
	fmt.Fprintf(w, `<rect x="%d" y="%d" width="10" height="10" fill="#bbbbbb"/><text x="%d" y="%d">idle (wfi)</text>`+"\n", lx, height-20, lx+14, height-11)
	fmt.Fprintln(w, "</svg>")
	return w.Flush()
}
