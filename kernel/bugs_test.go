package kernel

import (
	"bytes"
	"testing"
)

// TestInjectedBugsFailTheDemo: kernels built with an injected bug (the
// --defsym switches issue 7 lists) must fail the default boot's own checks,
// or those checks prove nothing. Only the bugs the demo can see on every
// run are here; the racy ones (BUG_SET_STATE_BEFORE_ACK,
// BUG_ONLINE_CHECK_OUTSIDE, BUG_NO_STOPPER_UNPARK, which hangs the next
// stop_machine) are for the torture tests and schedule exploration.
func TestInjectedBugsFailTheDemo(t *testing.T) {
	for _, tc := range []struct{ bug, fails string }{
		// The dying CPU never flushes: the call queued before the
		// offline never runs.
		{"BUG_SKIP_DYING_FLUSH", `ktest: FAIL: hotplug: the queued call ran 0 time\(s\)`},
		// Offline cleared after the flush: the call runs while the CPU
		// still looks online, so a sender could queue after the flush.
		{"BUG_OFFLINE_AFTER_FLUSH", `ktest: FAIL: hotplug: the queued call ran 1 time\(s\), on CPU3, with that CPU online=1`},
		// Interrupts back on in RUN: fn runs with SIE set.
		{"BUG_IRQ_ON_IN_RUN", `ktest: FAIL: stop_machine: fn ran 1 time\(s\), on CPU0; every CPU of 0-3 in its stopper with interrupts off \(exceptions: 0`},
	} {
		t.Run(tc.bug, func(t *testing.T) {
			gnuBuild(t, tc.bug+"=1")
			c := console{t, bootRvstopVariant(t, tc.bug, 4, 1)}
			c.find(tc.fails)
			c.find(`reboot: Power down \([1-9]\d* failed checks\)`)
		})
	}
}

// Every switch in Bugs must build and change the image.
func TestBugVariantsBuild(t *testing.T) {
	plain, err := Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, bug := range Bugs {
		img, err := Build(map[string]int64{bug: 1})
		if err != nil {
			t.Errorf("%s: %v", bug, err)
			continue
		}
		if bytes.Equal(img, plain) {
			t.Errorf("%s builds the same image as the plain kernel", bug)
		}
	}
}
