package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// A registerDump is what dump.inc prints, in order: "name=<16 hex digits>" lines
// from DUMP_CSR (a CSR may appear several times) and DUMP_REGS (x1..x31).
type registerDump []dumpLine

type dumpLine struct{ name, value string }

var dumpLineRE = regexp.MustCompile(`^([a-z][a-z0-9]*)=([0-9a-f]{16})$`)

// parseRegisterDump extracts the dump from a program's UART output and checks
// that it holds all 31 registers, x1 to x31 in a row.
func parseRegisterDump(out []byte) (registerDump, error) {
	var d registerDump
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if m := dumpLineRE.FindStringSubmatch(strings.TrimSpace(sc.Text())); m != nil {
			d = append(d, dumpLine{m[1], m[2]})
		}
	}
	for i, l := range d {
		if l.name != "x1" {
			continue
		}
		for r := 1; r <= 31; r++ {
			if i+r-1 >= len(d) || d[i+r-1].name != fmt.Sprintf("x%d", r) {
				return nil, fmt.Errorf("register dump: x1 is not followed by x2..x31 in order")
			}
		}
		return d, nil
	}
	return nil, fmt.Errorf("register dump: no x1 line")
}

// diff lists the lines where two dumps differ, "" when they are the same.
func (d registerDump) diff(other registerDump) string {
	var b strings.Builder
	for i := 0; i < len(d) || i < len(other); i++ {
		var a, o dumpLine
		if i < len(d) {
			a = d[i]
		}
		if i < len(other) {
			o = other[i]
		}
		if a != o {
			fmt.Fprintf(&b, "line %d: %s=%s vs %s=%s\n", i+1, a.name, a.value, o.name, o.value)
		}
	}
	return b.String()
}
