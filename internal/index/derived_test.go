package index_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// TestDerivedVersion makes a data folder as an annals that did not store
// discrepancies would have left it, its files unchanged since, and checks
// that the next run reads every note again, says why, and then goes back
// to skipping unchanged files.
func TestDerivedVersion(t *testing.T) {
	ctx := context.Background()
	content, data := t.TempDir(), t.TempDir()
	files := map[string]string{
		"events/departure.md": "---\ntitle: Departure\ndate: 2024-10-01\nsources: [page]\ndiscrepancies:\n  - about: when\n    values:\n      - value: \"2024-10-01\"\n        sources: [page]\n        rank: preferred\n---\nLeft [@page].\n",
		"sources/page.md":     "---\ntitle: Page\ntype: webpage\nissued: 2024-10-01\n---\n",
	}
	db, err := store.Open(ctx, filepath.Join(data, "annals.db"))
	if err != nil {
		t.Fatal(err)
	}
	var old store.Changes
	for rel, text := range files {
		p := put(t, content, rel, text)
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		kind, _ := note.KindOfFolder(strings.Split(rel, "/")[0])
		n, err := note.Parse(filepath.Join(content, rel), kind, []byte(text))
		if err != nil {
			t.Fatal(err)
		}
		if n.Event != nil {
			n.Event.Discrepancies = nil // what the older annals derived
		}
		for i := range n.Citations {
			n.Citations[i].Anchor = "" // nor did it make statement anchors, or date notes
		}
		sum := sha256.Sum256([]byte(text))
		old.Put = append(old.Put, store.Put{Note: n, File: store.File{Path: rel, Size: info.Size(),
			MTime: info.ModTime().UnixNano(), Hash: hex.EncodeToString(sum[:])}})
	}
	if _, err := db.Apply(ctx, old); err != nil {
		t.Fatal(err)
	}
	db.Close()

	lib, err := index.Open(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	rep, err := lib.Update(ctx, index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	said := false
	for _, d := range rep.Diagnostics {
		said = said || strings.Contains(d.Error(), "annals.db:1:1: warning: the data folder was indexed by a version of annals that derived other data from the notes (version 0, this one")
	}
	if !said || rep.Parsed != 2 || !rep.Rebuilt {
		t.Errorf("first run: parsed %d, rebuilt %v, diagnostics %v; want 2 parsed, the search index rebuilt and the reason", rep.Parsed, rep.Rebuilt, rep.Diagnostics)
	}
	n, err := lib.DB.Note(ctx, note.KindEvent, "departure")
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Event.Discrepancies) != 1 {
		t.Errorf("after the run the event has %d discrepancies, want 1", len(n.Event.Discrepancies))
	}
	if info, err := os.Stat(filepath.Join(content, "events", "departure.md")); err != nil || !n.Updated.Equal(info.ModTime()) {
		t.Errorf("after the run the event was updated %v, want its file's time (outside git)", n.Updated)
	}
	if len(n.Citations) != 1 || n.Citations[0].Anchor == "" {
		t.Errorf("after the run the citations are %+v, want a statement anchor", n.Citations)
	}
	if v, err := lib.DB.DerivedVersion(ctx); err != nil || v != index.DerivedVersion {
		t.Errorf("DerivedVersion = %d, %v; want %d", v, err, index.DerivedVersion)
	}

	rep, err = lib.Update(ctx, index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Parsed != 0 || rep.Rebuilt || len(rep.Diagnostics) != 0 {
		t.Errorf("second run: parsed %d, rebuilt %v, diagnostics %v; want nothing done", rep.Parsed, rep.Rebuilt, rep.Diagnostics)
	}
}

// TestDerivedVersionFresh: a new data folder records the version without
// a word.
func TestDerivedVersionFresh(t *testing.T) {
	ctx := context.Background()
	content := t.TempDir()
	put(t, content, "events/e.md", event("Quiet"))
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	rep, err := lib.Update(ctx, index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) != 0 {
		t.Errorf("diagnostics on a fresh folder: %v", rep.Diagnostics)
	}
	if v, _ := lib.DB.DerivedVersion(ctx); v != index.DerivedVersion {
		t.Errorf("DerivedVersion = %d, want %d", v, index.DerivedVersion)
	}
}
