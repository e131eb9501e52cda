package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"annals.dev/annals/internal/web"
)

// TestSecurityHeadersOnErrors checks the headers on responses that come
// from the error paths, not just on pages: a 404, a 405, a 400 and a 500
// from a library whose store has gone away.
func TestSecurityHeadersOnErrors(t *testing.T) {
	h := newServer(t)
	broken := openNotes(t, notes)
	broken.DB.Close()
	hb := web.NewServer(broken, web.Options{})
	tests := []struct {
		name, method, path string
		h                  http.Handler
		code               int
	}{
		{"NotFound", "GET", "/no/such/page", h, 404},
		{"NotFoundAPI", "GET", "/api/events/nope", h, 404},
		{"MethodNotAllowed", "POST", "/", h, 405},
		{"BadQuery", "GET", "/api/search?q=trump~100", h, 400},
		{"InternalError", "GET", "/events/2018-07-summit", hb, 500},
		{"InternalErrorAPI", "GET", "/api/events", hb, 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			tc.h.ServeHTTP(w, httptest.NewRequest(tc.method, tc.path, nil))
			if w.Code != tc.code {
				t.Errorf("%s %s: %d, want %d\n%s", tc.method, tc.path, w.Code, tc.code, w.Body)
			}
			for _, k := range securityHeaders {
				if w.Header().Get(k) == "" {
					t.Errorf("%s %s: %d without %s", tc.method, tc.path, w.Code, k)
				}
			}
			if tc.code == 500 && (strings.Contains(w.Body.String(), "sql") || strings.Contains(w.Body.String(), "closed")) {
				t.Errorf("%s %s: a Go error reaches the user:\n%s", tc.method, tc.path, w.Body)
			}
		})
	}
}

// TestNoDirectoryListing asks for the folders behind the routes: none is a
// listing of files.
func TestNoDirectoryListing(t *testing.T) {
	h := newServer(t)
	for _, path := range []string{"/static/", "/static", "/events/", "/sources/", "/actors/", "/tags/", "/api/", "/api/events/", "/export/"} {
		w := get(t, h, path)
		body := w.Body.String()
		if w.Code != 404 && w.Code != 200 {
			t.Errorf("GET %s: %d, want a page or 404", path, w.Code)
		}
		// What http.FileServer's listing looks like: relative links to files.
		for _, listing := range []string{`<a href="style.css">`, "<pre>\n<a href", ".md\">", "Index of"} {
			if strings.Contains(body, listing) {
				t.Errorf("GET %s: %d looks like a listing (%q):\n%s", path, w.Code, listing, body)
			}
		}
	}
}

// TestPathTraversal sends paths that climb out of the routes, plain and
// encoded. None may answer with a file from outside the site.
func TestPathTraversal(t *testing.T) {
	h := newServer(t)
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := srv.Client()
	client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, path := range []string{
		"/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc%2fpasswd",
		"/events/..%2f..%2fx", "/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/sources/..%5c..%5cwindows",
		"/static/style.css/../../../etc/passwd", "/tags/..%2f..%2f..%2fetc%2fpasswd", "/static/%252e%252e/etc/passwd",
	} {
		// Sent raw, as a hostile client would, not cleaned by a client library.
		req, err := http.NewRequest("GET", srv.URL, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.URL.Opaque = path
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", path, err)
		}
		body := readAll(t, resp)
		switch {
		case resp.StatusCode == 200:
			t.Errorf("GET %s: 200\n%s", path, body)
		case resp.StatusCode >= 500:
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		case resp.StatusCode >= 300 && resp.StatusCode < 400 && strings.Contains(resp.Header.Get("Location"), ".."):
			t.Errorf("GET %s: redirects to %s", path, resp.Header.Get("Location"))
		}
		if strings.Contains(body, "root:") {
			t.Errorf("GET %s: serves /etc/passwd", path)
		}
	}
}

// TestOnlyGetAndHead checks that every page and API answers other methods
// with 405 and an Allow header naming GET and HEAD, and HEAD like GET.
func TestOnlyGetAndHead(t *testing.T) {
	h := newServer(t)
	paths := []string{"/", "/events/2018-07-summit", "/sources", "/sources/memoir", "/actors/jens-stoltenberg",
		"/tags/summits", "/search?q=x", "/api/events", "/api/events/2018-07-summit", "/api/search?q=x", "/api/sources", "/static/style.css",
		"/export/csl.json", "/export/sources.bib", "/export/timeline.json", "/export/events.ics", "/export/feed.atom"}
	for _, path := range paths {
		for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT"} {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(method, path, strings.NewReader("x=1")))
			if w.Code != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: %d, want 405", method, path, w.Code)
				continue
			}
			if allow := w.Header().Get("Allow"); allow != "GET, HEAD" {
				t.Errorf("%s %s: Allow = %q, want GET, HEAD", method, path, allow)
			}
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("HEAD", path, nil))
		if w.Code != 200 {
			t.Errorf("HEAD %s: %d, want 200", path, w.Code)
		}
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
