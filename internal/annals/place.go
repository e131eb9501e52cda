package annals

import "strings"

// PlaceNames is what a gazetteer knows of a place note: its id, and the
// title and aliases it also answers to.
type PlaceNames struct {
	ID, Title string
	Aliases   []string
}

// Gazetteer finds the place note an event's place names. An event may name
// a place by its id ("brussels"), by its title or by one of its aliases
// ("Bruxelles"), or give plain text that names no place note at all
// ("White House, Washington").
type Gazetteer struct {
	ids    map[string]bool
	byName map[string]string // folded titles and aliases → id
}

// NewGazetteer indexes places. Where two places share a title or alias,
// the one with the smaller id answers to it.
func NewGazetteer(places []PlaceNames) *Gazetteer {
	g := &Gazetteer{ids: map[string]bool{}, byName: map[string]string{}}
	for _, p := range places {
		g.ids[p.ID] = true
		for _, name := range append([]string{p.Title}, p.Aliases...) {
			k := fold(name)
			if old, ok := g.byName[k]; !ok || p.ID < old {
				g.byName[k] = p.ID
			}
		}
	}
	return g
}

// Resolve returns the id of the place name stands for, and whether name is
// that id rather than a title or alias. It returns "" when name is plain
// text that names no place.
func (g *Gazetteer) Resolve(name string) (id string, byID bool) {
	if g == nil || name == "" {
		return "", false
	}
	if g.ids[name] {
		return name, true
	}
	return g.byName[fold(name)], false
}

// fold makes names that differ only in case or spacing equal.
func fold(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
