package web

import (
	"net/url"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// firstReport is the source that first reported an event in this
// collection (see annals.FirstReported), as pages show it.
type firstReport struct {
	Source  sourceLink
	Key     string
	Date    string // as readers see it: "30 September 2025?"
	Locator string // "para. 4" when the event names it
	Lag     string // "about 3 months after the event"
	issued  edtf.Date
	url     string // the source's own address, when it has one
}

// reportKeys lists the keys of the sources that may have first reported
// event n: those it cites, and the one its first_reported names.
func reportKeys(n *note.Note) []string {
	keys := eventKeys(n)
	if k := n.Event.FirstReported.Key; k != "" {
		keys = append(keys, k)
	}
	return keys
}

// firstReported finds the first report of event n among the public
// sources, by id; nil when none can have reported it.
func firstReported(n *note.Note, sources map[string]*note.Note) *firstReport {
	var cands []annals.Source
	for _, k := range reportKeys(n) {
		if s, ok := sources[k]; ok {
			cands = append(cands, annals.Source{Key: k, Issued: s.Source.Issued})
		}
	}
	e := annals.Event{Date: n.Event.Date, Planned: status(n.Event) == note.StatusPlanned, FirstReported: n.Event.FirstReported}
	r, ok := annals.FirstReported(e, cands)
	if !ok {
		return nil
	}
	s := sources[r.Source.Key]
	f := &firstReport{
		Source: sourceLink{Title: s.Title, Href: "/sources/" + url.PathEscape(s.ID)},
		Key:    s.ID, Date: displayDate(s.Source.Issued), Locator: r.Locator, Lag: r.Lag, issued: s.Source.Issued,
	}
	if webURL(s.Source.URL) {
		f.url = s.Source.URL
	}
	return f
}
