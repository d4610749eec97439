package kernel

import (
	"os"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/firmware/fwtest"
)

// markers records the guest's trace markers (trace.s) per hart.
type markers struct {
	emu.NopObserver
	mu     sync.Mutex
	byHart map[int][]mark
}

type mark struct {
	name string
	arg  uint64
}

func (o *markers) Marker(step uint64, hart int, name string, arg uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.byHart[hart] = append(o.byHart[hart], mark{name, arg})
}

// TestTraceMarkersOnRvstop boots the default kernel on rvstop, where the FDT
// has the trace marker device, and checks the story the markers tell: every
// hart sees the multi_cpu_stop states in order, in whole PREPARE..EXIT runs;
// the demo's CPU is taken down once and started again; hotplug steps are
// marked in table order.
func TestTraceMarkersOnRvstop(t *testing.T) {
	const n = 4
	obs := &markers{byHart: map[int][]mark{}}
	k, err := os.ReadFile(gnuBuild(t))
	if err != nil {
		t.Fatal(err)
	}
	m, err := emu.New(emu.Config{Harts: n, Seed: 1, Timeout: 60 * time.Second, Observer: obs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELFFile(fwtest.FirmwareELF(t)); err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(k); err != nil {
		t.Fatal(err)
	}
	m.SetEntry(firmware.Base, firmware.PayloadBase)
	res, err := m.Run()
	if err != nil || !res.Reason.Guest() {
		t.Fatalf("run: %v %v\n%s", err, res.Reason, res.Console)
	}
	var dead, alive, takedown, stops int
	var steps []string
	for h := 0; h < n; h++ {
		var states []uint64
		for _, mk := range obs.byHart[h] {
			switch mk.name {
			case "multi_cpu_stop":
				states = append(states, mk.arg)
			case "cpu_dead":
				dead++
			case "cpu_alive":
				alive++
			case "take_cpu_down":
				takedown++
			case "stop_machine":
				stops++
			case "bringup_cpu", "sched:active", "smpboot/threads", "sched:wait_empty":
				if mk.arg&0xff == n-1 {
					dir := "up"
					if mk.arg>>8 == 1 {
						dir = "down"
					}
					steps = append(steps, dir+" "+mk.name)
				}
			}
		}
		// Whole runs of 1, 2, 3, 4: states are seen one at a time, in order.
		for i, s := range states {
			if s != uint64(i%4+1) {
				t.Fatalf("hart %d: multi_cpu_stop states %v: out of order at %d", h, states, i)
			}
		}
		if len(states) == 0 || len(states)%4 != 0 {
			t.Errorf("hart %d saw %d multi_cpu_stop states, not whole runs", h, len(states))
		}
	}
	if dead != 1 || takedown != 1 || alive != n {
		t.Errorf("markers: cpu_dead %d, take_cpu_down %d, cpu_alive %d; want 1, 1, %d (n-1 at boot, 1 from cpu_up)", dead, takedown, alive, n)
	}
	if stops < 4 {
		t.Errorf("only %d stop_machine markers", stops)
	}
	want := []string{"up bringup_cpu", "up smpboot/threads", "up sched:active",
		"down sched:active", "down smpboot/threads", "down sched:wait_empty", "down bringup_cpu",
		"up bringup_cpu", "up smpboot/threads", "up sched:active"}
	if !slices.Equal(steps, want) {
		t.Errorf("CPU%d's hotplug step markers:\n got %v\nwant %v", n-1, steps, want)
	}
}
