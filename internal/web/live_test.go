package web_test

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/web"
)

func TestLive(t *testing.T) {
	lib, _ := newLibrary(t, map[string]string{"events/a.md": "---\ntitle: A\ndate: 2019\n---\nText.\n"})
	ctx := context.Background()
	live := web.NewLive()
	live.Publish(lib.Generation(), nil, nil)
	srv := httptest.NewServer(web.NewServer(lib, web.Options{Live: live}))
	defer srv.Close()
	defer live.Close()

	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/_annals/live", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	versions := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				versions <- v
			}
		}
		close(versions)
	}()
	next := func(what string) string {
		t.Helper()
		select {
		case v := <-versions:
			return v
		case <-time.After(5 * time.Second):
			t.Fatalf("no event after %s", what)
			return ""
		}
	}
	if v := next("connecting"); v != "1" {
		t.Errorf("first event %q, want the current version 1", v)
	}

	// Nothing changed: no event, and pages keep their version.
	live.Publish(lib.Generation(), nil, nil)
	select {
	case v := <-versions:
		t.Errorf("event %q without a change", v)
	case <-time.After(200 * time.Millisecond):
	}

	// A new error is a change, though the store is unchanged; the page
	// shows it escaped, and says where.
	hostile := note.Diagnostic{Path: "content/events/<b>.md", Line: 3, Col: 1, Severity: note.SeverityError, Message: `<script>alert(1)</script>`}
	warning := note.Diagnostic{Path: "content/events/w.md", Line: 1, Col: 1, Severity: note.SeverityWarning, Message: "only a warning"}
	live.Publish(lib.Generation(), note.Diagnostics{hostile, warning}, nil)
	if v := next("an error"); v != "2" {
		t.Errorf("event %q, want 2", v)
	}
	page := get(t, srv.Config.Handler, "/events/a").Body.String()
	for _, want := range []string{`data-version="2"`, `role="alert"`, "1 error in the notes",
		"content/events/&lt;b&gt;.md:3:1: error: &lt;script&gt;alert(1)&lt;/script&gt;"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>alert") || strings.Contains(page, "only a warning") {
		t.Error("the page shows the raw error or a warning")
	}

	// A run that looked only at other paths keeps the error; one that
	// looked at its path and found none clears it.
	live.Publish(lib.Generation(), nil, []string{"content/events/w.md"})
	if page := get(t, srv.Config.Handler, "/").Body.String(); !strings.Contains(page, "&lt;b&gt;.md:3:1") {
		t.Error("an error of a path the run did not look at was dropped")
	}
	live.Publish(lib.Generation(), nil, []string{"content/events"})
	if v := next("the error fixed"); v != "3" {
		t.Errorf("event %q, want 3", v)
	}
	if page := get(t, srv.Config.Handler, "/").Body.String(); strings.Contains(page, `role="alert"`) {
		t.Error("the fixed error is still shown")
	}

	// Closing ends the stream, so the server can shut down.
	live.Close()
	select {
	case _, open := <-versions:
		if open {
			t.Error("an event after Close")
		}
	case <-time.After(5 * time.Second):
		t.Error("the stream is still open after Close")
	}
}
