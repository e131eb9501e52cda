package export

import (
	"bytes"
	"encoding/xml"
	"io"
	"slices"
	"time"

	"annals.dev/annals/internal/note"
)

// An Atom 1.0 feed (RFC 4287) of the public events, newest event first.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// writeAtom writes the feed. An entry's id is its event's permalink, which
// stays the same for as long as the site's address and the note's file
// name do; updated is when the note last changed (its last git commit,
// else its file's time). Entries are ordered by that, the latest change
// first, so that a reader sees what changed; events changed at the same
// moment go latest event first.
func writeAtom(w io.Writer, c *Collection) (note.Diagnostics, error) {
	f := atomFeed{
		Title:  c.Title,
		ID:     c.BaseURL + "/",
		Author: atomPerson{Name: c.Title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: c.BaseURL + "/export/feed.atom"},
			{Rel: "alternate", Type: "text/html", Href: c.BaseURL + "/"},
		},
	}
	evs := slices.Clone(c.Events)
	slices.Reverse(evs)
	slices.SortStableFunc(evs, func(a, b *note.Note) int { return c.updated(b).Compare(c.updated(a)) })
	var latest time.Time
	for _, n := range evs {
		link := c.permalink(note.KindEvent, n.ID)
		up := c.updated(n)
		if up.After(latest) {
			latest = up
		}
		e := atomEntry{
			Title: n.Title, ID: link, Updated: up.Format(time.RFC3339),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: link},
			Summary: atomText{Type: "text", Body: n.Event.Date.Display() + ". " + n.Event.Summary},
			Content: atomText{Type: "html", Body: c.eventHTML(n)},
		}
		if n.Event.Summary == "" {
			e.Summary.Body = n.Event.Date.Display() + "."
		}
		for _, t := range n.Event.Tags {
			e.Categories = append(e.Categories, atomCategory{Term: t})
		}
		f.Entries = append(f.Entries, e)
	}
	if latest.IsZero() {
		latest = c.loaded
	}
	f.Updated = latest.Format(time.RFC3339)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	_, err := w.Write(buf.Bytes())
	return nil, err
}
