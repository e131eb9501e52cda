package web

import (
	"cmp"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/worldmap"
)

// mapView is the part of the world the map shows: every inhabited
// latitude, from 84°N to 60°S, so that Antarctica does not take a third
// of the picture.
var mapView = struct{ Top, Height float64 }{90 - 84, 84 + 60}

// mapViewBox is the SVG viewBox of mapView.
func mapViewBox() string {
	return fmt.Sprintf("0 %g %d %g", mapView.Top, worldmap.Width, mapView.Height)
}

// mapPoint is a place on the map, with the events there.
type mapPoint struct {
	ID, Title, Country, Href string
	X, Y, R                  float64
	Events                   int
}

// newMapPoints places every located place among those events name, sized
// by the number of events there (the circle's area grows with the count).
// The points come largest first, so smaller ones are drawn on top.
func newMapPoints(evs []*note.Note, names *names) []mapPoint {
	count := map[string]int{}
	for _, e := range evs {
		if p := names.placeNote(e.Event.Place); p != nil && p.Place.Located {
			count[p.ID]++
		}
	}
	var out []mapPoint
	for id, n := range count {
		p := names.places[id]
		x, y := worldmap.Project(p.Place.Lat, p.Place.Lon)
		out = append(out, mapPoint{
			ID: id, Title: p.Title, Country: p.Place.Country, Href: "/places/" + url.PathEscape(id),
			X: round1(x), Y: round1(y), R: round1(1.2 + 0.8*math.Sqrt(float64(n))), Events: n,
		})
	}
	slices.SortFunc(out, func(a, b mapPoint) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), strings.Compare(a.Title, b.Title))
	})
	return out
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

type mapPage struct {
	timelineFilter
	Statuses []statusOption
	Problem  string
	Filtered bool
	Shown    int // events matching the filters
	Located  int // of those, events at a place on the map
	ViewBox  string
	Land     string
	Points   []mapPoint
}

func handleMap(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		f := newTimelineFilter(r.URL.Query())
		p := mapPage{timelineFilter: f, Statuses: f.statusOptions(), Filtered: f.active(), Land: worldmap.Land(),
			ViewBox: mapViewBox()}
		keep, err := f.matcher()
		if err != nil {
			p.Problem = err.Error()
			v.render(w, r, http.StatusBadRequest, "map", p)
			return
		}
		evs, names, err := db.events(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		kept := keptBy(evs, names, keep)
		p.Shown = len(kept)
		p.Points = newMapPoints(kept, names)
		for _, pt := range p.Points {
			p.Located += pt.Events
		}
		v.render(w, r, http.StatusOK, "map", p)
	}
}

func handlePlace(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		n, html, notes, evs, names, err := notePage(ctx, db, note.KindPlace, r.PathValue("id"))
		if err != nil {
			v.Error(w, r, err)
			return
		}
		there := func(e *note.Note) bool {
			p := names.placeNote(e.Event.Place)
			return p != nil && p.ID == n.ID
		}
		items := eventItems(evs, names, there)
		var point []mapPoint
		if n.Place.Located {
			var at []*note.Note
			for _, e := range evs {
				if there(e) {
					at = append(at, e)
				}
			}
			point = newMapPoints(at, names)
			if len(point) == 0 { // a place no event names yet is still shown
				x, y := worldmap.Project(n.Place.Lat, n.Place.Lon)
				point = []mapPoint{{ID: n.ID, Title: n.Title, X: round1(x), Y: round1(y), R: 1.2}}
			}
		}
		v.render(w, r, http.StatusOK, "place", struct {
			Place       *note.Note
			Coordinates string
			Body        template.HTML
			Notes       []footnote
			Events      []eventItem
			ViewBox     string
			Land        string
			Points      []mapPoint
		}{n, coordinates(n.Place), html, notes, items,
			mapViewBox(), worldmap.Land(), point})
	}
}

// coordinates writes a position as people read it: "50.8467° N, 4.3525° E".
func coordinates(p *note.Place) string {
	if !p.Located {
		return ""
	}
	ns, ew := "N", "E"
	if p.Lat < 0 {
		ns = "S"
	}
	if p.Lon < 0 {
		ew = "W"
	}
	return fmt.Sprintf("%g° %s, %g° %s", math.Abs(p.Lat), ns, math.Abs(p.Lon), ew)
}
