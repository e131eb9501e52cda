package web

import (
	"context"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// eventItem is an event as lists show it: timeline, tag, source and actor
// pages.
type eventItem struct {
	ID, Title, Date, Summary string
	Place, PlaceHref         string // the place as written, or a place note's title and page
	Status, StatusText       string
	Cited                    []citedAt // on a source's page: where the event cites it
	Reported                 string    // in the timeline by report: when and where first reported
}

// citedAt is a place an event cites a source at ("p. 212"), linked to the
// statement it backs when there is one.
type citedAt struct{ Locator, Href string }

func newEventItem(n *note.Note, names *names) eventItem {
	place, href := names.place(n.Event.Place)
	return eventItem{
		ID: n.ID, Title: n.Title, Date: n.Event.Date.Display(), Summary: n.Event.Summary,
		Place: place, PlaceHref: href,
		Status: string(status(n.Event)), StatusText: statusText(n.Event, names),
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
func statusText(e *note.Event, names *names) string {
	s := string(status(e))
	if e.ClaimedBy == "" {
		return s
	}
	by := actorName(e.ClaimedBy, names)
	if by == "" {
		return s
	}
	if status(e) == note.StatusClaimed {
		return "claimed by " + by
	}
	return s + "; claimed by " + by
}

// names holds what events' references are called: the titles of the
// public actors and the public place notes, by id.
type names struct {
	actors    map[string]string
	places    map[string]*note.Note
	gazetteer *annals.Gazetteer
}

func newNames(actors, places []*note.Note) *names {
	ns := &names{actors: make(map[string]string, len(actors)), places: make(map[string]*note.Note, len(places))}
	for _, n := range actors {
		ns.actors[n.ID] = n.Title
	}
	for _, n := range places {
		ns.places[n.ID] = n
	}
	ns.gazetteer = note.Gazetteer(places)
	return ns
}

// actorName returns the title of the public actor note with id ref, ref
// itself when it is a plain name, and "" when it is an id that names no
// public actor: a draft's id must not reach a reader.
func actorName(ref string, names *names) string {
	if t, ok := names.actors[ref]; ok {
		return t
	}
	if annals.LooksLikeID(ref) {
		return ""
	}
	return ref
}

// placeNote returns the public place note an event's place names, or nil.
func (ns *names) placeNote(place string) *note.Note {
	id, _ := ns.gazetteer.Resolve(place)
	return ns.places[id]
}

// place says where an event happened: the title and page of the place
// note its place names, the place as written when that is plain text, or
// nothing when it is an id that names no public place (a draft's).
func (ns *names) place(place string) (text, href string) {
	if p := ns.placeNote(place); p != nil {
		return p.Title, "/places/" + url.PathEscape(p.ID)
	}
	if annals.LooksLikeID(place) {
		return "", ""
	}
	return place, ""
}

// catalog is the store as pages read it, with the public events, actors'
// titles and places kept in memory for one store generation: the timeline
// and the source, actor, place and tag pages each list from every event,
// and loading them all per request cost a second per page at 10,000
// notes. A new generation (an index run that changed notes) loads them
// afresh; requests arriving meanwhile wait for that one load.
type catalog struct {
	*store.DB
	generation func() int64

	mu     sync.Mutex
	loaded bool
	at     int64 // the generation evs and names belong to
	evs    []*note.Note
	names  *names
}

func newCatalog(db *store.DB, generation func() int64) *catalog {
	return &catalog{DB: db, generation: generation}
}

// events returns every public event, oldest first, and the names of the
// public actors and places. The notes are shared: callers must not change
// them.
func (c *catalog) events(ctx context.Context) ([]*note.Note, *names, error) {
	gen := c.generation()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded && c.at == gen {
		return c.evs, c.names, nil
	}
	evs, err := c.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		return nil, nil, err
	}
	as, err := c.Notes(ctx, store.Filter{Kind: note.KindActor, Brief: true})
	if err != nil {
		return nil, nil, err
	}
	ps, err := c.Notes(ctx, store.Filter{Kind: note.KindPlace, Brief: true})
	if err != nil {
		return nil, nil, err
	}
	names := newNames(as, ps)
	c.loaded, c.at, c.evs, c.names = true, gen, evs, names
	return evs, names, nil
}

// refNames returns the names of the public actors and places.
func (c *catalog) refNames(ctx context.Context) (*names, error) {
	_, names, err := c.events(ctx)
	return names, err
}

func eventItems(ns []*note.Note, names *names, keep func(*note.Note) bool) []eventItem {
	var out []eventItem
	for _, n := range ns {
		if keep == nil || keep(n) {
			out = append(out, newEventItem(n, names))
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
func byYear(ns []*note.Note, names *names) []year {
	var out []year
	for _, n := range ns {
		label, anchor := yearOf(n.Event.Date)
		if len(out) == 0 || out[len(out)-1].Label != label {
			out = append(out, year{Label: label, Anchor: anchor})
		}
		y := &out[len(out)-1]
		y.Events = append(y.Events, newEventItem(n, names))
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
	var inText []string
	for _, c := range n.Citations {
		if c.InText {
			inText = append(inText, c.Key)
		}
	}
	set, err := loadSources(ctx, db, inText)
	if err != nil {
		return "", err
	}
	s, err := note.RenderHTML(n.Body, citingLinker{l, set})
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

// sourceItem is a source as the bibliography and pages show it. Entry is
// its bibliography entry in the site's citation style.
type sourceItem struct {
	ID, Title, Type, Authors, Container, Publisher, Issued, Accessed, Origin string
	URL, Archived                                                            string
	URLSafe, ArchivedSafe                                                    bool
	Entry                                                                    template.HTML
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
		Entry: chicagoBibliography(n),
	}
}

// bibliographyKey is what a source is alphabetised by in the bibliography:
// its entry's first words, without case.
func bibliographyKey(n *note.Note) string {
	s := n.Source
	lead := n.Title
	switch {
	case len(s.Authors) > 0:
		a := s.Authors[0]
		lead = a.Literal
		if lead == "" {
			lead = a.Family + " " + a.Given
		}
	case s.ContainerTitle != "" && (s.Type == "article-newspaper" || s.Type == "article-magazine"):
		lead = s.ContainerTitle
	}
	return strings.ToLower(lead + " " + n.Title)
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

// sourceSet is what a page knows of the sources some notes refer to: the
// public ones, and the ids of drafts, which a page must neither show nor
// call unknown (that would name them).
type sourceSet struct {
	public map[string]*note.Note
	drafts map[string]bool
}

// known reports whether a source, public or draft, has the id key.
func (set sourceSet) known(key string) bool {
	_, ok := set.public[key]
	return ok || set.drafts[key]
}

// citingLinker links a body's [[links]] and names the sources of its
// in-text citations ("@memoir says"), as note.Citer.
type citingLinker struct {
	linker
	sources sourceSet
}

// CiteName names a source in running text as Chicago does: the family
// names of one or two authors, the first and "et al." for more, the title
// when there is no author. A draft is "an unpublished source".
func (l citingLinker) CiteName(key string) (string, bool) {
	s, ok := l.sources.public[key]
	if !ok {
		return "an unpublished source", l.sources.drafts[key]
	}
	var names []string
	for _, a := range s.Source.Authors {
		name := a.Family
		if name == "" {
			name = a.String()
		}
		names = append(names, name)
	}
	switch len(names) {
	case 0:
		return s.Title, true
	case 1, 2:
		return strings.Join(names, " and "), true
	}
	return names[0] + " et al.", true
}

// loadSources loads the sources with the given ids, telling drafts apart
// from ids no note has.
func loadSources(ctx context.Context, db *store.DB, ids []string) (sourceSet, error) {
	set := sourceSet{public: map[string]*note.Note{}, drafts: map[string]bool{}}
	if len(ids) == 0 {
		return set, nil
	}
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindSource, IDs: ids, IncludeDrafts: true})
	if err != nil {
		return set, err
	}
	for _, n := range ns {
		if n.Draft {
			set.drafts[n.ID] = true
		} else {
			set.public[n.ID] = n
		}
	}
	return set, nil
}

// viaStep is one source in the chain a source reports from.
type viaStep struct {
	Title, Href, Origin string
}

// provenance says where a source's account comes from: who reports it,
// whether it is a primary or secondary source, and the sources it reports
// from, and they in turn: "reported by Toutiao (secondary source), via My
// Tenure (primary source)".
type provenance struct {
	Source   sourceLink
	Reporter string // the authors, else the container, else the publisher
	Origin   string // "primary source", "secondary source" or ""
	Via      []viaStep
}

func originText(o string) string {
	switch o {
	case "primary", "secondary":
		return o + " source"
	}
	return ""
}

// reporter names who reports a source's account.
func reporter(s *note.Source) string {
	if len(s.Authors) > 0 {
		return noteNamesText(s.Authors)
	}
	if s.ContainerTitle != "" {
		return s.ContainerTitle
	}
	return s.Publisher
}

// noteNamesText is noteNames without HTML escaping, for templates.
func noteNamesText(ns []note.Name) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = n.String()
	}
	if len(names) > 2 {
		return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
	}
	return strings.Join(names, " and ")
}

// maxViaDepth bounds how far a via chain is followed, however long the
// collection makes it.
const maxViaDepth = 10

// provenances describes each of the given public sources, following their
// via lists breadth first. Every source is visited once, so a circular
// chain (a reports from b, b from a) ends where it closes; drafts are left
// out and unknown ids shown as such.
func provenances(ctx context.Context, db *store.DB, srcs []*note.Note) ([]provenance, error) {
	known := map[string]*note.Note{}
	for _, s := range srcs {
		known[s.ID] = s
	}
	drafts := map[string]bool{}
	// Load the sources the chains reach, one level at a time.
	frontier := srcs
	for depth := 0; depth < maxViaDepth && len(frontier) > 0; depth++ {
		var ids []string
		for _, s := range frontier {
			for _, id := range s.Source.Via {
				if _, ok := known[id]; !ok && !drafts[id] && !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
		}
		set, err := loadSources(ctx, db, ids)
		if err != nil {
			return nil, err
		}
		frontier = frontier[:0:0]
		for _, id := range ids {
			if n, ok := set.public[id]; ok {
				known[id] = n
				frontier = append(frontier, n)
			}
			if set.drafts[id] {
				drafts[id] = true
			}
		}
	}
	out := make([]provenance, len(srcs))
	for i, s := range srcs {
		out[i] = provenance{
			Source:   sourceLink{Title: s.Title, Href: "/sources/" + url.PathEscape(s.ID)},
			Reporter: reporter(s.Source), Origin: originText(s.Source.Origin),
			Via: viaChain(s, known, drafts),
		}
	}
	return out, nil
}

// viaChain walks the sources s reports from, breadth first, each once.
func viaChain(s *note.Note, known map[string]*note.Note, drafts map[string]bool) []viaStep {
	type item struct {
		id    string
		depth int
	}
	var steps []viaStep
	seen := map[string]bool{s.ID: true}
	var queue []item
	for _, id := range s.Source.Via {
		queue = append(queue, item{id, 1})
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if seen[it.id] || drafts[it.id] || it.depth > maxViaDepth {
			continue
		}
		seen[it.id] = true
		n, ok := known[it.id]
		if !ok {
			steps = append(steps, viaStep{Title: it.id + " (unknown source)"})
			continue
		}
		steps = append(steps, viaStep{Title: n.Title, Href: "/sources/" + url.PathEscape(n.ID),
			Origin: originText(n.Source.Origin)})
		for _, id := range n.Source.Via {
			queue = append(queue, item{id, it.depth + 1})
		}
	}
	return steps
}

// claim is what a page says about an event someone claims: who, in which
// sources, and which sources confirm or dispute it.
//
// The sources the claimed event cites are where the claim is made. A
// source confirms the claim when a related event (listed in the claimed
// event's related, or listing it in its own) with status confirmed cites
// it, and disputes it when such an event has status disputed; a source
// already counted as making the claim is not counted again.
type claim struct {
	By, ByHref string
	In         []sourceLink
	Confirmed  []evidence
	Disputed   []evidence
}

// evidence is a source bearing on a claim, and the event that cites it.
type evidence struct {
	Source sourceLink
	Event  eventItem
}
