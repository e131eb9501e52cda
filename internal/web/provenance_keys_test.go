package web_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// provenanceKeyNotes have an event whose sources disagree on its date, a
// claim with a verdict whose summary tries to end the JSON-LD script, and
// an event naming its first report.
var provenanceKeyNotes = map[string]string{
	"actors/toutiao.md": "---\ntitle: Toutiao\ntype: organisation\n---\n",
	"sources/nato-page.md": `---
title: Rutte takes office
type: webpage
issued: 2024-10-01
URL: https://www.nato.int/rutte
---
`,
	"sources/story.md": `---
title: Memoir reveals Norway row
type: article-newspaper
container-title: Toutiao
issued: 2025-09-30
URL: https://example.org/story
---
`,
	"sources/rutte-article.md": `---
title: Rutte proposes a dual track
type: article-newspaper
issued: 2025-01/2025-06
---
`,
	"sources/secret-memo.md": "---\ntitle: Secret memo\ntype: document\ndraft: true\n---\n",
	"events/2024-departure.md": `---
title: Stoltenberg leaves office
date: 2024-10-01
status: confirmed
sources: [nato-page, story]
discrepancies:
  - about: when Stoltenberg left office
    values:
      - value: "2024-11"
        sources: [story]
        rank: deprecated
        note: The article's single mention.
      - value: "2024-10-01"
        sources: [nato-page, secret-memo]
        rank: preferred
      - value: autumn, <i>roughly</i>
        sources: [no-such-source]
---
He left [@nato-page].
`,
	"events/2025-claim.md": `---
title: "Claim: all allies now meet 2%"
date: 2025-09-30
status: claimed
claimed_by: toutiao
sources: [story, rutte-article]
verdict:
  rating: mostly-false
  reviewed: 2025-10-02
  summary: 22 of 32 met it </script><script>alert(1)</script> & "more".
---
All allies meet it, the story says [@story, para. 20].
`,
	"events/2025-06-summit.md": `---
title: The Hague summit
date: 2025-06
first_reported: "[@rutte-article, para. 5]"
sources: [story, rutte-article]
---
Allies met.
`,
	"events/2025-07-unreported.md": `---
title: Reported only before it happened
date: 2025-07
sources: [rutte-article]
---
Foretold.
`,
	"events/2025-broken.md": `---
title: A reported event with a verdict
date: 2025
verdict:
  rating: "false"
  reviewed: 2025-10-02
---
Broken.
`,
}

func TestDiscrepancyPage(t *testing.T) {
	h := newServerWith(t, provenanceKeyNotes)
	check(t, h, "/events/2024-departure", 200, []string{
		`<h2 id="discrepancies">Where sources disagree</h2>`,
		`<h3>when Stoltenberg left office</h3>`,
		`<li class="rank-deprecated"><s class="value">November 2024</s> <span class="rank">(deprecated: held to be wrong)</span>, given by <a href="/sources/story">Memoir reveals Norway row</a>. The article&#39;s single mention.</li>`,
		`<li class="rank-preferred"><span class="value">1 October 2024</span> <span class="rank">(preferred)</span>, given by <a href="/sources/nato-page">Rutte takes office</a>; an unpublished source.</li>`,
		`<li class="rank-normal"><span class="value">autumn, &lt;i&gt;roughly&lt;/i&gt;</span> <span class="rank">(normal)</span>, given by no-such-source (unknown source).</li>`,
	}, []string{"secret-memo", "Secret memo", "<i>roughly"})
	check(t, h, "/events/2025-claim", 200, nil, []string{"Where sources disagree"})
}

func TestProvenanceAPI(t *testing.T) {
	h := newServerWith(t, provenanceKeyNotes)
	type value struct {
		Value   string   `json:"value"`
		Sources []string `json:"sources"`
		Rank    string   `json:"rank"`
		Note    string   `json:"note"`
	}
	var got struct {
		FirstReported *struct {
			Source, Issued, Locator, Lag string
		} `json:"first_reported"`
		Discrepancies []struct {
			About  string  `json:"about"`
			Values []value `json:"values"`
		} `json:"discrepancies"`
		Verdict *struct {
			Rating, Reviewed, Summary string
		} `json:"verdict"`
	}
	decode := func(path string) string {
		t.Helper()
		w := get(t, h, path)
		if w.Code != 200 {
			t.Fatalf("GET %s: %d", path, w.Code)
		}
		got.FirstReported, got.Discrepancies, got.Verdict = nil, nil, nil
		if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
			t.Fatal(err)
		}
		return w.Body.String()
	}

	body := decode("/api/events/2024-departure")
	want := []value{
		{"2024-11", []string{"story"}, "deprecated", "The article's single mention."},
		{"2024-10-01", []string{"nato-page"}, "preferred", ""},
		{"autumn, <i>roughly</i>", []string{"no-such-source"}, "normal", ""},
	}
	if len(got.Discrepancies) != 1 || got.Discrepancies[0].About != "when Stoltenberg left office" || !reflect.DeepEqual(got.Discrepancies[0].Values, want) {
		t.Errorf("discrepancies = %+v\nwant %+v", got.Discrepancies, want)
	}
	if f := got.FirstReported; f == nil || f.Source != "nato-page" || f.Issued != "2024-10-01" || f.Lag != "the same day" {
		t.Errorf("first_reported = %+v", f)
	}
	if got.Verdict != nil || !strings.Contains(body, `"verdict": null`) || strings.Contains(body, "secret-memo") {
		t.Errorf("verdict = %+v; body %s", got.Verdict, body)
	}

	body = decode("/api/events/2025-claim")
	if v := got.Verdict; v == nil || v.Rating != "mostly-false" || v.Reviewed != "2025-10-02" || !strings.HasPrefix(v.Summary, "22 of 32 met it </script>") {
		t.Errorf("verdict = %+v", v)
	}
	// The article before the claim cannot have reported it.
	if f := got.FirstReported; f == nil || f.Source != "story" || f.Lag != "the same day" {
		t.Errorf("first_reported = %+v", f)
	}
	if !strings.Contains(body, `"discrepancies": []`) {
		t.Errorf("no empty discrepancies in %s", body)
	}

	decode("/api/events/2025-06-summit")
	if f := got.FirstReported; f == nil || f.Source != "rutte-article" || f.Issued != "2025-01/2025-06" || f.Locator != "para. 5" || f.Lag != "the same year" {
		t.Errorf("first_reported named by the event = %+v", f)
	}

	// A source issued before the event cannot have reported it.
	body = decode("/api/events/2025-07-unreported")
	if got.FirstReported != nil || !strings.Contains(body, `"first_reported": null`) {
		t.Errorf("first_reported = %+v, want null", got.FirstReported)
	}
	check(t, h, "/events/2025-07-unreported", 200, nil, []string{"First reported"})
	check(t, h, "/?sort=reported", 200, []string{`<h2 id="h-unreported">Not yet reported by a dated source</h2>`}, nil)

	// The list keeps its shape; the broken note is left out, the rest served.
	w := get(t, h, "/api/events")
	if strings.Contains(w.Body.String(), "first_reported") || strings.Contains(w.Body.String(), "2025-broken") {
		t.Errorf("/api/events: %s", w.Body.String())
	}
	check(t, h, "/events/2025-broken", 404, nil, nil)
	check(t, h, "/events/2025-06-summit", 200, []string{
		`<dt>First reported in this collection</dt><dd class="first-reported">January–June 2025, in <a href="/sources/rutte-article">Rutte proposes a dual track</a>, para. 5 (the same year)</dd>`,
	}, nil)
}

// jsonLD returns the text of the page's one JSON-LD script, failing when
// the page has any other script.
func jsonLD(t *testing.T, body string) string {
	t.Helper()
	const open = `<script type="application/ld+json">`
	if n := strings.Count(body, "<script"); n != 1 {
		t.Fatalf("page has %d script elements, want the one JSON-LD block\n%s", n, body)
	}
	_, rest, ok := strings.Cut(body, open)
	if !ok {
		t.Fatalf("no JSON-LD in\n%s", body)
	}
	text, _, ok := strings.Cut(rest, "</script>")
	if !ok {
		t.Fatal("JSON-LD script not closed")
	}
	return text
}

func TestClaimReview(t *testing.T) {
	h := newServerWith(t, provenanceKeyNotes)
	w := get(t, h, "/events/2025-claim")
	body := w.Body.String()
	for _, s := range []string{
		`<dt>Status</dt><dd class="status status-claimed">claimed by Toutiao</dd>
<dt>Verdict</dt><dd class="verdict verdict-mostly-false"><strong>Mostly false</strong>, reviewed 2 October 2025: 22 of 32 met it &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;more&#34;.</dd>`,
	} {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q\n%s", s, body)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	var cr struct {
		Context       string `json:"@context"`
		Type          string `json:"@type"`
		URL           string `json:"url"`
		ClaimReviewed string `json:"claimReviewed"`
		DatePublished string `json:"datePublished"`
		ReviewBody    string `json:"reviewBody"`
		Author        struct {
			Type string `json:"@type"`
			Name string `json:"name"`
		} `json:"author"`
		ReviewRating struct {
			Type          string `json:"@type"`
			RatingValue   int    `json:"ratingValue"`
			BestRating    int    `json:"bestRating"`
			WorstRating   int    `json:"worstRating"`
			AlternateName string `json:"alternateName"`
		} `json:"reviewRating"`
		ItemReviewed struct {
			Type   string `json:"@type"`
			Author struct {
				Type string `json:"@type"`
				Name string `json:"name"`
			} `json:"author"`
			DatePublished string `json:"datePublished"`
			Appearance    []struct {
				URL string `json:"url"`
			} `json:"appearance"`
			FirstAppearance struct {
				URL string `json:"url"`
			} `json:"firstAppearance"`
		} `json:"itemReviewed"`
	}
	if err := json.Unmarshal([]byte(jsonLD(t, body)), &cr); err != nil {
		t.Fatal(err)
	}
	r, it := cr.ReviewRating, cr.ItemReviewed
	switch {
	case cr.Context != "https://schema.org" || cr.Type != "ClaimReview":
		t.Errorf("@context %q, @type %q", cr.Context, cr.Type)
	case cr.URL != "http://example.com/events/2025-claim" || cr.ClaimReviewed != "Claim: all allies now meet 2%" || cr.DatePublished != "2025-10-02":
		t.Errorf("url %q, claimReviewed %q, datePublished %q", cr.URL, cr.ClaimReviewed, cr.DatePublished)
	case cr.Author.Type != "Organization" || cr.Author.Name != "annals":
		t.Errorf("author = %+v", cr.Author)
	case r.Type != "Rating" || r.AlternateName != "Mostly false" || r.RatingValue != 2 || r.BestRating != 5 || r.WorstRating != 1:
		t.Errorf("reviewRating = %+v", r)
	case it.Type != "Claim" || it.Author.Type != "Organization" || it.Author.Name != "Toutiao" || it.DatePublished != "2025-09-30":
		t.Errorf("itemReviewed = %+v", it)
	case len(it.Appearance) != 1 || it.Appearance[0].URL != "https://example.org/story" || it.FirstAppearance.URL != "https://example.org/story":
		t.Errorf("appearance %+v, firstAppearance %+v", it.Appearance, it.FirstAppearance)
	case cr.ReviewBody != `22 of 32 met it </script><script>alert(1)</script> & "more".`:
		t.Errorf("reviewBody = %q", cr.ReviewBody)
	}

	check(t, h, "/events/2024-departure", 200, nil, []string{"<script", "Verdict"})

	w = get(t, h, "/export/claimreview.json")
	var all []struct {
		URL string `json:"url"`
	}
	if err := json.Unmarshal(w.Body.Bytes(), &all); err != nil || len(all) != 1 || all[0].URL != "http://example.com/events/2025-claim" {
		t.Errorf("/export/claimreview.json = %v, %s", err, w.Body.String())
	}
	if ct := w.Header().Get("Content-Type"); ct != "application/ld+json; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
}
