package asm

import "strings"

// The lexer works in two steps, as GNU as does: a source file becomes logical
// lines with comments removed (`#` to end of line, `/* ... */` anywhere), and a
// line becomes statements at each `;`. Macro bodies are kept as lines and split
// into statements only after their arguments are substituted.

// A line is one source line without its comments.
type line struct {
	pos  Pos // column 1 of the line
	text string
}

// splitLines strips comments and cuts src into lines. Quoted strings and
// character literals are left alone, so "#" and ';' inside them survive.
// Lines without comments are substrings of src, not copies.
func splitLines(file, src string) []line {
	lines := make([]line, 0, strings.Count(src, "\n")+1)
	n := 1
	inBlock := false
	for len(src) > 0 || n == 1 {
		text := src
		if k := strings.IndexByte(src, '\n'); k >= 0 {
			text, src = src[:k], src[k+1:]
		} else {
			src = ""
		}
		if inBlock || strings.ContainsAny(text, "#/\r'\"") {
			text, inBlock = stripComments(text, inBlock)
		}
		lines = append(lines, line{Pos{file, n, 1}, text})
		n++
	}
	return lines
}

// stripComments removes comments from one line; inBlock says a /* comment is
// open at its start, and the result whether one is open at its end.
// Comment bytes become blanks, so columns stay right.
func stripComments(text string, inBlock bool) (string, bool) {
	b := []byte(text)
	out := b[:0:0]
	for i := 0; i < len(b); i++ {
		c := b[i]
		if inBlock {
			if c == '*' && i+1 < len(b) && b[i+1] == '/' {
				inBlock = false
				out = append(out, ' ', ' ')
				i++
			} else {
				out = append(out, ' ')
			}
			continue
		}
		switch c {
		case '"':
			j := skipString(text, i)
			out = append(out, b[i:j]...)
			i = j - 1
		case '\'':
			// A character literal: 'c, 'c' or '\n'.
			j := i + 1
			if j < len(b) && b[j] == '\\' {
				j++
			}
			if j < len(b) {
				j++
			}
			out = append(out, b[i:j]...)
			i = j - 1
		case '#':
			return string(out), false
		case '/':
			if i+1 < len(b) && b[i+1] == '*' {
				inBlock = true
				out = append(out, ' ', ' ')
				i++
			} else {
				out = append(out, c)
			}
		case '\r':
			// CRLF sources read as LF ones.
		default:
			out = append(out, c)
		}
	}
	return string(out), inBlock
}

// skipString returns the index just past the string literal starting at s[i].
// An unterminated string ends at the end of the line.
func skipString(s string, i int) int {
	for j := i + 1; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		case '\n':
			return j
		}
	}
	return len(s)
}

// A stmt is one statement of a line: where it starts and its text.
type stmt struct {
	col  int // 1-based column of text[0] in the line
	text string
}

// splitStatements cuts a line at each ';' outside quotes, appending to out.
func splitStatements(out []stmt, text string) []stmt {
	if strings.IndexByte(text, ';') < 0 {
		return append(out, stmt{1, text})
	}
	start := 0
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '"':
			i = skipString(text, i) - 1
		case '\'':
			if i+1 < len(text) && text[i+1] == '\\' {
				i++
			}
			i++
		case ';':
			out = append(out, stmt{start + 1, text[start:i]})
			start = i + 1
		}
	}
	return append(out, stmt{start + 1, text[start:]})
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\f' || c == '\v' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' || c == '$'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// skipSpace returns the index of the first non-blank byte of s at or after i.
func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

// splitOperands cuts an operand list at top-level commas (not inside
// parentheses or quotes) and trims each piece; cols are the 0-based offsets of
// the pieces in s.
func splitOperands(s string) (ops []string, cols []int) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	depth, start := 0, 0
	add := func(end int) {
		piece := s[start:end]
		lead := len(piece) - len(strings.TrimLeft(piece, " \t"))
		ops = append(ops, strings.TrimSpace(piece))
		cols = append(cols, start+lead)
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			i = skipString(s, i) - 1
		case '\'':
			if i+1 < len(s) && s[i+1] == '\\' {
				i++
			}
			i++
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				add(i)
				start = i + 1
			}
		}
	}
	add(len(s))
	return ops, cols
}
