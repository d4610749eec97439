package emu

// Observer receives the board's events, for tracing (issue 8). step is the
// machine-wide instruction count when the event happened (see Machine.Step).
// Methods are called on the goroutine that caused the event; in deterministic
// mode that is Run's, so an Observer needs no locking there. In parallel mode
// they come from every hart's goroutine at once, there is no Switch, and a
// Wake may be spurious (the hart finds nothing to do and sleeps again).
// Embed NopObserver to implement only some methods.
type Observer interface {
	// Switch: the scheduler runs hart to (after from; -1 at the start) for
	// at most quantum instructions.
	Switch(step uint64, from, to int, quantum uint64)
	// IPI: hart from wrote msip[to] (set: 1, an IPI; otherwise a clear).
	IPI(step uint64, from, to int, set bool)
	// Timecmp: mtimecmp[hart] was programmed.
	Timecmp(step uint64, hart int, value uint64)
	// TimerFire: hart's machine timer interrupt became pending at mtime.
	TimerFire(step uint64, hart int, mtime uint64)
	// Sleep and Wake: hart went to sleep in WFI, and became runnable again.
	Sleep(step uint64, hart int)
	Wake(step uint64, hart int)
	// Marker: the guest named an event through the trace marker device.
	Marker(step uint64, hart int, name string, arg uint64)
	// UARTLine: a line of console output, without its newline.
	UARTLine(step uint64, line string)
	// Exit: the run ended.
	Exit(step uint64, reason ExitReason, status int)
}

// NopObserver ignores every event.
type NopObserver struct{}

func (NopObserver) Switch(uint64, int, int, uint64)    {}
func (NopObserver) IPI(uint64, int, int, bool)         {}
func (NopObserver) Timecmp(uint64, int, uint64)        {}
func (NopObserver) TimerFire(uint64, int, uint64)      {}
func (NopObserver) Sleep(uint64, int)                  {}
func (NopObserver) Wake(uint64, int)                   {}
func (NopObserver) Marker(uint64, int, string, uint64) {}
func (NopObserver) UARTLine(uint64, string)            {}
func (NopObserver) Exit(uint64, ExitReason, int)       {}
