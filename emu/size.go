package emu

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize parses a memory size the way QEMU's -m does: a number with an
// optional suffix K, M, G or T (powers of 1024, either case, optional "iB"
// or "B"); a bare number means MiB.
func ParseSize(s string) (uint64, error) {
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(strings.TrimSuffix(t, "iB"), "B")
	shift := uint(20)
	if n := len(t); n > 0 {
		switch t[n-1] | 0x20 {
		case 'k':
			shift, t = 10, t[:n-1]
		case 'm':
			shift, t = 20, t[:n-1]
		case 'g':
			shift, t = 30, t[:n-1]
		case 't':
			shift, t = 40, t[:n-1]
		}
	}
	v, err := strconv.ParseUint(t, 10, 64)
	if err != nil || v == 0 || v > (1<<63)>>shift {
		return 0, fmt.Errorf("bad size %q: want e.g. 128M, 1G or 512 (MiB)", s)
	}
	return v << shift, nil
}
