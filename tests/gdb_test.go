package tests

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rvstop/rvstop/asm"
	"github.com/rvstop/rvstop/emu"
	"github.com/rvstop/rvstop/gdbstub"
	"github.com/rvstop/rvstop/gdbstub/emutarget"
	"github.com/rvstop/rvstop/internal/oracle"
)

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
	gdb := oracle.Require(t, oracle.GDB)
	dir := t.TempDir()
	src := filepath.Join(dir, "stop.s")
	if err := os.WriteFile(src, []byte(gdbProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	elf, err := asm.Assemble([]string{src}, asm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	elfPath := filepath.Join(dir, "stop.elf")
	if err := os.WriteFile(elfPath, elf, 0o644); err != nil {
		t.Fatal(err)
	}

	cfg := emu.Config{Harts: 4, Seed: 1, MaxInsns: 10_000_000}
	tg, err := emutarget.Prepare(&cfg)
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
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	type served struct {
		code int
		err  error
	}
	serveDone := make(chan served, 1)
	go func() { c, err := gdbstub.Serve(l, tg); serveDone <- served{c, err} }()
	runDone := make(chan emu.Result, 1)
	go func() { res, _ := m.Run(); runDone <- res }()

	script := `set pagination off
set confirm off
set width 0
target remote ` + l.Addr().String() + `
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
thread 1
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
	scriptPath := filepath.Join(dir, "cmds.gdb")
	os.WriteFile(scriptPath, []byte(script), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, gdb, "-nx", "-batch", "-x", scriptPath, elfPath).CombinedOutput()
	if err != nil {
		t.Fatalf("gdb: %v\n%s", err, out)
	}
	// Compare with the temporary directory, tab runs and trailing blanks
	// normalised; gdb's own line for the connection comes first.
	got := strings.ReplaceAll(string(out), dir, "DIR")
	got = regexp.MustCompile(`\t+`).ReplaceAllString(got, " ")
	got = regexp.MustCompile(`(?m) +$`).ReplaceAllString(got, "")
	if strings.TrimSpace(got) != strings.TrimSpace(gdbTranscript) {
		t.Errorf("gdb transcript differs; got:\n%s\nwant:\n%s", got, gdbTranscript)
	}

	select {
	case s := <-serveDone:
		if s.err != nil || s.code != 0 {
			t.Errorf("Serve = %d, %v; want the guest's exit 0", s.code, s.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the machine did not finish after detach")
	}
	if res := <-runDone; res.Reason != emu.ExitFinisher || res.Status != 0 {
		t.Errorf("run: %v status %d\n%s", res.Reason, res.Status, res.Report)
	}
}

// gdbTranscript is what gdb-multiarch prints for the script in TestGDB with
// seed 1: hart 2 reaches multi_cpu_stop first; stepping with
// scheduler-locking moves only it; hart 1 makes the next write to stopped.
const gdbTranscript = `0x0000000000001000 in ?? ()
  Id   Target Id             Frame
* 1    Thread 1 "hart 0 (M)" 0x0000000000001000 in ?? ()
  2    Thread 2 "hart 1 (M)" 0x0000000000001000 in ?? ()
  3    Thread 3 "hart 2 (M)" 0x0000000000001000 in ?? ()
  4    Thread 4 "hart 3 (M)" 0x0000000000001000 in ?? ()
Breakpoint 1 at 0x8000002e: file DIR/stop.s, line 21.
[Switching to Thread 3]

Thread 3 "hart 2 (M)" hit Breakpoint 1, multi_cpu_stop () at DIR/stop.s:21
21 la t0, stopped
  Id   Target Id             Frame
  1    Thread 1 "hart 0 (M)" 0x0000000000001000 in ?? ()
  2    Thread 2 "hart 1 (M)" 0x0000000000001000 in ?? ()
* 3    Thread 3 "hart 2 (M)" multi_cpu_stop () at DIR/stop.s:21
  4    Thread 4 "hart 3 (M)" 0x0000000000001000 in ?? ()
$1 = 1
$2 = 0x2
priv           0x3 prv:3 [Machine]
sp             0x80004000 0x80004000
0x80000048: 0
21 la t0, stopped
22 li t1, 1
23 amoadd.w t2, t1, (t0)
wait () at DIR/stop.s:25
25 lw t2, 0(t0)
$3 = 0xe
$4 = 0
0x80000048: 1
[Switching to thread 1 (Thread 1)]
#0  0x0000000000001000 in ?? ()
$5 = 0x0
pc             0x1000 0x1000
Hardware watchpoint 2: *(int *)&stopped
[Switching to Thread 2]

Thread 2 "hart 1 (M)" hit Hardware watchpoint 2: *(int *)&stopped

Old value = 1
New value = 2
wait () at DIR/stop.s:25
25 lw t2, 0(t0)
  Id   Target Id             Frame
  1    Thread 1 "hart 0 (M)" multi_cpu_stop () at DIR/stop.s:23
* 2    Thread 2 "hart 1 (M)" wait () at DIR/stop.s:25
  3    Thread 3 "hart 2 (M)" wait () at DIR/stop.s:27
  4    Thread 4 "hart 3 (M)" multi_cpu_stop () at DIR/stop.s:23
[Inferior 1 (Remote target) detached]
`
