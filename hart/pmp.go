package hart

// PMP CSRs (privileged spec 3.7) as WARL storage: 16 entries like QEMU virt,
// with the locking rules, but no enforcement yet (accesses are not checked).
// pmpaddr16..63 and the pmpcfg registers beyond entry 15 are read-only zero;
// on RV64 only the even pmpcfg registers exist.
const pmpEntries = 16

const (
	pmpL       = 0x80
	pmpA       = 0x18
	pmpTOR     = 0x08
	pmpCfgMask = 0x9f      // bits 6:5 are reserved, read as zero
	pmpAddrMax = 1<<54 - 1 // pmpaddr holds physical address bits 55:2
)

func (h *Hart) pmpcfgRead(i uint16) (uint64, bool) {
	if i&1 != 0 {
		return 0, false // pmpcfg1, 3, ... do not exist on RV64
	}
	var v uint64
	for b := range 8 {
		if e := int(i)*4 + b; e < pmpEntries {
			v |= uint64(h.pmpcfg[e]) << (8 * b)
		}
	}
	return v, true
}

func (h *Hart) pmpcfgWrite(i uint16, v uint64) {
	if i&1 != 0 {
		return
	}
	for b := range 8 {
		e := int(i)*4 + b
		if e >= pmpEntries || h.pmpcfg[e]&pmpL != 0 {
			continue // locked entries ignore writes until reset
		}
		c := uint8(v>>(8*b)) & pmpCfgMask
		if c&3 == 2 { // R=0, W=1 is reserved: keep the old setting
			c = h.pmpcfg[e]
		}
		h.pmpcfg[e] = c
	}
}

func (h *Hart) pmpaddrRead(i uint16) uint64 {
	if int(i) >= pmpEntries {
		return 0
	}
	return h.pmpaddr[i]
}

// pmpaddrWrite ignores writes to a locked entry, and to the entry below a
// locked TOR entry (which uses it as its bottom).
func (h *Hart) pmpaddrWrite(i uint16, v uint64) {
	e := int(i)
	if e >= pmpEntries || h.pmpcfg[e]&pmpL != 0 {
		return
	}
	if e+1 < pmpEntries && h.pmpcfg[e+1]&pmpL != 0 && h.pmpcfg[e+1]&pmpA == pmpTOR {
		return
	}
	h.pmpaddr[e] = v & pmpAddrMax
}
