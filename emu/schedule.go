package emu

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Schedule files hold a run's decisions (RecordPolicy) for replay
// (ReplayPolicy), e.g. for `-schedule-out` / `-schedule-in`. Text, one
// decision per line after a header, so they diff and compress well:
//
//	# rvstop schedule v1
//	2 517
//	0 8
//
// meaning "run hart 2 for up to 517 instructions, then hart 0 for up to 8".
const scheduleHeader = "# rvstop schedule v1"

// WriteSchedule writes decisions in the schedule file format.
func WriteSchedule(w io.Writer, ds []Decision) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, scheduleHeader)
	for _, d := range ds {
		fmt.Fprintf(bw, "%d %d\n", d.Hart, d.Quantum)
	}
	return bw.Flush()
}

// ReadSchedule parses a schedule file; errors name the line.
func ReadSchedule(r io.Reader) ([]Decision, error) {
	sc := bufio.NewScanner(r)
	var ds []Decision
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if n == 1 {
			if line != scheduleHeader {
				return nil, fmt.Errorf("line 1: %q is not a schedule header (%q)", line, scheduleHeader)
			}
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(line)
		if len(f) != 2 {
			return nil, fmt.Errorf("line %d: want \"hart quantum\", got %q", n, line)
		}
		h, err1 := strconv.Atoi(f[0])
		q, err2 := strconv.ParseUint(f[1], 10, 64)
		if err1 != nil || err2 != nil || h < 0 || h >= MaxHarts || q == 0 {
			return nil, fmt.Errorf("line %d: bad decision %q", n, line)
		}
		ds = append(ds, Decision{h, q})
	}
	return ds, sc.Err()
}
