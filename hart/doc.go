// Package hart emulates one RV64IMAC hart (Zicsr, Zifencei, Zihintpause) with
// machine, supervisor and user modes and the trap machinery of the RISC-V
// privileged specification v1.12, plus Sstc (stimecmp). F and D are absent:
// misa says so and their instructions raise illegal-instruction.
//
// # Contract with the board (emu/)
//
// A machine creates one Shared and one Hart per hart:
//
//	sh := hart.NewShared(parallel)
//	h := hart.New(hart.Config{ID: i, RAMBase: 0x80000000, RAM: ram, Bus: bus,
//		Shared: sh, Time: mtime})
//	h.Reset(0x1000)
//
// RAM is the host slice backing guest RAM at RAMBase (8-byte aligned, shared by
// all harts); the hart reads and writes it directly. Every other physical
// address goes through Bus, whose Load/Store return false for an access fault.
// Bus accesses have size 1, 2, 4 or 8 and are naturally aligned: with
// Misaligned = MisalignedEmulate (the default, like QEMU) the hart splits a
// misaligned access outside RAM into bytes; with MisalignedTrap it raises
// address-misaligned. AMOs and LR/SC must always be aligned. Instruction
// fetch outside RAM (the boot ROM) reads halfwords through Bus.
//
// Run(budget) executes at most budget instructions and returns how many it
// used (retired plus trapped; taking an interrupt uses none) and why it
// stopped:
//   - StopBudget: the budget is used up.
//   - StopWFI: the hart retired a wfi and sleeps. Waiting reports it; Run
//     returns (0, StopWFI) until WouldWake (an interrupt pending in mip and
//     enabled in mie, whatever mstatus and mideleg say) is true.
//   - StopEbreak: an ebreak with SetDebugEbreak(true); pc is at the ebreak,
//     which neither retired nor trapped.
//   - StopBreakpoint: pc reached an address of SetBreakpoint, not executed
//     yet; the next Run executes it.
//   - StopRequested: RequestStop was called (any goroutine) before this Run.
//
// Interrupt lines: SetMIP(bit, level) drives MSIP (3), MTIP (7), MEIP (11) and
// the PLIC's SEIP line (9), from any goroutine. SSIP, STIP and the software
// SEIP bit are written by guest software; with menvcfg.STCE set STIP is
// mtime >= stimecmp instead. Run examines interrupts when it starts and after
// every instruction that can change what is pending or enabled (CSR writes,
// xRET, traps, wfi), never per instruction. So in the deterministic mode,
// where the board changes lines and time between Run calls, delivery is exact;
// in the parallel mode a line raised by another goroutine is seen at the
// hart's next Run call, so budgets bound the latency.
//
// Time returns mtime, read for the time CSR and for Sstc; nil reads as 0.
// mcycle counts retired instructions (one cycle each), like minstret.
//
// Concurrency: SetMIP, RequestStop and Waiting are safe from any goroutine;
// everything else belongs to the goroutine that runs the hart (or to anyone
// while it is not running).
//
// # Multi-hart memory semantics
//
// Shared holds every hart's LR reservation (an aligned 8-byte granule). A
// store, SC or AMO by a hart to a granule another hart reserved breaks that
// reservation (with none outstanding a store pays one load); traps and xRET
// drop the hart's own. SC succeeds only for the address of the last LR.
// NewShared(true) selects the parallel mode (one goroutine per hart): RAM
// words are then accessed with sync/atomic, AMOs are compare-and-swap loops,
// and SC is a compare-and-swap against the value LR read, done while holding
// the reservation, so LR/SC and AMOs stay atomic with respect to every hart
// and the race detector stays quiet.
//
// # Decoding
//
// Instructions are decoded once by package isa (the project's one encoding
// table). A direct-mapped cache per hart, indexed by pc, holds decoded
// isa.Inst values tagged with the 32 raw bits fetched at pc. Every fetch
// reads those bits (one host load) and compares, so modified code never runs
// stale, even code written by another hart without fence.i, and stores need no
// invalidation at all. Run's loop (interpret, in exec_i.go) has the RV64I arms
// inline and dispatches with one switch on isa.Op; the other extensions live
// in exec_m.go, exec_a.go, exec_zicsr.go and exec_priv.go.
//
// # Observation
//
// PC, X, Priv, Instret, Pending, LastTrap, ReadCSR/WriteCSR (no privilege
// checks; WARL rules apply), Decode (disassembly at any pc), Peek/Poke
// (memory through the hart's view), Snapshot/Restore (checkpoints for
// reverse execution) and SetTracer. Without a tracer or breakpoints Run pays
// one check per call; with them it runs instruction by instruction and calls
// Tracer.Retire with pc, raw bits, decoded instruction, privilege before and
// after (xRET), rd old and new, the memory access (load, store, LR, SC
// success or failure, AMO: address, size, value) and CSR writes, and
// Tracer.Trap for every exception and interrupt (cause, tval, epc, from and to
// privilege).
//
// # Where this hart differs from QEMU 7.2 (all allowed by the spec)
//
// mtval is the pc for ebreak (QEMU 7.2: 0). A misaligned AMO raises
// store/AMO-misaligned (QEMU 7.2: load-misaligned). mstatus.VS and UXL are read-only
// (VS 0, UXL 2); QEMU lets both be written. MPP=2 written reads back as U.
// medeleg[11] is read-only zero. mcounteren, scounteren are 32 bits, pmpaddr
// 54 bits, pmpcfg's reserved bits and R=0/W=1 are not stored, mepc/sepc bit 0
// reads 0, mcountinhibit and the hpm counters are read-only zero, menvcfg holds
// only FIOM and STCE (no Zicbom, Svpbmt), and satp accepts Bare only.
package hart
