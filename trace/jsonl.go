package trace

import (
	"bufio"
	"io"
	"strconv"
)

// JSONL writes one JSON object per event and line; "kind" comes first, then
// the fields that apply (zero values are left out). The schema is in
// docs/tracing.md. The objects are built by hand, field by field in Event's
// order, because a trace has millions of them (encoding/json's reflection
// made it 10 times slower).
type JSONL struct {
	w   *bufio.Writer
	buf []byte
}

// NewJSONL writes JSON lines to w.
func NewJSONL(w io.Writer) *JSONL { return &JSONL{w: bufio.NewWriterSize(w, 1<<16)} }

func (j *JSONL) Event(e *Event) error {
	b := append(j.buf[:0], `{"kind":"`...)
	b = append(b, e.Kind.String()...)
	b = append(b, `","step":`...)
	b = strconv.AppendUint(b, e.Step, 10)
	b = append(b, `,"hart":`...)
	b = strconv.AppendInt(b, int64(e.Hart), 10)
	b = jUint(b, "instret", e.Instret)
	b = jStr(b, "priv", e.Priv)
	b = jUint(b, "pc", e.PC)
	b = jUint(b, "raw", uint64(e.Raw))
	b = jUint(b, "len", uint64(e.Len))
	b = jStr(b, "asm", e.Asm)
	b = jStr(b, "sym", e.Sym)
	b = jStr(b, "src", e.Src)
	b = jStr(b, "rd", e.Rd)
	b = jUint(b, "rd_old", e.RdOld)
	b = jUint(b, "rd_new", e.RdNew)
	if m := e.Mem; m != nil {
		b = append(b, `,"mem":{"kind":`...)
		b = jsonString(b, m.Kind)
		b = append(b, `,"addr":`...)
		b = strconv.AppendUint(b, m.Addr, 10)
		b = append(b, `,"size":`...)
		b = strconv.AppendInt(b, int64(m.Size), 10)
		b = append(b, `,"value":`...)
		b = strconv.AppendUint(b, m.Value, 10)
		b = append(b, '}')
	}
	if c := e.CSR; c != nil {
		b = append(b, `,"csr":{"name":`...)
		b = jsonString(b, c.Name)
		b = append(b, `,"old":`...)
		b = strconv.AppendUint(b, c.Old, 10)
		b = append(b, `,"new":`...)
		b = strconv.AppendUint(b, c.New, 10)
		b = append(b, '}')
	}
	b = jStr(b, "new_priv", e.NewPriv)
	b = jUint(b, "cause", e.Cause)
	if e.Interrupt {
		b = append(b, `,"interrupt":true`...)
	}
	b = jStr(b, "cause_name", e.CauseName)
	b = jUint(b, "tval", e.Tval)
	b = jStr(b, "to", e.To)
	if e.Target != 0 {
		b = append(b, `,"target":`...)
		b = strconv.AppendInt(b, int64(e.Target), 10)
	}
	b = jUint(b, "value", e.Value)
	b = jStr(b, "name", e.Name)
	b = jStr(b, "text", e.Text)
	if e.Status != 0 {
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(e.Status), 10)
	}
	if e.Cleared {
		b = append(b, `,"cleared":true`...)
	}
	b = append(b, "}\n"...)
	j.buf = b
	_, err := j.w.Write(b)
	return err
}

func (j *JSONL) Close() error { return j.w.Flush() }

func jUint(b []byte, key string, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return strconv.AppendUint(b, v, 10)
}

func jStr(b []byte, key, v string) []byte {
	if v == "" {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, key...)
	b = append(b, `":`...)
	return jsonString(b, v)
}

// jsonString appends s as a JSON string, escaping as encoding/json does
// (quotes, backslashes, control characters, and <, >, & for HTML safety).
func jsonString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20 || c == '<' || c == '>' || c == '&':
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
