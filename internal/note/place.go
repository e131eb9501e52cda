package note

import "annals.dev/annals/internal/annals"

// Gazetteer indexes the place notes among ns, so that events' places can
// be resolved to them.
func Gazetteer(ns []*Note) *annals.Gazetteer {
	var places []annals.PlaceNames
	for _, n := range ns {
		if n.Place != nil {
			places = append(places, annals.PlaceNames{ID: n.ID, Title: n.Title, Aliases: n.Place.Aliases})
		}
	}
	return annals.NewGazetteer(places)
}
