package web_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/web"
)

// BenchmarkPages measures requests per second over real HTTP on loopback,
// with 8 clients at once (parallelism 4 × GOMAXPROCS 2 here), against a
// generated corpus; sizes come from ANNALS_BENCH_NOTES. first-ms is the
// time of the first request for a page, which renders it.
func BenchmarkPages(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		lib := benchdata.Library(b, n)
		srv := httptest.NewServer(web.NewServer(lib, web.Options{}))
		b.Cleanup(srv.Close)
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
		for _, page := range []struct{ name, path string }{
			{"timeline-all", "/"},
			{"timeline-200", "/?to=" + about200Events(n)},
			{"event", "/events/" + corpus.EventID(n/3)},
			{"search", "/search?q=nato"},
			{"api-search", "/api/search?q=spending"},
		} {
			// The first request renders the page; the rest may be answered
			// from the page cache, until the notes change.
			start := time.Now()
			resp, err := client.Get(srv.URL + page.path)
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			first := time.Since(start)
			b.Run(fmt.Sprintf("%s/notes=%d", page.name, n), func(b *testing.B) {
				b.ReportMetric(float64(first.Microseconds())/1000, "first-ms")
				b.SetParallelism(4)
				var bytes atomic.Int64
				start := time.Now()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						resp, err := client.Get(srv.URL + page.path)
						if err != nil {
							b.Error(err)
							return
						}
						m, _ := io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						if resp.StatusCode != http.StatusOK {
							b.Errorf("%s: %s", page.path, resp.Status)
							return
						}
						bytes.CompareAndSwap(0, m)
					}
				})
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
				b.ReportMetric(float64(bytes.Load())/1024, "KiB/page")
			})
		}
	}
}

// about200Events is the "to" date that keeps the first 200 or so events of
// a generated corpus of n notes, whose dates spread evenly over 1990–2029.
func about200Events(n int) string {
	events, _, _ := corpus.Counts(n)
	days := 200 * 40 * 365.25 / float64(events)
	return time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(days)).Format(time.DateOnly)
}
