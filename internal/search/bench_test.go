package search_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/search"
)

// benchQueries are the searches benchmarked, over the generated corpus: its
// prose follows Zipf's law, so "time" is in most notes and "zorzorkagri"
// in very few.
var benchQueries = []struct {
	name string
	req  search.Request
}{
	{"common", search.Request{Query: "time"}},
	{"rare", search.Request{Query: "zorzorkagri"}},
	{"phrase", search.Request{Query: `"first time"`}},
	{"filtered", search.Request{Query: "nato", Tags: []string{"summit"}, Statuses: []string{"reported"},
		From: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2010, 12, 31, 0, 0, 0, 0, time.UTC)}},
	{"faceted", search.Request{Query: "nato", Facets: true}},
	{"browse-by-date", search.Request{SortBy: "date", Offset: 200}},
}

// uncachedQueries are the searches of the uncached mixes: a different
// three-word query each time, as a reader typing new searches sends, so
// that nothing a previous search read is reused.
var uncachedQueries = []struct {
	name string
	req  func(words string) search.Request
}{
	{"uncached", func(w string) search.Request { return search.Request{Query: w} }},
	{"uncached-any-word", func(w string) search.Request {
		return search.Request{Query: strings.Join(strings.Fields(w), " OR ")}
	}},
	{"uncached-faceted", func(w string) search.Request { return search.Request{Query: w, Facets: true} }},
}

// BenchmarkSearchUncached measures the uncached mixes, one search at a time,
// and reports the median and 99th percentile latency. "uncached-any-word"
// joins the words with OR, which was the default before all words were.
func BenchmarkSearchUncached(b *testing.B) {
	queries := corpus.Queries(50000, 3)
	for _, n := range benchdata.Sizes(b, 1000) {
		ix := benchdata.Search(b, n)
		ctx := context.Background()
		for _, q := range uncachedQueries {
			b.Run(fmt.Sprintf("%s/notes=%d", q.name, n), func(b *testing.B) {
				var lat benchdata.Latencies
				i, relaxed, matched := 0, 0, uint64(0)
				for b.Loop() {
					req := q.req(queries[i%len(queries)])
					i++
					var res *search.Result
					var err error
					lat.Time(func() { res, err = ix.Search(ctx, req) })
					if err != nil {
						b.Fatal(err)
					}
					if res.AnyWords {
						relaxed++
					}
					matched += res.Total
				}
				lat.Report(b)
				// The share of queries no note matched in full, which
				// were run again accepting any word.
				b.ReportMetric(100*float64(relaxed)/float64(i), "any-word-%")
				// Matches are what a search scores, counts and facets:
				// a measure of its work that the machine's load does not
				// blur.
				b.ReportMetric(float64(matched)/float64(i), "matches/op")
			})
		}
	}
}

// BenchmarkSearch measures one search at a time and reports the median and
// 99th percentile latency. Sizes come from ANNALS_BENCH_NOTES.
func BenchmarkSearch(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		ix := benchdata.Search(b, n)
		ctx := context.Background()
		for _, q := range benchQueries {
			b.Run(fmt.Sprintf("%s/notes=%d", q.name, n), func(b *testing.B) {
				var lat benchdata.Latencies
				for b.Loop() {
					var err error
					lat.Time(func() { _, err = ix.Search(ctx, q.req) })
					if err != nil {
						b.Fatal(err)
					}
				}
				lat.Report(b)
			})
		}
	}
}
