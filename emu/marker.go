package emu

// Trace marker device, rvstop's own (absent on QEMU): guest code names an
// event and the trace shows it on the writing hart (issue 8). Described in
// the FDT as /soc/trace-marker@10010000, compatible "rvstop,trace-marker", so
// a kernel marks only where the node exists. Window 0x1000 at 0x1001_0000, an
// address QEMU's virt map leaves empty. Registers, per writing hart:
//
//	0x0  ARG   64 bits, write: the argument of the next event (4-byte writes
//	           set the low half and clear the high half)
//	0x8  NAME  64 bits, write: the physical address of a NUL-terminated event
//	           name in RAM (at most markerMaxName bytes); emits the event
//	           (hart, name, ARG) to the Observer
//
// Reads return 0. A name outside RAM or without a NUL within bounds emits
// "?" so a kernel bug shows up in the trace rather than vanishing.
const (
	markerBase    = 0x1001_0000
	markerSize    = 0x1000
	markerArg     = 0x0
	markerName    = 0x8
	markerMaxName = 128
)

type marker struct {
	m   *Machine
	arg []uint64 // per hart
}

func (d *marker) Load(off uint64, size int) (uint64, bool) {
	return 0, size == 4 || size == 8
}

func (d *marker) Store(from int, off uint64, size int, v uint64) bool {
	if size != 4 && size != 8 {
		return false
	}
	switch off {
	case markerArg:
		d.arg[from] = v
	case markerName:
		d.m.obs.Marker(d.m.Step(), from, d.m.readName(v), d.arg[from])
	}
	return true
}

// readName reads a NUL-terminated string from guest RAM.
func (m *Machine) readName(addr uint64) string {
	off, err := m.ramOffset(addr, 1)
	if err != nil {
		return "?"
	}
	end := min(off+markerMaxName, uint64(len(m.ram)))
	for i := off; i < end; i++ {
		if m.ram[i] == 0 {
			return string(m.ram[off:i])
		}
	}
	return "?"
}
