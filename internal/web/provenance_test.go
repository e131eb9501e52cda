package web_test

import (
	"fmt"
	"strings"
	"testing"
)

// provenanceNotes has a memoir reported by a newspaper, a circular via
// chain, a draft in a chain and a claim with confirming and disputing
// events.
var provenanceNotes = map[string]string{
	"sources/memoir.md": `---
title: My Tenure
type: book
author: ["Stoltenberg, Jens"]
publisher: Gyldendal
issued: 2025?
origin: primary
---
`,
	"sources/paper-story.md": `---
title: Memoir reveals Norway row
type: article-newspaper
container-title: Toutiao
issued: 2025-09-30
URL: https://example.org/story
origin: secondary
via: [memoir]
---
`,
	"sources/loop-a.md":        "---\ntitle: Loop A\ntype: report\nissued: 2019\norigin: secondary\nvia: [loop-b]\n---\n",
	"sources/loop-b.md":        "---\ntitle: Loop B\ntype: report\nissued: 2019\nvia: [loop-c, hidden-source]\n---\n",
	"sources/loop-c.md":        "---\ntitle: Loop C\ntype: report\nissued: 2019\norigin: primary\nvia: [loop-a, nowhere]\n---\n",
	"sources/hidden-source.md": "---\ntitle: Hiddenonly memo\ntype: document\ndraft: true\n---\n",
	"sources/ministry.md": `---
title: Ministry statement
type: document
publisher: Ministry of Defence
issued: 2018-08-02
---
`,
	"sources/rebuttal.md": `---
title: "Did it happen?"
type: article-magazine
author: ["Doe, Jane", "Roe, Richard", "Poe, Edgar"]
container-title: The Review
issued: 2026-01~
---
`,
	"events/2018-claim.md": `---
title: Trump asks about the Swedish model
date: 2018
status: claimed
claimed_by: jens-stoltenberg
sources: [paper-story]
related: [2018-08-confirmed]
---
Stoltenberg writes so [@paper-story, para. 4]. A lead [@hidden-source, p. 3].
`,
	"events/2018-08-confirmed.md": `---
title: Ministry confirms the exchange
date: 2018-08-02
status: confirmed
sources: [ministry]
---
Confirmed [@ministry].
`,
	"events/2026-disputed.md": `---
title: Review disputes the account
date: 2026-01
status: disputed
related: [2018-claim]
---
Disputed [@rebuttal, p. 7].
`,
	"events/2019-loop.md": `---
title: Looping sources
date: 2019-03-02
status: claimed
claimed_by: Someone Unknown
---
Cited [@loop-a].
`,
	"actors/jens-stoltenberg.md": "---\ntitle: Jens Stoltenberg\ntype: person\n---\n",
}

func TestProvenance(t *testing.T) {
	h := newServerWith(t, provenanceNotes)
	tests := []struct {
		name, path string
		contains   []string
		excludes   []string
	}{
		{"EventViaChain", "/events/2018-claim",
			[]string{`<h2 id="provenance">Where the account comes from</h2>`,
				`<a href="/sources/paper-story">Memoir reveals Norway row</a>: reported by Toutiao (secondary source), via <a href="/sources/memoir">My Tenure</a> (primary source).`},
			nil},
		{"CircularChainEnds", "/events/2019-loop",
			[]string{`<a href="/sources/loop-a">Loop A</a>: (secondary source), via <a href="/sources/loop-b">Loop B</a>, via <a href="/sources/loop-c">Loop C</a> (primary source), via nowhere (unknown source).`},
			[]string{"Hiddenonly", "hidden-source"}},
		{"SourcePage", "/sources/paper-story",
			[]string{`<dt>Provenance</dt><dd>Reported by Toutiao (secondary source), via <a href="/sources/memoir">My Tenure</a> (primary source).</dd>`},
			nil},
		{"SourcePageCircular", "/sources/loop-b",
			[]string{`via <a href="/sources/loop-c">Loop C</a> (primary source), via <a href="/sources/loop-a">Loop A</a> (secondary source), via nowhere (unknown source).`},
			[]string{"Hiddenonly", "hidden-source", `via <a href="/sources/loop-b">`}},
		{"DraftFootnote", "/events/2018-claim",
			[]string{`<li id="fn-2" value="2">an unpublished source. <a href="#s-`},
			[]string{"Hiddenonly", "hidden-source"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, h, tt.path, 200, tt.contains, tt.excludes) })
	}
}

func TestClaims(t *testing.T) {
	h := newServerWith(t, provenanceNotes)
	check(t, h, "/events/2018-claim", 200, []string{
		`<h2 id="claim">The claim</h2>`,
		`<p>Claimed by <a href="/actors/jens-stoltenberg">Jens Stoltenberg</a>, in <a href="/sources/paper-story">Memoir reveals Norway row</a>.</p>`,
		`<h3>Confirmed by</h3>`,
		`<li><a href="/sources/ministry">Ministry statement</a>, cited by <a href="/events/2018-08-confirmed">Ministry confirms the exchange</a> (2 August 2018)</li>`,
		`<h3>Disputed by</h3>`,
		`<li><a href="/sources/rebuttal">Did it happen?</a>, cited by <a href="/events/2026-disputed">Review disputes the account</a> (January 2026)</li>`,
	}, []string{"No other source in this collection confirms or disputes it.", "Hiddenonly"})
	check(t, h, "/events/2019-loop", 200, []string{
		`<p>Claimed by Someone Unknown, in <a href="/sources/loop-a">Loop A</a>.</p>`,
		"No other source in this collection confirms or disputes it.",
	}, []string{"<h3>Confirmed by</h3>"})
	check(t, h, "/events/2018-08-confirmed", 200, nil, []string{`id="claim"`})
}

func TestFirstReported(t *testing.T) {
	tests := []struct {
		event, report string
		date, lag     string
		status        string
	}{
		{"2018", "2025-09-30?", "30 September 2025?", "about 7 years after the event", "reported"},
		{"2018-07-11", "2018-07-14", "14 July 2018", "3 days after the event", "reported"},
		{"2018-07-11", "2018-07-11", "11 July 2018", "the same day", "reported"},
		{"2018-07-11", "2019-03-02", "2 March 2019", "8 months after the event", "reported"},
		{"2018-07", "2018-07-20", "20 July 2018", "the same month", "reported"},
		{"2018-07-11", "2021-01-01", "1 January 2021", "3 years after the event", "reported"},
		{"2035", "2025-06-25", "25 June 2025", "10 years before the event", "planned"},
		{"2018-07~", "2018-09", "September 2018", "about 2 months after the event", "reported"},
	}
	notes := map[string]string{}
	for i, tt := range tests {
		notes[fmt.Sprintf("sources/s%d.md", i)] = fmt.Sprintf("---\ntitle: Source %d\ntype: report\nissued: %q\n---\n", i, tt.report)
		// A later source and an undated one must not count as the first.
		notes[fmt.Sprintf("sources/later%d.md", i)] = fmt.Sprintf("---\ntitle: Later %d\ntype: report\nissued: 2040\n---\n", i)
		notes[fmt.Sprintf("events/e%d.md", i)] = fmt.Sprintf("---\ntitle: Event %d\ndate: %q\nstatus: %s\nsources: [later%d, undated]\n---\nSaid [@s%d, p. 1].\n", i, tt.event, tt.status, i, i)
	}
	notes["sources/undated.md"] = "---\ntitle: Undated\ntype: webpage\n---\n"
	notes["events/none.md"] = "---\ntitle: Unreported\ndate: 2000\nsources: [undated]\n---\n"
	h := newServerWith(t, notes)
	for i, tt := range tests {
		t.Run(tt.event+"→"+tt.report, func(t *testing.T) {
			want := fmt.Sprintf(`<dt>First reported in this collection</dt><dd class="first-reported">%s, in <a href="/sources/s%d">Source %d</a> (%s)</dd>`, tt.date, i, i, tt.lag)
			check(t, h, fmt.Sprintf("/events/e%d", i), 200, []string{want}, nil)
		})
	}
	check(t, h, "/events/none", 200, nil, []string{"First reported"})

	t.Run("SortReported", func(t *testing.T) {
		w := get(t, h, "/?sort=reported")
		body := w.Body.String()
		// In order of first report, whenever the events happened: e6
		// (2035) was reported in June 2025, e0 (2018) in September.
		order := []string{`id="h-r2018"`, `href="/events/e2"`, `href="/events/e1"`, `href="/events/e4"`, `href="/events/e7"`,
			`id="h-r2019"`, `href="/events/e3"`, `id="h-r2021"`, `href="/events/e5"`,
			`id="h-r2025"`, `href="/events/e6"`, `href="/events/e0"`, `id="h-unreported"`, `href="/events/none"`}
		last := -1
		for _, s := range order {
			i := strings.Index(body, s)
			if i < 0 {
				t.Fatalf("/?sort=reported lacks %q\n%s", s, body)
			}
			if i < last {
				t.Errorf("/?sort=reported: %q is out of order", s)
			}
			last = i
		}
		for _, s := range []string{`<h2 id="h-r2025">Reported in 2025</h2>`, `<h2 id="h-unreported">Not yet reported by a dated source</h2>`,
			`<p class="reported">First reported in this collection: 25 June 2025, in Source 6, 10 years before the event.</p>`,
			`<strong aria-current="page">when we learned it</strong>`, `<a href="/">when it happened</a>`} {
			if !strings.Contains(body, s) {
				t.Errorf("/?sort=reported lacks %q", s)
			}
		}
	})
	t.Run("SortLinks", func(t *testing.T) {
		check(t, h, "/", 200, []string{`<a href="/?sort=reported">when we learned it</a>`, `<strong aria-current="page">when it happened</strong>`}, nil)
		check(t, h, "/?from=2018&sort=reported", 200,
			[]string{`<a href="/?from=2018">when it happened</a>`, `<input type="hidden" name="sort" value="reported">`}, []string{`href="/events/none"`})
		check(t, h, "/?sort=sideways", 400, []string{`sort: use date or reported, not &#34;sideways&#34;`}, nil)
	})
}

// chicagoNotes are sources of each shape Chicago treats differently.
var chicagoNotes = map[string]string{
	"sources/article.md": `---
title: Allies meet in Brussels
type: article-newspaper
author: ["Doe, Jane"]
container-title: The Paper
issued: 2018-07-12
URL: https://example.org/a
archived: https://web.archive.org/web/2018/https://example.org/a
---
`,
	"sources/question.md": `---
title: "Will allies pay?"
type: article-magazine
author: ["Doe, Jane", "Roe, Richard", "Poe, Edgar", "Hill, Ann"]
container-title: The Review
issued: 2025-09~
---
`,
	"sources/book.md": `---
title: On My Watch
type: book
author: ["Stoltenberg, Jens", "Solberg, Erna"]
publisher: Gyldendal
issued: 2025?
---
`,
	"sources/page.md": `---
title: NATO & the <2%> club
type: webpage
container-title: Example Site
accessed: 2024-03-05
URL: https://example.org/page
---
`,
	"sources/unsigned.md": `---
title: Summit ends
type: article-newspaper
container-title: Aftenposten
---
`,
	"events/2018-cited.md": `---
title: Cited everything
date: 2018
---
One [@article, para. 4]. Two [@question, pp. 3-4]. Three [see @book, 212, emphasis added].
Four [@page]. Five [@unsigned; @article].
`,
}

func TestChicagoStyle(t *testing.T) {
	h := newServerWith(t, chicagoNotes)
	check(t, h, "/events/2018-cited", 200, []string{
		`<li id="fn-1" value="1">Jane Doe, “<a href="/sources/article">Allies meet in Brussels</a>,” <i>The Paper</i>, 12 July 2018, para. 4, <a class="url" href="https://example.org/a" data-versionurl="https://web.archive.org/web/2018/https://example.org/a">https://example.org/a</a> (<a href="https://web.archive.org/web/2018/https://example.org/a">archived copy</a>). <a href="#s-`,
		`<li id="fn-2" value="2">Jane Doe et al., “<a href="/sources/question">Will allies pay?</a>” <i>The Review</i>, c. September 2025, 3-4. <a href="#s-`,
		`<li id="fn-3" value="3">see Jens Stoltenberg and Erna Solberg, <i><a href="/sources/book">On My Watch</a></i> (Gyldendal, 2025?), 212 emphasis added. <a href="#s-`,
		`<li id="fn-4" value="4">“<a href="/sources/page">NATO &amp; the &lt;2%&gt; club</a>,” <i>Example Site</i>, accessed 5 March 2024, <a class="url" href="https://example.org/page">https://example.org/page</a>. <a href="#s-`,
		`<li id="fn-5" value="5">“<a href="/sources/unsigned">Summit ends</a>,” <i>Aftenposten</i>, n.d.; Jane Doe, “<a href="/sources/article">Allies meet in Brussels</a>,” <i>The Paper</i>, 12 July 2018, `,
	}, []string{"<2%>"})

	w := get(t, h, "/sources")
	body := w.Body.String()
	entries := []string{
		// Alphabetical by the first word of each entry.
		`<li><i>Aftenposten</i>. “<a href="/sources/unsigned">Summit ends</a>.” n.d.</li>`,
		`<li>Doe, Jane. “<a href="/sources/article">Allies meet in Brussels</a>.” <i>The Paper</i>, 12 July 2018. <a class="url" href="https://example.org/a" data-versionurl="https://web.archive.org/web/2018/https://example.org/a">https://example.org/a</a> (<a href="https://web.archive.org/web/2018/https://example.org/a">archived copy</a>).</li>`,
		`<li>Doe, Jane, Richard Roe, Edgar Poe, and Ann Hill. “<a href="/sources/question">Will allies pay?</a>” <i>The Review</i>, c. September 2025.</li>`,
		`<li>“<a href="/sources/page">NATO &amp; the &lt;2%&gt; club</a>.” <i>Example Site</i>, accessed 5 March 2024. <a class="url" href="https://example.org/page">https://example.org/page</a>.</li>`,
		`<li>Stoltenberg, Jens, and Erna Solberg. <i><a href="/sources/book">On My Watch</a></i>. Gyldendal, 2025?</li>`,
	}
	last := -1
	for _, e := range entries {
		i := strings.Index(body, e)
		if i < 0 {
			t.Errorf("/sources lacks %q\n%s", e, body)
			continue
		}
		if i < last {
			t.Errorf("/sources: %q is out of alphabetical order", e)
		}
		last = i
	}
	check(t, h, "/sources/book", 200,
		[]string{`<dt>Cite as</dt><dd><p class="citation">Stoltenberg, Jens, and Erna Solberg. <i><a href="/sources/book">On My Watch</a></i>. Gyldendal, 2025?</p></dd>`}, nil)
}
