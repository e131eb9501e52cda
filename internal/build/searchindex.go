package build

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strings"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// textLimit bounds the body text each note brings to the search index, in
// characters: enough for the words that make a note findable, without
// shipping every body twice.
const textLimit = 400

// searchIndex returns the script that gives the search page its index:
// window.annalsSearch = {"docs": [[file, title, date, kind, summary, text], …]}.
// It is a script rather than JSON because a page opened from disk may not
// fetch a file, but may load a script. Drafts are left out.
func searchIndex(s *site, notes []*note.Note) ([]byte, error) {
	docs := make([][6]string, 0, len(notes))
	for _, n := range searchOrder(notes) {
		if n.Draft {
			continue
		}
		p, ok := s.byPath[notePage(n).path]
		if !ok {
			continue
		}
		var date, summary string
		extra := []string{}
		switch {
		case n.Event != nil:
			date, summary = n.Event.Date.Display(), n.Event.Summary
			extra = append(extra, n.Event.Place)
		case n.Source != nil:
			if !n.Source.Issued.IsZero() {
				date = n.Source.Issued.Display()
			}
			for _, a := range n.Source.Authors {
				extra = append(extra, a.String())
			}
			extra = append(extra, n.Source.ContainerTitle)
		case n.Actor != nil:
			extra = append(extra, n.Actor.Aliases...)
		}
		text := strings.Join(append(extra, truncate(n.Text, textLimit)), " ")
		docs = append(docs, [6]string{p.file, n.Title, date, string(n.Kind), summary, strings.Join(strings.Fields(text), " ")})
	}
	var buf bytes.Buffer
	buf.WriteString("window.annalsSearch = ")
	// The default escaping of <, > and & keeps the script inert in any
	// context it might be pasted into.
	if err := json.NewEncoder(&buf).Encode(struct {
		Docs [][6]string `json:"docs"`
	}{docs}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// truncate cuts s to at most n characters, at a word boundary.
func truncate(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return cut
}

// searchOrder returns notes in the order the search page gives hits of
// equal score, which is the server's: events by date, then the notes
// without one; then by id, then kind.
func searchOrder(notes []*note.Note) []*note.Note {
	sorted := slices.Clone(notes)
	slices.SortStableFunc(sorted, func(a, b *note.Note) int {
		switch {
		case a.Event != nil && b.Event != nil:
			if c := edtf.Compare(a.Event.Date, b.Event.Date); c != 0 {
				return c
			}
		case a.Event != nil:
			return -1
		case b.Event != nil:
			return 1
		}
		return cmp.Or(cmp.Compare(a.ID, b.ID), cmp.Compare(a.Kind, b.Kind))
	})
	return sorted
}
