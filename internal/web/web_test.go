package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

// notes is a small collection covering every page: an event with
// citations and a [[link]], a claimed event, a draft, sources, an actor and
// a hostile event trying to run script.
var notes = map[string]string{
	"events/2018-07-summit.md": `---
title: Trump presses allies at the Brussels summit
date: 2018-07-11/2018-07-12
place: Brussels
actors: [jens-stoltenberg, "Angela Merkel"]
tags: [summits, defence-spending]
sources: [memoir]
related: [2017-05-meeting, 2019-secret-draft]
summary: Trump demands that allies reach 2% at once.
---
Trump asked the allies to reach the guideline immediately [@memoir, p. 212].
It followed the [[2017-05-meeting]]. Another view [@memoir, pp. 3-4; @missing-key].
`,
	"events/2017-05-meeting.md": `---
title: First meeting in Brussels
date: 2017-05
status: confirmed
tags: [summits]
---
The first meeting.
`,
	"events/2018-norway.md": `---
title: Trump asks about Norway
date: "2018"
status: claimed
claimed_by: jens-stoltenberg
actors: [jens-stoltenberg]
summary: Trump asked whether Norway could adopt the Swedish model.
---
Stoltenberg writes that Trump asked about Norway [@memoir, p. 221].
`,
	"events/2019-secret-draft.md": `---
title: Secret draftonly lead
date: 2019
draft: true
summary: Not yet checked.
---
An unverified draftonly lead.
`,
	"events/2020-hostile.md": `---
title: "Hostile <img src=x onerror=alert(1)> title"
date: 2020
place: "<img src=x onerror=alert(1)>"
tags: [hostile]
summary: "<script>alert(1)</script> summary"
---
Hostile body <script>alert(1)</script> and [x](javascript:alert(1)).
`,
	"sources/memoir.md": `---
title: "On My Watch"
type: book
via: [press-kit]
author: ["Stoltenberg, Jens"]
container-title: Collected Memoirs
publisher: Gyldendal
issued: 2025-09
URL: https://www.example.org/memoir
---
The memoir.
`,
	"actors/jens-stoltenberg.md": `---
title: Jens Stoltenberg
type: person
aliases: [Stoltenberg]
---
Former Secretary General [@memoir, p. 5].
`,
}

func newServer(t *testing.T) http.Handler {
	t.Helper()
	return newServerWith(t, notes)
}

// newServerWith serves a collection of notes, keyed by path under content/.
func newServerWith(t *testing.T, notes map[string]string) http.Handler {
	t.Helper()
	lib, _ := newLibrary(t, notes)
	return web.NewServer(lib, web.Options{})
}

// newLibrary indexes a collection of notes, keyed by path under the content
// folder it returns; writeNotes and lib.Update change it later.
func newLibrary(t *testing.T, notes map[string]string) (*index.Library, string) {
	t.Helper()
	content := t.TempDir()
	writeNotes(t, content, notes)
	ctx := context.Background()
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	rep, err := lib.Update(ctx, index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		t.Logf("%s", d.Error())
	}
	return lib, content
}

// writeNotes writes notes, keyed by path under content.
func writeNotes(t *testing.T, content string, notes map[string]string) {
	t.Helper()
	for rel, text := range notes {
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
	return w
}

func TestRoutes(t *testing.T) {
	h := newServer(t)
	// Whatever a page shows, no note may put markup of its own into it.
	hostile := []string{"<script", "<img", "javascript:", "onerror=alert(1)>"}
	tests := []struct {
		name, path string
		code       int
		contains   []string
		excludes   []string
	}{
		{"Timeline", "/", 200,
			[]string{`<section id="y2017"`, `<h2 id="h-y2017">2017</h2>`, `<section id="y2018"`, `href="/events/2018-07-summit"`,
				"11–12 July 2018", "Brussels", "claimed by Jens Stoltenberg", "confirmed", "Trump demands that allies reach 2% at once."},
			[]string{"draftonly", "2019-secret-draft"}},
		{"Event", "/events/2018-07-summit", 200,
			[]string{"<h1>Trump presses allies at the Brussels summit</h1>", `href="/actors/jens-stoltenberg">Jens Stoltenberg</a>`,
				"Angela Merkel", `href="/tags/summits"`, `href="/events/2017-05-meeting">First meeting in Brussels</a>`,
				`id="fnref-1"`, `<li id="fn-1" value="1">Jens Stoltenberg, <i><a href="/sources/memoir">On My Watch</a></i> (Gyldendal, September 2025), 212, <a class="url" href="https://www.example.org/memoir">https://www.example.org/memoir</a>.`,
				`class="back" aria-label="Back to the statement of note 1"`, `<li id="fn-2"`, "(Gyldendal, September 2025), 3-4,", "missing-key (unknown source)", "reported",
				`<h2 id="related">Related events</h2>`},
			[]string{"draftonly", "2019-secret-draft"}},
		{"EventClaimed", "/events/2018-norway", 200, []string{"claimed by Jens Stoltenberg"}, nil},
		{"EventDraft", "/events/2019-secret-draft", 404, []string{"Not found"}, []string{"draftonly"}},
		{"EventUnknown", "/events/no-such-event", 404, []string{"Not found"}, nil},
		{"EventIsNotASource", "/events/memoir", 404, nil, nil},
		{"EventHostile", "/events/2020-hostile", 200, []string{"Hostile &lt;img", "&lt;script&gt;alert(1)&lt;/script&gt;"}, hostile},
		// The notes were written just now: within the last 30 days.
		{"Changes", "/changes", 200, []string{`href="/events/2018-07-summit">Trump presses allies`, `href="/sources/memoir">On My Watch</a>`, "Hostile &lt;img"},
			append([]string{"draftonly", "2019-secret-draft"}, hostile...)},
		{"TimelineHostile", "/", 200, []string{"Hostile &lt;img"}, hostile},
		{"Sources", "/sources", 200, []string{`Stoltenberg, Jens. <i><a href="/sources/memoir">On My Watch</a></i>. Gyldendal, September 2025.`}, nil},
		{"Source", "/sources/memoir", 200,
			[]string{"<h1>On My Watch</h1>", `<a href="https://www.example.org/memoir"`, "Gyldendal", "September 2025",
				`href="/events/2018-07-summit"`, `href="/events/2018-norway"`, "press-kit (unknown source)", "Cited at <a href=\"/events/2018-07-summit#s-", "\">p. 212</a>, <a href=\"/events/2018-07-summit#s-", "\">pp. 3-4</a></p>", "Cited at <a href=\"/events/2018-norway#s-"},
			[]string{`href="/events/2017-05-meeting"`, "draftonly"}},
		{"SourceUnknown", "/sources/nope", 404, nil, nil},
		{"Actor", "/actors/jens-stoltenberg", 200,
			[]string{"<h1>Jens Stoltenberg</h1>", "person", `id="fnref-1"`, `<li id="fn-1" value="1">Jens Stoltenberg, <i><a href="/sources/memoir">On My Watch</a></i> (Gyldendal, September 2025), 5,`, `href="/events/2018-07-summit"`, `href="/events/2018-norway"`},
			[]string{`href="/events/2017-05-meeting"`}},
		{"ActorUnknown", "/actors/nobody", 404, nil, nil},
		{"Tag", "/tags/summits", 200,
			[]string{`href="/events/2018-07-summit"`, `href="/events/2017-05-meeting"`}, []string{`href="/events/2018-norway"`}},
		{"TagUnknown", "/tags/nothing-here", 404, nil, nil},
		{"SearchForm", "/search", 200, []string{`<label for="q">`, `role="search"`}, nil},
		{"Search", "/search?q=norway", 200,
			[]string{`href="/events/2018-norway"`, "<mark>Norway</mark>"}, nil},
		{"SearchDraft", "/search?q=draftonly", 200, []string{"0 hits"}, []string{"2019-secret-draft"}},
		{"SearchHostile", "/search?q=hostile", 200, []string{`href="/events/2020-hostile"`}, hostile},
		{"SearchFilters", "/search?q=&status=claimed", 200, []string{`href="/events/2018-norway"`}, []string{`href="/events/2018-07-summit"`}},
		{"SearchBadQuery", "/search?q=%22unclosed", 400, []string{`class="problem"`, "bad query"}, nil},
		{"SearchBadDate", "/search?q=x&from=July", 400, []string{`class="problem"`, "from"}, nil},
		{"SearchBadPage", "/search?q=x&page=-1", 400, []string{`class="problem"`, "page"}, nil},
		{"APIEvents", "/api/events", 200, []string{`"id": "2018-07-summit"`, `"date": "2018-07-11/2018-07-12"`}, []string{"2019-secret-draft"}},
		{"APIEvent", "/api/events/2018-07-summit", 200, []string{`"key": "memoir"`, `"locator": "p. 212"`, `"2017-05-meeting"`}, []string{"2019-secret-draft"}},
		{"APIEventDraft", "/api/events/2019-secret-draft", 404, []string{`"error"`}, nil},
		{"APISearch", "/api/search?q=norway", 200, []string{`"total"`, `"hits"`, `"facets"`, "<mark>Norway</mark>"}, nil},
		{"APISearchBad", "/api/search?q=%22unclosed", 400, []string{`"error":"bad query`}, nil},
		{"APISources", "/api/sources", 200, []string{`"id": "memoir"`, `"container-title": "Collected Memoirs"`, `"issued": "2025-09"`}, nil},
		{"Style", "/static/style.css", 200, []string{"body", "@media print", "break-inside: avoid", `content: " <" attr(href) ">"`}, nil},
		{"NoSuchPage", "/no/such/page", 404, []string{"Not found"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(t, h, tt.path)
			body := w.Body.String()
			if w.Code != tt.code {
				t.Errorf("GET %s: code %d, want %d\n%s", tt.path, w.Code, tt.code, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("GET %s: body lacks %q\n%s", tt.path, s, body)
				}
			}
			for _, s := range tt.excludes {
				if strings.Contains(body, s) {
					t.Errorf("GET %s: body contains %q\n%s", tt.path, s, body)
				}
			}
			for k, want := range map[string]string{
				"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
			} {
				if got := w.Header().Get(k); got != want {
					t.Errorf("GET %s: %s = %q, want %q", tt.path, k, got, want)
				}
			}
		})
	}
}

// TestNoScriptAnywhere requests every page and checks that the hostile
// note's markup never arrives unescaped in HTML.
func TestNoScriptAnywhere(t *testing.T) {
	h := newServer(t)
	for _, path := range []string{"/", "/events/2020-hostile", "/tags/hostile", "/search?q=alert", "/search?q=img", "/sources"} {
		w := get(t, h, path)
		if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: content type %q", path, ct)
		}
		for _, bad := range []string{"<script", "<img", "javascript:"} {
			if strings.Contains(w.Body.String(), bad) {
				t.Errorf("GET %s: contains %q", path, bad)
			}
		}
	}
}

func TestAPIEventsExcludesDrafts(t *testing.T) {
	h := newServer(t)
	w := get(t, h, "/api/events")
	var got struct {
		Total  int `json:"total"`
		Events []struct {
			ID     string `json:"id"`
			Status string `json:"status"`
		} `json:"events"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, w.Body)
	}
	want := []string{"2017-05-meeting", "2018-norway", "2018-07-summit", "2020-hostile"}
	var ids []string
	for _, e := range got.Events {
		ids = append(ids, e.ID)
	}
	if strings.Join(ids, " ") != strings.Join(want, " ") || got.Total != len(want) {
		t.Errorf("events = %v (total %d), want %v", ids, got.Total, want)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	h := newServer(t)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/events/2018-07-summit", nil))
	if w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: code %d, want 405", w.Code)
	}
}
