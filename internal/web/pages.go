package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// actorLink is an actor of an event, linked when an actor note exists.
type actorLink struct{ Name, Href string }

// sourceLink is a source backing a whole event.
type sourceLink struct{ Title, Href string }

// footnote is one citation cluster: [@a, p. 3; @b] is one footnote with
// two items.
type footnote struct {
	Number int
	Anchor string // the statement it backs, which its back-link goes to
	Items  []footnoteItem
}

// footnoteItem is one cited item: the full reference of its source, when
// the key names a public source, and the locator used. Cite is the whole
// item in the site's citation style.
type footnoteItem struct {
	Key, Href, Locator, Prefix, Suffix string
	Known                              bool
	Source                             sourceItem
	Cite                               template.HTML
	// Quotes says, for each quotation the item vouches for, whether the
	// source's stored text holds it; empty when the source has none.
	Quotes []quoteCheck
}

type eventPage struct {
	Event      eventItem
	Actors     []actorLink
	DisputedBy []actorLink
	Tags       []tagLink
	Sources    []sourceLink
	Related    []eventItem
	// LinkedFrom lists the public events whose bodies link here.
	LinkedFrom []eventItem
	Cite       citation
	Body       template.HTML
	Notes      []footnote
	First      *firstReport
	Provenance []provenance
	Claim      *claim
	// What the event records of its provenance: where sources disagree,
	// and the verdict on a claim with its ClaimReview markup.
	Discrepancies []discrepancy
	Verdict       *verdict
	ClaimReview   *export.ClaimReview
	Updated       stamp
}

type tagLink struct{ Name, Href string }

func handleEvent(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, err := db.Note(ctx, note.KindEvent, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		names, err := db.refNames(ctx)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		html, err := body(ctx, db.DB, n)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		keys := eventKeys(n)
		set, err := loadSources(ctx, db.DB, append(reportKeys(n), discrepancyKeys(n)...))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		sources := set.public
		quotes, err := loadQuoteChecker(ctx, db.DB, n, set)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		p := eventPage{Event: newEventItem(n, names), Body: html, Notes: footnotes(note.Footnoted(n.Citations, set.known), set, quotes),
			First: firstReported(n, sources), Discrepancies: discrepancies(n, set), Verdict: newVerdict(n),
			Updated: newStamp(n.Updated)}
		if p.ClaimReview, err = claimReview(ctx, db.DB, r, n, p.First); err != nil {
			v.Error(w, r, err)
			return
		}
		p.Actors = actorLinks(n.Event.Actors, names)
		p.DisputedBy = actorLinks(n.Event.DisputedBy, names)
		for _, t := range n.Event.Tags {
			p.Tags = append(p.Tags, tagLink{Name: t, Href: "/tags/" + url.PathEscape(t)})
		}
		for _, k := range n.Event.Sources {
			l := sourceLink{Title: k}
			if s, ok := sources[k]; ok {
				l.Title, l.Href = s.Title, "/sources/"+url.PathEscape(k)
			} else if set.drafts[k] {
				continue
			}
			p.Sources = append(p.Sources, l)
		}
		var cited []*note.Note
		for _, k := range uniq(keys) {
			if s, ok := sources[k]; ok {
				cited = append(cited, s)
			}
		}
		if p.Provenance, err = provenances(ctx, db.DB, cited); err != nil {
			v.Error(w, r, err)
			return
		}
		if actorName(n.Event.ClaimedBy, names) != "" {
			if p.Claim, err = claimOf(ctx, db.DB, n, names, cited); err != nil {
				v.Error(w, r, err)
				return
			}
		}
		if len(n.Event.Related) > 0 {
			// Drafts and unknown ids are left out: a list has no place to
			// say why a link is missing.
			rel, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent, IDs: n.Event.Related})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			p.Related = eventItems(rel, names, nil)
		}
		from, err := db.LinksTo(ctx, n.ID)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		if len(from) > 0 {
			ns, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent, IDs: from})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			p.LinkedFrom = eventItems(ns, names, nil)
		}
		p.Cite = citeEvent(r, n, keys, sources, time.Now())
		v.render(w, r, http.StatusOK, "event", p)
	}
}

// actorLinks names the actors refs (ids or plain names), linking those
// that have a public note; an id that names no public actor is left out.
func actorLinks(refs []string, names *names) []actorLink {
	var out []actorLink
	for _, a := range refs {
		l := actorLink{Name: actorName(a, names)}
		if l.Name == "" {
			continue
		}
		if _, ok := names.actors[a]; ok {
			l.Href = "/actors/" + url.PathEscape(a)
		}
		out = append(out, l)
	}
	return out
}

// eventKeys lists the citation keys event n uses: those backing the whole
// event, then those its body cites, in order and possibly repeated.
func eventKeys(n *note.Note) []string {
	keys := append([]string{}, n.Event.Sources...)
	for _, c := range n.Citations {
		keys = append(keys, c.Key)
	}
	return keys
}

// uniq returns keys without repeats, in order of first use.
func uniq(keys []string) []string {
	var out []string
	for _, k := range keys {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// noteFootnotes returns the footnotes of any note's body, for the pages
// that show a body with citations.
func noteFootnotes(ctx context.Context, db *store.DB, n *note.Note) ([]footnote, error) {
	keys := make([]string, len(n.Citations))
	for i, c := range n.Citations {
		keys[i] = c.Key
	}
	set, err := loadSources(ctx, db, keys)
	if err != nil {
		return nil, err
	}
	quotes, err := loadQuoteChecker(ctx, db, n, set)
	if err != nil {
		return nil, err
	}
	return footnotes(note.Footnoted(n.Citations, set.known), set, quotes), nil
}

// footnotes groups citations by their footnote number, in order. A key
// naming a draft is cited as "an unpublished source", never by its key.
// Quotations are checked against the stored texts quotes holds.
func footnotes(cs []note.Citation, set sourceSet, quotes quoteChecker) []footnote {
	var out []footnote
	last := 0
	for _, c := range cs {
		if len(out) == 0 || last != c.Number {
			// Numbered in order, as the body's marks are: an in-text
			// citation naming no source has none (note.Footnoted).
			last = c.Number
			out = append(out, footnote{Number: len(out) + 1, Anchor: c.Anchor})
		}
		it := footnoteItem{Key: c.Key, Locator: c.Locator.String(), Prefix: c.Prefix, Suffix: c.Suffix}
		switch s, ok := set.public[c.Key]; {
		case ok:
			it.Known, it.Href, it.Source = true, "/sources/"+url.PathEscape(c.Key), newSourceItem(s)
			it.Cite = chicagoNote(s, c.Locator, c.Prefix, c.Suffix)
			it.Quotes = quotes.check(c)
		case set.drafts[c.Key]:
			it.Key = "an unpublished source"
			it.Cite = template.HTML(esc(strings.TrimSpace(c.Prefix + " an unpublished source")))
		default:
			it.Cite = template.HTML(esc(strings.TrimSpace(c.Prefix + " " + c.Key + " (unknown source)")))
			if l := chicagoLocator(c.Locator); l != "" {
				it.Cite += template.HTML(", " + esc(l))
			}
		}
		f := &out[len(out)-1]
		f.Items = append(f.Items, it)
	}
	return out
}

func handleSources(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ns, err := db.Notes(r.Context(), store.Filter{Kind: note.KindSource})
		if err != nil {
			v.Error(w, r, err)
			return
		}
		// A bibliography is in alphabetical order of its entries' first
		// words, which are the authors' family names or, failing those,
		// the paper's name or the title.
		slices.SortStableFunc(ns, func(a, b *note.Note) int {
			return strings.Compare(bibliographyKey(a), bibliographyKey(b))
		})
		items := make([]sourceItem, len(ns))
		for i, n := range ns {
			items[i] = newSourceItem(n)
		}
		v.render(w, r, http.StatusOK, "sources", struct{ Sources []sourceItem }{items})
	}
}

// notePage loads what a source or actor page shows: the note, its body
// and footnotes, and the public events with actor titles.
func notePage(ctx context.Context, db *catalog, kind note.Kind, id string) (n *note.Note, html template.HTML, notes []footnote, evs []*note.Note, names *names, err error) {
	if n, err = db.Note(ctx, kind, id); err != nil {
		return
	}
	if html, err = body(ctx, db.DB, n); err != nil {
		return
	}
	if evs, names, err = db.events(ctx); err != nil {
		return
	}
	notes, err = noteFootnotes(ctx, db.DB, n)
	return
}

func handleSource(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, html, notes, evs, names, err := notePage(ctx, db, note.KindSource, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		prov, err := provenances(ctx, db.DB, []*note.Note{n})
		if err != nil {
			v.Error(w, r, err)
			return
		}
		v.render(w, r, http.StatusOK, "source", struct {
			Source     sourceItem
			Provenance provenance
			Body       template.HTML
			Notes      []footnote
			Events     []eventItem
		}{
			newSourceItem(n), prov[0], html, notes, citing(evs, names, n.ID),
		})
	}
}

// citing lists the events that cite source key, each with the locators
// it cites it at ("para. 4, para. 7"), each linked to the first statement
// cited there, or "the whole event" when the source backs it only through
// its sources list.
func citing(evs []*note.Note, names *names, key string) []eventItem {
	var out []eventItem
	for _, e := range evs {
		if !cites(e, key) {
			continue
		}
		it := newEventItem(e, names)
		for _, c := range e.Citations {
			if c.Key != key {
				continue
			}
			loc := c.Locator.String()
			if loc == "" {
				loc = fmt.Sprintf("note %d", c.Number)
			}
			if !slices.ContainsFunc(it.Cited, func(a citedAt) bool { return a.Locator == loc }) {
				it.Cited = append(it.Cited, citedAt{Locator: loc, Href: "/events/" + url.PathEscape(e.ID) + "#" + c.Anchor})
			}
		}
		if len(it.Cited) == 0 {
			it.Cited = []citedAt{{Locator: "the whole event"}}
		}
		out = append(out, it)
	}
	return out
}

func handleActor(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, html, notes, evs, names, err := notePage(ctx, db, note.KindActor, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		involves := func(e *note.Note) bool {
			if e.Event.ClaimedBy == n.ID {
				return true
			}
			for _, a := range e.Event.Actors {
				if a == n.ID {
					return true
				}
			}
			return false
		}
		v.render(w, r, http.StatusOK, "actor", struct {
			Actor  *note.Note
			Body   template.HTML
			Notes  []footnote
			Events []eventItem
		}{n, html, notes, eventItems(evs, names, involves)})
	}
}

func handleTag(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tag := r.PathValue("tag")
		evs, names, err := db.events(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		items := eventItems(evs, names, func(e *note.Note) bool {
			for _, t := range e.Event.Tags {
				if strings.EqualFold(t, tag) {
					return true
				}
			}
			return false
		})
		if len(items) == 0 {
			v.Error(w, r, store.ErrNotFound)
			return
		}
		v.render(w, r, http.StatusOK, "tag", struct {
			Tag    string
			Events []eventItem
		}{tag, items})
	}
}

// claimOf describes the claim event n makes: who claims it, the sources
// it is made in (cited, the public sources n cites) and the sources of
// related confirmed or disputed events, as the claim type documents.
func claimOf(ctx context.Context, db *store.DB, n *note.Note, names *names, cited []*note.Note) (*claim, error) {
	c := &claim{By: actorName(n.Event.ClaimedBy, names)}
	if _, ok := names.actors[n.Event.ClaimedBy]; ok {
		c.ByHref = "/actors/" + url.PathEscape(n.Event.ClaimedBy)
	}
	making := map[string]bool{}
	for _, s := range cited {
		making[s.ID] = true
		c.In = append(c.In, sourceLink{Title: s.Title, Href: "/sources/" + url.PathEscape(s.ID)})
	}
	evs, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		return nil, err
	}
	var related []*note.Note
	var keys []string
	for _, e := range evs {
		if e.ID == n.ID || !(slices.Contains(n.Event.Related, e.ID) || slices.Contains(e.Event.Related, n.ID)) {
			continue
		}
		if s := status(e.Event); s == note.StatusConfirmed || s == note.StatusDisputed {
			related = append(related, e)
			keys = append(keys, eventKeys(e)...)
		}
	}
	set, err := loadSources(ctx, db, keys)
	if err != nil {
		return nil, err
	}
	for _, e := range related {
		item := newEventItem(e, names)
		for _, k := range uniq(eventKeys(e)) {
			s, ok := set.public[k]
			if !ok || making[k] {
				continue
			}
			ev := evidence{Source: sourceLink{Title: s.Title, Href: "/sources/" + url.PathEscape(k)}, Event: item}
			if status(e.Event) == note.StatusConfirmed {
				c.Confirmed = append(c.Confirmed, ev)
			} else {
				c.Disputed = append(c.Disputed, ev)
			}
		}
	}
	return c, nil
}
