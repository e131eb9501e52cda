package web_test

import (
	"context"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

// TestListsFollowTheNotes: the timeline, tag and actor pages list from
// events kept in memory; an index run that changes the notes must show on
// them at once, with the page cache on (serve) and off (serve --watch).
func TestListsFollowTheNotes(t *testing.T) {
	for _, live := range []bool{false, true} {
		lib, content := newLibrary(t, map[string]string{
			"events/a.md": "---\ntitle: First event\ndate: 2019\ntags: [t]\nactors: [x]\n---\nText.\n",
			"actors/x.md": "---\ntitle: Actor X\n---\n",
		})
		ctx := context.Background()
		opts := web.Options{}
		if live {
			opts.Live = web.NewLive()
		}
		h := web.NewServer(lib, opts)
		for _, path := range []string{"/", "/tags/t", "/actors/x"} {
			if body := get(t, h, path).Body.String(); !strings.Contains(body, "First event") || strings.Contains(body, "Second event") {
				t.Fatalf("live %v: %s before the change is wrong", live, path)
			}
		}
		writeNotes(t, content, map[string]string{
			"events/b.md": "---\ntitle: Second event\ndate: 2020\ntags: [t]\nactors: [x]\n---\nText.\n",
			"actors/x.md": "---\ntitle: Actor X, renamed\n---\n",
		})
		if _, err := lib.Update(ctx, index.Options{Content: content}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/", "/tags/t", "/actors/x"} {
			if body := get(t, h, path).Body.String(); !strings.Contains(body, "Second event") {
				t.Errorf("live %v: %s does not list the new event", live, path)
			}
		}
		if body := get(t, h, "/events/a").Body.String(); !strings.Contains(body, "Actor X, renamed") {
			t.Errorf("live %v: the event page shows the actor's old name", live)
		}
	}
}
