package main_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// get fetches path and returns the status and body.
func get(t testing.TB, base, path string) (int, string) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, string(b)
}

// eventually polls until cond holds, failing after a generous bound: the
// figure that matters (save to searchable) is measured by a benchmark, not
// here.
func eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// saveAtomically writes a note as editors do: a temporary file in the same
// folder, renamed over the note.
func saveAtomically(t testing.TB, path, text string) {
	t.Helper()
	tmp := path + ".tmp~"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// liveEvents follows the server's change stream and sends each version.
func liveEvents(t *testing.T, base string) <-chan string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/_annals/live", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != http.StatusOK || ct != "text/event-stream" {
		t.Fatalf("GET /_annals/live: %d %s", resp.StatusCode, ct)
	}
	versions := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				versions <- v
			}
		}
	}()
	return versions
}

func nextVersion(t *testing.T, versions <-chan string, what string) string {
	t.Helper()
	select {
	case v := <-versions:
		return v
	case <-time.After(15 * time.Second):
		t.Fatalf("no change event after %s", what)
		return ""
	}
}

func searchTotal(t testing.TB, base, q string) int {
	t.Helper()
	_, body := get(t, base, "/api/search?q="+q)
	var res struct{ Total int }
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatalf("/api/search: %v: %s", err, body)
	}
	return res.Total
}

// TestServeWatch edits the content folder under a running "serve --watch"
// the ways authors do, and checks what readers and the author see.
func TestServeWatch(t *testing.T) {
	content := copyContent(t)
	s := startServer(t, content, t.TempDir(), "--watch")
	note := filepath.Join(content, "events", "2019-watch-test.md")
	versions := liveEvents(t, s.base)
	first := nextVersion(t, versions, "connecting")

	status, page := get(t, s.base, "/")
	if status != 200 || !strings.Contains(page, `<script src="/_annals/live.js" data-version="`+first+`" defer></script>`) {
		t.Fatalf("timeline under --watch: %d, no live script for version %s", status, first)
	}
	resp, err := http.Get(s.base + "/_annals/live.js")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP under --watch: %q", csp)
	}

	// A new note saved the way editors save: searchable, and open pages
	// are told.
	saveAtomically(t, note, "---\ntitle: Allies meet in Zanzibar\ndate: 2019-02\n---\nThey met in Zanzibar. [@toutiao-stoltenberg-memoir, para. 3]\n")
	eventually(t, "the new note to be searchable", func() bool { return searchTotal(t, s.base, "zanzibar") == 1 })
	if v := nextVersion(t, versions, "a new note"); v == first {
		t.Errorf("change event carries the old version %s", v)
	}

	// Broken: the last good version stays on the site, and every page
	// tells the author what is wrong and where.
	saveAtomically(t, note, "---\ntitle: Allies meet in Pemba\ndate: [2019\n---\nThey met in Pemba.\n")
	nextVersion(t, versions, "breaking the note")
	status, page = get(t, s.base, "/events/2019-watch-test")
	if status != 200 || !strings.Contains(page, "Allies meet in Zanzibar") {
		t.Errorf("broken note: %d; the last good version should still be served", status)
	}
	if !strings.Contains(page, `role="alert"`) || !strings.Contains(page, "2019-watch-test.md:3:1: error: invalid YAML") {
		t.Errorf("broken note: the page does not show the error with its place:\n%s", page)
	}
	if !strings.Contains(s.stderr.String(), "2019-watch-test.md:3:1: error") {
		t.Errorf("broken note: not reported on stderr:\n%s", s.stderr)
	}

	// Saving another note leaves the broken one's error on show.
	other := filepath.Join(content, "events", "2019-watch-other.md")
	saveAtomically(t, other, "---\ntitle: Another note\ndate: 2019-03\n---\nText. [@toutiao-stoltenberg-memoir, para. 3]\n")
	nextVersion(t, versions, "saving another note")
	if _, page = get(t, s.base, "/events/2019-watch-other"); !strings.Contains(page, "2019-watch-test.md:3:1: error: invalid YAML") {
		t.Errorf("the broken note's error went away when another note was saved:\n%s", page)
	}

	// Fixed: the new text is served and the error is gone.
	saveAtomically(t, note, "---\ntitle: Allies meet in Pemba\ndate: 2019-02\n---\nThey met in Pemba. [@toutiao-stoltenberg-memoir, para. 3]\n")
	nextVersion(t, versions, "fixing the note")
	eventually(t, "the fixed note", func() bool { return searchTotal(t, s.base, "pemba") == 1 })
	if _, page = get(t, s.base, "/events/2019-watch-test"); strings.Contains(page, `role="alert"`) || !strings.Contains(page, "Allies meet in Pemba") {
		t.Errorf("fixed note: the error is still shown or the new title is not:\n%s", page)
	}
	if searchTotal(t, s.base, "zanzibar") != 0 {
		t.Error("the old text is still found")
	}

	// Renamed: the old address is gone, the new one serves the note.
	renamed := filepath.Join(content, "events", "2019-watch-renamed.md")
	if err := os.Rename(note, renamed); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the renamed note", func() bool {
		old, _ := get(t, s.base, "/events/2019-watch-test")
		now, _ := get(t, s.base, "/events/2019-watch-renamed")
		return old == 404 && now == 200
	})

	// Deleted, then re-created in a folder made afterwards.
	if err := os.Remove(renamed); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the deleted note to go", func() bool { return searchTotal(t, s.base, "pemba") == 0 })
	sub := filepath.Join(content, "events", "2019")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	saveAtomically(t, filepath.Join(sub, "2019-watch-renamed.md"), "---\ntitle: Allies meet in Pemba again\ndate: 2019-03\n---\nThey met again. [@toutiao-stoltenberg-memoir, para. 3]\n")
	eventually(t, "the re-created note", func() bool {
		status, page := get(t, s.base, "/events/2019-watch-renamed")
		return status == 200 && strings.Contains(page, "Pemba again")
	})

	if err := s.interrupt(t); err != nil {
		t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
	}
}
