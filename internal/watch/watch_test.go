package watch_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"annals.dev/annals/internal/watch"
)

// start watches a new temporary tree and returns it with a channel that
// receives a value after each reported burst.
func start(t *testing.T) (string, <-chan []string) {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "events"), 0o755); err != nil {
		t.Fatal(err)
	}
	w, err := watch.New(root, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	changes := make(chan []string, 100)
	done := make(chan error)
	go func() { done <- w.Run(ctx, func(paths []string) { changes <- paths }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return root, changes
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// expect waits for n reported bursts, then makes sure no more follow. It
// returns the paths of the last burst.
func expect(t *testing.T, changes <-chan []string, n int, what string) []string {
	t.Helper()
	var paths []string
	for i := range n {
		select {
		case paths = <-changes:
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: %d of %d changes reported", what, i, n)
		}
	}
	select {
	case <-changes:
		t.Fatalf("%s: more than %d changes reported", what, n)
	case <-time.After(3 * watch.Quiet):
	}
	return paths
}

// expectUpTo waits for one reported burst, then takes those that follow
// until the watcher is quiet, failing if there are more than n in all.
func expectUpTo(t *testing.T, changes <-chan []string, n int, what string) {
	t.Helper()
	select {
	case <-changes:
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: no change reported", what)
	}
	for got := 1; ; got++ {
		select {
		case <-changes:
			if got+1 > n {
				t.Fatalf("%s: more than %d changes reported", what, n)
			}
		case <-time.After(3 * watch.Quiet):
			return
		}
	}
}

func TestWatch(t *testing.T) {
	root, changes := start(t)
	events := filepath.Join(root, "events")

	write(t, filepath.Join(events, "a.md"), "one")
	if got := expect(t, changes, 1, "a new note"); !slices.Equal(got, []string{filepath.Join(events, "a.md")}) {
		t.Errorf("a new note: paths %q", got)
	}

	// An editor's atomic save: a temporary file renamed over the note.
	tmp := filepath.Join(events, "a.md.tmp1234")
	write(t, tmp, "two")
	if err := os.Rename(tmp, filepath.Join(events, "a.md")); err != nil {
		t.Fatal(err)
	}
	if got := expect(t, changes, 1, "an atomic save"); !slices.Contains(got, filepath.Join(events, "a.md")) {
		t.Errorf("an atomic save: paths %q lack the note", got)
	}

	// The note is still watched after being replaced.
	write(t, filepath.Join(events, "a.md"), "three")
	expect(t, changes, 1, "a write after the atomic save")

	// A burst of writes is one change. On a loaded machine a write may
	// come late enough after the one before to end the burst, as it should:
	// such gaps are counted, and each may add a change.
	bursts, last := 1, time.Now()
	for i := range 50 {
		if time.Since(last) >= watch.Quiet/2 {
			bursts++
		}
		write(t, filepath.Join(events, "a.md"), string(rune('a'+i%26)))
		last = time.Now()
	}
	if bursts > 1 {
		t.Logf("the machine split the burst %d times", bursts-1)
	}
	expectUpTo(t, changes, bursts, "a burst of writes")

	// A folder made later is watched: a note written into it afterwards is
	// seen.
	sub := filepath.Join(events, "2019", "spring")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	expect(t, changes, 1, "new folders")
	write(t, filepath.Join(sub, "b.md"), "in a new folder")
	expect(t, changes, 1, "a note in a new folder")

	// Delete and re-create.
	if err := os.RemoveAll(filepath.Join(events, "2019")); err != nil {
		t.Fatal(err)
	}
	expect(t, changes, 1, "a deleted folder")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(sub, "b.md"), "again")
	expect(t, changes, 1, "a re-created folder and note")
	write(t, filepath.Join(sub, "b.md"), "and edited")
	expect(t, changes, 1, "an edit in the re-created folder")

	// Attribute changes and hidden files (swap and lock files) are not
	// changes to notes.
	if err := os.Chmod(filepath.Join(events, "a.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(events, ".a.md.swp"), "swap")
	expect(t, changes, 0, "chmod and a swap file")
}

// TestMaxDelay: writes that never pause are still reported while they go on.
func TestMaxDelay(t *testing.T) {
	root, changes := start(t)
	path := filepath.Join(root, "events", "a.md")
	stop := time.Now().Add(watch.MaxDelay + 500*time.Millisecond)
	got := false
	for time.Now().Before(stop) && !got {
		write(t, path, time.Now().String())
		select {
		case <-changes:
			got = true
		case <-time.After(watch.Quiet / 4):
		}
	}
	if !got {
		t.Errorf("no change reported during %v of continuous writes", watch.MaxDelay+500*time.Millisecond)
	}
}
