package web_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

var linkingNotes = map[string]string{
	"events/2019-draft-link.md": `---
title: Draftlinker lead
date: 2019-02
draft: true
---
Points at [[2017-05-meeting]].
`,
	"events/2021-review.md": `---
title: Review of the first meeting
date: 2021
---
Looks back at [[2017-05-meeting|the meeting]] and [[2018-07-summit]].
`,
}

func TestEventLinkedFromAndCite(t *testing.T) {
	h := newServerWith(t, withNotes(linkingNotes))
	today := time.Now().UTC().Format("2 January 2006")
	tests := []struct {
		name, path string
		contains   []string
		excludes   []string
	}{
		{"LinkedFrom", "/events/2017-05-meeting",
			[]string{`<h2 id="linked-from">Linked from</h2>`, `href="/events/2018-07-summit"`, `href="/events/2021-review"`},
			[]string{"Draftlinker", "2019-draft-link"}},
		{"LinkedFromOne", "/events/2018-07-summit",
			[]string{`<h2 id="linked-from">Linked from</h2>`, `href="/events/2021-review"`}, nil},
		{"NotLinked", "/events/2018-norway", nil, []string{"Linked from"}},
		{"Cite", "/events/2018-07-summit",
			[]string{`<h2 id="cite">Cite this event</h2>`,
				`<a href="http://example.com/events/2018-07-summit" class="permalink">http://example.com/events/2018-07-summit</a>`,
				"“Trump presses allies at the Brussels summit.” annals, 11–12 July 2018. Accessed " + today + ". http://example.com/events/2018-07-summit.",
				"<code>[@memoir]</code>"},
			[]string{"[@missing-key]"}},
		{"CiteNoSources", "/events/2017-05-meeting",
			[]string{"“First meeting in Brussels.” annals, May 2017. Accessed " + today + ". http://example.com/events/2017-05-meeting."},
			[]string{"<code>[@"}},
		{"CiteHostile", "/events/2020-hostile",
			[]string{"“Hostile &lt;img src=x onerror=alert(1)&gt; title.” annals, 2020."},
			[]string{"<img"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, h, tt.path, 200, tt.contains, tt.excludes) })
	}

	t.Run("HTTPS", func(t *testing.T) {
		r := httptest.NewRequest(http.MethodGet, "/events/2018-norway", nil)
		r.Host = "annals.example.org:8443"
		r.TLS = &tls.ConnectionState{}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		want := "Accessed " + today + ". https://annals.example.org:8443/events/2018-norway."
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("body lacks %q\n%s", want, w.Body)
		}
	})
}

// TestFootnoteArchivedCopy checks that a footnote carries the source's
// archived copy, as a Robust Link on the original URL and as its own link.
func TestFootnoteArchivedCopy(t *testing.T) {
	h := newServerWith(t, map[string]string{
		"sources/report.md": `---
title: Annual report
type: report
author: ["Doe, Jane"]
issued: 2020-03
URL: https://example.org/report
archived: https://web.archive.org/web/2020/https://example.org/report
---
`,
		"events/2020-release.md": `---
title: Report released
date: 2020-03
---
It was released [@report, p. 4].
`,
	})
	w := get(t, h, "/events/2020-release")
	for _, want := range []string{
		`Jane Doe, <i><a href="/sources/report">Annual report</a></i> (March 2020), 4, `,
		`<a class="url" href="https://example.org/report" data-versionurl="https://web.archive.org/web/2020/https://example.org/report">`,
		`(<a href="https://web.archive.org/web/2020/https://example.org/report">archived copy</a>)`,
	} {
		if !strings.Contains(w.Body.String(), want) {
			t.Errorf("footnote lacks %q\n%s", want, w.Body.String())
		}
	}
}
