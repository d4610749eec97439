package emutarget

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/hart"
)

// counter: every hart adds 1 to a shared counter 50 times, then hart 0 ends
// the run through the finisher and the others sleep.
const counter = `
	.text
	.globl _start
_start:
	li s1, 0
	la s2, count
loop:
	addi s1, s1, 1
	li t0, 1
	amoadd.d zero, t0, (s2)
	.globl hit
hit:
	li t1, 50
	blt s1, t1, loop
	bnez a0, park
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
park:
	wfi
	j park
spin:
	j spin
	.data
	.align 3
	.globl count
count:	.dword 0
`

type machine struct {
	t   *Target
	m   *emu.Machine
	res chan emu.Result
}

// start builds and starts a debuggable machine running src; it parks at
// its first quantum.
func start(t testing.TB, harts int, src string) *machine {
	t.Helper()
	elf, err := asm.Assemble([]string{"prog.s"}, asm.Options{FS: fstest.MapFS{"prog.s": {Data: []byte(src)}}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := emu.Config{Harts: harts, Seed: 7}
	tg, err := Prepare(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := emu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.LoadELF(elf); err != nil {
		t.Fatal(err)
	}
	tg.Bind(m)
	mc := &machine{t: tg, m: m, res: make(chan emu.Result, 1)}
	go func() {
		res, err := m.Run()
		if err != nil {
			t.Error(err)
		}
		mc.res <- res
	}()
	return mc
}

func (mc *machine) sym(t *testing.T, name string) uint64 {
	t.Helper()
	a, ok := mc.m.Symbol(name)
	if !ok {
		t.Fatalf("no symbol %s", name)
	}
	return a
}

func (mc *machine) reg(t *testing.T, h, r int) uint64 {
	t.Helper()
	v, err := mc.t.ReadReg(h, r)
	if err != nil {
		t.Fatalf("hart %d reg %d: %v", h, r, err)
	}
	return v
}

func TestResetState(t *testing.T) {
	mc := start(t, 2, counter)
	tg := mc.t
	if tg.NumHarts() != 2 {
		t.Fatalf("NumHarts = %d", tg.NumHarts())
	}
	for h := 0; h < 2; h++ {
		if pc := mc.reg(t, h, gdbstub.RegPC); pc != 0x1000 {
			t.Errorf("hart %d pc = %#x at reset, want the boot ROM", h, pc)
		}
		if p := mc.reg(t, h, gdbstub.RegPriv); p != 3 {
			t.Errorf("hart %d priv = %d", h, p)
		}
		if id := mc.reg(t, h, gdbstub.RegCSR(0xf14)); id != uint64(h) {
			t.Errorf("hart %d mhartid = %d", h, id)
		}
	}
	// The boot ROM starts with auipc t0, 0 (0x00000297), as QEMU's does.
	buf := make([]byte, 4)
	if n, err := tg.ReadMem(0, 0x1000, buf); n != 4 || err != nil || buf[0] != 0x97 || buf[1] != 0x02 {
		t.Errorf("boot ROM read: %d %v % x", n, err, buf)
	}
	if n, err := tg.ReadMem(0, 0x10000000, buf); n != 0 || err == nil {
		t.Errorf("UART read through the debugger: %d %v", n, err)
	}
	csrs := tg.CSRs()
	if len(csrs) < 30 {
		t.Errorf("only %d CSRs: %x", len(csrs), csrs)
	}
	if err := tg.WriteReg(0, gdbstub.RegPriv, 2); err == nil {
		t.Error("priv 2 accepted")
	}
	if _, err := tg.ReadReg(0, 4000); err == nil {
		t.Error("register 4000 read")
	}
	tg.Kill()
	if res := <-mc.res; res.Reason != emu.ExitStopped {
		t.Errorf("after Kill: %v", res.Reason)
	}
}

func TestBreakStepWatchExit(t *testing.T) {
	mc := start(t, 2, counter)
	tg, ctx := mc.t, context.Background()
	all := []bool{true, true}
	hit, count := mc.sym(t, "hit"), mc.sym(t, "count")

	if err := tg.AddBreakpoint(gdbstub.BreakSoftware, hit, 4); err != nil {
		t.Fatal(err)
	}
	st := tg.Continue(ctx, all)
	if st.Reason != gdbstub.StopBreak || mc.reg(t, st.Hart, gdbstub.RegPC) != hit {
		t.Fatalf("continue: %+v, pc %#x, want the breakpoint at %#x", st, mc.reg(t, st.Hart, gdbstub.RegPC), hit)
	}
	// Step the stopped hart off the breakpoint; the other hart stays put.
	h, other := st.Hart, 1-st.Hart
	otherPC, otherS1 := mc.reg(t, other, gdbstub.RegPC), mc.reg(t, other, 9)
	if st := tg.Step(ctx, h); st.Reason != gdbstub.StopStep || st.Hart != h {
		t.Fatalf("step: %+v", st)
	}
	if pc := mc.reg(t, h, gdbstub.RegPC); pc != hit+4 {
		t.Errorf("after step pc = %#x, want %#x", pc, hit+4)
	}
	if mc.reg(t, other, gdbstub.RegPC) != otherPC || mc.reg(t, other, 9) != otherS1 {
		t.Error("the other hart moved during a step")
	}
	// Only the other hart continues: it reaches the breakpoint, h stays.
	hPC := mc.reg(t, h, gdbstub.RegPC)
	run := []bool{false, false}
	run[other] = true
	if st := tg.Continue(ctx, run); st.Reason != gdbstub.StopBreak || st.Hart != other {
		t.Fatalf("continue the other hart: %+v", st)
	}
	if mc.reg(t, h, gdbstub.RegPC) != hPC {
		t.Error("a held hart moved")
	}
	tg.RemoveBreakpoint(gdbstub.BreakSoftware, hit, 4)

	// A write watchpoint on the counter stops before an amoadd (the
	// instruction just before hit) changes it; a step then makes the write.
	before, after := make([]byte, 8), make([]byte, 8)
	tg.ReadMem(0, count, before)
	if err := tg.AddBreakpoint(gdbstub.WatchWrite, count, 8); err != nil {
		t.Fatal(err)
	}
	st = tg.Continue(ctx, all)
	if st.Reason != gdbstub.StopWatch || st.Addr != count || mc.reg(t, st.Hart, gdbstub.RegPC) != hit-4 {
		t.Fatalf("watch: %+v at pc %#x, want a write stop at %#x", st, mc.reg(t, st.Hart, gdbstub.RegPC), hit-4)
	}
	tg.ReadMem(0, count, after)
	if after[0] != before[0] {
		t.Errorf("count changed from %d to %d before the watched write", before[0], after[0])
	}
	if st := tg.Step(ctx, st.Hart); st.Reason != gdbstub.StopStep {
		t.Fatalf("step over the watched write: %+v", st)
	}
	tg.ReadMem(0, count, after)
	if after[0] != before[0]+1 {
		t.Errorf("count went from %d to %d over the watched write", before[0], after[0])
	}
	// A read watchpoint never fires on this program: nothing reads count
	// except the amoadd, which an access watchpoint catches.
	tg.RemoveBreakpoint(gdbstub.WatchWrite, count, 8)
	tg.AddBreakpoint(gdbstub.WatchAccess, count+4, 1)
	if st := tg.Continue(ctx, all); st.Reason != gdbstub.StopAccessWatch || st.Addr != count+4 {
		t.Fatalf("access watch: %+v", st)
	}
	tg.Detach()

	// Without breakpoints the run ends: 100 increments, finisher pass.
	if st := tg.Continue(ctx, all); st.Reason != gdbstub.StopExited || st.Code != 0 {
		t.Fatalf("final continue: %+v", st)
	}
	res := <-mc.res
	if res.Reason != emu.ExitFinisher {
		t.Errorf("run ended by %v", res.Reason)
	}
	tg.ReadMem(0, count, after)
	// Hart 0 ends the run after its own 50; hart 1 may not be done.
	if after[0] < 50 || after[0] > 100 {
		t.Errorf("count = %d, want 50 to 100", after[0])
	}
	if st := tg.Continue(ctx, all); st.Reason != gdbstub.StopExited {
		t.Errorf("continue after the end: %+v", st)
	}
}

func TestInterrupt(t *testing.T) {
	mc := start(t, 1, counter)
	tg := mc.t
	spin := mc.sym(t, "spin")
	tg.WriteReg(0, gdbstub.RegPC, spin)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	st := tg.Continue(ctx, []bool{true})
	if st.Reason != gdbstub.StopInterrupt {
		t.Fatalf("interrupt: %+v", st)
	}
	if pc := mc.reg(t, 0, gdbstub.RegPC); pc != spin {
		t.Errorf("pc = %#x, want the spin loop %#x", pc, spin)
	}
	tg.Kill()
	<-mc.res
}

func TestParallelRefused(t *testing.T) {
	if _, err := Prepare(&emu.Config{Parallel: true}); err == nil {
		t.Error("Prepare accepted -parallel")
	}
}

// trapWrite: the first instruction of the trap handler writes the watched
// word; only the trap (an ecall) leads there, so the access is predicted
// from the Trap callback, not from a retired instruction.
const trapWrite = `
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	la s2, flag
	ecall
	.globl handler
handler:
	sd t0, 0(s2)
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
	.data
	.align 3
	.globl flag
flag:	.dword 0
`

func TestWatchInTrapHandler(t *testing.T) {
	mc := start(t, 1, trapWrite)
	tg, ctx := mc.t, context.Background()
	handler, flag := mc.sym(t, "handler"), mc.sym(t, "flag")
	tg.AddBreakpoint(gdbstub.WatchWrite, flag, 8)
	st := tg.Continue(ctx, []bool{true})
	if st.Reason != gdbstub.StopWatch || st.Addr != flag || mc.reg(t, 0, gdbstub.RegPC) != handler {
		t.Fatalf("%+v at pc %#x; want a write stop at the handler %#x", st, mc.reg(t, 0, gdbstub.RegPC), handler)
	}
	// Resuming with the watchpoint still set lets the reported access
	// through once instead of stopping again.
	if st := tg.Continue(ctx, []bool{true}); st.Reason != gdbstub.StopExited {
		t.Errorf("after the watch: %+v", st)
	}
	<-mc.res
}

// Abort (rvstop's Ctrl-C) ends a run the debugger holds.
func TestAbortParked(t *testing.T) {
	mc := start(t, 2, counter)
	if pc := mc.reg(t, 0, gdbstub.RegPC); pc != 0x1000 {
		t.Fatalf("pc %#x", pc)
	}
	mc.t.Abort()
	mc.t.Abort() // twice is harmless
	select {
	case res := <-mc.res:
		if res.Reason != emu.ExitStopped {
			t.Errorf("after Abort: %v", res.Reason)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Abort did not end the run")
	}
	if st := mc.t.Continue(context.Background(), []bool{true, true}); st.Reason != gdbstub.StopExited {
		t.Errorf("continue after Abort: %+v", st)
	}
}

func TestMonitor(t *testing.T) {
	mc := start(t, 2, counter)
	out := mc.t.Monitor("harts")
	for _, want := range []string{"hart 0: pc ", "hart 1: pc ", "M-mode, running, 0 instructions retired"} {
		if !strings.Contains(out, want) {
			t.Errorf("monitor harts lacks %q:\n%s", want, out)
		}
	}
	if out := mc.t.Monitor("help"); !strings.Contains(out, "harts") {
		t.Errorf("monitor help:\n%s", out)
	}
	if out := mc.t.Monitor("insns"); out != "0 instructions\n" {
		t.Errorf("monitor insns: %q", out)
	}
	if out := mc.t.Monitor("frob"); !strings.Contains(out, "unknown") {
		t.Errorf("monitor frob: %q", out)
	}
	mc.t.Kill()
	<-mc.res
}

// Without -S the machine runs from the start; a debugger that connects
// stops it where it is, and detaching lets it run on.
func TestServeRunningMachine(t *testing.T) {
	mc := start(t, 1, counter)
	spin := mc.sym(t, "spin")
	if err := mc.t.WriteReg(0, gdbstub.RegPC, spin); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	served := make(chan error, 1)
	go func() { _, err := (&gdbstub.Server{Target: mc.t}).Serve(l); served <- err }()
	time.Sleep(20 * time.Millisecond) // let it spin a while

	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	ask := func(p string) string {
		var sum byte
		for i := 0; i < len(p); i++ {
			sum += p[i]
		}
		fmt.Fprintf(conn, "$%s#%02x", p, sum)
		r.ReadByte() // our ack
		reply, err := r.ReadString('#')
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		r.Discard(2)
		conn.Write([]byte("+"))
		return strings.TrimSuffix(strings.TrimPrefix(reply, "$"), "#")
	}
	if got := ask("?"); got != "T02thread:1;" {
		t.Errorf("attach to a running machine: %q", got)
	}
	if got := ask("p20"); got != fmt.Sprintf("%016x", bitsLE(spin)) {
		t.Errorf("pc %s, want the spin loop %#x", got, spin)
	}
	if got := ask("D"); got != "OK" {
		t.Errorf("detach: %q", got)
	}
	mc.t.Abort()
	if res := <-mc.res; res.Reason != emu.ExitStopped {
		t.Errorf("run ended by %v", res.Reason)
	}
}

// bitsLE is v's bytes in little-endian order read as a big-endian number,
// which is how a register's hex appears in p and g replies.
func bitsLE(v uint64) uint64 {
	var out uint64
	for i := 0; i < 8; i++ {
		out = out<<8 | v>>(8*i)&0xff
	}
	return out
}

// countTracer counts retired instructions per hart.
type countTracer struct{ retired, traps int }

func (c *countTracer) Retire(*hart.Hart, *hart.Retired) { c.retired++ }
func (c *countTracer) Trap(*hart.Hart, *hart.TrapInfo)  { c.traps++ }

// A tracer of the harts' own (rvstop -trace) keeps seeing every event while
// watchpoints come and go.
func TestKeepTracer(t *testing.T) {
	mc := start(t, 1, trapWrite)
	tr := &countTracer{}
	for _, h := range mc.m.Harts() {
		h.SetTracer(tr)
	}
	mc.t.KeepTracer(tr)
	flag := mc.sym(t, "flag")
	mc.t.AddBreakpoint(gdbstub.WatchWrite, flag, 8)
	if st := mc.t.Continue(context.Background(), []bool{true}); st.Reason != gdbstub.StopWatch {
		t.Fatalf("watch: %+v", st)
	}
	if tr.retired == 0 || tr.traps != 1 {
		t.Errorf("under a watchpoint the tracer saw %d instructions, %d traps; want some and the ecall", tr.retired, tr.traps)
	}
	mc.t.RemoveBreakpoint(gdbstub.WatchWrite, flag, 8)
	before := tr.retired
	if st := mc.t.Continue(context.Background(), []bool{true}); st.Reason != gdbstub.StopExited {
		t.Fatalf("to the end: %+v", st)
	}
	if tr.retired <= before {
		t.Error("the tracer went quiet after the watchpoint was removed")
	}
	<-mc.res
}
