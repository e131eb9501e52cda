package web

import (
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"annals.dev/annals/internal/index"
)

// TestPageCacheKeeps runs request sequences against a handler that counts
// its calls and says so in each body: a body from an earlier call means the
// response came from the cache.
func TestPageCacheKeeps(t *testing.T) {
	type step struct {
		method, path string
		version      int64
		wantCall     int64 // the handler call whose body comes back
	}
	tests := []struct {
		name     string
		maxBytes int
		handle   func(w http.ResponseWriter, r *http.Request, call int64)
		steps    []step
	}{
		{"OK", 1 << 20, nil, []step{
			{"GET", "/events/a", 1, 1},
			{"GET", "/events/a", 1, 1},
			{"GET", "/events/b", 1, 2},
			{"GET", "/events/a?x=1", 1, 3},
			{"GET", "/events/b", 1, 2},
		}},
		{"NewVersion", 1 << 20, nil, []step{
			{"GET", "/", 1, 1},
			{"GET", "/", 2, 2},
			{"GET", "/", 2, 2},
			// A page rendered from notes older than the cache is not kept.
			{"GET", "/", 1, 3},
			{"GET", "/", 2, 2},
		}},
		{"NotGet", 1 << 20, nil, []step{
			{"POST", "/", 1, 1},
			{"POST", "/", 1, 2},
			{"HEAD", "/", 1, 3},
		}},
		{"NotOK", 1 << 20, func(w http.ResponseWriter, r *http.Request, call int64) {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, "call %d", call)
		}, []step{
			{"GET", "/nothing", 1, 1},
			{"GET", "/nothing", 1, 2},
		}},
		{"NoStore", 1 << 20, func(w http.ResponseWriter, r *http.Request, call int64) {
			w.Header().Set("Cache-Control", "no-store")
			fmt.Fprintf(w, "call %d", call)
		}, []step{
			{"GET", "/", 1, 1},
			{"GET", "/", 1, 2},
		}},
		{"Stream", 1 << 20, func(w http.ResponseWriter, r *http.Request, call int64) {
			fmt.Fprintf(w, "call %d", call)
			if err := http.NewResponseController(w).Flush(); err != nil {
				t.Error(err)
			}
		}, []step{
			{"GET", "/_annals/live", 1, 1},
			{"GET", "/_annals/live", 1, 2},
		}},
		{"TooLarge", 64, func(w http.ResponseWriter, r *http.Request, call int64) {
			fmt.Fprintf(w, "call %d %s", call, strings.Repeat("x", 20))
		}, []step{
			{"GET", "/", 1, 1},
			{"GET", "/", 1, 2},
		}},
		{"LeastRecentlyUsedGoesFirst", 24, nil, []step{
			{"GET", "/a", 1, 1},
			{"GET", "/b", 1, 2},
			{"GET", "/c", 1, 3},
			{"GET", "/a", 1, 1},
			{"GET", "/d", 1, 4},
			{"GET", "/e", 1, 5}, // over 24 bytes: /b goes
			{"GET", "/a", 1, 1},
			{"GET", "/c", 1, 3},
			{"GET", "/b", 1, 6},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var calls, version atomic.Int64
			handle := tt.handle
			if handle == nil {
				handle = func(w http.ResponseWriter, r *http.Request, call int64) { fmt.Fprintf(w, "call %d", call) }
			}
			c := newPageCache(version.Load, tt.maxBytes)
			h := c.wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				handle(w, r, calls.Add(1))
			}))
			srv := httptest.NewServer(h)
			defer srv.Close()
			for i, s := range tt.steps {
				version.Store(s.version)
				req, err := http.NewRequest(s.method, srv.URL+s.path, nil)
				if err != nil {
					t.Fatal(err)
				}
				resp, err := srv.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if s.method == "HEAD" {
					if calls.Load() != s.wantCall {
						t.Errorf("step %d: HEAD %s: handler called %d times, want %d", i, s.path, calls.Load(), s.wantCall)
					}
					continue
				}
				if want := fmt.Sprintf("call %d", s.wantCall); !strings.HasPrefix(string(body), want) {
					t.Errorf("step %d: %s %s at version %d = %q, want %q", i, s.method, s.path, s.version, body, want)
				}
				if got := resp.Header.Get("Content-Type"); got != "text/plain" {
					t.Errorf("step %d: Content-Type %q, want text/plain", i, got)
				}
			}
		})
	}
}

// TestPageKey checks that responses differing in what pages show of the
// request, or of the day, are kept apart.
func TestPageKey(t *testing.T) {
	day := time.Date(2026, 11, 23, 23, 0, 0, 0, time.UTC)
	base := pageKey(httptest.NewRequest("GET", "http://annals.example.org/events/a", nil), day)
	tests := []struct {
		name string
		url  string
		tls  bool
		now  time.Time
		same bool
	}{
		{"Same", "http://annals.example.org/events/a", false, day, true},
		{"SameDay", "http://annals.example.org/events/a", false, day.Add(-22 * time.Hour), true},
		{"NextDay", "http://annals.example.org/events/a", false, day.Add(2 * time.Hour), false},
		{"OtherHost", "http://localhost:8080/events/a", false, day, false},
		{"HTTPS", "https://annals.example.org/events/a", true, day, false},
		{"OtherPath", "http://annals.example.org/events/b", false, day, false},
		{"Query", "http://annals.example.org/events/a?x=1", false, day, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.url, nil)
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if got := pageKey(r, tt.now) == base; got != tt.same {
				t.Errorf("pageKey(%s at %s) == pageKey(%s at %s): %v, want %v", tt.url, tt.now, "http://annals.example.org/events/a", day, got, tt.same)
			}
		})
	}
}

// TestPageCacheFollowsNotes edits a note under a running server: the next
// request shows the edit, not the page cached before it.
func TestPageCacheFollowsNotes(t *testing.T) {
	content := t.TempDir()
	path := filepath.Join(content, "events", "2018-summit.md")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(title string) {
		text := "---\ntitle: " + title + "\ndate: 2018-07-11\n---\nThe summit.\n"
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	srv := httptest.NewServer(NewServer(lib, Options{}))
	defer srv.Close()
	for _, title := range []string{"Brussels summit", "Brussels summit", "Summit in Brussels"} {
		write(title)
		if _, err := lib.Update(ctx, index.Options{Content: content}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/", "/events/2018-summit", "/search?q=summit", "/api/events"} {
			resp, err := srv.Client().Get(srv.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if !strings.Contains(string(body), title) {
				t.Errorf("after titling the note %q, %s does not show it:\n%s", title, p, body)
			}
		}
	}
}

// TestPageCacheRendersOnce sends a crowd of the same request at once: the
// page is rendered once and every reader gets it. A page that cannot be
// kept (an error) is rendered by each.
func TestPageCacheRendersOnce(t *testing.T) {
	for _, tc := range []struct {
		status    int
		wantCalls func(n int64) bool
	}{
		{http.StatusOK, func(n int64) bool { return n == 1 }},
		{http.StatusNotFound, func(n int64) bool { return n > 1 }},
	} {
		var calls atomic.Int64
		release := make(chan struct{})
		h := newPageCache(func() int64 { return 1 }, 1<<20).wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			<-release
			w.WriteHeader(tc.status)
			fmt.Fprint(w, "the page")
		}))
		const crowd = 16
		bodies := make(chan string, crowd)
		for range crowd {
			go func() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
				bodies <- fmt.Sprint(rec.Code, " ", rec.Body.String())
			}()
		}
		// Let the crowd arrive while the first render is held.
		time.Sleep(100 * time.Millisecond)
		close(release)
		for range crowd {
			if got, want := <-bodies, fmt.Sprint(tc.status, " the page"); got != want {
				t.Errorf("status %d: a reader got %q, want %q", tc.status, got, want)
			}
		}
		if n := calls.Load(); !tc.wantCalls(n) {
			t.Errorf("status %d: %d renders for %d identical requests", tc.status, n, crowd)
		}
	}
}
