package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/search"
	"annals.dev/annals/internal/store"
)

func put(t *testing.T, content, rel, text string) string {
	t.Helper()
	p := filepath.Join(content, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func event(title string) string {
	return "---\ntitle: " + title + "\ndate: 2019\n---\nText about " + title + ".\n"
}

// state is what a library holds: every note with its file, and what
// search finds of them.
func state(t *testing.T, lib *index.Library) string {
	t.Helper()
	ctx := context.Background()
	ns, err := lib.DB.Notes(ctx, store.Filter{IncludeDrafts: true})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, n := range ns {
		lines = append(lines, fmt.Sprintf("%s/%s %q", n.Kind, n.ID, n.Title))
	}
	slices.Sort(lines)
	res, err := lib.Search().Search(ctx, search.Request{Limit: 100, SortBy: "date"})
	if err != nil {
		t.Fatal(err)
	}
	lines = append(lines, fmt.Sprintf("searchable: %d", res.Total))
	return strings.Join(lines, "\n")
}

func open(t *testing.T) *index.Library {
	t.Helper()
	lib, err := index.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	return lib
}

// TestUpdatePaths changes files and tells Update only their paths, as
// serve --watch does, and compares the library after each step with a twin
// updated from a scan of the whole folder.
func TestUpdatePaths(t *testing.T) {
	ctx := context.Background()
	content := t.TempDir()
	a := put(t, content, "events/a.md", event("Alpha"))
	put(t, content, "events/b.md", event("Bravo"))
	put(t, content, "sources/s.md", "---\ntitle: A source note\ntype: report\n---\n")
	put(t, content, "library.bib", "@report{s,\n  title = {The entry a note replaces},\n}\n@report{t,\n  title = {Another entry},\n}\n")
	lib, twin := open(t), open(t)
	for _, l := range []*index.Library{lib, twin} {
		if _, err := l.Update(ctx, index.Options{Content: content}); err != nil {
			t.Fatal(err)
		}
	}

	steps := []struct {
		name  string
		do    func() []string // returns the paths a watcher would report
		full  bool            // the paths need a full scan
		notes int             // the notes the run looked at
	}{
		{"edit", func() []string { return []string{put(t, content, "events/a.md", event("Alpha edited"))} }, false, 1},
		{"add", func() []string { return []string{put(t, content, "events/c.md", event("Charlie"))} }, false, 1},
		{"rename", func() []string {
			to := filepath.Join(content, "events", "d.md")
			if err := os.Rename(a, to); err != nil {
				t.Fatal(err)
			}
			return []string{a, to}
		}, false, 1},
		{"delete", func() []string {
			p := filepath.Join(content, "events", "c.md")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}, false, 0},
		{"a duplicate id in a subfolder keeps the first", func() []string {
			return []string{put(t, content, "events/2019/b.md", event("Bravo again"))}
		}, false, 1},
		{"a temporary file that is gone", func() []string { return []string{filepath.Join(content, "events", "b.md.tmp~")} }, false, 0},
		{"a new folder", func() []string {
			put(t, content, "events/2020/e.md", event("Echo"))
			return []string{filepath.Join(content, "events", "2020")}
		}, true, 0},
		{"a source note gone brings its entry back", func() []string {
			p := filepath.Join(content, "sources", "s.md")
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}, true, 0},
		{"relative paths", func() []string {
			put(t, content, "events/b.md", event("Bravo edited"))
			return []string{"events/b.md"}
		}, false, 1},
	}
	for _, s := range steps {
		paths := s.do()
		rep, err := lib.Update(ctx, index.Options{Content: content, Paths: paths})
		if err != nil {
			t.Fatalf("%s: %v", s.name, err) // step name first
		}
		if full := rep.Looked == nil; full != s.full {
			t.Errorf("%s: full scan %v, want %v", s.name, full, s.full)
		}
		if !s.full && rep.Scanned != s.notes {
			t.Errorf("%s: looked at %d notes, want %d", s.name, rep.Scanned, s.notes)
		}
		if _, err := twin.Update(ctx, index.Options{Content: content}); err != nil {
			t.Fatalf("%s, with a full scan: %v", s.name, err)
		}
		if got, want := state(t, lib), state(t, twin); got != want {
			t.Errorf("%s: the library differs from one updated by a full scan:\n--- got\n%s\n--- want\n%s", s.name, got, want)
		}
	}
}
