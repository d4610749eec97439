package kernel

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"
)

// BenchmarkBootToShutdown: the default boot (core checks and the narrated
// demo) from reset to SRST shutdown on rvstop with 4 harts; ns/op is host
// wall time, guest-insns/op the instructions all harts executed.
func BenchmarkBootToShutdown(b *testing.B) {
	gnuBuild(b)
	var insns uint64
	for i := 0; i < b.N; i++ {
		insns += runRvstop(b, 4, uint64(i+1), "").Instructions
	}
	b.ReportMetric(float64(insns)/float64(b.N), "guest-insns/op")
}

// BenchmarkStopMachine: the guest's own measurements (bench.s) on rvstop,
// where one time unit is one instruction of the measuring hart: stop_machine
// from the call to RUN, and the cost of cpu_down and cpu_up, on 2 to 32 CPUs.
func BenchmarkStopMachine(b *testing.B) {
	gnuBuild(b)
	stop := regexp.MustCompile(`bench: stop_machine call to RUN: (\d+)`)
	hp := regexp.MustCompile(`bench: cpu_down (\d+), cpu_up (\d+)`)
	for _, n := range []int{2, 4, 8, 32} {
		b.Run(fmt.Sprintf("smp%d", n), func(b *testing.B) {
			var toRun, down, up float64
			for i := 0; i < b.N; i++ {
				out := runRvstop(b, n, uint64(i+1), "bench").Console
				m := stop.FindStringSubmatch(out)
				h := hp.FindStringSubmatch(out)
				if m == nil || h == nil {
					b.Fatalf("no bench lines in:\n%s", out)
				}
				toRun += atof(b, m[1])
				down += atof(b, h[1])
				up += atof(b, h[2])
			}
			b.ReportMetric(toRun/float64(b.N), "insns-call-to-RUN")
			b.ReportMetric(down/float64(b.N), "insns-cpu_down")
			b.ReportMetric(up/float64(b.N), "insns-cpu_up")
		})
	}
}

func atof(b *testing.B, s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		b.Fatal(err)
	}
	return f
}
