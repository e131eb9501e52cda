package web_test

import (
	"maps"
	"net/http"
	"strings"
	"testing"
)

// withNotes returns the shared notes plus extra ones.
func withNotes(extra map[string]string) map[string]string {
	m := maps.Clone(notes)
	maps.Copy(m, extra)
	return m
}

var plannedNote = map[string]string{
	"events/2035-target.md": `---
title: Allies reach the five per cent target
date: 2035
status: planned
tags: [defence-spending]
---
Planned.
`,
}

// check requests path and compares what a reader would see.
func check(t *testing.T, h http.Handler, path string, code int, contains, excludes []string) {
	t.Helper()
	w := get(t, h, path)
	body := w.Body.String()
	if w.Code != code {
		t.Errorf("GET %s: code %d, want %d\n%s", path, w.Code, code, body)
	}
	for _, s := range contains {
		if !strings.Contains(body, s) {
			t.Errorf("GET %s: body lacks %q\n%s", path, s, body)
		}
	}
	for _, s := range excludes {
		if strings.Contains(body, s) {
			t.Errorf("GET %s: body contains %q", path, s)
		}
	}
}

func TestTimelineFilters(t *testing.T) {
	h := newServerWith(t, withNotes(plannedNote))
	const (
		summit  = `href="/events/2018-07-summit"`
		meeting = `href="/events/2017-05-meeting"`
		norway  = `href="/events/2018-norway"`
		planned = `href="/events/2035-target"`
	)
	tests := []struct {
		name, path string
		code       int
		contains   []string
		excludes   []string
	}{
		{"Form", "/", 200,
			[]string{`<form action="/" method="get"`, `<label for="from">From</label>`, `<label for="to">to</label>`,
				`<label for="tag">Tag</label>`, `<label for="actor">Actor</label>`, `<label for="status">Status</label>`,
				summit, meeting, norway, planned},
			[]string{"<script", "Show all"}},
		{"Year", "/?from=2018&to=2018", 200,
			[]string{summit, norway, `id="from" name="from" value="2018"`, `id="to" name="to" value="2018"`, "2 events match.", `<a href="/">Show all</a>`},
			[]string{meeting, planned}},
		{"MonthOverlapsYear", "/?from=2018-07", 200, []string{summit, norway, planned}, []string{meeting}},
		{"To", "/?to=2017", 200, []string{meeting, "1 event match."}, []string{summit, norway, planned}},
		{"Tag", "/?tag=summits", 200, []string{summit, meeting, `name="tag" value="summits"`}, []string{norway, planned}},
		{"ActorID", "/?actor=jens-stoltenberg", 200, []string{summit, norway}, []string{meeting, planned}},
		{"ActorName", "/?actor=jens+stoltenberg", 200, []string{summit, norway}, []string{meeting}},
		{"ActorPlainName", "/?actor=Angela+Merkel", 200, []string{summit}, []string{norway, meeting}},
		{"Status", "/?status=claimed", 200, []string{norway, `<option value="claimed" selected>`}, []string{summit, meeting, planned}},
		{"StatusPlanned", "/?status=planned", 200, []string{planned}, []string{summit, meeting, norway}},
		{"Combined", "/?tag=summits&from=2018", 200, []string{summit}, []string{meeting, norway}},
		{"NoMatch", "/?tag=nothing", 200, []string{"No events match these filters."}, []string{summit, "<svg"}},
		{"BadFrom", "/?from=July", 400, []string{`class="problem"`, "from: ", `value="July"`}, []string{summit}},
		{"BadTo", "/?to=2018-13", 400, []string{`class="problem"`, "to: ", `value="2018-13"`}, []string{summit}},
		{"BadStatus", "/?status=rumoured", 400, []string{`class="problem"`, "unknown status"}, []string{summit}},
		{"DraftStaysOut", "/?from=2019&to=2019", 200, []string{"No events match"}, []string{"draftonly"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, h, tt.path, tt.code, tt.contains, tt.excludes) })
	}
}

func TestTimelineChart(t *testing.T) {
	h := newServerWith(t, withNotes(plannedNote))
	check(t, h, "/", 200, []string{
		`<svg role="img" aria-label="Events per year, 2017 to 2035"`,
		`<a href="#y2018"><title>2018: 2 events</title>`,
		`<a href="#y2017"><title>2017: 1 event</title>`,
		`<a href="#y2035"><title>2035: 1 event (1 planned)</title>`,
		`<title>2021: 0 events</title>`, // a year with no events keeps its place
		`class="bar planned"`,
		`<section id="y2035"`,
		`height="100"`, // the busiest year fills the chart
	}, []string{`href="#y2021"`, "<script"})

	// Filters apply to the chart too.
	check(t, h, "/?status=claimed", 200,
		[]string{`aria-label="Events per year, 2018 to 2018"`, `<title>2018: 1 event</title>`},
		[]string{"2017: ", "2035: "})

	// Centuries of events are counted by decade.
	long := newServerWith(t, map[string]string{
		"events/1700-early.md": "---\ntitle: Early\ndate: 1705\n---\n",
		"events/2018-late.md":  "---\ntitle: Late\ndate: 2018-07\n---\n",
		"events/2019-later.md": "---\ntitle: Later\ndate: 2019\n---\n",
	})
	check(t, long, "/", 200, []string{
		`aria-label="Events per decade, 1700s to 2010s"`,
		`<a href="#y1705"><title>1700s: 1 event</title>`,
		`<a href="#y2018"><title>2010s: 2 events</title>`,
		`<title>1850s: 0 events</title>`,
	}, []string{"<title>2018: "})
}
