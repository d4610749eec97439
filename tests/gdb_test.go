package tests

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/firmware"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/gdbstub/emutarget"
	"github.com/rvstop/rvstop/internal/oracle"
	"github.com/rvstop/rvstop/kernel"
)

// gdbMachine is a held machine behind an in-process stub on a free port.
type gdbMachine struct {
	dir, elf, addr string
	serveDone      chan error
	runDone        chan emu.Result
	running        chan struct{} // closed when the machine first runs
}

// firstSwitch closes a channel at the scheduler's first decision, which a
// held machine makes only once GDB lets it run.
type firstSwitch struct {
	emu.NopObserver
	once sync.Once
	ch   chan struct{}
}

func (f *firstSwitch) Switch(uint64, int, int, uint64) { f.once.Do(func() { close(f.ch) }) }

// startGDBMachine assembles src with our assembler (line information
// included) and starts a held machine of n harts, seed 1, under the stub.
func startGDBMachine(t *testing.T, src string, n int) *gdbMachine {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "stop.s")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	elf, err := asm.Assemble([]string{path}, asm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return startGDBImages(t, dir, n, &roundRobin{}, elf)
}

// roundRobin runs the runnable harts in turn, 5 instructions each: a
// schedule the transcripts can rely on whatever emu's default policy does.
type roundRobin struct{}

func (*roundRobin) Name() string { return "round-robin" }

func (*roundRobin) Pick(v *emu.View) emu.Decision {
	for _, h := range v.Runnable {
		if h > v.Last {
			return emu.Decision{Hart: h, Quantum: 5}
		}
	}
	return emu.Decision{Hart: v.Runnable[0], Quantum: 5}
}

// startGDBImages starts a held machine of n harts under the stub, scheduled
// by policy (nil: emu's default with seed 1),
// with images loaded at their addresses: with one, it is entered in M-mode;
// with two, firmware and kernel, the firmware at RAMBase passes the kernel
// address on, as rvstop boot does. GDB gets the last image's symbols.
func startGDBImages(t *testing.T, dir string, n int, policy emu.Policy, images ...[]byte) *gdbMachine {
	t.Helper()
	g := &gdbMachine{dir: dir, serveDone: make(chan error, 1), runDone: make(chan emu.Result, 1),
		running: make(chan struct{})}
	g.elf = filepath.Join(g.dir, "prog.elf")
	if err := os.WriteFile(g.elf, images[len(images)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := emu.Config{Harts: n, Seed: 1, Policy: policy, MaxInsns: 1_000_000_000, Observer: &firstSwitch{ch: g.running}}
	tg, err := emutarget.Prepare(&cfg)
	if err != nil {
		t.Fatal(err)
	}
	m, err := emu.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range images {
		if _, err := m.LoadELF(img); err != nil {
			t.Fatal(err)
		}
	}
	if len(images) == 2 {
		m.SetEntry(emu.RAMBase, emu.KernelBase)
	}
	tg.Bind(m)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	g.addr = l.Addr().String()
	go func() { _, err := gdbstub.Serve(l, tg); g.serveDone <- err }()
	go func() { res, _ := m.Run(); g.runDone <- res }()
	return g
}

// run runs gdb-multiarch in batch mode on the program with script.
func (g *gdbMachine) run(t *testing.T, script string) string {
	t.Helper()
	return g.runInterrupted(t, script, false)
}

// runInterrupted runs gdb as run does; with interrupt, it sends gdb SIGINT
// (a Ctrl-C at its terminal) once the machine runs, which gdb passes on to
// the stub as the interrupt byte.
func (g *gdbMachine) runInterrupted(t *testing.T, script string, interrupt bool) string {
	t.Helper()
	gdb := oracle.Require(t, oracle.GDB)
	path := filepath.Join(g.dir, "cmds.gdb")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gdb, "-nx", "-batch", "-x", path, g.elf)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if interrupt {
		select {
		case <-g.running:
			time.Sleep(100 * time.Millisecond) // let it spin
			cmd.Process.Signal(os.Interrupt)
		case <-ctx.Done():
		}
	}
	err := cmd.Wait()
	out := buf.Bytes()
	if err != nil {
		t.Fatalf("gdb: %v\n%s", err, out)
	}
	return string(out)
}

// wait checks how the run ended once gdb is gone.
func (g *gdbMachine) wait(t *testing.T, reason emu.ExitReason, status int) {
	t.Helper()
	select {
	case res := <-g.runDone:
		if res.Reason != reason || res.Status != status {
			t.Errorf("run ended by %v, status %d; want %v, %d\n%s", res.Reason, res.Status, reason, status, res.Report)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the machine did not finish after gdb left")
	}
	select {
	case err := <-g.serveDone:
		if err != nil && reason != emu.ExitStopped {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
}

// gdbProgram stands in for the kernel's stop_machine until the test moves to
// it: every hart enters multi_cpu_stop, checks in on a shared counter and
// waits for the others; then hart 0 ends the run through the finisher.
const gdbProgram = `	.equ NHARTS, 4
	.text
	.globl _start
_start:
	# a0 = mhartid (boot ROM); a 4 KiB stack per hart.
	la sp, stacks
	addi t0, a0, 1
	slli t0, t0, 12
	add sp, sp, t0
	call multi_cpu_stop
	bnez a0, park
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
park:
	wfi
	j park

	.globl multi_cpu_stop
multi_cpu_stop:
	la t0, stopped
	li t1, 1
	amoadd.w t2, t1, (t0)
wait:
	lw t2, 0(t0)
	li t1, NHARTS
	blt t2, t1, wait
	ret

	.data
	.align 3
	.globl stopped
stopped:
	.word 0
	.bss
	.align 12
stacks:
	.space 4096 * NHARTS
`

// TestGDB attaches Debian's gdb-multiarch to a held 4-hart machine running a
// program built by our assembler: break on a symbol, continue, list the
// harts as threads, read registers and memory, single-step, switch threads,
// detach; the machine then runs to its end.
func TestGDB(t *testing.T) {
	g := startGDBMachine(t, gdbProgram, 4)
	script := `set pagination off
set confirm off
set width 0
target remote ` + g.addr + `
info threads
break multi_cpu_stop
continue
info threads
p $pc == &multi_cpu_stop
p/x $mhartid
info registers priv
info registers sp
x/1dw &stopped
set scheduler-locking step
stepi
stepi
stepi
stepi
p/x $pc - (long)&multi_cpu_stop
p $t2
x/1dw &stopped
thread 2
p/x $mhartid
info registers pc
delete
set scheduler-locking off
watch *(int *)&stopped
continue
info threads
delete
detach
`
	out := g.run(t, script)
	// Compare with the temporary directory, tab runs and trailing blanks
	// normalised; gdb's own line for the connection comes first.
	got := strings.ReplaceAll(out, g.dir, "DIR")
	got = regexp.MustCompile(`\t+`).ReplaceAllString(got, " ")
	got = regexp.MustCompile(`(?m) +$`).ReplaceAllString(got, "")
	// GDB prefixes a source line with the pc when the pc is inside the line
	// rather than at its start, which depends on how the assembler splits
	// la into rows of the line table: not what this test is about.
	got = regexp.MustCompile(`(?m)^0x[0-9a-f]{16} (\d+ )`).ReplaceAllString(got, "$1")
	if strings.TrimSpace(got) != strings.TrimSpace(gdbTranscript) {
		t.Errorf("gdb transcript differs; got:\n%s\nwant:\n%s", got, gdbTranscript)
	}

	g.wait(t, emu.ExitFinisher, 0)
}

// gdbTranscript is what gdb-multiarch prints for the script in TestGDB
// under the round-robin schedule: hart 0 reaches multi_cpu_stop first;
// stepping with scheduler-locking moves only it while hart 1 waits in
// _start; once released, hart 1 makes the next write to stopped.
const gdbTranscript = `0x0000000000001000 in ?? ()
  Id   Target Id             Frame
* 1    Thread 1 "hart 0 (M)" 0x0000000000001000 in ?? ()
  2    Thread 2 "hart 1 (M)" 0x0000000000001000 in ?? ()
  3    Thread 3 "hart 2 (M)" 0x0000000000001000 in ?? ()
  4    Thread 4 "hart 3 (M)" 0x0000000000001000 in ?? ()
Breakpoint 1 at 0x8000002e: file DIR/stop.s, line 21.

Thread 1 "hart 0 (M)" hit Breakpoint 1, multi_cpu_stop () at DIR/stop.s:21
21 la t0, stopped
  Id   Target Id             Frame
* 1    Thread 1 "hart 0 (M)" multi_cpu_stop () at DIR/stop.s:21
  2    Thread 2 "hart 1 (M)" _start () at DIR/stop.s:9
  3    Thread 3 "hart 2 (M)" _start () at DIR/stop.s:9
  4    Thread 4 "hart 3 (M)" _start () at DIR/stop.s:9
$1 = 1
$2 = 0x0
priv           0x3 prv:3 [Machine]
sp             0x80002000 0x80002000
0x80000048: 0
21 la t0, stopped
22 li t1, 1
23 amoadd.w t2, t1, (t0)
wait () at DIR/stop.s:25
25 lw t2, 0(t0)
$3 = 0xe
$4 = 0
0x80000048: 1
[Switching to thread 2 (Thread 2)]
#0  _start () at DIR/stop.s:9
9 add sp, sp, t0
$5 = 0x1
pc             0x8000000e 0x8000000e <_start+14>
Hardware watchpoint 2: *(int *)&stopped

Thread 2 "hart 1 (M)" hit Hardware watchpoint 2: *(int *)&stopped

Old value = 1
New value = 2
wait () at DIR/stop.s:25
25 lw t2, 0(t0)
  Id   Target Id             Frame
  1    Thread 1 "hart 0 (M)" wait () at DIR/stop.s:27
* 2    Thread 2 "hart 1 (M)" wait () at DIR/stop.s:25
  3    Thread 3 "hart 2 (M)" multi_cpu_stop () at DIR/stop.s:22
  4    Thread 4 "hart 3 (M)" multi_cpu_stop () at DIR/stop.s:22
[Inferior 1 (Remote target) detached]
`

// spinProgram: hart 0 spins until the debugger sets release, then fails
// with status 3 through the finisher; the other harts sleep.
const spinProgram = `	.text
	.globl _start
_start:
	bnez a0, park
	la t0, release
spin:
	lw t1, 0(t0)
	beqz t1, spin
	li t0, 0x100000
	li t1, (3 << 16) | 0x3333
	sw t1, 0(t0)
park:
	wfi
	j park
	.data
	.align 2
	.globl release
release:
	.word 0
`

// TestGDBInterruptAndExit: Ctrl-C (GDB's interrupt) stops a spinning
// machine; GDB changes memory, and the guest's exit reaches GDB.
func TestGDBInterruptAndExit(t *testing.T) {
	g := startGDBMachine(t, spinProgram, 2)
	out := g.runInterrupted(t, `set pagination off
set confirm off
target remote `+g.addr+`
continue
info threads
set var *(int *)&release = 1
continue
`, true)
	for _, want := range []string{
		`(?m)^Thread 1 "hart 0 \(M\)" received signal SIGINT, Interrupt\.$`,
		`(?m)^\* 1    Thread 1 "hart 0 \(M\)" spin \(\) at .*/stop\.s:[78]$`,
		`(?m)^  2    Thread 2 "hart 1 \(M\)" park \(\) at .*/stop\.s:1[34]$`,
		`(?m)^\[Inferior 1 \(Remote target\) exited with code 03\]$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("gdb output lacks %s:\n%s", want, out)
		}
	}
	g.wait(t, emu.ExitFinisher, 3)
}

// TestGDBKernel debugs the real thing as issue 9 asks: rvstop's firmware
// and kernel on 4 harts, held at reset; GDB breaks in the kernel's
// multi_cpu_stop, sees every hart as a thread in S-mode, walks the stack to
// cpu_stopper_thread, steps one hart, switches threads and detaches; the
// kernel then finishes its stop_machine demo and powers off.
func TestGDBKernel(t *testing.T) {
	oracle.Require(t, oracle.GDB)
	kimg, err := kernel.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := firmware.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The kernel's line table names src/*.s relative to kernel/.
	kdir, err := filepath.Abs("../kernel")
	if err != nil {
		t.Fatal(err)
	}
	g := startGDBImages(t, t.TempDir(), 4, nil, fw, kimg)
	out := g.run(t, `set pagination off
set confirm off
set width 0
directory `+kdir+`
target remote `+g.addr+`
info threads
break multi_cpu_stop
continue
info threads
bt
info registers priv
p $pc == &multi_cpu_stop
set scheduler-locking step
thread apply all p/x $pc
stepi
p (long)$pc - (long)&multi_cpu_stop
thread apply all p/x $pc
thread 1
p $_thread
monitor harts
detach
`)
	src, err := os.ReadFile(filepath.Join(kdir, "src/stop_machine.s"))
	if err != nil {
		t.Fatal(err)
	}
	hit := regexp.MustCompile(`(?m)^Thread (\d) "hart (\d) \(S\)" hit Breakpoint 1, multi_cpu_stop \(\) at src/stop_machine\.s:(\d+)\n(\d+)\t(.*)$`).FindStringSubmatch(out)
	if hit == nil {
		t.Fatalf("no breakpoint hit in multi_cpu_stop:\n%s", out)
	}
	// The source line GDB shows is the file's own line.
	lines := strings.Split(string(src), "\n")
	if n, _ := strconv.Atoi(hit[3]); hit[4] != hit[3] || n < 1 || n > len(lines) || strings.TrimSpace(lines[n-1]) != strings.TrimSpace(hit[5]) {
		t.Errorf("line %s shown as %q", hit[3], hit[5])
	}
	if th, h := hit[1], hit[2]; th != string(h[0]+1) {
		t.Errorf("thread %s is hart %s", th, h)
	}
	for _, want := range []string{
		// Held at reset: all four harts in the boot ROM, in M-mode.
		`(?m)^\* 1    Thread 1 "hart 0 \(M\)" 0x0+1000 in \?\? \(\)$`,
		`(?m)^  4    Thread 4 "hart 3 \(M\)" 0x0+1000 in \?\? \(\)$`,
		`(?m)^Breakpoint 1 at 0x802[0-9a-f]{5}: file src/stop_machine\.s, line \d+\.$`,
		// At the breakpoint: every hart is in the kernel, in S-mode.
		`(?m)^[* ] 1    Thread 1 "hart 0 \(S\)" \S+ \(\) at src/\w+\.s:\d+$`,
		`(?m)^[* ] 2    Thread 2 "hart 1 \(S\)" \S+ \(\) at src/\w+\.s:\d+$`,
		`(?m)^[* ] 3    Thread 3 "hart 2 \(S\)" \S+ \(\) at src/\w+\.s:\d+$`,
		`(?m)^[* ] 4    Thread 4 "hart 3 \(S\)" \S+ \(\) at src/\w+\.s:\d+$`,
		`(?m)^#0  multi_cpu_stop \(\) at src/stop_machine\.s:\d+$`,
		`(?m)^#1  0x[0-9a-f]+ in cpu_stopper_thread \(\) at src/stop_machine\.s:\d+$`,
		`(?m)^priv +0x1\tprv:1 \[Supervisor\]$`,
		`(?m)^\$1 = 1$`,
		`(?m)^\$6 = [24]$`, // one instruction, compressed or not
		`(?m)^\[Switching to thread 1 \(Thread 1\)\]$`,
		`(?m)^\$11 = 1$`, // $_thread after thread 1
		`(?m)^\[Inferior 1 \(Remote target\) detached\]$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("gdb output lacks %s", want)
		}
	}
	// monitor harts shows the stopped hart inside multi_cpu_stop, in S-mode.
	if re := regexp.MustCompile(`(?m)^hart ` + hit[2] + `: pc .*<multi_cpu_stop\+0x[0-9a-f]+>, S-mode, running, \d+ instructions retired`); !re.MatchString(out) {
		t.Errorf("monitor harts lacks %s", re)
	}
	// The step moved only the stepped hart: thread apply all, before and
	// after, shows the same pc for every other thread.
	pcs := map[string][]string{}
	for _, m := range regexp.MustCompile(`(?m)^Thread (\d) \(Thread \d "hart \d \(S\)"\):\n\$\d+ = (0x[0-9a-f]+)$`).FindAllStringSubmatch(out, -1) {
		pcs[m[1]] = append(pcs[m[1]], m[2])
	}
	if len(pcs) != 4 {
		t.Errorf("thread apply all listed %d threads, want 4", len(pcs))
	}
	for th, pc := range pcs {
		switch {
		case len(pc) != 2:
			t.Errorf("thread %s: pcs %q, want one before and one after the step", th, pc)
		case th == hit[1] && pc[0] == pc[1]:
			t.Errorf("the stepped thread %s did not move from %s", th, pc[0])
		case th != hit[1] && pc[0] != pc[1]:
			t.Errorf("thread %s moved from %s to %s during another hart's step", th, pc[0], pc[1])
		}
	}
	if t.Failed() {
		t.Logf("gdb output:\n%s", out)
	}
	g.wait(t, emu.ExitFinisher, 0)
}
