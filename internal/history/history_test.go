package history_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"annals.dev/annals/internal/history"
	"annals.dev/annals/internal/history/historytest"
)

// TestRepo reads a content folder that is a subfolder of its repository,
// with names git would quote, back from git.
func TestRepo(t *testing.T) {
	ctx := context.Background()
	root := t.TempDir()
	content := filepath.Join(root, "notes", "content")
	historytest.Init(t, root)
	jan, mar := time.Date(2024, 1, 10, 8, 0, 0, 0, time.UTC), time.Date(2024, 3, 5, 8, 0, 0, 0, time.UTC)
	historytest.Write(t, root, jan, map[string]string{
		"notes/content/events/b é \"quoted\".md": "b",
		"notes/content/events/a.md":              "a",
		"outside.md":                             "not in the content folder",
	})
	historytest.Commit(t, root, jan, "first")
	historytest.Write(t, root, jan, map[string]string{"notes/content/events/a.md": "a, revised"})
	historytest.Commit(t, root, mar, "second")
	historytest.Write(t, root, jan, map[string]string{
		"notes/content/events/a.md":   "a, edited again",
		"notes/content/events/new.md": "never committed",
	})

	repo, err := history.Open(ctx, content)
	if err != nil {
		t.Fatal(err)
	}
	if repo.Prefix != "notes/content/" || repo.Head == "" {
		t.Errorf("prefix %q, head %q", repo.Prefix, repo.Head)
	}
	changed, err := repo.Changed(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{"events/a.md": mar, "events/b é \"quoted\".md": jan}
	if len(changed) != len(want) {
		t.Errorf("changed %v, want %v", changed, want)
	}
	for p, w := range want {
		if !changed[p].Equal(w) {
			t.Errorf("%s last committed %v, want %v", p, changed[p], w)
		}
	}
	dirty, err := repo.Dirty(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(dirty) != 2 || !dirty["events/a.md"] || !dirty["events/new.md"] {
		t.Errorf("dirty %v, want the edited and the new note", dirty)
	}
	if d, err := repo.Dirty(ctx, []string{"events/b é \"quoted\".md", "events/new.md"}); err != nil || len(d) != 1 || !d["events/new.md"] {
		t.Errorf("dirty of two named files %v, %v: want only the new one", d, err)
	}

	if _, err := history.Open(ctx, t.TempDir()); !errors.Is(err, history.ErrNoRepo) {
		t.Errorf("a folder outside git: %v, want ErrNoRepo", err)
	}
}
