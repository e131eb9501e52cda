package web_test

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/web"
)

var (
	loadTime  = flag.Duration("load", 0, "run TestLoad for this long (default 2s) over a generated corpus of -load-notes notes")
	loadNotes = flag.Int("load-notes", 2000, "notes in TestLoad's corpus when -load is set")
)

// loadConns is how many clients TestLoad keeps busy at once, each on its
// own keep-alive connection.
const loadConns = 64

// TestLoad keeps loadConns connections busy against the real server over
// loopback with a mix of pages, API calls and searches, some of them
// hostile, and fails on any error. It reports requests per second and the
// process's peak resident memory. The short version runs in every go test;
// -load=1m (with -load-notes) is the long one.
func TestLoad(t *testing.T) {
	duration, n := 2*time.Second, 0
	if *loadTime > 0 {
		duration, n = *loadTime, *loadNotes
	}
	var lib = openNotes(t, notes)
	paths := []string{"/", "/events/2018-07-summit", "/sources", "/sources/memoir", "/actors/jens-stoltenberg", "/tags/summits",
		"/search?q=norway", "/api/events", "/api/search?q=summit", "/static/style.css"}
	if n > 0 {
		content := t.TempDir()
		if err := corpus.Generate(content, n, 1); err != nil {
			t.Fatal(err)
		}
		lib = openContent(t, content)
		paths = []string{"/", "/events/" + corpus.EventID(1), "/events/" + corpus.EventID(n/2), "/sources", "/sources/" + corpus.SourceID(1),
			"/actors/" + corpus.ActorID(1), "/tags/energy", "/search?q=summit", "/api/search?q=energy", "/static/style.css"}
	}
	hostile := []string{
		"/api/search?q=" + strings.Repeat("x", 200<<10), // 200 kB: refused as a bad query
		"/api/search?q=*a&limit=100000000",
		"/api/search?q=/.*/",
		"/api/search?q=trump~100",
		"/search?q=nato&page=500",
		"/api/search?q=nato&limit=100000000&page=501",
		"/tags/no-such-tag", // a 404 is not cached: each one reads the store
	}
	srv := httptest.NewUnstartedServer(web.NewServer(lib, web.Options{}))
	srv.Config.MaxHeaderBytes = 1 << 20 // the long query goes in the request line
	srv.Start()
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var requests, failures atomic.Int64
	var firstFailure sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for c := range loadConns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}, Timeout: 10 * time.Second}
			for i := c; ctx.Err() == nil; i++ {
				path := paths[i%len(paths)]
				if i%10 == 9 {
					path = hostile[(i/10)%len(hostile)]
				}
				code, err := fetch(client, srv.URL+path)
				if ctx.Err() != nil {
					return
				}
				requests.Add(1)
				if err != nil || code >= 500 || code == 200 && strings.Contains(path, "~100") {
					failures.Add(1)
					firstFailure.Do(func() { t.Errorf("GET %.100s: %d %v", path, code, err) })
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	rss := peakRSS(t)
	t.Logf("%d connections for %v: %d requests, %.0f req/s, %d errors, peak RSS %s",
		loadConns, elapsed.Round(time.Millisecond), requests.Load(), float64(requests.Load())/elapsed.Seconds(), failures.Load(), rss)
	if requests.Load() < loadConns {
		t.Errorf("only %d requests in %v", requests.Load(), elapsed)
	}
}

func fetch(client *http.Client, url string) (int, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}

// peakRSS reads the process's peak resident set size from Linux's
// /proc/self/status: the server runs in this process.
func peakRSS(t *testing.T) string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "unknown (" + err.Error() + ")"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				t.Fatalf("VmHWM: %q", v)
			}
			return fmt.Sprintf("%.1f MB", float64(kb)/1024)
		}
	}
	return "unknown"
}
