package search_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"annals.dev/annals/bench/benchdata"
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
