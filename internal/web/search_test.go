package web_test

import (
	"fmt"
	"strings"
	"testing"
)

func TestSearchFacetsSortPaging(t *testing.T) {
	h := newServer(t)
	tests := []struct {
		name, path string
		code       int
		contains   []string
		excludes   []string
	}{
		{"FormControls", "/search", 200,
			[]string{`<label for="sort">Sort by</label>`, `<option value="relevance" selected>`, `<label for="from">From</label>`,
				`<label for="to">to</label>`, `<label for="kind">Kind</label>`},
			[]string{"Narrow the search"}},
		{"Facets", "/search?q=brussels", 200,
			[]string{`<h2 id="narrow">Narrow the search</h2>`, `<h3 id="facet-tag">Tags</h3>`,
				`<a href="/search?q=brussels&amp;tag=summits">summits</a> <span class="count">(2)</span>`,
				`<a href="/search?q=brussels&amp;tag=defence-spending">defence-spending</a> <span class="count">(1)</span>`,
				`<a href="/search?actor=jens-stoltenberg&amp;q=brussels">Jens Stoltenberg</a>`,
				`<a href="/search?q=brussels&amp;status=confirmed">confirmed</a>`,
				`<a href="/search?kind=event&amp;q=brussels">event</a>`},
			[]string{"draftonly"}},
		{"FacetApplied", "/search?q=brussels&tag=summits&page=1", 200,
			[]string{`aria-label="Remove tag summits">tag: summits ✕</a>`,
				`<a href="/search?q=brussels" aria-current="true" class="active" aria-label="Remove tag summits">summits</a>`,
				// a second value of the same facet is added, and the form keeps it
				`<a href="/search?q=brussels&amp;tag=summits&amp;tag=defence-spending">defence-spending</a>`,
				`id="tag" name="tag" value="summits"`},
			nil},
		{"SecondValueKeptInForm", "/search?q=brussels&tag=summits&tag=defence-spending", 200,
			[]string{`id="tag" name="tag" value="summits"`, `<input type="hidden" name="tag" value="defence-spending">`}, nil},
		{"KindFilter", "/search?q=stoltenberg&kind=actor", 200,
			[]string{`href="/actors/jens-stoltenberg"`, `<option value="actor" selected>`}, []string{`href="/events/2018-norway"`}},
		{"SortDateSelected", "/search?q=brussels&sort=date", 200, []string{`<option value="date" selected>`}, nil},
		{"BadSort", "/search?q=x&sort=newest", 400, []string{`class="problem"`, "sort must be relevance or date"}, nil},
		{"DateRange", "/search?q=&from=2018&to=2018", 200,
			[]string{`href="/events/2018-norway"`, `href="/events/2018-07-summit"`, `value="2018"`},
			[]string{`href="/events/2017-05-meeting"`, `href="/events/2020-hostile"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, h, tt.path, tt.code, tt.contains, tt.excludes) })
	}
}

func TestSearchSortByDate(t *testing.T) {
	h := newServerWith(t, map[string]string{
		"events/old.md": "---\ntitle: Old event\ndate: 2001\n---\nOne mention of tariffs.\n",
		"events/new.md": "---\ntitle: Tariffs tariffs tariffs\ndate: 2024\nsummary: Tariffs again.\n---\nTariffs, tariffs and tariffs.\n",
	})
	order := func(path string) (oldAt, newAt int) {
		body := get(t, h, path).Body.String()
		return strings.Index(body, `href="/events/old"`), strings.Index(body, `href="/events/new"`)
	}
	if o, n := order("/search?q=tariffs"); o < 0 || n < 0 || n > o {
		t.Errorf("relevance: old at %d, new at %d; want the many-mentions event first", o, n)
	}
	if o, n := order("/search?q=tariffs&sort=date"); o < 0 || n < 0 || o > n {
		t.Errorf("sort=date: old at %d, new at %d; want the 2001 event first", o, n)
	}
}

func TestSearchPaging(t *testing.T) {
	bulk := map[string]string{}
	for i := range 45 {
		bulk[fmt.Sprintf("events/bulk-%02d.md", i)] = fmt.Sprintf("---\ntitle: Bulk event %02d\ndate: %d\ntags: [bulk]\n---\nBulk.\n", i, 1950+i)
	}
	h := newServerWith(t, bulk)
	tests := []struct {
		name, path string
		contains   []string
		excludes   []string
	}{
		{"First", "/search?q=bulk&tag=bulk&sort=date",
			[]string{"45 hits · page 1 of 3", `<ol class="hits" start="1"`, `href="/events/bulk-00"`, `href="/events/bulk-19"`,
				`<a href="/search?page=2&amp;q=bulk&amp;sort=date&amp;tag=bulk" rel="next">Next</a>`},
			[]string{`href="/events/bulk-20"`, `rel="prev"`}},
		{"Middle", "/search?q=bulk&tag=bulk&sort=date&page=2",
			[]string{"page 2 of 3", `<ol class="hits" start="21"`, `href="/events/bulk-20"`, `href="/events/bulk-39"`,
				`<a href="/search?page=1&amp;q=bulk&amp;sort=date&amp;tag=bulk" rel="prev">Previous</a>`,
				`<a href="/search?page=3&amp;q=bulk&amp;sort=date&amp;tag=bulk" rel="next">Next</a>`},
			[]string{`href="/events/bulk-19"`, `href="/events/bulk-40"`}},
		{"Last", "/search?q=bulk&tag=bulk&sort=date&page=3",
			[]string{"page 3 of 3", `href="/events/bulk-44"`, `rel="prev"`},
			[]string{`rel="next"`}},
		// A facet link starts again from the first page.
		{"FacetResetsPage", "/search?q=bulk&sort=date&page=2",
			[]string{`<a href="/search?q=bulk&amp;sort=date&amp;tag=bulk">bulk</a>`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, h, tt.path, 200, tt.contains, tt.excludes) })
	}
}
