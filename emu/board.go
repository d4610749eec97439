package emu

import (
	"fmt"

	"github.com/rvstop/rvstop/clint"
)

// The physical memory map of the board: QEMU riscv64 `virt`'s addresses for
// the devices rvstop models (see docs and ../shared/reference/machine.md).
//
//	0x0000_1000  0xf000     boot ROM (bootrom.go)
//	0x0010_0000  0x1000     sifive_test finisher (finisher.go)
//	0x0200_0000  0x1_0000   CLINT: ACLINT MSWI + MTIMER (package clint)
//	0x0C00_0000  0x60_0000  PLIC (plic.go)
//	0x1000_0000  0x100      NS16550A UART, PLIC source 10 (uart.go)
//	0x1001_0000  0x1000     trace marker, rvstop's own (marker.go)
//	0x8000_0000  -m         RAM
const (
	ClintBase = 0x0200_0000
	PLICBase  = 0x0C00_0000
	UARTBase  = 0x1000_0000
	RAMBase   = 0x8000_0000

	uartIRQ = 10

	// UARTClock is the UART input clock QEMU advertises (clock-frequency).
	UARTClock = 3_686_400

	// KernelBase is where -kernel payloads go under firmware (fw_jump).
	KernelBase = 0x8020_0000

	// MarkerCompatible is the compatible string of the trace marker device.
	MarkerCompatible = "rvstop,trace-marker"

	// ISA is the riscv,isa string of every hart.
	ISA = "rv64imac_zicsr_zifencei_zihintpause_sstc"
)

// FDTAddr returns where the device tree goes for a RAM of ramSize bytes: as
// QEMU 7.2 places it, 2 MiB-aligned below the end of RAM (or below 3 GiB,
// whichever is lower), leaving room for a 1 MiB tree.
func FDTAddr(ramSize uint64) uint64 {
	const fdtRoom, align, limit = 1 << 20, 2 << 20, 3 << 30
	end := min(RAMBase+ramSize, limit)
	return (end - fdtRoom) &^ (align - 1)
}

// FDTConfig says what the device tree describes.
type FDTConfig struct {
	Harts    int
	RAMSize  uint64
	Bootargs string // /chosen/bootargs; omitted when empty, as QEMU does
}

// BuildFDT returns the flattened device tree of the board. Node and property
// names, values and phandles are those of QEMU 7.2's `virt` tree for the same
// -smp and -m, restricted to the devices rvstop models; properties follow the
// order dtc prints for QEMU's blob.
func BuildFDT(c FDTConfig) []byte {
	n := c.Harts
	// QEMU allocates phandles while creating the cpus from the last one down,
	// then the PLIC, then the finisher.
	cpuPh := func(h int) uint32 { return uint32(2*(n-1-h) + 1) }
	intcPh := func(h int) uint32 { return cpuPh(h) + 1 }
	plicPh, testPh := uint32(2*n+1), uint32(2*n+2)

	root := &fdtNode{}
	root.cells("#address-cells", 2)
	root.cells("#size-cells", 2)
	root.strs("compatible", "riscv-virtio")
	root.strs("model", "riscv-virtio,qemu")

	ch := root.child("chosen")
	if c.Bootargs != "" {
		ch.strs("bootargs", c.Bootargs)
	}
	ch.strs("stdout-path", fmt.Sprintf("/soc/serial@%x", UARTBase))

	for _, r := range []struct {
		name string
		val  uint32
	}{{"poweroff", finisherPass}, {"reboot", finisherReset}} {
		p := root.child(r.name)
		p.cells("value", r.val)
		p.cells("offset", 0)
		p.cells("regmap", testPh)
		p.strs("compatible", "syscon-"+r.name)
	}

	mem := root.child(fmt.Sprintf("memory@%x", RAMBase))
	mem.strs("device_type", "memory")
	mem.reg64("reg", RAMBase, c.RAMSize)

	cpus := root.child("cpus")
	cpus.cells("#address-cells", 1)
	cpus.cells("#size-cells", 0)
	cpus.cells("timebase-frequency", clint.Frequency)
	for h := range n {
		cpu := cpus.child(fmt.Sprintf("cpu@%x", h))
		cpu.cells("phandle", cpuPh(h))
		cpu.strs("device_type", "cpu")
		cpu.cells("reg", uint32(h))
		cpu.strs("status", "okay")
		cpu.strs("compatible", "riscv")
		cpu.strs("riscv,isa", ISA)
		// satp supports Bare mode only, which the binding spells
		// "riscv,none". The property must be there: U-Boot's riscv_cpu
		// driver ignores cpus without it, and then fails to boot.
		cpu.strs("mmu-type", "riscv,none")
		ic := cpu.child("interrupt-controller")
		ic.cells("#interrupt-cells", 1)
		ic.empty("interrupt-controller")
		ic.strs("compatible", "riscv,cpu-intc")
		ic.cells("phandle", intcPh(h))
	}
	cluster := cpus.child("cpu-map").child("cluster0")
	for h := range n {
		cluster.child(fmt.Sprintf("core%d", h)).cells("cpu", cpuPh(h))
	}

	soc := root.child("soc")
	soc.cells("#address-cells", 2)
	soc.cells("#size-cells", 2)
	soc.strs("compatible", "simple-bus")
	soc.empty("ranges")

	uart := soc.child(fmt.Sprintf("serial@%x", UARTBase))
	uart.cells("interrupts", uartIRQ)
	uart.cells("interrupt-parent", plicPh)
	uart.cells("clock-frequency", UARTClock)
	uart.reg64("reg", UARTBase, uartSize)
	uart.strs("compatible", "ns16550a")

	test := soc.child(fmt.Sprintf("test@%x", finisherBase))
	test.cells("phandle", testPh)
	test.reg64("reg", finisherBase, finisherSize)
	test.strs("compatible", "sifive,test1", "sifive,test0", "syscon")

	var plicIrqs, clintIrqs []uint32
	for h := range n {
		plicIrqs = append(plicIrqs, intcPh(h), 11, intcPh(h), 9)  // MEIP, SEIP
		clintIrqs = append(clintIrqs, intcPh(h), 3, intcPh(h), 7) // MSIP, MTIP
	}
	plic := soc.child(fmt.Sprintf("plic@%x", PLICBase))
	plic.cells("phandle", plicPh)
	plic.cells("riscv,ndev", plicSources-1)
	plic.reg64("reg", PLICBase, plicSize)
	plic.cells("interrupts-extended", plicIrqs...)
	plic.empty("interrupt-controller")
	plic.strs("compatible", "sifive,plic-1.0.0", "riscv,plic0")
	plic.cells("#address-cells", 0)
	plic.cells("#interrupt-cells", 1)

	cl := soc.child(fmt.Sprintf("clint@%x", ClintBase))
	cl.cells("interrupts-extended", clintIrqs...)
	cl.reg64("reg", ClintBase, clint.Size)
	cl.strs("compatible", "sifive,clint0", "riscv,clint0")

	mk := soc.child(fmt.Sprintf("trace-marker@%x", markerBase))
	mk.reg64("reg", markerBase, markerSize)
	mk.strs("compatible", MarkerCompatible)

	return root.blob(0)
}
