package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/history"
	"annals.dev/annals/internal/history/historytest"
	"annals.dev/annals/internal/index"
)

// gitCorpus copies the generated corpus of n notes into a new git
// repository, committed in one commit and then 100 more that each change
// one note, so that the history has some depth.
func gitCorpus(b *testing.B, n int) string {
	b.Helper()
	content := filepath.Join(b.TempDir(), "content")
	if err := os.CopyFS(content, os.DirFS(benchdata.Corpus(b, n))); err != nil {
		b.Fatal(err)
	}
	historytest.Init(b, content)
	historytest.Commit(b, content, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), "the corpus")
	for i := range 100 {
		appendEdit(b, content, i%n, i)
		historytest.Commit(b, content, time.Date(2024, 1, 1, i+1, 0, 0, 0, time.UTC), "an edit")
	}
	// Files written in the second git wrote its index are "racily clean":
	// git compares their content on every status until the index is
	// written again, which annals never does (it takes no locks). An
	// author's own git status does it; so does this one, a second later.
	time.Sleep(1100 * time.Millisecond)
	historytest.Git(b, content, time.Time{}, "status", "--porcelain")
	return content
}

func appendEdit(b *testing.B, content string, note, edit int) {
	b.Helper()
	p := filepath.Join(content, "events", corpus.EventID(note)+".md")
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	fmt.Fprintf(f, "\nEdit %d.\n", edit)
	f.Close()
}

// BenchmarkHistory measures what the git history costs an index run: the
// one-pass read of the whole history (a first run), a run with no new
// commit, and a run after one commit that changed one note.
func BenchmarkHistory(b *testing.B) {
	ctx := context.Background()
	for _, n := range benchdata.Sizes(b, 1000) {
		content := gitCorpus(b, n)
		b.Run(fmt.Sprintf("read-all/notes=%d", n), func(b *testing.B) {
			for b.Loop() {
				repo, err := history.Open(ctx, content)
				if err != nil {
					b.Fatal(err)
				}
				files, err := repo.Changed(ctx, "")
				if err != nil || len(files) < n {
					b.Fatalf("%d files: %v", len(files), err)
				}
				if _, err := repo.Dirty(ctx, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		lib, err := index.Open(ctx, b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		defer lib.Close()
		if _, err := lib.Update(ctx, index.Options{Content: content}); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("unchanged/notes=%d", n), func(b *testing.B) {
			for b.Loop() {
				rep, err := lib.Update(ctx, index.Options{Content: content})
				if err != nil || rep.Parsed != 0 {
					b.Fatalf("update: %v, parsed %d", err, rep.Parsed)
				}
			}
		})
		b.Run(fmt.Sprintf("one-commit/notes=%d", n), func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				appendEdit(b, content, 0, 1000+i)
				historytest.Commit(b, content, time.Date(2025, 1, 1, 0, 0, i, 0, time.UTC), "one more")
				b.StartTimer()
				rep, err := lib.Update(ctx, index.Options{Content: content})
				if err != nil || rep.Parsed != 1 {
					b.Fatalf("update: %v, parsed %d", err, rep.Parsed)
				}
			}
		})
	}
}
