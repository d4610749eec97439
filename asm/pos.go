package asm

import (
	"fmt"
	"strings"
)

// Pos is a place in a source file: 1-based line and column (in bytes).
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Col > 0 {
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// Error is one diagnostic: `file.s:LINE:COL: message`, as GNU as and the Go
// compiler print them.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ErrorList is what Assemble returns when the source has errors: every error
// found, in source order, up to maxErrors.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// maxErrors bounds one run's report: after this many, the source is too broken
// for more messages to help.
const maxErrors = 20
