package gdbstub

// Hex helpers for packet fields. Every parser here rejects rather than
// guesses: bad digits, empty fields and overflow all report !ok, which the
// command handlers turn into an error reply.

const hexDigits = "0123456789abcdef"

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// parseHex reads a big-endian hex number of 1 to 16 digits (addresses,
// lengths, register numbers).
func parseHex(s []byte) (uint64, bool) {
	if len(s) == 0 || len(s) > 16 {
		return 0, false
	}
	var v uint64
	for _, c := range s {
		d, ok := unhex(c)
		if !ok {
			return 0, false
		}
		v = v<<4 | uint64(d)
	}
	return v, true
}

// decodeHex turns pairs of hex digits into bytes (memory and register data).
func decodeHex(s []byte) ([]byte, bool) {
	if len(s)%2 != 0 {
		return nil, false
	}
	out := make([]byte, len(s)/2)
	for i := range out {
		hi, ok1 := unhex(s[2*i])
		lo, ok2 := unhex(s[2*i+1])
		if !ok1 || !ok2 {
			return nil, false
		}
		out[i] = hi<<4 | lo
	}
	return out, true
}

func appendHexBytes(dst, data []byte) []byte {
	for _, b := range data {
		dst = append(dst, hexDigits[b>>4], hexDigits[b&15])
	}
	return dst
}

// appendReg appends a 64-bit register in target byte order (little-endian),
// as g and p replies carry it.
func appendReg(dst []byte, v uint64) []byte {
	for i := 0; i < 8; i++ {
		b := byte(v >> (8 * i))
		dst = append(dst, hexDigits[b>>4], hexDigits[b&15])
	}
	return dst
}

// parseReg reads a little-endian register value of 1 to 8 bytes.
func parseReg(s []byte) (uint64, bool) {
	b, ok := decodeHex(s)
	if !ok || len(b) == 0 || len(b) > 8 {
		return 0, false
	}
	var v uint64
	for i, x := range b {
		v |= uint64(x) << (8 * i)
	}
	return v, true
}

// appendHexNum appends v in big-endian hex without leading zeros (thread ids,
// addresses in stop replies).
func appendHexNum(dst []byte, v uint64) []byte {
	if v == 0 {
		return append(dst, '0')
	}
	var tmp [16]byte
	i := len(tmp)
	for v != 0 {
		i--
		tmp[i] = hexDigits[v&15]
		v >>= 4
	}
	return append(dst, tmp[i:]...)
}
