package export

import (
	"encoding/json"
	"io"

	"annals.dev/annals/internal/note"
)

// GeoJSON (RFC 7946) as map tools read it: a FeatureCollection with one
// Point per event, positions as [longitude, latitude] in WGS 84.
type (
	geoCollection struct {
		Type     string       `json:"type"`
		Features []geoFeature `json:"features"`
	}
	geoFeature struct {
		Type       string        `json:"type"`
		ID         string        `json:"id"`
		Geometry   geoPoint      `json:"geometry"`
		Properties geoProperties `json:"properties"`
	}
	geoPoint struct {
		Type        string     `json:"type"`
		Coordinates [2]float64 `json:"coordinates"`
	}
	geoProperties struct {
		ID      string `json:"id"`
		Title   string `json:"title"`
		Date    string `json:"date"`
		Display string `json:"display"`
		Place   string `json:"place"`
		Status  string `json:"status"`
		URL     string `json:"url"`
	}
)

// writeGeoJSON writes every public event whose place is a place note with
// coordinates, in date order. Events at plain-text places are left out: a
// map has nowhere to put them.
func writeGeoJSON(w io.Writer, c *Collection) (note.Diagnostics, error) {
	out := geoCollection{Type: "FeatureCollection", Features: []geoFeature{}}
	for _, n := range c.Events {
		p, ok := c.located(n.Event)
		if !ok {
			continue
		}
		out.Features = append(out.Features, geoFeature{
			Type:     "Feature",
			ID:       n.ID,
			Geometry: geoPoint{Type: "Point", Coordinates: [2]float64{p.Place.Lon, p.Place.Lat}},
			Properties: geoProperties{
				ID: n.ID, Title: n.Title, Date: n.Event.Date.String(), Display: n.Event.Date.Display(),
				Place: p.Title, Status: string(status(n.Event)), URL: c.permalink(note.KindEvent, n.ID),
			},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return nil, enc.Encode(out)
}
