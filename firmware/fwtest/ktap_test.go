package fwtest

import (
	"strings"
	"testing"
)

func TestParseKTAP(t *testing.T) {
	out := "banner line\r\nKTAP version 1\n1..3\nok 1 first\n# second: got 0x1, want 0x2\n" +
		"not ok 2 second\nok 3 third # SKIP needs 2 harts\n# totals\n"
	rs, err := ParseKTAP(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []Result{
		{Number: 1, Name: "first", OK: true},
		{Number: 2, Name: "second", Diagnostic: []string{"second: got 0x1, want 0x2"}},
		{Number: 3, Name: "third", OK: true, Skip: "needs 2 harts"},
	}
	if len(rs) != len(want) {
		t.Fatalf("%d results, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		w := want[i]
		if r.Number != w.Number || r.Name != w.Name || r.OK != w.OK || r.Skip != w.Skip ||
			strings.Join(r.Diagnostic, "|") != strings.Join(w.Diagnostic, "|") {
			t.Errorf("result %d = %+v, want %+v", i, r, w)
		}
	}
}

// A run cut short, or output that is not KTAP, is an error naming what is wrong.
func TestParseKTAPErrors(t *testing.T) {
	for _, c := range []struct{ out, err string }{
		{"", "no \"KTAP version 1\""},
		{"KTAP version 1\nok 1 a\n", "no plan"},
		{"KTAP version 1\n1..3\nok 1 a\nok 2 b\n", "plan 1..3 but 2 results (last: b)"},
		{"KTAP version 1\n1..2\nok 1 a\nok 3 b\n", "result 3 after 1 results"},
		{"KTAP version 1\n1..x\n", "bad plan"},
		{"KTAP version 1\n1..1\nok one a\n", "bad result line"},
	} {
		_, err := ParseKTAP(c.out)
		if err == nil || !strings.Contains(err.Error(), c.err) {
			t.Errorf("ParseKTAP(%q) = %v, want an error containing %q", c.out, err, c.err)
		}
	}
}
