package asm

import (
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// The -march string: which extensions' instructions the assembler accepts.

var extNames = map[isa.Ext]string{
	isa.ExtI: "i", isa.ExtM: "m", isa.ExtA: "a", isa.ExtF: "f", isa.ExtD: "d", isa.ExtC: "c",
	isa.ExtZicsr: "zicsr", isa.ExtZifencei: "zifencei", isa.ExtPriv: "privileged",
}

// parseMarch reads an ISA string such as rv64imac_zicsr_zifencei. "g" is
// imafd_zicsr_zifencei; the privileged instructions are always available.
func parseMarch(s string) (map[isa.Ext]bool, error) {
	l := strings.ToLower(s)
	if !strings.HasPrefix(l, "rv64") {
		return nil, fmt.Errorf("asm: -march=%s: only rv64 is supported", s)
	}
	parts := strings.Split(l[4:], "_")
	exts := map[isa.Ext]bool{isa.ExtPriv: true}
	single := map[byte]isa.Ext{'i': isa.ExtI, 'm': isa.ExtM, 'a': isa.ExtA, 'f': isa.ExtF, 'd': isa.ExtD, 'c': isa.ExtC}
	base := parts[0]
	if base == "" || base[0] != 'i' && base[0] != 'g' && base[0] != 'e' {
		return nil, fmt.Errorf("asm: -march=%s: want rv64i... or rv64g...", s)
	}
	for i := 0; i < len(base); i++ {
		c := base[i]
		if c == 'g' {
			for _, e := range []isa.Ext{isa.ExtI, isa.ExtM, isa.ExtA, isa.ExtF, isa.ExtD, isa.ExtZicsr, isa.ExtZifencei} {
				exts[e] = true
			}
			continue
		}
		if c >= '0' && c <= '9' || c == 'p' {
			continue // version numbers
		}
		e, ok := single[c]
		if !ok {
			if c == 'z' || c == 's' || c == 'x' {
				break
			}
			return nil, fmt.Errorf("asm: -march=%s: unsupported extension %q", s, c)
		}
		exts[e] = true
	}
	if exts[isa.ExtD] {
		exts[isa.ExtF] = true
	}
	for _, p := range parts[1:] {
		p = strings.TrimRight(p, "0123456789p")
		switch p {
		case "zicsr":
			exts[isa.ExtZicsr] = true
		case "zifencei":
			exts[isa.ExtZifencei] = true
		case "zihintpause", "zicntr", "zihpm", "":
		default:
			return nil, fmt.Errorf("asm: -march=%s: unsupported extension %q", s, p)
		}
	}
	return exts, nil
}
