package emu

import "fmt"

// ExitReason says why a run ended.
type ExitReason uint8

const (
	ExitNone     ExitReason = iota // still running
	ExitFinisher                   // the guest wrote pass or fail to the sifive_test finisher
	ExitHTIF                       // the guest stored an odd value to tohost
	ExitReset                      // the guest asked for a reset (finisher 0x7777, e.g. SBI SRST reboot): the run ends, status 0
	ExitMaxInsns                   // Config.MaxInsns instructions were executed
	ExitTimeout                    // Config.Timeout of host time passed
	ExitDeadlock                   // every hart waits and nothing can wake any of them
	ExitStopped                    // Stop was called (e.g. Ctrl-C)
)

var exitNames = [...]string{"running", "finisher", "htif", "reset",
	"instruction limit", "timeout", "deadlock", "stopped"}

func (r ExitReason) String() string {
	if int(r) < len(exitNames) {
		return exitNames[r]
	}
	return fmt.Sprintf("ExitReason(%d)", r)
}

// Guest reports whether the guest itself ended the run (finisher, HTIF,
// reset), as opposed to a limit, a deadlock or a stop.
func (r ExitReason) Guest() bool { return r == ExitFinisher || r == ExitHTIF || r == ExitReset }

// Result describes a finished run.
type Result struct {
	Reason ExitReason
	// Status is the process exit status: the guest's own for guest exits
	// (finisher code, tohost>>1; 0 for a reset), 1 for a deadlock, a limit or
	// a stop.
	Status int
	// Instructions counts instruction slots used (retired or trapped) on all
	// harts; PerHart splits it by hart. A guest exit takes effect at the end
	// of the scheduling quantum in which the guest wrote the finisher or
	// tohost (hart.Run cannot yet be cut short from a device), so the count
	// includes the rest of that quantum: deterministic, but not minimal.
	Instructions uint64
	PerHart      []uint64
	// Switches counts scheduling decisions that changed the running hart.
	Switches uint64
	// MTime is the final mtime.
	MTime uint64
	// Console is everything the guest wrote to the UART (and HTIF console).
	Console []byte
	// Report describes every hart's state when the run did not end by the
	// guest's choice (limit, timeout, deadlock, stop); empty otherwise.
	Report string
}
