package trace

import (
	"sort"
	"strings"
)

// spans turns a stream of events into nested spans per hart, for the
// timeline formats (Perfetto, SVG):
//   - function spans from call/return tracking: an instruction that links ra
//     (jal/jalr with rd = ra) opens a span named after the symbol of the next
//     instruction on that hart; `ret` (jalr zero, 0(ra)) closes one. At depth
//     0 the span simply follows the symbol of the code running, so code
//     entered without a call (reset, a context switch) still shows;
//   - trap spans from a trap to the xRET that leaves it;
//   - WFI idle spans from sleep to wake;
//   - phase spans from guest markers named "track:PHASE": each opens PHASE on
//     the hart's `track` lane and closes that lane's previous phase;
//     "track:end" closes it; and from state markers (StateNames), whose
//     argument is the state. A track named after a function also closes
//     when that function returns on the hart (see docs/tracing.md).
type spans struct {
	begin func(lane laneID, name string, ts uint64)
	end   func(lane laneID, ts uint64)
	harts map[int]*hartSpans
}

// laneID is a hart's function lane (track "") or one of its marker tracks.
type laneID struct {
	hart  int
	track string
}

type hartSpans struct {
	stack       []frame
	pendingCall bool
	asleep      bool
	phases      map[string]bool // tracks with an open phase
}

type frame struct {
	name string
	trap bool
}

const maxDepth = 48

// StateNames maps the name of a guest state marker to the names of its
// states, indexed by the marker's argument; a larger argument ends the phase.
// The guest kernel marks multi_cpu_stop's state changes on every CPU with
// Linux's enum multi_stop_state.
var StateNames = map[string][]string{
	"multi_cpu_stop": {"NONE", "PREPARE", "DISABLE_IRQ", "RUN", "EXIT"},
}

func newSpans(begin func(laneID, string, uint64), end func(laneID, uint64)) *spans {
	return &spans{begin: begin, end: end, harts: map[int]*hartSpans{}}
}

func (s *spans) hart(h int) *hartSpans {
	hs := s.harts[h]
	if hs == nil {
		hs = &hartSpans{phases: map[string]bool{}}
		s.harts[h] = hs
	}
	return hs
}

func (s *spans) push(h int, hs *hartSpans, f frame, ts uint64) {
	if len(hs.stack) >= maxDepth {
		return
	}
	hs.stack = append(hs.stack, f)
	s.begin(laneID{hart: h}, f.name, ts)
}

func (s *spans) pop(h int, hs *hartSpans, ts uint64) frame {
	f := hs.stack[len(hs.stack)-1]
	hs.stack = hs.stack[:len(hs.stack)-1]
	s.end(laneID{hart: h}, ts)
	return f
}

func fnName(sym string) string {
	name, _, _ := strings.Cut(sym, "+")
	if name == "" {
		return "?"
	}
	return name
}

func isRet(asm string) bool { return asm == "ret" }

// isCall reports an instruction that links ra: jal/jalr ra, or call's jalr.
func isCall(e *Event) bool {
	return e.Rd == "ra" && (strings.HasPrefix(e.Asm, "jal ") || strings.HasPrefix(e.Asm, "jalr "))
}

func (s *spans) event(e *Event) {
	switch e.Kind {
	case KindInsn:
		hs := s.hart(e.Hart)
		name := fnName(e.Sym)
		switch {
		case hs.pendingCall:
			s.push(e.Hart, hs, frame{name: name}, e.Step)
			hs.pendingCall = false
		case len(hs.stack) == 0:
			s.push(e.Hart, hs, frame{name: name}, e.Step)
		case len(hs.stack) == 1 && !hs.stack[0].trap && hs.stack[0].name != name:
			// Depth 0 follows the code running.
			s.pop(e.Hart, hs, e.Step)
			s.push(e.Hart, hs, frame{name: name}, e.Step)
		}
		switch {
		case isCall(e):
			hs.pendingCall = true
		case isRet(e.Asm):
			// A phase track named after a function ends when it returns.
			if hs.phases[name] {
				s.end(laneID{e.Hart, name}, e.Step+1)
				hs.phases[name] = false
			}
			if len(hs.stack) > 1 {
				s.pop(e.Hart, hs, e.Step+1)
			}
		case e.NewPriv != "" || e.Asm == "mret" || e.Asm == "sret":
			// Leave the innermost trap and everything called inside it.
			for len(hs.stack) > 0 {
				if s.pop(e.Hart, hs, e.Step+1).trap {
					break
				}
			}
		}
	case KindTrap:
		hs := s.hart(e.Hart)
		hs.pendingCall = false
		s.push(e.Hart, hs, frame{name: "trap: " + e.CauseName, trap: true}, e.Step)
	case KindSleep:
		hs := s.hart(e.Hart)
		if !hs.asleep {
			hs.asleep = true
			s.begin(laneID{e.Hart, "wfi"}, "idle (wfi)", e.Step)
		}
	case KindWake:
		hs := s.hart(e.Hart)
		if hs.asleep {
			hs.asleep = false
			s.end(laneID{e.Hart, "wfi"}, e.Step)
		}
	case KindMarker:
		track, phase, ok := strings.Cut(e.Name, ":")
		if !ok {
			// A state marker: the argument names the phase.
			names, known := StateNames[e.Name]
			if !known {
				return
			}
			track, phase = e.Name, "end"
			if e.Value < uint64(len(names)) {
				phase = names[e.Value]
			}
		}
		hs := s.hart(e.Hart)
		lane := laneID{e.Hart, track}
		if hs.phases[track] {
			s.end(lane, e.Step)
			hs.phases[track] = false
		}
		if phase != "end" {
			s.begin(lane, phase, e.Step)
			hs.phases[track] = true
		}
	}
}

// close ends every open span at ts.
// close ends every open span at ts, in a fixed order (same run, same bytes).
func (s *spans) close(ts uint64) {
	harts := make([]int, 0, len(s.harts))
	for h := range s.harts {
		harts = append(harts, h)
	}
	sort.Ints(harts)
	for _, h := range harts {
		hs := s.harts[h]
		for len(hs.stack) > 0 {
			s.pop(h, hs, ts)
		}
		if hs.asleep {
			s.end(laneID{h, "wfi"}, ts)
		}
		tracks := make([]string, 0, len(hs.phases))
		for track, open := range hs.phases {
			if open {
				tracks = append(tracks, track)
			}
		}
		sort.Strings(tracks)
		for _, track := range tracks {
			s.end(laneID{h, track}, ts)
		}
	}
}
