package web_test

import (
	"strings"
	"testing"
)

// TestDraftsNeverShownThroughReferences: a public event may name a draft
// actor as its claimant and among its actors, and cite a draft source. No
// page, API answer or search facet may then show the draft's id, while the
// event itself, its public actors and public sources still appear.
func TestDraftsNeverShownThroughReferences(t *testing.T) {
	h := newServerWith(t, map[string]string{
		"events/2018-claim.md": `---
title: A disputed claim about Norway
date: 2018-05-17
status: disputed
claimed_by: draftonly-person
actors: [draftonly-person, public-person, Angela Merkel]
sources: [draftonly-memo, report]
---
Someone claimed it [@report, p. 2]. A lead says more [@draftonly-memo, p. 1].
`,
		"sources/draftonly-memo.md":  "---\ntitle: Draftonly memo\ntype: document\ndraft: true\n---\n",
		"actors/draftonly-person.md": "---\ntitle: Draftonly Person\ntype: person\ndraft: true\n---\n",
		"actors/public-person.md":    "---\ntitle: Public Person\ntype: person\n---\n",
		"sources/report.md":          "---\ntitle: A report\ntype: report\nissued: 2018-06\n---\n",
	})
	for _, tt := range []struct {
		path     string
		contains []string
	}{
		{"/", []string{"A disputed claim about Norway", "disputed"}},
		{"/events/2018-claim", []string{"A disputed claim about Norway", `href="/actors/public-person">Public Person</a>`, "Angela Merkel"}},
		{"/actors/public-person", []string{`href="/events/2018-claim"`}},
		{"/search?q=norway", []string{`href="/events/2018-claim"`, "Public Person"}},
		{"/api/events", []string{`"id": "2018-claim"`, `"public-person"`, `"Angela Merkel"`}},
		{"/api/events/2018-claim", []string{`"id": "2018-claim"`, `"public-person"`, `"key": "report"`, `[@unpublished-source, p. 1]`}},
		{"/api/search?q=norway", []string{`"2018-claim"`, `"public-person"`}},
	} {
		t.Run(tt.path, func(t *testing.T) {
			w := get(t, h, tt.path)
			body := w.Body.String()
			if w.Code != 200 {
				t.Fatalf("code %d\n%s", w.Code, body)
			}
			for _, s := range tt.contains {
				if !strings.Contains(body, s) {
					t.Errorf("lacks %q\n%s", s, body)
				}
			}
			if strings.Contains(strings.ToLower(body), "draftonly") {
				t.Errorf("shows the draft actor\n%s", body)
			}
		})
	}
	// Filtering by the draft's id finds nothing: the index does not hold it.
	if body := get(t, h, "/search?q=norway&actor=draftonly-person").Body.String(); strings.Contains(body, `href="/events/2018-claim"`) {
		t.Errorf("the draft actor's id is in the search index:\n%s", body)
	}
}
