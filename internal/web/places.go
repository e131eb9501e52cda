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

// frame returns the SVG viewBox that shows points: the region around them
// in the map's proportions, at least 60° wide and within mapView, so that
// places in one region do not crowd into a corner of the world. It sizes
// the points' circles to the view, so that they look the same at any
// scale, their area growing with the number of events.
func frame(points []mapPoint) string {
	x0, y0, w, h := 0.0, mapView.Top, float64(worldmap.Width), mapView.Height
	if len(points) > 0 {
		minX, maxX, minY, maxY := points[0].X, points[0].X, points[0].Y, points[0].Y
		for _, p := range points {
			minX, maxX = min(minX, p.X), max(maxX, p.X)
			minY, maxY = min(minY, p.Y), max(maxY, p.Y)
		}
		ratio := w / h
		w = max(maxX-minX+20, 60, (maxY-minY+10)*ratio)
		w = min(w, float64(worldmap.Width))
		h = w / ratio
		x0 = min(max((minX+maxX)/2-w/2, 0), float64(worldmap.Width)-w)
		y0 = min(max((minY+maxY)/2-h/2, mapView.Top), mapView.Top+mapView.Height-h)
	}
	for i := range points {
		points[i].R = round1(w * (0.006 + 0.004*math.Sqrt(float64(max(points[i].Events, 1)))))
	}
	return fmt.Sprintf("%g %g %g %g", round1(x0), round1(y0), round1(w), round1(h))
}

// mapPoint is a place on the map, with the events there.
type mapPoint struct {
	ID, Title, Country, Href string
	X, Y, R                  float64
	Events                   int
}

// newMapPoints places every located place among those events name, with
// the number of events there (frame sizes them). The points come largest
// first, so smaller ones are drawn on top.
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
			X: round1(x), Y: round1(y), Events: n,
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
		p := mapPage{timelineFilter: f, Statuses: f.statusOptions(), Filtered: f.active(), Land: worldmap.Land()}
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
		p.ViewBox = frame(p.Points)
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
				point = []mapPoint{{ID: n.ID, Title: n.Title, X: round1(x), Y: round1(y)}}
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
		}{n, coordinates(n.Place), html, notes, items, frame(point), worldmap.Land(), point})
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
