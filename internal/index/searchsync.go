package index

import (
	"context"
	"fmt"
	"os"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/store"
)

// apply writes c to the store and brings the search index to the store's
// new generation: by updating the changed documents when the index was in
// step before this run, and otherwise (missing, corrupt, or left behind by
// a crash) by a rebuild from the store. With rebuild set the search index
// is rebuilt in any case: what it is made from has changed.
func (l *Library) apply(ctx context.Context, before int64, c store.Changes, rebuild bool, progress func(string, int, int)) (store.Applied, bool, error) {
	var indexed func(done, total int)
	if progress != nil {
		indexed = func(done, total int) { progress("indexing", done, total) }
	}
	a, err := l.DB.Apply(ctx, c)
	if err != nil {
		return a, false, err
	}
	if ix := l.Search(); ix != nil && ix.Generation() == before && !rebuild {
		return a, false, l.update(ctx, before, c, a, indexed)
	}
	return a, true, l.rebuild(ctx, a.Generation, indexed)
}

// update indexes the documents c changed, when the index was in step with
// generation before.
func (l *Library) update(ctx context.Context, before int64, c store.Changes, a store.Applied, progress func(done, total int)) error {
	if a.Generation == before {
		return nil
	}
	var removed []search.Ref
	for _, r := range a.Removed {
		removed = append(removed, search.Ref{Kind: string(r.Kind), ID: r.ID})
	}
	byKind := map[note.Kind][]string{}
	actorsChanged := false
	for _, p := range c.Put {
		byKind[p.Note.Kind] = append(byKind[p.Note.Kind], p.Note.ID)
		actorsChanged = actorsChanged || p.Note.Kind == note.KindActor
	}
	for _, r := range a.Removed {
		actorsChanged = actorsChanged || r.Kind == note.KindActor
	}
	// An event's document carries its actors' names and aliases, so a
	// changed actor means re-indexing the events; actor notes are few.
	if actorsChanged {
		byKind[note.KindEvent] = nil
	}
	actors, err := l.actorNames(ctx)
	if err != nil {
		return err
	}
	var docs []search.Doc
	for kind, ids := range byKind {
		ns, err := l.DB.Notes(ctx, store.Filter{Kind: kind, IDs: ids, IncludeDrafts: true, Brief: true})
		if err != nil {
			return err
		}
		for _, n := range ns {
			if !searchable(n) {
				removed = append(removed, search.Ref{Kind: string(n.Kind), ID: n.ID})
				continue
			}
			docs = append(docs, document(n, actors))
		}
	}
	return l.Search().Update(ctx, docs, removed, a.Generation, progress)
}

// rebuild replaces the search index with one built from the store.
func (l *Library) rebuild(ctx context.Context, generation int64, progress func(done, total int)) error {
	notes, err := l.DB.Notes(ctx, store.Filter{Brief: true})
	if err != nil {
		return err
	}
	staged, err := l.build(ctx, generation, notes, progress)
	if err != nil {
		return err
	}
	return l.install(staged)
}

// build writes a search index of notes beside the current one and returns
// its path. Searches go on using the current index meanwhile.
func (l *Library) build(ctx context.Context, generation int64, notes []*note.Note, progress func(done, total int)) (string, error) {
	actors := namesOf(notes)
	docs := make([]search.Doc, 0, len(notes))
	for _, n := range notes {
		if searchable(n) {
			docs = append(docs, document(n, actors))
		}
	}
	staged := l.searchPath + ".staged"
	return staged, search.Build(ctx, staged, docs, generation, progress)
}

// install puts the index built at staged in place of the current one.
func (l *Library) install(staged string) error {
	if old := l.search.Swap(nil); old != nil {
		old.Close()
	}
	if err := os.RemoveAll(l.searchPath); err != nil {
		return fmt.Errorf("replace search index: %w", err)
	}
	if err := os.Rename(staged, l.searchPath); err != nil {
		return fmt.Errorf("replace search index: %w", err)
	}
	ix, err := search.Open(l.searchPath)
	if err != nil {
		return fmt.Errorf("reopen rebuilt index: %w", err)
	}
	l.search.Store(ix)
	return nil
}

func (l *Library) actorNames(ctx context.Context) (map[string][]string, error) {
	ns, err := l.DB.Notes(ctx, store.Filter{Kind: note.KindActor, Brief: true})
	if err != nil {
		return nil, err
	}
	return namesOf(ns), nil
}

// namesOf maps each public actor's id to its name and aliases.
func namesOf(notes []*note.Note) map[string][]string {
	m := map[string][]string{}
	for _, n := range notes {
		if n.Actor != nil {
			m[n.ID] = append([]string{n.Title}, n.Actor.Aliases...)
		}
	}
	return m
}

// searchable reports whether n has a search document: public events,
// sources and actors do. A place is found through the events there, whose
// documents carry the place as written; it has no page for a hit to open.
func searchable(n *note.Note) bool {
	return !n.Draft && n.Kind != note.KindPlace
}

// document turns a stored note into what search indexes. actors holds the
// names of the public actors: an actor written as an id that names none is
// a draft (or a mistake check reports), and is left out, so that its id
// never shows as a facet.
func document(n *note.Note, actors map[string][]string) search.Doc {
	d := search.Doc{Kind: string(n.Kind), ID: n.ID, Title: n.Title, Body: n.Text}
	switch {
	case n.Event != nil:
		e := n.Event
		d.Summary, d.Place, d.Tags, d.Status, d.Sources = e.Summary, e.Place, e.Tags, string(e.Status), e.Sources
		for _, a := range e.Actors {
			if names, ok := actors[a]; ok {
				d.Actors = append(d.Actors, a)
				d.Names = append(d.Names, names...)
			} else if !annals.LooksLikeID(a) {
				d.Actors = append(d.Actors, a)
				d.Names = append(d.Names, a)
			}
		}
		if names, ok := actors[e.ClaimedBy]; ok {
			d.Names = append(d.Names, names...)
		} else if e.ClaimedBy != "" && !annals.LooksLikeID(e.ClaimedBy) {
			d.Names = append(d.Names, e.ClaimedBy)
		}
		d.Start, d.End = e.Date.Earliest().Time(), e.Date.Latest().Time()
		d.EDTF, d.Display = e.Date.String(), e.Date.Display()
	case n.Source != nil:
		for _, a := range n.Source.Authors {
			d.Names = append(d.Names, a.String())
		}
		if !n.Source.Issued.IsZero() {
			d.EDTF, d.Display = n.Source.Issued.String(), n.Source.Issued.Display()
		}
	case n.Actor != nil:
		d.Names = n.Actor.Aliases
	}
	return d
}
