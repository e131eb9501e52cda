// Package check finds what is wrong in a content folder before it is
// published: the problems of each note on its own (broken YAML, a missing
// title, an invalid date) and the ones between notes (an unknown citation
// key, a link or id that names no note, a duplicate id), and warns about
// what a careful editor would query (an uncited event, a claim without a
// claimant, a source no event cites).
package check

import (
	"cmp"
	"context"
	"fmt"
	"path"
	"slices"
	"strings"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
)

// Result is what a check found.
type Result struct {
	Notes       int // notes that parsed
	Diagnostics note.Diagnostics
}

// Count returns how many diagnostics have severity s.
func (r Result) Count(s note.Severity) int {
	n := 0
	for _, d := range r.Diagnostics {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Run checks every note under content, drafts included. Diagnostics come
// sorted by path, line and column.
func Run(ctx context.Context, content string) (Result, error) {
	notes, texts, diags, err := index.ReadAll(ctx, content)
	if err != nil {
		return Result{}, err
	}
	diags = append(diags, Notes(notes, texts)...)
	slices.SortStableFunc(diags, func(a, b note.Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return Result{Notes: len(notes), Diagnostics: diags}, nil
}

// Notes checks the references between notes that each parsed on its own,
// and the quotations of events against the sources' stored texts (by
// source id). notes must be in path order, as ReadAll returns them: of two
// notes with the same kind and id, the first keeps the id.
func Notes(notes []*note.Note, texts map[string]*note.SourceText) note.Diagnostics {
	c := &checker{byKind: map[note.Kind]map[string]*note.Note{}, cited: map[string]bool{}, all: texts}
	for _, k := range note.Kinds {
		c.byKind[k.Kind] = map[string]*note.Note{}
	}
	// Notes first, then bibliography entries: a source note takes its id
	// from an entry wherever the two files sort.
	ordered := slices.Clone(notes)
	slices.SortStableFunc(ordered, func(a, b *note.Note) int {
		return cmp.Compare(b2i(fromBibliography(a)), b2i(fromBibliography(b)))
	})
	var unique []*note.Note
	for _, n := range ordered {
		first, ok := c.byKind[n.Kind][n.ID]
		at := note.Pos{Line: 1, Col: 1} // a note's id is its file name
		if fromBibliography(n) {
			at = n.ValuePos("title", 0)
		}
		switch {
		case !ok:
			c.byKind[n.Kind][n.ID] = n
			unique = append(unique, n)
		case fromBibliography(n) && !fromBibliography(first):
			c.add(n, at, note.SeverityWarning, "source %q is also the note %s, which is used instead of this entry: remove one of the two", n.ID, first.Path)
		default:
			c.add(n, at, note.SeverityError, "duplicate id %q: %s already defines this %s; rename one of the files",
				n.ID, first.Path, n.Kind)
		}
	}
	c.places = note.Gazetteer(unique)
	// A text checks the citations of its source only: those of an
	// unknown key are reported as such.
	c.texts = map[string]*note.SourceText{}
	for id, t := range texts {
		if c.byKind[note.KindSource][id] != nil {
			c.texts[id] = t
		}
	}
	for _, n := range unique {
		switch {
		case n.Event != nil:
			c.event(n)
		case n.Place != nil:
			// A place note cites where its coordinates come from.
			for _, ct := range n.Citations {
				c.cite(n, ct)
			}
		}
	}
	c.statements(unique)
	c.citeThroughVia()
	for _, n := range unique {
		if n.Source != nil {
			c.source(n)
		}
	}
	c.viaCycles()
	c.textsWithoutSource()
	return c.diags
}

// citeThroughVia counts a source as cited when a cited source reports from
// it: an event citing a news story about a memoir rests on the memoir too.
func (c *checker) citeThroughVia() {
	var todo []string
	for id := range c.cited {
		todo = append(todo, id)
	}
	for len(todo) > 0 {
		id := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		s := c.byKind[note.KindSource][id]
		if s == nil {
			continue
		}
		for _, v := range s.Source.Via {
			if !c.cited[v] {
				c.cited[v] = true
				todo = append(todo, v)
			}
		}
	}
}

type checker struct {
	byKind map[note.Kind]map[string]*note.Note
	places *annals.Gazetteer
	cited  map[string]bool             // source ids some event cites
	all    map[string]*note.SourceText // every stored text, by id
	texts  map[string]*note.SourceText // those of known sources
	diags  note.Diagnostics
}

func (c *checker) add(n *note.Note, at note.Pos, sev note.Severity, format string, args ...any) {
	c.diags = append(c.diags, note.Diagnostic{Path: n.Path, Line: at.Line, Col: at.Col, Severity: sev,
		Message: fmt.Sprintf(format, args...)})
}

// cite returns the source citation ct names, counting it as cited, or
// reports the unknown key: an in-text one may be a handle, so it only warns.
func (c *checker) cite(n *note.Note, ct note.Citation) *note.Note {
	if s, ok := c.byKind[note.KindSource][ct.Key]; ok {
		c.cited[ct.Key] = true
		return s
	}
	at := note.Pos{Line: ct.Line, Col: ct.Col}
	if ct.InText {
		// "@NATO said" may be a handle, not a citation: shown as text.
		c.add(n, at, note.SeverityWarning, "@%s names no source, so it is shown as text: if it cites one, fix the key or create the source; write \\@%s to show it as text without this warning", ct.Key, ct.Key)
		return nil
	}
	c.add(n, at, note.SeverityError, "unknown citation key @%s: no source has this id; fix the key or create the source with: annals new source %q", ct.Key, ct.Key)
	return nil
}

func (c *checker) event(n *note.Note) {
	e := n.Event
	sources := c.byKind[note.KindSource]
	var cited []*note.Note
	for _, ct := range n.Citations {
		if s := c.cite(n, ct); s != nil {
			cited = append(cited, s)
		}
	}
	for i, key := range e.Sources {
		if s, ok := sources[key]; ok {
			cited = append(cited, s)
			c.cited[key] = true
			continue
		}
		c.add(n, n.ValuePos("sources", i), note.SeverityError, "unknown citation key %q in sources: no source has this id; fix the key or create the source", key)
	}
	for _, l := range n.Links {
		if _, ok := c.byKind[note.KindEvent][l.Target]; ok {
			continue
		}
		at := note.Pos{Line: l.Line, Col: l.Col}
		switch {
		case c.byKind[note.KindSource][l.Target] != nil:
			c.add(n, at, note.SeverityError, "[[%s]] names a source, and links name events: cite the source as [@%s] instead", l.Target, l.Target)
		case c.byKind[note.KindActor][l.Target] != nil:
			c.add(n, at, note.SeverityError, "[[%s]] names an actor, and links name events: list the actor under actors: instead", l.Target)
		default:
			c.add(n, at, note.SeverityError, "unknown link [[%s]]: no event has this id; fix the id or create the event", l.Target)
		}
	}
	for i, id := range e.Related {
		if _, ok := c.byKind[note.KindEvent][id]; !ok {
			c.add(n, n.ValuePos("related", i), note.SeverityError, "related event %q does not exist: fix the id or remove it from related", id)
		}
	}
	if e.ClaimedBy != "" && c.byKind[note.KindActor][e.ClaimedBy] == nil && looksLikeID(e.ClaimedBy) {
		c.add(n, n.ValuePos("claimed_by", 0), note.SeverityError, "claimed_by %q names no actor: create content/actors/%s.md, fix the id, or write the claimant's name in full", e.ClaimedBy, e.ClaimedBy)
	}
	for i, a := range e.DisputedBy {
		if c.byKind[note.KindActor][a] == nil && looksLikeID(a) {
			c.add(n, n.ValuePos("disputed_by", i), note.SeverityError, "disputed_by %q names no actor: create content/actors/%s.md, fix the id, or write the name in full", a, a)
		}
	}
	for i, a := range e.Actors {
		if c.byKind[note.KindActor][a] == nil && looksLikeID(a) {
			c.add(n, n.ValuePos("actors", i), note.SeverityWarning, "actor %q has no note: create content/actors/%s.md, fix the id, or write the name in full", a, a)
		}
	}

	c.place(n)

	if len(n.Citations) == 0 && len(e.Sources) == 0 {
		c.add(n, note.Pos{Line: n.BodyLine, Col: 1}, note.SeverityWarning, "the event cites no source: add a citation such as [@key, para. 4] after the sentence it backs, or list the keys under sources:")
	}
	c.provenance(n)
	if e.Status == note.StatusClaimed && e.ClaimedBy == "" {
		c.add(n, n.ValuePos("status", 0), note.SeverityWarning, "a claimed event should say who claims it: add claimed_by: with an actor id or name")
	}
	if e.Status != note.StatusPlanned {
		c.reportedBefore(n, cited)
	}
	c.status(n, cited)
}

// place checks that an event's place names a place note by its id, or is
// plain text that does not look like an id.
func (c *checker) place(n *note.Note) {
	name := n.Event.Place
	id, byID := c.places.Resolve(name)
	switch {
	case id != "" && !byID:
		c.add(n, n.ValuePos("place", 0), note.SeverityWarning, "place %q is taken to be %s (%s): write place: %s", name, id, c.byKind[note.KindPlace][id].Path, id)
	case id == "" && looksLikeID(name):
		c.add(n, n.ValuePos("place", 0), note.SeverityError, "place %q names no place: create content/places/%s.md, fix the id, or write the place in words", name, name)
	}
}

// reportedBefore warns when every source an event cites was, or may have
// been, issued before the event began: such sources can predict or plan
// it, not report it (annals.Reports), so the event has no first report.
// An event that names its first report is left to its author.
func (c *checker) reportedBefore(n *note.Note, cited []*note.Note) {
	if len(cited) == 0 || n.Event.FirstReported.Key != "" {
		return
	}
	var latest *note.Note
	for _, s := range cited {
		if s.Source.Issued.IsZero() || annals.Reports(n.Event.Date, s.Source.Issued, false) {
			return
		}
		if latest == nil || s.Source.Issued.Latest().Compare(latest.Source.Issued.Latest()) > 0 {
			latest = s
		}
	}
	c.add(n, n.ValuePos("date", 0), note.SeverityWarning,
		"every source cited was issued before the event began, or may have been (the latest, %s, in %s), so none can have reported it: cite a report from after it, name the first report with first_reported:, or set status: planned",
		latest.ID, latest.Source.Issued.Display())
}

func (c *checker) source(n *note.Note) {
	s := n.Source
	for i, id := range s.Via {
		switch {
		case id == n.ID:
			c.add(n, n.ValuePos("via", i), note.SeverityError, "via names this source itself: list the sources it reports from")
		case c.byKind[note.KindSource][id] == nil:
			c.add(n, n.ValuePos("via", i), note.SeverityError, "via source %q does not exist: fix the id or create the source", id)
		}
	}
	if s.Origin == "secondary" && len(s.Via) == 0 {
		c.add(n, n.ValuePos("origin", 0), note.SeverityWarning, "a secondary source should say what it reports from: add via: [source-id]")
	}
	if !c.cited[n.ID] {
		c.add(n, note.Pos{Line: 1, Col: 1}, note.SeverityWarning, "no event cites this source, directly or through another source's via: cite it as [@%s] in an event, or remove it", n.ID)
	}
	if s.URL != "" && s.Archived == "" && s.Accessed.IsZero() {
		c.add(n, n.ValuePos("URL", 0), note.SeverityWarning, "a source with a URL should say when it was read or where a copy is kept: add accessed: with the date you read it, or archived: with an archive's URL (web.archive.org, archive.today)")
	}
}

// looksLikeID tells a broken reference from a plain name ("Angela
// Merkel"), which is not one.
func looksLikeID(s string) bool { return annals.LooksLikeID(s) }

// fromBibliography reports whether n is an entry of a CSL-JSON or BibTeX
// file rather than a note of its own.
func fromBibliography(n *note.Note) bool {
	ext := strings.ToLower(path.Ext(n.Path))
	return ext == ".bib" || ext == ".json"
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
