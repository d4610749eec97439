package gdbstub

// The target description (GDB manual, "Target Descriptions"): target.xml names
// the architecture and includes one file per feature. GDB's RISC-V support
// recognises the features by name: org.gnu.gdb.riscv.cpu (x0-x31 and pc),
// .csr (any CSR, found by name) and .virtual (priv). The regnum attributes fix
// the numbers that g, p and P use; they match the constants in target.go.

import (
	"fmt"
	"strings"

	"github.com/rvstop/rvstop/isa"
)

// features builds the annexes of qXfer:features:read for a CSR list.
func features(csrs []uint16) map[string][]byte {
	return map[string][]byte{
		"target.xml":              []byte(targetXML),
		"riscv-64bit-cpu.xml":     cpuXML(),
		"riscv-64bit-csr.xml":     csrXML(csrs),
		"riscv-64bit-virtual.xml": []byte(virtualXML),
	}
}

const targetXML = `<?xml version="1.0"?>
<!DOCTYPE target SYSTEM "gdb-target.dtd">
<target version="1.0">
  <architecture>riscv:rv64</architecture>
  <xi:include href="riscv-64bit-cpu.xml"/>
  <xi:include href="riscv-64bit-csr.xml"/>
  <xi:include href="riscv-64bit-virtual.xml"/>
</target>
`

const virtualXML = `<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.riscv.virtual">
  <reg name="priv" bitsize="64" regnum="4161"/>
</feature>
`

func cpuXML() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.riscv.cpu">
`)
	for i, name := range isa.XNames {
		// GDB's own description calls x8 "fp"; keep its spelling so that
		// $fp means the frame pointer as users expect.
		if i == 8 {
			name = "fp"
		}
		typ := "int"
		switch name {
		case "ra":
			typ = "code_ptr"
		case "sp", "gp", "tp", "fp":
			typ = "data_ptr"
		}
		fmt.Fprintf(&b, "  <reg name=%q bitsize=\"64\" type=%q regnum=\"%d\"/>\n", name, typ, RegX0+i)
	}
	fmt.Fprintf(&b, "  <reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"%d\"/>\n</feature>\n", RegPC)
	return []byte(b.String())
}

func csrXML(csrs []uint16) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>
<!DOCTYPE feature SYSTEM "gdb-target.dtd">
<feature name="org.gnu.gdb.riscv.csr">
`)
	seen := map[uint16]bool{}
	for _, n := range csrs {
		if n > 0xfff || seen[n] {
			continue // not a CSR address, or listed twice: one register each
		}
		seen[n] = true
		name := isa.CSRName(n)
		if strings.HasPrefix(name, "0x") {
			name = fmt.Sprintf("csr%d", n) // GDB's name for CSRs it has no name for
		}
		fmt.Fprintf(&b, "  <reg name=%q bitsize=\"64\" type=\"int\" regnum=\"%d\"/>\n", name, RegCSR(n))
	}
	b.WriteString("</feature>\n")
	return []byte(b.String())
}

// xferSlice answers one qXfer read of data at off,length: 'm' and a chunk when
// more follows, 'l' and the rest at the end. The chunk is escaped as binary data.
func xferSlice(data []byte, off, length uint64) []byte {
	if off >= uint64(len(data)) {
		return []byte("l")
	}
	rest := data[off:]
	if length < uint64(len(rest)) {
		return append([]byte("m"), escape(rest[:length])...)
	}
	return append([]byte("l"), escape(rest)...)
}
