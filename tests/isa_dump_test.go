package tests

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// A registerDump is what dump.inc's DUMP_REGS and DUMP_CSR print: lines
// "name=<16 hex digits>", x1..x31 first, then the CSRs the program chose.
type registerDump struct {
	names  []string
	values map[string]string
}

// parseRegisterDump extracts the dump from a program's UART output and checks that
// all 31 registers are there, in order.
func parseRegisterDump(out []byte) (*registerDump, error) {
	d := &registerDump{values: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		name, val, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok || len(val) != 16 || strings.ContainsAny(name, " \t") {
			continue
		}
		d.names = append(d.names, name)
		d.values[name] = val
	}
	for i := 1; i <= 31; i++ {
		if len(d.names) < i || d.names[i-1] != fmt.Sprintf("x%d", i) {
			return nil, fmt.Errorf("register dump: line %d is not x%d (got %q)", i, i, d.names)
		}
	}
	return d, nil
}

// diff lists the lines where two dumps differ, "" when they are the same.
func (d *registerDump) diff(other *registerDump) string {
	var b strings.Builder
	seen := map[string]bool{}
	for _, names := range [][]string{d.names, other.names} {
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			if a, o := d.values[n], other.values[n]; a != o {
				fmt.Fprintf(&b, "%s: %q vs %q\n", n, a, o)
			}
		}
	}
	return b.String()
}
