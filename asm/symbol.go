package asm

import "fmt"

// A symbol is a name in one source file: a label (a place in a fragment), an
// absolute or computed value from .equ/.set/--defsym, or a reference still
// undefined, which linking resolves against the other files' global symbols.
type symbol struct {
	name    string
	unit    *unit
	defined bool
	pos     Pos // definition, or first reference while undefined

	// A label: frag and offset in it.
	frag *frag
	off  int64

	// An .equ/.set symbol: its expression (folded to a number when constant).
	expr *expr

	global, weak bool
	kind         symKind // from .type
	size         *expr   // from .size
	numeric      bool    // a numeric local label instance (1:), never in the symbol table

	// link is the definition an undefined symbol resolves to, set by linking.
	link *symbol

	// The final value of an .equ symbol, computed once (a chain of symbols
	// each used twice must not cost 2^n evaluations).
	final    value
	finalErr error
	finalSet bool
}

type symKind uint8

const (
	symNoType symKind = iota
	symFunc
	symObject
)

// local reports whether the symbol stays out of the ELF symbol table: .L names
// and numeric labels, as GNU as drops them.
func (s *symbol) local() bool {
	return s.numeric || len(s.name) >= 2 && s.name[0] == '.' && s.name[1] == 'L'
}

func (s *symbol) isLabel() bool { return s.defined && s.frag != nil }

func (s *symbol) value(final bool, depth int) (value, error) {
	switch {
	case s.frag != nil:
		if final {
			return value{n: s.frag.sec.addr + s.frag.off + s.off}, nil
		}
		return value{n: s.off, frag: s.frag}, nil
	case s.expr != nil:
		if !final {
			return evalDepth(s.expr, final, depth)
		}
		if !s.finalSet {
			if depth > 100 {
				return value{}, fmt.Errorf("symbol definitions loop")
			}
			s.final, s.finalErr = evalDepth(s.expr, true, depth)
			s.finalSet = true
		}
		return s.final, s.finalErr
	case s.link != nil:
		return s.link.value(final, depth)
	}
	if final {
		return value{}, &undefinedError{s}
	}
	return value{}, errNotYet
}

type undefinedError struct{ s *symbol }

func (e *undefinedError) Error() string { return fmt.Sprintf("undefined symbol %q", e.s.name) }
