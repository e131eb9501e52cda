package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

// BenchmarkPages measures requests per second over real HTTP on loopback,
// with 8 clients at once (parallelism 4 × GOMAXPROCS 2 here), against
// the shipped collection.
func BenchmarkPages(b *testing.B) {
	content := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	lib, err := index.Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	defer lib.Close()
	if _, err := lib.Update(ctx, index.Options{Content: content}); err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(web.NewServer(lib, web.Options{}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	for _, page := range []struct{ name, path string }{
		{"timeline", "/"},
		{"event", "/events/2018-trump-norway-swedish-model"},
		{"search", "/search?q=norway"},
		{"api-search", "/api/search?q=spending"},
	} {
		b.Run(page.name, func(b *testing.B) {
			b.SetParallelism(4)
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					resp, err := client.Get(srv.URL + page.path)
					if err != nil {
						b.Error(err)
						return
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Errorf("%s: %s", page.path, resp.Status)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}
