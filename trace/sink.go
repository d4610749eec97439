package trace

// A Sink writes events in one format. Event's argument is only valid during
// the call (the tracer reuses it). Close flushes and finishes the output.
type Sink interface {
	Event(e *Event) error
	Close() error
}
