package asm

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Data directives: alignment, numbers, strings, space.

// emit appends bytes to the current section.
func (u *unit) emit(b []byte) {
	if u.a.bytes += int64(len(b)); u.a.bytes > maxBytes {
		if u.a.bytes-int64(len(b)) <= maxBytes {
			u.errorf("image larger than %d MiB", maxBytes>>20)
		}
		return
	}
	if u.cur.kind == secBss {
		for _, c := range b {
			if c != 0 {
				u.errorf("cannot store a non-zero value in %s (it holds no data)", u.cur.name)
				break
			}
		}
	}
	f := u.cur.last()
	f.data = append(f.data, b...)
}

// emitZeros appends n zero bytes (stacks and buffers, often large).
func (u *unit) emitZeros(n int64) {
	if u.a.bytes += n; u.a.bytes > maxBytes {
		if u.a.bytes-n <= maxBytes {
			u.errorf("image larger than %d MiB", maxBytes>>20)
		}
		return
	}
	f := u.cur.last()
	if len(f.data) == 0 {
		// Share one zero buffer: the slice's capacity ends at n, so a later
		// append copies instead of writing into it.
		f.data = sharedZeros(n)
		return
	}
	f.data = append(f.data, make([]byte, n)...)
}

var zeroBuf struct {
	sync.Mutex
	b []byte
}

// sharedZeros returns n zero bytes that must never be written.
func sharedZeros(n int64) []byte {
	zeroBuf.Lock()
	defer zeroBuf.Unlock()
	if int64(len(zeroBuf.b)) < n {
		zeroBuf.b = make([]byte, max(n, 1<<20))
	}
	return zeroBuf.b[:n:n]
}

func (u *unit) alignDirective(d, rest string, off int) {
	ops, cols := splitOperands(rest)
	if len(ops) == 0 || ops[0] == "" {
		u.errorf("%s needs an alignment", d)
		return
	}
	n, ok := u.constExpr(ops[0], off+cols[0], "alignment")
	if !ok {
		return
	}
	var align int64
	if d == ".balign" {
		if n <= 0 || n&(n-1) != 0 || n > 1<<16 {
			u.errorAt(u.at(off+cols[0]), "alignment %d is not a power of two in [1, 65536]", n)
			return
		}
		align = n
	} else {
		if n < 0 || n > 16 {
			u.errorAt(u.at(off+cols[0]), "alignment exponent %d out of range [0, 16]", n)
			return
		}
		align = 1 << n
	}
	f := &frag{kind: fragAlign, align: align}
	if len(ops) > 1 && ops[1] != "" {
		v, ok := u.constExpr(ops[1], off+cols[1], "fill value")
		if !ok {
			return
		}
		f.fill = []byte{byte(v)}
	}
	if len(ops) > 2 && ops[2] != "" {
		m, ok := u.constExpr(ops[2], off+cols[2], "maximum padding")
		if !ok {
			return
		}
		f.max = m
	}
	u.cur.align = max(u.cur.align, align)
	u.cur.addFrag(f)
}

var dataSizes = map[string]int{
	".byte": 1, ".2byte": 2, ".half": 2, ".short": 2, ".4byte": 4, ".word": 4, ".long": 4, ".int": 4,
	".8byte": 8, ".dword": 8, ".quad": 8,
}

var dataFix = map[int]fixKind{1: fixData1, 2: fixData2, 4: fixData4, 8: fixData8}

// .byte/.half/.word/.dword...: each operand a number, or an address resolved
// after layout.
func (u *unit) dataDirective(d, rest string, off int) {
	size := dataSizes[d]
	ops, cols := splitOperands(rest)
	for i, op := range ops {
		if op == "" {
			u.errorAt(u.at(off+cols[i]), "missing value")
			continue
		}
		e, ok := u.parseExpr(op, off+cols[i])
		if !ok {
			continue
		}
		var buf [8]byte
		if v, err := eval(e, false); err == nil && v.frag == nil {
			if !fitsData(v.n, size) {
				u.errorAt(u.at(off+cols[i]), "value %d does not fit in %d byte(s)", v.n, size)
			}
			binary.LittleEndian.PutUint64(buf[:], uint64(v.n))
			u.emit(buf[:size])
			continue
		}
		f, at := u.here()
		f.fix = append(f.fix, fixup{off: at, kind: dataFix[size], e: e, pos: u.at(off + cols[i])})
		u.emit(buf[:size])
	}
}

// fitsData reports whether v fits size bytes as a signed or an unsigned number.
func fitsData(v int64, size int) bool {
	if size == 8 {
		return true
	}
	bits := uint(size * 8)
	return v >= -(1<<(bits-1)) && v < 1<<bits
}

// .zero n, .space n[, fill], .skip n[, fill].
func (u *unit) spaceDirective(d, rest string, off int) {
	ops, cols := splitOperands(rest)
	if len(ops) == 0 || ops[0] == "" {
		u.errorf("%s needs a size", d)
		return
	}
	n, ok := u.constExpr(ops[0], off+cols[0], "size")
	if !ok {
		return
	}
	if n < 0 || n > maxBytes {
		u.errorAt(u.at(off+cols[0]), "size %d out of range [0, %d]", n, maxBytes)
		return
	}
	var fill int64
	if len(ops) > 1 && d != ".zero" {
		if fill, ok = u.constExpr(ops[1], off+cols[1], "fill value"); !ok {
			return
		}
	}
	if fill == 0 {
		u.emitZeros(n)
	} else {
		u.emit(bytes.Repeat([]byte{byte(fill)}, int(n)))
	}
	u.cut()
}

// .fill repeat[, size[, value]]: value's low 4 bytes, zero-extended to size.
func (u *unit) fillDirective(rest string, off int) {
	ops, cols := splitOperands(rest)
	vals := []int64{0, 1, 0}
	for i := 0; i < len(ops) && i < 3; i++ {
		if ops[i] == "" {
			continue
		}
		v, ok := u.constExpr(ops[i], off+cols[i], ".fill operand")
		if !ok {
			return
		}
		vals[i] = v
	}
	if len(ops) > 3 || len(ops) == 0 {
		u.errorf(".fill takes repeat[, size[, value]]")
		return
	}
	repeat, size, v := vals[0], vals[1], vals[2]
	if size < 0 || size > 8 || repeat < 0 || repeat > maxBytes || repeat*size > maxBytes {
		u.errorf(".fill size %d or repeat %d out of range", size, repeat)
		return
	}
	var one [8]byte
	binary.LittleEndian.PutUint32(one[:], uint32(v))
	b := make([]byte, 0, repeat*size)
	for range repeat {
		b = append(b, one[:size]...)
	}
	u.emit(b)
	u.cut()
}

// cut records that GNU as would end its frag here (after .zero, .space,
// .skip, .fill), for relaxation's estimate.
func (u *unit) cut() {
	f := u.cur.last()
	f.cuts = append(f.cuts, int64(len(f.data)))
}

// .ascii/.asciz/.string "text"[, "text"...].
func (u *unit) stringDirective(d, rest string, off int) {
	ops, cols := splitOperands(rest)
	for i, op := range ops {
		s, err := parseString(op)
		if err != "" {
			u.errorAt(u.at(off+cols[i]), "%s", err)
			continue
		}
		if d != ".ascii" {
			s = append(s, 0)
		}
		u.emit(s)
	}
}

// parseString decodes a quoted string with C escapes (\n, \t, \\, \", octal
// \ooo, hex \xhh).
func parseString(op string) ([]byte, string) {
	if len(op) < 2 || op[0] != '"' || op[len(op)-1] != '"' || skipString(op, 0) != len(op) {
		return nil, "want a quoted string, got " + op
	}
	s := op[1 : len(op)-1]
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b = append(b, c)
			continue
		}
		i++
		c = s[i]
		switch {
		case c >= '0' && c <= '7':
			v := 0
			for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
				v = v*8 + int(s[i]-'0')
				i++
			}
			i--
			b = append(b, byte(v))
		case c == 'x' || c == 'X':
			v := 0
			for i+1 < len(s) && isHex(s[i+1]) {
				i++
				v = v*16 + hexVal(s[i])
			}
			b = append(b, byte(v))
		default:
			if e, ok := escapes[c]; ok {
				b = append(b, e)
			} else {
				b = append(b, c)
			}
		}
	}
	return b, ""
}

func isHex(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexVal(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

func (u *unit) lebDirective(d, rest string, off int) {
	ops, cols := splitOperands(rest)
	for i, op := range ops {
		v, ok := u.constExpr(op, off+cols[i], "value")
		if !ok {
			continue
		}
		if d == ".uleb128" {
			u.emit(appendULEB(nil, uint64(v)))
		} else {
			u.emit(appendSLEB(nil, v))
		}
	}
}

func appendULEB(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			c |= 0x80
		}
		b = append(b, c)
		if v == 0 {
			return b
		}
	}
}

func appendSLEB(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		done := v == 0 && c&0x40 == 0 || v == -1 && c&0x40 != 0
		if !done {
			c |= 0x80
		}
		b = append(b, c)
		if done {
			return b
		}
	}
}

// .float/.single/.double: IEEE 754 values, written as 1.5, -2e3, 0f1.5 or 0d1.5
// (GNU's prefixes), inf and nan.
func (u *unit) floatDirective(d, rest string, off int) {
	ops, cols := splitOperands(rest)
	for i, op := range ops {
		t := strings.ToLower(strings.TrimSpace(op))
		if len(t) > 2 && t[0] == '0' && strings.ContainsRune("fdert", rune(t[1])) {
			t = t[2:]
		}
		v, err := strconv.ParseFloat(t, 64)
		if err != nil {
			u.errorAt(u.at(off+cols[i]), "bad floating-point number %q", op)
			continue
		}
		var b [8]byte
		if d == ".double" {
			binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
			u.emit(b[:8])
		} else {
			binary.LittleEndian.PutUint32(b[:], math.Float32bits(float32(v)))
			u.emit(b[:4])
		}
	}
}

// .org offset[, fill]: advance to a section offset (a constant; GNU as also
// takes a label of the section). Laid out like an alignment, since the
// current offset is known only after relaxation.
func (u *unit) orgDirective(rest string, off int) {
	ops, cols := splitOperands(rest)
	if len(ops) == 0 || len(ops) > 2 {
		u.errorf(".org takes offset[, fill]")
		return
	}
	v, ok := u.constExpr(ops[0], off+cols[0], ".org offset")
	if !ok {
		return
	}
	if v < 0 || v > maxBytes {
		u.errorAt(u.at(off+cols[0]), ".org offset %d out of range [0, %d]", v, maxBytes)
		return
	}
	f := &frag{kind: fragOrg, org: v, pos: u.pos}
	if len(ops) == 2 {
		fill, ok := u.constExpr(ops[1], off+cols[1], "fill value")
		if !ok {
			return
		}
		f.fill = []byte{byte(fill)}
	}
	u.cur.addFrag(f)
}
