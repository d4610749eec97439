package trace

// Kind is the class of an event, as named in -trace-events and in the JSONL
// "kind" field.
type Kind uint8

const (
	KindInsn    Kind = iota // a retired instruction (with its register, memory and CSR effects)
	KindTrap                // an exception or interrupt taken
	KindIPI                 // a hart wrote another hart's msip: an inter-processor interrupt
	KindTimecmp             // mtimecmp programmed
	KindTimer               // a machine timer interrupt became pending
	KindSleep               // a hart went to sleep in WFI
	KindWake                // a sleeping hart became runnable
	KindMarker              // a guest marker (the rvstop,trace-marker device)
	KindUART                // a line of console output
	KindSwitch              // the deterministic scheduler switched harts
	KindExit                // the run ended
	numKinds
)

var kindNames = [numKinds]string{"insn", "trap", "ipi", "timecmp", "timer", "sleep", "wake", "marker", "uart", "switch", "exit"}

func (k Kind) String() string { return kindNames[k] }

// Mem is one memory access of an instruction.
type Mem struct {
	Kind  string `json:"kind"` // load, store, lr, sc, sc-fail, amo
	Addr  uint64 `json:"addr"`
	Size  int    `json:"size"`
	Value uint64 `json:"value"`
}

// CSRWrite is a CSR written by an instruction.
type CSRWrite struct {
	Name string `json:"name"`
	Old  uint64 `json:"old"`
	New  uint64 `json:"new"`
}

// Event is one traced event. Fields a kind does not use are zero and left out
// of JSONL. docs/tracing.md documents the schema.
type Event struct {
	Kind Kind   `json:"-"`
	Step uint64 `json:"step"` // machine-wide instruction count when it happened
	Hart int    `json:"hart"` // the hart it happened on (the sender, for an IPI)

	// Instructions and traps.
	Instret uint64    `json:"instret,omitempty"`
	Priv    string    `json:"priv,omitempty"` // M, S or U (before the instruction or trap)
	PC      uint64    `json:"pc,omitempty"`
	Raw     uint32    `json:"raw,omitempty"`
	Len     int       `json:"len,omitempty"`
	Asm     string    `json:"asm,omitempty"`
	Sym     string    `json:"sym,omitempty"` // symbol+offset of PC
	Src     string    `json:"src,omitempty"` // file:line of PC
	Rd      string    `json:"rd,omitempty"`
	RdOld   uint64    `json:"rd_old,omitempty"`
	RdNew   uint64    `json:"rd_new,omitempty"`
	Mem     *Mem      `json:"mem,omitempty"`
	CSR     *CSRWrite `json:"csr,omitempty"`
	NewPriv string    `json:"new_priv,omitempty"` // after an xRET

	Cause     uint64 `json:"cause,omitempty"`
	Interrupt bool   `json:"interrupt,omitempty"`
	CauseName string `json:"cause_name,omitempty"`
	Tval      uint64 `json:"tval,omitempty"`
	To        string `json:"to,omitempty"` // privilege the trap enters

	// Board events.
	Target  int    `json:"target,omitempty"`  // IPI receiver, or the hart switched to
	Value   uint64 `json:"value,omitempty"`   // mtimecmp value, mtime of a timer, marker argument, quantum
	Name    string `json:"name,omitempty"`    // marker name, exit reason
	Text    string `json:"text,omitempty"`    // UART line
	Status  int    `json:"status,omitempty"`  // exit status
	Cleared bool   `json:"cleared,omitempty"` // an msip write of 0 (IPI acknowledged)
}

// causeNames names exception causes; interruptNames names interrupt causes.
var causeNames = map[uint64]string{
	0: "instruction address misaligned", 1: "instruction access fault", 2: "illegal instruction",
	3: "breakpoint", 4: "load address misaligned", 5: "load access fault",
	6: "store/AMO address misaligned", 7: "store/AMO access fault", 8: "ecall from U",
	9: "ecall from S", 11: "ecall from M", 12: "instruction page fault",
	13: "load page fault", 15: "store/AMO page fault",
}

var interruptNames = map[uint64]string{
	1: "supervisor software interrupt", 3: "machine software interrupt",
	5: "supervisor timer interrupt", 7: "machine timer interrupt",
	9: "supervisor external interrupt", 11: "machine external interrupt",
}

func causeName(cause uint64, interrupt bool) string {
	if interrupt {
		if s, ok := interruptNames[cause]; ok {
			return s
		}
		return "interrupt"
	}
	if s, ok := causeNames[cause]; ok {
		return s
	}
	return "exception"
}
