package trace

import "github.com/rvstop/rvstop/internal/elfsym"

// Source maps addresses to symbols and source lines, from the ELF files a run
// loaded: the same table the board's reports use.
type Source = elfsym.Table
