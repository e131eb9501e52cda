package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

// openNotes indexes a collection of notes, keyed by path under content/,
// into a data folder of tb's, and returns the library.
func openNotes(tb testing.TB, notes map[string]string) *index.Library {
	tb.Helper()
	content := tb.TempDir()
	for rel, text := range notes {
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return openContent(tb, content)
}

// securityHeaders are on every response, whatever its status.
var securityHeaders = []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"}

// FuzzHandler sends arbitrary request targets, read as the server reads
// them off the wire, to the real handler over a small library. Nothing a
// client sends may cause a server error, and every response carries the
// security headers.
func FuzzHandler(f *testing.F) {
	for _, target := range []string{
		"/", "/events/2018-07-summit", "/events/2019-secret-draft", "/sources", "/sources/memoir",
		"/actors/jens-stoltenberg", "/tags/summits", "/search?q=norway", "/search?q=norway&from=2018&to=2019&tag=summits&status=claimed&sort=date&page=2",
		"/api/events", "/api/events/2018-07-summit", "/api/search?q=nato&limit=100000000", "/api/search?q=%22unclosed",
		"/api/search?q=trump~100", "/api/search?q=/(a%2B)%2B$/", "/api/search?q=*berg&limit=-1", "/api/sources",
		"/static/style.css", "/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/events/..%2f..%2fx",
		"/events/%00", "/tags/%ff%fe", "/search?q=%ff&from=2018-13&to=..", "/search?page=99999999999999999999",
		"/search?page=501&q=x", "/search?q=&actor=&kind=event&kind=source", "//events//x/", "/events/x?y=%zz",
		"/api/events/..", "/favicon.ico", "*", "/export/csl.json", "/export/sources.bib",
		"/export/timeline.json", "/export/events.ics", "/export/feed.atom", "/export/nope", "/export/", "/export/..%2fcsl.json", "http://example.org/events/x", "/search?q=" + strings.Repeat("a%20", 500),
	} {
		f.Add(target)
	}
	lib := openNotes(f, notes)
	h := web.NewServer(lib, web.Options{})

	f.Fuzz(func(t *testing.T, target string) {
		raw := "GET " + target + " HTTP/1.1\r\nHost: annals.test\r\n\r\n"
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return // the server answers 400 before any handler runs
		}
		req.RemoteAddr = "127.0.0.1:1234"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Errorf("GET %q: %d\n%s", target, w.Code, w.Body)
		}
		for _, k := range securityHeaders {
			if w.Header().Get(k) == "" {
				t.Errorf("GET %q: %d without %s", target, w.Code, k)
			}
		}
		// The draft's summary, unless the client typed it in to be echoed.
		leak := "Not yet checked"
		if strings.Contains(w.Body.String(), leak) && !strings.Contains(req.URL.String()+req.URL.Query().Encode(), "checked") {
			t.Errorf("GET %q: %d shows a draft:\n%s", target, w.Code, w.Body)
		}
	})
}

// openContent indexes the notes in content into a data folder of tb's.
func openContent(tb testing.TB, content string) *index.Library {
	tb.Helper()
	lib, err := index.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { lib.Close() })
	if _, err := lib.Update(context.Background(), index.Options{Content: content}); err != nil {
		tb.Fatal(err)
	}
	return lib
}
