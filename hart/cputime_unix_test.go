//go:build unix

package hart

import (
	"syscall"
	"time"
)

// cpuTime is this process's user+system CPU time, for the cpuMIPS metric.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
