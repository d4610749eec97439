// Package hart emulates one RV64IMAC hart (Zicsr, Zifencei, Zihintpause) with
// machine, supervisor and user modes and the trap machinery of the RISC-V
// privileged specification v1.12, plus Sstc (stimecmp).
//
// # Contract with the board (emu/)
//
// A machine creates one Shared and one Hart per hart:
//
//	sh := hart.NewShared()
//	h := hart.New(hart.Config{ID: i, RAMBase: 0x80000000, RAM: ram, Bus: bus,
//		Shared: sh, Time: clint.Mtime})
//	h.Reset(0x1000)
//
// RAM is the host slice backing guest RAM at RAMBase; the hart reads and writes it
// directly (the fast path). Every other physical address goes through Bus, whose
// Load/Store return false for an access fault. Sizes are 1, 2, 4 or 8 and
// accesses reaching the Bus are naturally aligned (the hart splits misaligned
// accesses into bytes when Config.Misaligned is MisalignedEmulate).
//
// Run(budget) executes at most budget instructions and returns how many slots it
// used (retired instructions plus instructions that trapped) and why it stopped:
// StopBudget, StopWFI (the hart sleeps; Waiting reports it and WouldWake says
// whether an interrupt is pending and enabled in mie), StopEbreak (an ebreak with
// DebugEbreak set: pc is left at the ebreak, nothing retired), StopBreakpoint
// (pc hit an address in the breakpoint set before executing it) or StopRequested
// (RequestStop was called, for example from a debugger's Ctrl-C).
//
// Interrupt lines: SetMIP(bit, level) drives MSIP (3), MTIP (7), MEIP (11) and
// the external SEIP line (9); the CLINT and PLIC call it. Interrupts are
// examined when Run starts and after every instruction that can change what is
// pending or enabled (CSR writes, xRET, traps), never per instruction. So a line
// raised by another goroutine (the -parallel mode) is seen at the next Run call:
// the driver must keep budgets short enough for its latency goal. In the
// deterministic mode the board sets lines between Run calls, which is exact.
//
// Time returns mtime; the hart reads it for the time CSR and to evaluate
// stimecmp (Sstc) when Run starts, when stimecmp or menvcfg is written and when
// WouldWake is asked.
//
// # Multi-hart memory semantics
//
// Shared holds every hart's LR reservation (an aligned 8-byte granule). A store,
// SC or AMO by one hart to a granule reserved by another breaks that reservation;
// traps and xRET break the hart's own. With Shared.SetParallel(true) (one
// goroutine per hart), RAM words are accessed with sync/atomic, AMOs are
// compare-and-swap loops and SC is a compare-and-swap against the value LR read
// performed while the reservation is still held, so LR/SC and AMOs stay atomic
// with respect to every other hart.
//
// # Decoding
//
// Instructions are decoded by package isa, once: a direct-mapped cache per hart
// keyed by pc holds decoded isa.Inst values tagged with the raw bits. Every fetch
// re-reads the raw bits from memory and compares them with the tag, so modified
// code is never executed stale (self-modifying code and code written by another
// hart work even without fence.i) and no invalidation protocol is needed.
//
// # Observation
//
// PC, X, Priv, ReadCSR/WriteCSR (debugger access, no privilege checks and no
// side effects beyond the write), Instret, LastTrap and SetTracer. With a nil
// tracer and no breakpoints Run takes its fast loop; otherwise a separate loop
// reports every retired instruction (Retired: pc, raw, decoded inst, privilege
// before and after, rd old and new, memory access, CSR write) and every trap or
// interrupt taken (Trap: cause, tval, epc, from and to privilege).
package hart
