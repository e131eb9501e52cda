package export_test

import (
	"encoding/json"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"annals.dev/annals/internal/export"
)

func TestGeoJSON(t *testing.T) {
	c := load(t, map[string]string{
		"places/brussels.md": "---\ntitle: Brussels\ncoordinates: [50.8467, 4.3525]\ncountry: BE\naliases: [Bruxelles]\n---\n",
		"places/newport.md":  "---\ntitle: Newport\ncoordinates: [51.5842, -2.9977]\ncountry: GB-WLS\n---\n",
		"places/vague.md":    "---\ntitle: Somewhere vague\n---\n",
		"events/wales.md":    event("Wales summit", "2014-09-04/2014-09-05", "place: newport\nstatus: confirmed\n"),
		"events/brussels.md": event(`Brussels "summit" <b>`, "2018-07-11/2018-07-12", "place: Bruxelles\n"),
		"events/vague.md":    event("Somewhere", "2019", "place: vague\n"),
		"events/plain.md":    event("White House", "2018-05-17", "place: White House, Washington\n"),
	})
	out, diags := write(t, export.GeoJSON, c)
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}

	// A GeoJSON library reads it as a FeatureCollection of points.
	fc, err := geojson.UnmarshalFeatureCollection([]byte(out))
	if err != nil {
		t.Fatalf("orb/geojson cannot read the export: %v\n%s", err, out)
	}
	want := []struct {
		id       string
		lon, lat float64
		place    string
	}{
		{"wales", -2.9977, 51.5842, "Newport"},
		{"brussels", 4.3525, 50.8467, "Brussels"},
	}
	if len(fc.Features) != len(want) {
		t.Fatalf("%d features, want %d (events at plain-text or unlocated places are left out):\n%s", len(fc.Features), len(want), out)
	}
	for i, w := range want {
		f := fc.Features[i]
		p, ok := f.Geometry.(orb.Point)
		if !ok {
			t.Fatalf("feature %d is a %T, want a Point", i, f.Geometry)
		}
		// RFC 7946 section 3.1.1: longitude first, then latitude.
		if p.Lon() != w.lon || p.Lat() != w.lat {
			t.Errorf("%s at %v, want [lon %v, lat %v]", w.id, p, w.lon, w.lat)
		}
		if f.ID != w.id || f.Properties.MustString("id") != w.id || f.Properties.MustString("place") != w.place {
			t.Errorf("feature %d: id %v, properties %v", i, f.ID, f.Properties)
		}
		if got := f.Properties.MustString("url"); got != base+"/events/"+w.id {
			t.Errorf("%s url = %q", w.id, got)
		}
	}
	if got := fc.Features[0].Properties.MustString("status"); got != "confirmed" {
		t.Errorf("status = %q", got)
	}
	if got := fc.Features[1].Properties.MustString("title"); got != `Brussels "summit" <b>` {
		t.Errorf("title = %q", got)
	}
	if got := fc.Features[0].Properties.MustString("date"); got != "2014-09-04/2014-09-05" {
		t.Errorf("date = %q", got)
	}

	// RFC 7946's own rules, on the raw members: no "crs" (section 4), and
	// the top-level and feature types spelled as it spells them.
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatal(err)
	}
	if _, ok := raw["crs"]; ok {
		t.Error(`the export has a "crs" member, which RFC 7946 removed`)
	}
	if raw["type"] != "FeatureCollection" {
		t.Errorf("type = %v", raw["type"])
	}
	for _, f := range raw["features"].([]any) {
		f := f.(map[string]any)
		g := f["geometry"].(map[string]any)
		if f["type"] != "Feature" || g["type"] != "Point" || len(g["coordinates"].([]any)) != 2 {
			t.Errorf("feature %v", f)
		}
	}
}

func TestGeoJSONEmpty(t *testing.T) {
	c := load(t, map[string]string{"events/plain.md": event("Nowhere in particular", "2019", "")})
	out, _ := write(t, export.GeoJSON, c)
	fc, err := geojson.UnmarshalFeatureCollection([]byte(out))
	if err != nil || len(fc.Features) != 0 {
		t.Errorf("empty export: %v, %v\n%s", fc, err, out)
	}
	var raw map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil || raw["features"] == nil {
		t.Errorf(`features must be [] rather than null: %s`, out)
	}
}
