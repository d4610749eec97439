package tests

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/rvstop/rvstop/internal/oracle"
)

// TestGDBBinaryBoot is the session a kernel developer types: build rvstop,
// `rvstop boot -S -gdb tcp::PORT`, attach gdb-multiarch, break in
// multi_cpu_stop, look at every hart, step, detach; then the held boot runs
// to its clean shutdown.
func TestGDBBinaryBoot(t *testing.T) {
	gdb := oracle.Require(t, oracle.GDB)
	dir := t.TempDir()
	bin := filepath.Join(dir, "rvstop")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/rvstop").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	kelf := filepath.Join(dir, "kernel.elf")
	if out, err := exec.Command(bin, "kernel", "-o", kelf).CombinedOutput(); err != nil {
		t.Fatalf("rvstop kernel: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	boot := exec.CommandContext(ctx, bin, "boot", "-smp", "2", "-S", "-gdb", "tcp::0", kelf)
	stderr, err := boot.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	boot.Stdout = nil
	if err := boot.Start(); err != nil {
		t.Fatal(err)
	}
	// rvstop says where it listens: "... waiting for gdb on 127.0.0.1:PORT ...".
	sc := bufio.NewScanner(stderr)
	addrRe := regexp.MustCompile(`waiting for gdb on (127\.0\.0\.1:\d+)`)
	var addr string
	for sc.Scan() {
		if m := addrRe.FindStringSubmatch(sc.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if addr == "" {
		t.Fatalf("rvstop boot never said where gdb can attach")
	}
	go func() { // keep draining stderr
		for sc.Scan() {
		}
	}()
	kdir, _ := filepath.Abs("../kernel")
	script := filepath.Join(dir, "cmds.gdb")
	os.WriteFile(script, []byte(`set pagination off
set confirm off
directory `+kdir+`
target remote `+addr+`
info threads
break multi_cpu_stop
continue
info threads
p/x $pc
x/2i $pc
p $priv
stepi
thread 2
p $_thread
detach
`), 0o644)
	out, err := exec.CommandContext(ctx, gdb, "-nx", "-batch", "-x", script, kelf).CombinedOutput()
	if err != nil {
		t.Fatalf("gdb: %v\n%s", err, out)
	}
	for _, want := range []string{
		`Thread 1 "hart 0 \(M\)" 0x0+1000`, // held at reset in the boot ROM
		`Thread 2 "hart 1 \(M\)" 0x0+1000`,
		`Breakpoint 1 at 0x802[0-9a-f]+: file src/stop_machine\.s`,
		`hit Breakpoint 1, multi_cpu_stop \(\) at src/stop_machine\.s:\d+`,
		`Thread 2 "hart 1 \(S\)"`,
		`=> 0x802[0-9a-f]+ <multi_cpu_stop(\+\d+)?>:`,
		`\[Switching to thread 2 \(Thread 2\)\]`,
		`\[Inferior 1 \(Remote target\) detached\]`,
	} {
		if !regexp.MustCompile(want).Match(out) {
			t.Errorf("gdb output lacks %s:\n%s", want, out)
		}
	}
	// Detached, the machine runs on to the kernel's clean shutdown.
	if err := boot.Wait(); err != nil {
		t.Errorf("rvstop boot after detach: %v", err)
	}
}
