package web_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// placed is a collection with place notes: events at a place by id, at a
// place by plain text, at a draft place, and a place no event names.
var placed = map[string]string{
	"events/2018-07-summit.md": `---
title: Summit in Brussels
date: 2018-07-11/2018-07-12
place: brussels
status: confirmed
---
Leaders met [@report, p. 1].
`,
	"events/2021-06-summit.md": `---
title: Another summit in Brussels
date: 2021-06-14
place: brussels
status: reported
---
Leaders met again [@report, p. 2].
`,
	"events/2018-05-oslo.md": `---
title: A claim made in Oslo
date: 2018-05-17
place: oslo
status: claimed
claimed_by: Someone
---
Someone claimed it [@report, p. 3].
`,
	"events/2019-white-house.md": `---
title: A meeting at the White House
date: 2019-04-02
place: White House, Washington
---
They met [@report, p. 4].
`,
	"events/2020-secret-place.md": `---
title: A meeting somewhere secret
date: 2020
place: draftonly-place
---
They met [@report, p. 5].
`,
	"places/brussels.md": `---
title: Brussels
coordinates: [50.8467, 4.3525]
country: BE
aliases: [Bruxelles, Brussel]
---
The Belgian capital, where NATO has its headquarters [@report, p. 9].
`,
	"places/oslo.md":            "---\ntitle: Oslo\ncoordinates: [59.9133, 10.7389]\ncountry: NO\n---\n",
	"places/vilnius.md":         "---\ntitle: Vilnius\ncoordinates: [54.6872, 25.2797]\ncountry: LT\n---\n",
	"places/draftonly-place.md": "---\ntitle: Draftonly hideout\ncoordinates: [1, 2]\ndraft: true\n---\n",
	"sources/report.md":         "---\ntitle: A report\ntype: report\nissued: 2022\n---\n",
}

func TestPlaces(t *testing.T) {
	h := newServerWith(t, placed)
	tests := []struct {
		name, path string
		code       int
		contains   []string
		excludes   []string
	}{
		{"Place", "/places/brussels", 200,
			[]string{"<h1>Brussels</h1>", "50.8467° N, 4.3525° E", "<dd>BE</dd>", "<li>Bruxelles</li>",
				`href="/events/2018-07-summit"`, `href="/events/2021-06-summit"`, `id="fn-1"`,
				`<a href="/places/brussels" aria-label="Brussels: 2 events"><circle cx="184.4" cy="39.2"`},
			[]string{`href="/events/2018-05-oslo"`, `href="/events/2019-white-house"`}},
		{"PlaceWithoutEvents", "/places/vilnius", 200, []string{"<h1>Vilnius</h1>", "No event takes place here yet."}, nil},
		{"PlaceDraft", "/places/draftonly-place", 404, nil, []string{"hideout"}},
		{"PlaceUnknown", "/places/atlantis", 404, nil, nil},
		{"Map", "/map", 200,
			[]string{`class="land" d="M`,
				`<a href="/places/brussels" aria-label="Brussels: 2 events">`, `<a href="/places/oslo" aria-label="Oslo: 1 event">`,
				`<li><a href="/places/brussels">Brussels</a> (BE): 2 events</li>`, "3 of 5 events took place at 2 places"},
			[]string{"vilnius", "draftonly", "hideout"}},
		{"MapFiltered", "/map?status=claimed", 200,
			[]string{`aria-label="Oslo: 1 event"`, "1 of 1 event took place at 1 place"}, []string{`href="/places/brussels"`}},
		{"MapBadDate", "/map?from=July", 400, []string{`class="problem"`, "from"}, nil},
		{"EventAtPlace", "/events/2018-07-summit", 200, []string{`<dd><a href="/places/brussels">Brussels</a></dd>`}, nil},
		{"EventAtPlainPlace", "/events/2019-white-house", 200, []string{"<dd>White House, Washington</dd>"}, []string{`href="/places/`}},
		{"EventAtDraftPlace", "/events/2020-secret-place", 200, []string{"A meeting somewhere secret"}, []string{"draftonly", "hideout", "<dt>Place</dt>"}},
		{"Timeline", "/", 200, []string{`<p class="place"><a href="/places/brussels">Brussels</a></p>`, `<p class="place">White House, Washington</p>`}, []string{"draftonly"}},
		{"Nav", "/sources", 200, []string{`<a href="/map">Map</a>`}, nil},
		{"API", "/api/events/2018-07-summit", 200, []string{`"place": "Brussels"`, `"place_id": "brussels"`}, nil},
		{"APIPlainPlace", "/api/events/2019-white-house", 200, []string{`"place": "White House, Washington"`}, []string{"place_id"}},
		{"APIDraftPlace", "/api/events", 200, []string{`"2020-secret-place"`}, []string{"draftonly"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, h, tt.path)
			body := w.Body.String()
			if w.Code != tt.code {
				t.Fatalf("GET %s: code %d, want %d\n%s", tt.path, w.Code, tt.code, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s lacks %q", tt.path, s)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(body, s) {
					t.Errorf("GET %s contains %q", tt.path, s)
				}
			}
		})
	}
}

var (
	viewBoxRE = regexp.MustCompile(`<svg viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"`)
	circleRE  = regexp.MustCompile(`<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([-\d.]+)"`)
)

// TestMapFramesItsPlaces: the map shows the region of its places, not the
// whole world with every point in one corner, and every point lies inside
// the view; with no place to show it shows the world.
func TestMapFramesItsPlaces(t *testing.T) {
	h := newServerWith(t, placed)
	num := func(s string) float64 {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	for _, tt := range []struct {
		path     string
		maxWidth float64
		points   int
	}{
		{"/map", 60, 2},                             // Brussels and Oslo: a European view
		{"/places/oslo", 60, 1},                     // one place: its region
		{"/map?from=2021&to=2021", 60, 1},           // Brussels alone
		{"/map?status=confirmed&from=2030", 360, 0}, // nothing: the world
	} {
		body := get(t, h, tt.path).Body.String()
		vb := viewBoxRE.FindStringSubmatch(body)
		if vb == nil {
			t.Fatalf("%s has no map", tt.path)
		}
		x, y, w, hgt := num(vb[1]), num(vb[2]), num(vb[3]), num(vb[4])
		if w > tt.maxWidth || w < 60 || x < 0 || x+w > 360.01 || y < 6 || y+hgt > 150.01 {
			t.Errorf("%s: viewBox %v, want at most %v wide, at least 60, within the world", tt.path, vb[1:], tt.maxWidth)
		}
		cs := circleRE.FindAllStringSubmatch(body, -1)
		if len(cs) != tt.points {
			t.Errorf("%s: %d points, want %d", tt.path, len(cs), tt.points)
		}
		for _, c := range cs {
			cx, cy, r := num(c[1]), num(c[2]), num(c[3])
			if cx < x || cx > x+w || cy < y || cy > y+hgt || r <= 0 || r > w/10 {
				t.Errorf("%s: point %v outside the view %v or badly sized", tt.path, c[1:], vb[1:])
			}
		}
	}
}
