// Package export writes the public notes in the formats other tools read:
// CSL-JSON and BibTeX for citation managers and Pandoc, TimelineJS JSON,
// iCalendar and an Atom feed. Drafts never reach an export: a Collection
// holds only public notes, and every reference to another note is checked
// against it before it is written.
package export

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// Collection is what every export is made from: the public notes of a
// library and where the site serving them lives.
type Collection struct {
	Title   string
	BaseURL string // the site's absolute URL without a trailing slash, for permalinks

	Events  []*note.Note // public events, in date order
	Sources []*note.Note // public sources, by id

	sources    map[string]*note.Note // public sources by id
	actors     map[string]string     // public actor titles by id
	places     *annals.Gazetteer     // public places
	placeNotes map[string]*note.Note // public places by id
	actorNotes map[string]*note.Note // public actors by id
	loaded     time.Time
}

// Load reads the public events, sources and actors of db. baseURL is the
// absolute URL the site is served at ("https://example.org"); permalinks
// in the exports are made from it.
func Load(ctx context.Context, db *store.DB, baseURL string) (*Collection, error) {
	evs, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		return nil, err
	}
	srcs, err := db.Notes(ctx, store.Filter{Kind: note.KindSource})
	if err != nil {
		return nil, err
	}
	actors, err := db.Notes(ctx, store.Filter{Kind: note.KindActor})
	if err != nil {
		return nil, err
	}
	places, err := db.Notes(ctx, store.Filter{Kind: note.KindPlace, Brief: true})
	if err != nil {
		return nil, err
	}
	c := newCollection(baseURL, evs, srcs, actors)
	c.places = note.Gazetteer(places)
	for _, p := range places {
		c.placeNotes[p.ID] = p
	}
	return c, nil
}

// newCollection makes a collection of notes already loaded, which must
// all be public.
func newCollection(baseURL string, events, sources, actors []*note.Note) *Collection {
	c := &Collection{
		Title: "annals", BaseURL: strings.TrimRight(baseURL, "/"),
		Events: events, Sources: sources,
		sources: map[string]*note.Note{}, actors: map[string]string{},
		placeNotes: map[string]*note.Note{}, actorNotes: map[string]*note.Note{},
		loaded: time.Now().UTC(),
	}
	for _, s := range sources {
		c.sources[s.ID] = s
	}
	for _, a := range actors {
		c.actors[a.ID] = a.Title
		c.actorNotes[a.ID] = a
	}
	return c
}

// Format is one export format.
type Format struct {
	Name        string // as given to "annals export --format"
	File        string // the file name the site serves it under /export/
	ContentType string
	Summary     string // what it holds and for whom, for help texts
	write       func(w io.Writer, c *Collection) (note.Diagnostics, error)
}

// Write writes c in format f. The diagnostics are warnings about notes the
// format could not hold as they are, such as a citation key BibTeX cannot
// take or an event without a calendar date; the export is still complete
// in every other respect.
func (f Format) Write(w io.Writer, c *Collection) (note.Diagnostics, error) {
	return f.write(w, c)
}

// The formats, as "annals export --format" names them.
var (
	CSLJSON = Format{"csl-json", "csl.json", "application/vnd.citationstyles.csl+json; charset=utf-8",
		"every source as CSL-JSON, for Zotero and pandoc --citeproc", writeCSL}
	BibTeX = Format{"bibtex", "sources.bib", "application/x-bibtex; charset=utf-8",
		"every source as a biblatex entry, for LaTeX and pandoc", writeBibTeX}
	TimelineJS = Format{"timelinejs", "timeline.json", "application/json; charset=utf-8",
		"every event as a TimelineJS 3 slide", writeTimeline}
	ICS = Format{"ics", "events.ics", "text/calendar; charset=utf-8",
		"every event as an all-day iCalendar event", writeICS}
	Atom = Format{"atom", "feed.atom", "application/atom+xml; charset=utf-8",
		"an Atom feed of the events, latest first", writeAtom}
	CSV = Format{"csv", "events.csv", "text/csv; charset=utf-8; header=present",
		"every event as a spreadsheet row (RFC 4180, UTF-8)", writeCSV}
	GeoJSON = Format{"geojson", "events.geojson", "application/geo+json",
		"every event at a place with coordinates, as a GeoJSON point", writeGeoJSON}
	ClaimReviews = Format{"claimreview", "claimreview.json", "application/ld+json; charset=utf-8",
		"every verdict as schema.org ClaimReview (JSON-LD), for search engines and fact-check tools", writeClaimReview}
)

// Formats lists every format. The site serves each at /export/{File} and
// the command's help lists them, so a format added here reaches both.
var Formats = []Format{CSLJSON, BibTeX, TimelineJS, ICS, Atom, CSV, GeoJSON, ClaimReviews}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Names lists the format names, for usage messages.
func Names() []string {
	out := make([]string, len(Formats))
	for i, f := range Formats {
		out[i] = f.Name
	}
	return out
}

// permalink returns the absolute URL of a page of the site.
func (c *Collection) permalink(kind note.Kind, id string) string {
	return c.BaseURL + "/" + kind.Folder() + "/" + url.PathEscape(id)
}

// updated is when event n last changed (its last commit, else its file's
// time), or the time the collection was loaded when that is not known.
func (c *Collection) updated(n *note.Note) time.Time {
	if n.Updated.IsZero() {
		return c.loaded
	}
	return n.Updated.UTC()
}

// located returns the place note an event is at, when it names one that
// gives coordinates.
func (c *Collection) located(e *note.Event) (*note.Note, bool) {
	p := c.place(e)
	return p, p != nil && p.Place.Located
}

// place returns the public place note an event names, or nil when its
// place is plain text.
func (c *Collection) place(e *note.Event) *note.Note {
	id, _ := c.places.Resolve(e.Place)
	return c.placeNotes[id]
}

// cited is a public source an event cites, with the locators it cites it
// at ("para. 2", "paras. 3-4") in order of first use.
type cited struct {
	Source   *note.Note
	Locators []string
}

// citations lists the public sources event n cites: those backing the
// whole event first, then those its body cites. Keys of drafts and of
// unknown sources are left out, so that no draft's id is written.
func (c *Collection) citations(n *note.Note) []cited {
	var out []cited
	at := map[string]int{}
	add := func(key, loc string) {
		s, ok := c.sources[key]
		if !ok {
			return
		}
		i, seen := at[key]
		if !seen {
			i = len(out)
			at[key] = i
			out = append(out, cited{Source: s})
		}
		if loc != "" && !slices.Contains(out[i].Locators, loc) {
			out[i].Locators = append(out[i].Locators, loc)
		}
	}
	for _, k := range n.Event.Sources {
		add(k, "")
	}
	for _, ct := range n.Citations {
		add(ct.Key, ct.Locator.String())
	}
	return out
}

// status is an event's status, "reported" when its note gives none.
func status(e *note.Event) note.Status {
	if e.Status == "" {
		return note.StatusReported
	}
	return e.Status
}

// actorName is the name of a public actor note, the plain name an event
// gives, or "" for an id that names no public actor: a draft's id must not
// be exported.
func (c *Collection) actorName(id string) string {
	if t, ok := c.actors[id]; ok {
		return t
	}
	if annals.LooksLikeID(id) {
		return ""
	}
	return id
}

// statusText says how well an event is established, naming who claims it.
func (c *Collection) statusText(e *note.Event) string {
	s := status(e)
	if e.ClaimedBy == "" {
		return string(s)
	}
	by := c.actorName(e.ClaimedBy)
	if by == "" {
		return string(s)
	}
	if s == note.StatusClaimed {
		return "claimed by " + by
	}
	return string(s) + "; claimed by " + by
}

// qualifier says in words how a date is qualified: "approximate",
// "uncertain", "approximate and uncertain" or "".
func qualifier(d edtf.Date) string {
	switch {
	case d.Approximate() && d.Uncertain():
		return "approximate and uncertain"
	case d.Approximate():
		return "approximate"
	case d.Uncertain():
		return "uncertain"
	}
	return ""
}

// historicalYear converts an astronomical year (0 is 1 BCE) to the
// historical numbering with no year 0 (-1 is 1 BCE) that CSL and
// TimelineJS use.
func historicalYear(y int) int {
	if y <= 0 {
		return y - 1
	}
	return y
}

// detail is how finely a Point is known once X digits are taken into
// account: "2018-XX" is known to the year, "201X" only as a range of years.
func detail(p edtf.Point) edtf.Precision {
	switch {
	case strings.Contains(p.Unspecified[:min(4, len(p.Unspecified))], "X"):
		return edtf.PrecisionUnknown // a range of years: see Earliest and Latest
	case len(p.Unspecified) > 4 && p.Unspecified[4] == 'X':
		return edtf.PrecisionYear
	case len(p.Unspecified) > 6 && p.Unspecified[6] == 'X':
		return edtf.PrecisionMonth
	case p.Precision == edtf.PrecisionTime:
		return edtf.PrecisionDay
	}
	return p.Precision
}

// open reports whether p is an open or unknown end of an interval.
func open(p edtf.Point) bool {
	return p.Open || p.Unknown || p.Precision == edtf.PrecisionUnknown
}

// warning makes a diagnostic about note n.
func warning(n *note.Note, format string, args ...any) note.Diagnostic {
	return note.Diagnostic{Path: n.Path, Line: 1, Col: 1, Severity: note.SeverityWarning, Message: fmt.Sprintf(format, args...)}
}
