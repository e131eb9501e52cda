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
	Items  []footnoteItem
}

// footnoteItem is one cited item: the full reference of its source, when
// the key names a public source, and the locator used.
type footnoteItem struct {
	Key, Href, Locator, Prefix, Suffix string
	Known                              bool
	Source                             sourceItem
}

type eventPage struct {
	Event   eventItem
	Actors  []actorLink
	Tags    []tagLink
	Sources []sourceLink
	Related []eventItem
	// LinkedFrom lists the public events whose bodies link here.
	LinkedFrom []eventItem
	Cite       citation
	Body       template.HTML
	Notes      []footnote
}

type tagLink struct{ Name, Href string }

func handleEvent(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, err := db.Note(ctx, note.KindEvent, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		actors, err := actorTitles(ctx, db)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		html, err := body(ctx, db, n)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		keys := append([]string{}, n.Event.Sources...)
		for _, c := range n.Citations {
			keys = append(keys, c.Key)
		}
		sources, err := citedSources(ctx, db, keys)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		p := eventPage{Event: newEventItem(n, actors), Body: html, Notes: footnotes(n.Citations, sources)}
		for _, a := range n.Event.Actors {
			l := actorLink{Name: actorName(a, actors)}
			if _, ok := actors[a]; ok {
				l.Href = "/actors/" + url.PathEscape(a)
			}
			p.Actors = append(p.Actors, l)
		}
		for _, t := range n.Event.Tags {
			p.Tags = append(p.Tags, tagLink{Name: t, Href: "/tags/" + url.PathEscape(t)})
		}
		for _, k := range n.Event.Sources {
			l := sourceLink{Title: k}
			if s, ok := sources[k]; ok {
				l.Title, l.Href = s.Title, "/sources/"+url.PathEscape(k)
			}
			p.Sources = append(p.Sources, l)
		}
		if len(n.Event.Related) > 0 {
			// Drafts and unknown ids are left out: a list has no place to
			// say why a link is missing.
			rel, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent, IDs: n.Event.Related})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			p.Related = eventItems(rel, actors, nil)
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
			p.LinkedFrom = eventItems(ns, actors, nil)
		}
		p.Cite = citeEvent(r, n, keys, sources, time.Now())
		v.render(w, r, http.StatusOK, "event", p)
	}
}

// citedSources loads the public sources with the given keys, by key.
func citedSources(ctx context.Context, db *store.DB, keys []string) (map[string]*note.Note, error) {
	out := map[string]*note.Note{}
	if len(keys) == 0 {
		return out, nil
	}
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindSource, IDs: keys})
	if err != nil {
		return nil, err
	}
	for _, s := range ns {
		out[s.ID] = s
	}
	return out, nil
}

// noteFootnotes returns the footnotes of any note's body, for the pages
// that show a body with citations.
func noteFootnotes(ctx context.Context, db *store.DB, n *note.Note) ([]footnote, error) {
	keys := make([]string, len(n.Citations))
	for i, c := range n.Citations {
		keys[i] = c.Key
	}
	sources, err := citedSources(ctx, db, keys)
	if err != nil {
		return nil, err
	}
	return footnotes(n.Citations, sources), nil
}

// footnotes groups citations by their footnote number, in order.
func footnotes(cs []note.Citation, sources map[string]*note.Note) []footnote {
	var out []footnote
	for _, c := range cs {
		if len(out) == 0 || out[len(out)-1].Number != c.Number {
			out = append(out, footnote{Number: c.Number})
		}
		it := footnoteItem{Key: c.Key, Locator: c.Locator.String(), Prefix: c.Prefix, Suffix: c.Suffix}
		if s, ok := sources[c.Key]; ok {
			it.Known, it.Href, it.Source = true, "/sources/"+url.PathEscape(c.Key), newSourceItem(s)
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
		items := make([]sourceItem, len(ns))
		for i, n := range ns {
			items[i] = newSourceItem(n)
		}
		v.render(w, r, http.StatusOK, "sources", struct{ Sources []sourceItem }{items})
	}
}

// notePage loads what a source or actor page shows: the note, its body
// and footnotes, and the public events with actor titles.
func notePage(ctx context.Context, db *store.DB, kind note.Kind, id string) (n *note.Note, html template.HTML, notes []footnote, evs []*note.Note, actors map[string]string, err error) {
	if n, err = db.Note(ctx, kind, id); err != nil {
		return
	}
	if html, err = body(ctx, db, n); err != nil {
		return
	}
	if evs, actors, err = events(ctx, db); err != nil {
		return
	}
	notes, err = noteFootnotes(ctx, db, n)
	return
}

func handleSource(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, html, notes, evs, actors, err := notePage(ctx, db, note.KindSource, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		var via []sourceLink
		if len(n.Source.Via) > 0 {
			known := map[string]string{}
			ns, err := db.Notes(ctx, store.Filter{Kind: note.KindSource, IDs: n.Source.Via})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			for _, s := range ns {
				known[s.ID] = s.Title
			}
			for _, id := range n.Source.Via {
				l := sourceLink{Title: id}
				if t, ok := known[id]; ok {
					l.Title, l.Href = t, "/sources/"+url.PathEscape(id)
				}
				via = append(via, l)
			}
		}
		v.render(w, r, http.StatusOK, "source", struct {
			Source sourceItem
			Via    []sourceLink
			Body   template.HTML
			Notes  []footnote
			Events []eventItem
		}{
			newSourceItem(n), via, html, notes, citing(evs, actors, n.ID),
		})
	}
}

// citing lists the events that cite source key, each with the locators
// it cites it at ("para. 4, para. 7"), or "the whole event" when the source
// backs it only through its sources list.
func citing(evs []*note.Note, actors map[string]string, key string) []eventItem {
	var out []eventItem
	for _, e := range evs {
		if !cites(e, key) {
			continue
		}
		var at []string
		for _, c := range e.Citations {
			if c.Key != key {
				continue
			}
			loc := c.Locator.String()
			if loc == "" {
				loc = fmt.Sprintf("note %d", c.Number)
			}
			if !slices.Contains(at, loc) {
				at = append(at, loc)
			}
		}
		it := newEventItem(e, actors)
		it.Cited = strings.Join(at, ", ")
		if it.Cited == "" {
			it.Cited = "the whole event"
		}
		out = append(out, it)
	}
	return out
}

func handleActor(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, html, notes, evs, actors, err := notePage(ctx, db, note.KindActor, r.PathValue("id"))
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
		}{n, html, notes, eventItems(evs, actors, involves)})
	}
}

func handleTag(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tag := r.PathValue("tag")
		evs, actors, err := events(r.Context(), db)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		items := eventItems(evs, actors, func(e *note.Note) bool {
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
