package trace

import (
	"bufio"
	"encoding/json"
	"io"
)

// JSONL writes one JSON object per event and line; "kind" comes first. The
// schema is in docs/tracing.md.
type JSONL struct {
	w *bufio.Writer
}

// NewJSONL writes JSON lines to w.
func NewJSONL(w io.Writer) *JSONL { return &JSONL{w: bufio.NewWriterSize(w, 1<<16)} }

func (j *JSONL) Event(e *Event) error {
	body, err := json.Marshal(e)
	if err != nil {
		return err
	}
	j.w.WriteString(`{"kind":"`)
	j.w.WriteString(e.Kind.String())
	j.w.WriteString(`",`)
	j.w.Write(body[1:])
	return j.w.WriteByte('\n')
}

func (j *JSONL) Close() error { return j.w.Flush() }
