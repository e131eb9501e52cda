package index_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/store"
)

// TestPlacesAreStoredNotSearched indexes a place note: the store keeps it
// for the exports and the checks, and search finds the event there, never
// the place itself, which has no page for a hit to open. That holds for a
// full build and for an update that adds the place later.
func TestPlacesAreStoredNotSearched(t *testing.T) {
	ctx := context.Background()
	content := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(content, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("events/summit.md", "---\ntitle: Summit in Brussels\ndate: 2018-07-11\nplace: brussels\n---\n")
	write("places/brussels.md", "---\ntitle: Brussels\ncoordinates: [50.8467, 4.3525]\n---\nThe Belgian capital.\n")
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	check := func(when string) {
		t.Helper()
		if _, err := lib.Update(ctx, index.Options{Content: content}); err != nil {
			t.Fatal(err)
		}
		p, err := lib.DB.Note(ctx, note.KindPlace, "brussels")
		if err != nil || !p.Place.Located {
			t.Fatalf("%s: stored place = %+v, %v", when, p, err)
		}
		for _, q := range []string{"brussels", "belgian"} {
			res, err := lib.Search().Search(ctx, search.Request{Query: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if h.Kind == string(note.KindPlace) {
					t.Errorf("%s: search %q hit the place note %s", when, q, h.ID)
				}
			}
		}
	}
	check("full build")
	write("places/oslo.md", "---\ntitle: Oslo\ncoordinates: [59.9133, 10.7389]\naliases: [Brussels of the north]\n---\n")
	check("update")
	if ps, err := lib.DB.Notes(ctx, store.Filter{Kind: note.KindPlace}); err != nil || len(ps) != 2 {
		t.Errorf("places = %d, %v", len(ps), err)
	}
}
