package check

import (
	"runtime"
	"strings"
	"sync"

	"annals.dev/annals/internal/note"
)

// statements checks the bodies of the events that cite a source, sentence
// by sentence, across all cores (the split parses each body again, which
// costs about as much as reading the note did): once some sentences are
// cited, every one should be; and the quotations and paragraph locators of
// citations to a source with a stored text must match it. It only reads
// the checker, so the events are checked side by side.
func (c *checker) statements(notes []*note.Note) {
	var events []*note.Note
	for _, n := range notes {
		if n.Event != nil && len(n.Citations) > 0 {
			events = append(events, n)
		}
	}
	out := make([]note.Diagnostics, len(events))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(events), 1)) {
		wg.Go(func() {
			for i := range work {
				out[i] = c.eventStatements(events[i])
			}
		})
	}
	for i := range events {
		work <- i
	}
	close(work)
	wg.Wait()
	for _, ds := range out {
		c.diags = append(c.diags, ds...)
	}
}

// eventStatements checks the statements of one event.
func (c *checker) eventStatements(n *note.Note) note.Diagnostics {
	var ds note.Diagnostics
	stmts := note.Statements(n)
	for _, s := range stmts {
		if len(s.Backing) == 0 && !strings.HasSuffix(s.Text, ":") &&
			(s.EndLink == "" || s.EndLink == n.ID || c.byKind[note.KindEvent][s.EndLink] == nil) {
			ds = append(ds, note.Diagnostic{Path: n.Path, Line: s.Line, Col: s.Col, Severity: note.SeverityWarning,
				Message: "the sentence " + note.Excerpt(s.Text) + " cites no source, while others in this event do: add a citation such as [@key, para. 4] after it, or end it with a [[link]] to the event that backs it"})
		}
	}
	return append(ds, note.CheckQuotes(n, stmts, c.texts)...)
}
