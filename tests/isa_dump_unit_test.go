package tests

import (
	"fmt"
	"strings"
	"testing"
)

// TestRegisterDumpParsing checks the dump reader itself: a complete dump parses,
// a gap in x1..x31 is refused, and one changed value is the one reported.
func TestRegisterDumpParsing(t *testing.T) {
	var b strings.Builder
	b.WriteString("noise before\nmcause=0000000000000002\n")
	for r := 1; r <= 31; r++ {
		fmt.Fprintf(&b, "x%d=%016x\n", r, r*0x1111)
	}
	b.WriteString("mepc=0000000080000100\n")
	good := b.String()
	d, err := parseRegisterDump([]byte(good))
	if err != nil || len(d) != 33 {
		t.Fatalf("complete dump: %d lines, %v", len(d), err)
	}
	if _, err := parseRegisterDump([]byte(strings.Replace(good, "x17=", "x18=", 1))); err == nil {
		t.Error("a dump without x17 was accepted")
	}
	changed, err := parseRegisterDump([]byte(strings.Replace(good, "x5=0000000000005555", "x5=0000000000005554", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if diff := d.diff(changed); !strings.Contains(diff, "x5=0000000000005555 vs x5=0000000000005554") ||
		strings.Count(diff, "\n") != 1 {
		t.Errorf("diff of one changed register:\n%s", diff)
	}
	if diff := d.diff(d); diff != "" {
		t.Errorf("a dump differs from itself:\n%s", diff)
	}
}
