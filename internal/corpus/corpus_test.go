package corpus_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/index"
)

// TestGeneratedNotesAreValid indexes a generated corpus: every note must
// parse without errors, or the benchmarks would measure the error path.
func TestGeneratedNotesAreValid(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	if err := corpus.Generate(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	rep, err := lib.Update(ctx, index.Options{Content: dir})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Notes != 300 || len(rep.Diagnostics) != 0 {
		t.Fatalf("indexed %d notes of 300; diagnostics:\n%v", rep.Notes, rep.Diagnostics)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := corpus.Generate(dir, 50, 42); err != nil {
			t.Fatal(err)
		}
	}
	id := corpus.EventID(10) + ".md"
	x, _ := os.ReadFile(filepath.Join(a, "events", id))
	y, _ := os.ReadFile(filepath.Join(b, "events", id))
	if len(x) == 0 || string(x) != string(y) {
		t.Error("the same seed wrote different notes")
	}
}
