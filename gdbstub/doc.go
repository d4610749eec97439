// Package gdbstub is rvstop's GDB Remote Serial Protocol server: gdb-multiarch
// attaches to a running or held machine, sees each hart as a thread, reads and
// writes registers (GPRs, pc, CSRs, priv) and memory through a hart's view,
// sets breakpoints and watchpoints that the emulator evaluates, steps one hart
// while the others stay put, continues, interrupts, detaches and kills.
//
// The stub knows the machine only through the small Target interface
// (target.go); package gdbstub/emutarget implements it over an emu.Machine.
// Files, one concern each:
//
//	packet.go    framing: $...#cc, acks, escapes, bounds on what is read
//	hex.go       hex fields and register encoding
//	session.go   one connection: event loop, Ctrl-C while running
//	commands.go  dispatch and the q/v packets
//	threads.go   harts as threads (H, T, qfThreadInfo, names)
//	regs.go      g G p P
//	mem.go       m M X
//	breaks.go    Z z
//	resume.go    c s vCont bc bs and stop replies
//	features.go  target description XML
//	server.go    TCP: one debugger at a time, free running in between
//
// See docs/gdb.md for the user's side.
package gdbstub
