package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// eventItem is an event as lists show it: timeline, tag, source and actor
// pages.
type eventItem struct {
	ID, Title, Date, Place, Summary string
	Status, StatusText              string
	Cited                           string // on a source's page: where the event cites it
}

func newEventItem(n *note.Note, actors map[string]string) eventItem {
	return eventItem{
		ID: n.ID, Title: n.Title, Date: n.Event.Date.Display(), Place: n.Event.Place, Summary: n.Event.Summary,
		Status: string(status(n.Event)), StatusText: statusText(n.Event, actors),
	}
}

func status(e *note.Event) note.Status {
	if e.Status == "" {
		return note.StatusReported
	}
	return e.Status
}

// statusText says in words how well an event is established, naming who
// claims it: "claimed by Jens Stoltenberg".
func statusText(e *note.Event, actors map[string]string) string {
	s := string(status(e))
	if e.ClaimedBy == "" {
		return s
	}
	by := actorName(e.ClaimedBy, actors)
	if status(e) == note.StatusClaimed {
		return "claimed by " + by
	}
	return s + "; claimed by " + by
}

// actorName returns the title of the actor note with id ref, or ref itself
// when it is a plain name.
func actorName(ref string, actors map[string]string) string {
	if t, ok := actors[ref]; ok {
		return t
	}
	return ref
}

// actorTitles maps every public actor id to its title.
func actorTitles(ctx context.Context, db *store.DB) (map[string]string, error) {
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindActor})
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(ns))
	for _, n := range ns {
		m[n.ID] = n.Title
	}
	return m, nil
}

// events returns every public event, oldest first, and the actor titles
// used to describe them.
func events(ctx context.Context, db *store.DB) ([]*note.Note, map[string]string, error) {
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		return nil, nil, err
	}
	actors, err := actorTitles(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	return ns, actors, nil
}

func eventItems(ns []*note.Note, actors map[string]string, keep func(*note.Note) bool) []eventItem {
	var out []eventItem
	for _, n := range ns {
		if keep == nil || keep(n) {
			out = append(out, newEventItem(n, actors))
		}
	}
	return out
}

// year is one heading of the timeline.
type year struct {
	Label, Anchor string
	Events        []eventItem
}

// byYear groups events, already in date order, under the year each can
// first have started. Open starts ("../2018") go under their end year.
func byYear(ns []*note.Note, actors map[string]string) []year {
	var out []year
	for _, n := range ns {
		label, anchor := yearOf(n.Event.Date)
		if len(out) == 0 || out[len(out)-1].Label != label {
			out = append(out, year{Label: label, Anchor: anchor})
		}
		y := &out[len(out)-1]
		y.Events = append(y.Events, newEventItem(n, actors))
	}
	return out
}

func yearOf(d edtf.Date) (label, anchor string) {
	day := d.Earliest()
	if day == edtf.FarPast {
		day = d.Latest()
	}
	if day == edtf.FarPast || day == edtf.FarFuture {
		return "Undated", "undated"
	}
	y := day.Year
	if y <= 0 {
		return fmt.Sprintf("%d BCE", 1-y), "y" + strconv.Itoa(y)
	}
	return strconv.Itoa(y), "y" + strconv.Itoa(y)
}

// linker resolves [[id]] links to public events.
type linker map[string]string

func (l linker) Link(target string) (href, title string, ok bool) {
	t, ok := l[target]
	if !ok {
		return "", "", false
	}
	return "/events/" + url.PathEscape(target), t, true
}

// newLinker loads the titles of the events n links to.
func newLinker(ctx context.Context, db *store.DB, n *note.Note) (linker, error) {
	l := linker{}
	if len(n.Links) == 0 {
		return l, nil
	}
	ids := make([]string, 0, len(n.Links))
	for _, k := range n.Links {
		ids = append(ids, k.Target)
	}
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent, IDs: ids})
	if err != nil {
		return nil, err
	}
	for _, e := range ns {
		l[e.ID] = e.Title
	}
	return l, nil
}

// body renders a note's markdown. The result is the only note-derived text
// the templates receive as trusted HTML: goldmark escapes raw HTML and
// note.RenderHTML drops unsafe link targets.
func body(ctx context.Context, db *store.DB, n *note.Note) (template.HTML, error) {
	l, err := newLinker(ctx, db, n)
	if err != nil {
		return "", err
	}
	s, err := note.RenderHTML(n.Body, l)
	if err != nil {
		return "", fmt.Errorf("%s: %w", n.Path, err)
	}
	return template.HTML(demoteHeadings.Replace(s)), nil
}

// demoteHeadings moves a body's headings one level down, so that the
// page's title stays its only h1. Raw HTML in notes is escaped, so every
// "<hN" in goldmark's output is a heading it wrote.
var demoteHeadings = strings.NewReplacer(
	"<h1>", "<h2>", "<h1 ", "<h2 ", "</h1>", "</h2>",
	"<h2>", "<h3>", "<h2 ", "<h3 ", "</h2>", "</h3>",
	"<h3>", "<h4>", "<h3 ", "<h4 ", "</h3>", "</h4>",
	"<h4>", "<h5>", "<h4 ", "<h5 ", "</h4>", "</h5>",
	"<h5>", "<h6>", "<h5 ", "<h6 ", "</h5>", "</h6>",
)

// sourceItem is a source as the bibliography and pages show it.
type sourceItem struct {
	ID, Title, Type, Authors, Container, Publisher, Issued, Accessed, Origin string
	URL, Archived                                                            string
	URLSafe, ArchivedSafe                                                    bool
}

func newSourceItem(n *note.Note) sourceItem {
	s := n.Source
	names := make([]string, len(s.Authors))
	for i, a := range s.Authors {
		names[i] = a.String()
	}
	return sourceItem{
		ID: n.ID, Title: n.Title, Type: s.Type, Authors: strings.Join(names, ", "),
		Container: s.ContainerTitle, Publisher: s.Publisher,
		Issued: displayDate(s.Issued), Accessed: displayDate(s.Accessed), Origin: s.Origin,
		URL: s.URL, URLSafe: webURL(s.URL), Archived: s.Archived, ArchivedSafe: webURL(s.Archived),
	}
}

func displayDate(d edtf.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Display()
}

// webURL reports whether s is an absolute http or https URL, the only kind
// a page links to.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// cites reports whether event n cites or is backed by source key.
func cites(n *note.Note, key string) bool {
	for _, s := range n.Event.Sources {
		if s == key {
			return true
		}
	}
	for _, c := range n.Citations {
		if c.Key == key {
			return true
		}
	}
	return false
}
