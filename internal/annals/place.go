// Package annals holds the rules that say what the notes mean, shared by
// the pages, the exports and the checks.
package annals

import (
	"strings"

	"annals.dev/annals/internal/note"
)

// Gazetteer finds the place note an event's place names. An event may name
// a place by its id ("brussels"), by its title or by one of its aliases
// ("Bruxelles"), or give plain text that names no place note at all
// ("White House, Washington").
type Gazetteer struct {
	byID   map[string]*note.Note
	byName map[string]*note.Note // folded titles and aliases
}

// NewGazetteer indexes the place notes places. Where two places share a
// title or alias, the one with the smaller id answers to it.
func NewGazetteer(places []*note.Note) *Gazetteer {
	g := &Gazetteer{byID: map[string]*note.Note{}, byName: map[string]*note.Note{}}
	for _, p := range places {
		if p.Place == nil {
			continue
		}
		g.byID[p.ID] = p
	}
	for _, p := range places {
		if p.Place == nil {
			continue
		}
		for _, name := range append([]string{p.Title}, p.Place.Aliases...) {
			k := fold(name)
			if old, ok := g.byName[k]; !ok || p.ID < old.ID {
				g.byName[k] = p
			}
		}
	}
	return g
}

// Resolve returns the place note that name stands for, and whether name is
// its id rather than a title or alias. It returns nil when name is plain
// text that names no place.
func (g *Gazetteer) Resolve(name string) (p *note.Note, byID bool) {
	if g == nil || name == "" {
		return nil, false
	}
	if p, ok := g.byID[name]; ok {
		return p, true
	}
	return g.byName[fold(name)], false
}

// fold makes names that differ only in case or spacing equal.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
