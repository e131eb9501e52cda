package search_test

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/search"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

var docs = []search.Doc{
	{Kind: "event", ID: "title-match", Title: "Summit in Brussels", Body: "Leaders met.", Tags: []string{"summit"},
		Status: "reported", Start: day("2018-07-11"), End: day("2018-07-12"), EDTF: "2018-07-11/2018-07-12"},
	{Kind: "event", ID: "body-match", Title: "A meeting", Body: "There was talk of a summit, a summit indeed, and spending.",
		Tags: []string{"meeting"}, Status: "claimed", Start: day("2016-11-18"), End: day("2016-11-18"), EDTF: "2016-11-18"},
	{Kind: "event", ID: "accented", Title: "Støre speaks", Body: "The café was closed.", Names: []string{"Jonas Gahr Støre"},
		Actors: []string{"jonas-gahr-store"}, Status: "confirmed", Start: day("2025-01-01"), End: day("2025-12-31"), EDTF: "2025"},
	{Kind: "actor", ID: "jonas-gahr-store", Title: "Jonas Gahr Støre", Names: []string{"Støre"}},
}

func open(t *testing.T) *search.Index {
	t.Helper()
	path := filepath.Join(t.TempDir(), "search.bleve")
	if err := search.Build(context.Background(), path, docs, 7, nil); err != nil {
		t.Fatal(err)
	}
	ix, err := search.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

func ids(r *search.Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func TestSearch(t *testing.T) {
	ix := open(t)
	if g := ix.Generation(); g != 7 {
		t.Errorf("generation = %d, want 7", g)
	}
	tests := []struct {
		name string
		req  search.Request
		want []string // in order
	}{
		{"TitleOutweighsBody", search.Request{Query: "summit"}, []string{"title-match", "body-match"}},
		{"Stemming", search.Request{Query: "spend"}, []string{"body-match"}},
		{"AccentFolding", search.Request{Query: "store"}, []string{"jonas-gahr-store", "accented"}},
		{"AccentedQuery", search.Request{Query: "cafe"}, []string{"accented"}},
		{"Phrase", search.Request{Query: `"talk of a summit"`}, []string{"body-match"}},
		{"PhraseInTitle", search.Request{Query: `"summit in brussels"`}, []string{"title-match"}},
		{"Excluded", search.Request{Query: "summit -brussels"}, []string{"body-match"}},
		{"FieldTag", search.Request{Query: "tag:summit"}, []string{"title-match"}},
		{"FilterTag", search.Request{Query: "summit", Tags: []string{"meeting"}}, []string{"body-match"}},
		{"FilterStatus", search.Request{Statuses: []string{"confirmed", "claimed"}}, []string{"body-match", "accented"}},
		{"FilterActor", search.Request{Actors: []string{"jonas-gahr-store"}}, []string{"accented"}},
		{"FilterKind", search.Request{Kinds: []string{"actor"}}, []string{"jonas-gahr-store"}},
		{"DateOverlap", search.Request{From: day("2018-07-12"), To: day("2018-08-01")}, []string{"title-match"}},
		{"DateOrderWithoutQuery", search.Request{Kinds: []string{"event"}}, []string{"body-match", "title-match", "accented"}},
		{"SortByDate", search.Request{Query: "summit", SortBy: "date"}, []string{"body-match", "title-match"}},
		{"Paging", search.Request{Kinds: []string{"event"}, Offset: 1, Limit: 1}, []string{"title-match"}},
		{"Browse", search.Request{SortBy: "date"}, []string{"body-match", "title-match", "accented", "jonas-gahr-store"}},
		{"BrowsePage", search.Request{Offset: 1, Limit: 2}, []string{"title-match", "accented"}},
		{"BrowsePastTheEnd", search.Request{Offset: 9}, nil},
		{"AllWords", search.Request{Query: "summit spending"}, []string{"body-match"}},
		{"AllWordsButStopWords", search.Request{Query: "the summit of brussels"}, []string{"title-match"}},
		{"AnyWordWithOR", search.Request{Query: "brussels OR spending"}, []string{"title-match", "body-match"}},
		{"AnyWordWhenNoneHasAll", search.Request{Query: "brussels zeppelin"}, []string{"title-match"}},
		{"RequiredAndWords", search.Request{Query: "+summit talk"}, []string{"body-match"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ix.Search(context.Background(), tt.req)
			if err != nil {
				t.Fatal(err)
			}
			got := ids(r)
			if len(got) != len(tt.want) {
				t.Fatalf("hits = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("hits = %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// TestBrowseAfterUpdate browses by date, changes the index and browses
// again: the list browsing reads follows the change.
func TestBrowseAfterUpdate(t *testing.T) {
	ix := open(t)
	ctx := context.Background()
	browse := func() ([]string, uint64) {
		r, err := ix.Search(ctx, search.Request{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		return ids(r), r.Total
	}
	if got, total := browse(); total != 4 || len(got) != 4 || got[0] != "body-match" {
		t.Fatalf("before: %v (total %d)", got, total)
	}
	early := search.Doc{Kind: "event", ID: "early", Title: "Early", Start: day("2000-01-01"), End: day("2000-01-01"), EDTF: "2000-01-01"}
	if err := ix.Update(ctx, []search.Doc{early}, []search.Ref{{Kind: "event", ID: "accented"}}, 8, nil); err != nil {
		t.Fatal(err)
	}
	want := []string{"early", "body-match", "title-match", "jonas-gahr-store"}
	if got, total := browse(); total != 4 || !slices.Equal(got, want) {
		t.Errorf("after: %v (total %d), want %v", got, total, want)
	}
}

// TestAnyWords checks that a result says when it falls back to notes with
// any of the words, and only then.
func TestAnyWords(t *testing.T) {
	ix := open(t)
	for q, want := range map[string]bool{"brussels zeppelin": true, "summit spending": false, "brussels OR spending": false, "zeppelin": false, "zeppelin balloon": false} {
		r, err := ix.Search(context.Background(), search.Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		if r.AnyWords != want {
			t.Errorf("%q: AnyWords = %v, want %v (%d hits)", q, r.AnyWords, want, r.Total)
		}
	}
}

func TestHighlightAndFacets(t *testing.T) {
	ix := open(t)
	r, err := ix.Search(context.Background(), search.Request{Query: "summit", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 2 || len(r.Hits[1].Fragments) == 0 || !strings.Contains(r.Hits[1].Fragments[0], "<mark>summit</mark>") {
		t.Fatalf("hits = %+v", r.Hits)
	}
	counts := map[string]int{}
	for _, c := range r.Facets["tag"] {
		counts[c.Value] = c.Count
	}
	if counts["summit"] != 1 || counts["meeting"] != 1 {
		t.Errorf("tag facet = %+v", r.Facets["tag"])
	}
	all, err := ix.Search(context.Background(), search.Request{Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	for field, counts := range all.Facets {
		for _, c := range counts {
			if c.Value == "" {
				t.Errorf("facet %s offers an empty value (%d notes)", field, c.Count)
			}
		}
	}
}

func TestBadQuery(t *testing.T) {
	ix := open(t)
	for _, q := range []string{`"unclosed`, "title:\"x", string(make([]byte, 2000))} {
		_, err := ix.Search(context.Background(), search.Request{Query: q + "x"})
		if !errors.Is(err, search.ErrBadQuery) {
			t.Errorf("query %.20q: err = %v, want ErrBadQuery", q, err)
		}
	}
}

func TestUpdate(t *testing.T) {
	ix := open(t)
	ctx := context.Background()
	doc := search.Doc{Kind: "event", ID: "new", Title: "Zeppelin", Start: day("2001-01-01"), End: day("2001-01-01")}
	if err := ix.Update(ctx, []search.Doc{doc}, []search.Ref{{Kind: "event", ID: "title-match"}}, 8, nil); err != nil {
		t.Fatal(err)
	}
	if g := ix.Generation(); g != 8 {
		t.Errorf("generation = %d, want 8", g)
	}
	for q, want := range map[string]uint64{"zeppelin": 1, "brussels": 0} {
		r, err := ix.Search(ctx, search.Request{Query: q})
		if err != nil || r.Total != want {
			t.Errorf("%s: %v hits, err %v; want %d", q, r, err, want)
		}
	}
}
