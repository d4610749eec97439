package emu

// sifive_test finisher at 0x10_0000 (window 0x1000), QEMU virt's way for a
// guest to end the emulation. One register at offset 0, written with a 2- or
// 4-byte store (other sizes are refused, as on QEMU); reads return 0:
//
//	bits 15:0   0x5555 pass: exit status 0
//	            0x3333 fail: exit status = bits 31:16 (QEMU exits with 0 when
//	                   they are 0; rvstop exits with 1, so a failure never
//	                   looks like a pass)
//	            0x7777 reset: the run ends with ExitReset
//	bits 31:16  the failure code
//
// Any other value is ignored.
const (
	finisherBase = 0x10_0000
	finisherSize = 0x1000

	finisherFail  = 0x3333
	finisherPass  = 0x5555
	finisherReset = 0x7777
)

type finisher struct {
	exit func(reason ExitReason, status int)
}

func (f *finisher) Load(off uint64, size int) (uint64, bool) {
	return 0, size == 2 || size == 4
}

func (f *finisher) Store(off uint64, size int, v uint64) bool {
	if size != 2 && size != 4 {
		return false
	}
	if off != 0 {
		return true
	}
	switch v & 0xffff {
	case finisherPass:
		f.exit(ExitFinisher, 0)
	case finisherFail:
		code := int(v >> 16 & 0xffff)
		if code == 0 {
			code = 1
		}
		f.exit(ExitFinisher, code)
	case finisherReset:
		f.exit(ExitReset, 0)
	}
	return true
}
