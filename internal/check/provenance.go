package check

import "annals.dev/annals/internal/note"

// provenance checks the sources an event's provenance keys name: the
// first report and the sources of each discrepancy's values must exist,
// and count as cited.
func (c *checker) provenance(n *note.Note) {
	e := n.Event
	sources := c.byKind[note.KindSource]
	if k := e.FirstReported.Key; k != "" {
		if sources[k] != nil {
			c.cited[k] = true
		} else {
			c.add(n, n.ValuePos("first_reported", 0), note.SeverityError,
				"first_reported names %q, and no source has this id: fix the key, or create the source with: annals new source %q", k, k)
		}
	}
	for i, d := range e.Discrepancies {
		for j, v := range d.Values {
			for k, key := range v.Sources {
				if sources[key] != nil {
					c.cited[key] = true
					continue
				}
				_, at := n.DiscrepancyPos(i, j, k)
				c.add(n, at, note.SeverityError, "unknown source %q for the value %q of discrepancy %q: no source has this id; fix the key or create the source", key, v.Value, d.About)
			}
		}
	}
}
