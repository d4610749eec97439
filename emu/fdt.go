package emu

import "encoding/binary"

// A minimal flattened device tree (DTB, version 17) writer: build a tree of
// fdtNodes, then blob() serialises it. See the Devicetree Specification v0.4,
// chapter 5: a 40-byte header, an (empty) memory reservation block, the
// structure block (BEGIN_NODE/PROP/END_NODE tokens) and the strings block.
const (
	fdtMagic     = 0xd00dfeed
	fdtBeginNode = 1
	fdtEndNode   = 2
	fdtProp      = 3
	fdtEnd       = 9
	fdtVersion   = 17
	fdtLastComp  = 16
	fdtHeaderLen = 40
)

type fdtNode struct {
	name     string
	props    []fdtProperty
	children []*fdtNode
}

type fdtProperty struct {
	name string
	val  []byte
}

func (n *fdtNode) child(name string) *fdtNode {
	c := &fdtNode{name: name}
	n.children = append(n.children, c)
	return c
}

func (n *fdtNode) prop(name string, val []byte) {
	n.props = append(n.props, fdtProperty{name, val})
}

// cells sets a property of 32-bit big-endian cells.
func (n *fdtNode) cells(name string, v ...uint32) {
	b := make([]byte, 0, 4*len(v))
	for _, c := range v {
		b = binary.BigEndian.AppendUint32(b, c)
	}
	n.prop(name, b)
}

// reg64 sets a property of (address, size) pairs, two cells each.
func (n *fdtNode) reg64(name string, v ...uint64) {
	c := make([]uint32, 0, 2*len(v))
	for _, x := range v {
		c = append(c, uint32(x>>32), uint32(x))
	}
	n.cells(name, c...)
}

// strs sets a string-list property (each string NUL-terminated).
func (n *fdtNode) strs(name string, s ...string) {
	var b []byte
	for _, x := range s {
		b = append(append(b, x...), 0)
	}
	n.prop(name, b)
}

func (n *fdtNode) empty(name string) { n.prop(name, nil) }

// blob serialises the tree rooted at n.
func (n *fdtNode) blob(bootCPU uint32) []byte {
	var st []byte
	strOff := map[string]uint32{}
	var strs []byte
	u32 := func(v uint32) { st = binary.BigEndian.AppendUint32(st, v) }
	pad := func() {
		for len(st)%4 != 0 {
			st = append(st, 0)
		}
	}
	var walk func(*fdtNode)
	walk = func(n *fdtNode) {
		u32(fdtBeginNode)
		st = append(append(st, n.name...), 0)
		pad()
		for _, p := range n.props {
			off, ok := strOff[p.name]
			if !ok {
				off = uint32(len(strs))
				strOff[p.name] = off
				strs = append(append(strs, p.name...), 0)
			}
			u32(fdtProp)
			u32(uint32(len(p.val)))
			u32(off)
			st = append(st, p.val...)
			pad()
		}
		for _, c := range n.children {
			walk(c)
		}
		u32(fdtEndNode)
	}
	walk(n)
	u32(fdtEnd)

	const rsvOff = fdtHeaderLen // one all-zero entry ends the reservation map
	structOff := uint32(rsvOff + 16)
	stringsOff := structOff + uint32(len(st))
	total := stringsOff + uint32(len(strs))
	b := make([]byte, 0, total)
	for _, v := range []uint32{fdtMagic, total, structOff, stringsOff, rsvOff,
		fdtVersion, fdtLastComp, bootCPU, uint32(len(strs)), uint32(len(st))} {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	b = append(b, make([]byte, 16)...)
	b = append(b, st...)
	return append(b, strs...)
}
