package main_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/watch"
)

// snapshot is what a reader can get out of an index: every note search
// lists, in order, and the hits of a few queries.
func snapshot(t *testing.T, content, data string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range []string{"", "allies", "summit OR treaty", "kind:source", "kind:actor"} {
		r := annals(t, content, data, "search", "--json", "--limit", "500", "--sort", "date", q)
		if r.code != 0 {
			t.Fatalf("search %q: exit %d: %s", q, r.code, r.stderr)
		}
		var res struct {
			Total int
			Hits  []struct{ ID, Kind, Title, Date string }
		}
		if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		fmt.Fprintf(&b, "%q: %d\n", q, res.Total)
		for _, h := range res.Hits {
			fmt.Fprintf(&b, "  %s/%s %s %s\n", h.Kind, h.ID, h.Date, h.Title)
		}
	}
	return b.String()
}

// killDuring starts "annals index" and kills it with SIGKILL after d.
func killDuring(t *testing.T, content, data string, d time.Duration) {
	t.Helper()
	cmd := exec.Command(binary, "index")
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(d)
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
}

// cleanBuild indexes content into a new data folder and returns the
// snapshot of the result, with how long the run took.
func cleanBuild(t *testing.T, content string) (string, time.Duration) {
	t.Helper()
	clean := t.TempDir()
	start := time.Now()
	if r := annals(t, content, clean, "index"); r.code != 0 {
		t.Fatalf("clean index of %s: exit %d: %s", content, r.code, r.stderr)
	}
	took := time.Since(start)
	return snapshot(t, content, clean), took
}

// TestKillDuringIndex kills "annals index" at points spread over a full
// run and over an incremental one, and checks that the next run leaves
// SQLite and the search index equal to a clean build of the same notes.
func TestKillDuringIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a generated corpus many times")
	}
	content := t.TempDir()
	if err := corpus.Generate(content, 400, 7); err != nil {
		t.Fatal(err)
	}

	want, full := cleanBuild(t, content)

	const points = 5
	for i := range points {
		d := full * time.Duration(i+1) / (points + 1)
		t.Run(fmt.Sprintf("full/%v", d.Round(time.Millisecond)), func(t *testing.T) {
			data := t.TempDir()
			killDuring(t, content, data, d)
			if r := annals(t, content, data, "index"); r.code != 0 {
				t.Fatalf("index after kill: exit %d: %s", r.code, r.stderr)
			}
			if got := snapshot(t, content, data); got != want {
				t.Errorf("after a kill at %v the index differs from a clean build:\n%s", d, diffLines(got, want))
			}
		})
	}

	// Incremental runs over many changed and deleted notes, killed at
	// points spread over such a run: the next run must repair both stores.
	indexed := t.TempDir()
	if r := annals(t, content, indexed, "index"); r.code != 0 {
		t.Fatalf("index: exit %d: %s", r.code, r.stderr)
	}
	edited := t.TempDir()
	if err := os.CopyFS(edited, os.DirFS(content)); err != nil {
		t.Fatal(err)
	}
	events, _ := filepath.Glob(filepath.Join(edited, "events", "*.md"))
	slices.Sort(events)
	for i, p := range events {
		if i%7 == 0 {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Replace(string(b), "title: ", "title: Revised ", 1)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyData := func(t *testing.T) string {
		data := t.TempDir()
		if err := os.CopyFS(data, os.DirFS(indexed)); err != nil {
			t.Fatal(err)
		}
		return data
	}
	wantEdited, _ := cleanBuild(t, edited)
	start := time.Now()
	if r := annals(t, edited, copyData(t), "index"); r.code != 0 {
		t.Fatalf("incremental index: exit %d: %s", r.code, r.stderr)
	}
	incremental := time.Since(start)
	for i := range points {
		d := incremental * time.Duration(i+1) / (points + 1)
		t.Run(fmt.Sprintf("incremental/%v", d.Round(time.Millisecond)), func(t *testing.T) {
			data := copyData(t)
			killDuring(t, edited, data, d)
			if r := annals(t, edited, data, "index"); r.code != 0 {
				t.Fatalf("index after kill: exit %d: %s", r.code, r.stderr)
			}
			if got := snapshot(t, edited, data); got != wantEdited {
				t.Errorf("after a kill at %v of an incremental run the index differs from a clean build:\n%s", d, diffLines(got, wantEdited))
			}
		})
	}
}

// diffLines shows the first lines where got and want differ.
func diffLines(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(g), len(w)) && shown < 10; i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			fmt.Fprintf(&b, "line %d:\n  got  %s\n  want %s\n", i+1, gl, wl)
			shown++
		}
	}
	return b.String()
}

// TestKillDuringWatch kills "annals serve --watch" with SIGKILL while it
// re-indexes a stream of saves, at points spread over the stream, and
// checks that the next "annals index" leaves the data equal to a clean
// build of the notes as they are.
// resaved matches the summary of a run that re-indexed a few saved notes.
var resaved = regexp.MustCompile(`(?m)^indexed \d+ notes: [1-9]\d? parsed`)

func TestKillDuringWatch(t *testing.T) {
	if testing.Short() {
		t.Skip("indexes a generated corpus many times")
	}
	for i, d := range []time.Duration{300 * time.Millisecond, 700 * time.Millisecond, 1100 * time.Millisecond} {
		t.Run(d.String(), func(t *testing.T) {
			content, data := t.TempDir(), t.TempDir()
			if err := corpus.Generate(content, 300, uint64(i)); err != nil {
				t.Fatal(err)
			}
			s := startServer(t, content, data, "--watch")
			stop := time.After(d)
			for n := 0; ; n++ {
				select {
				case <-stop:
				default:
					saveAtomically(t, filepath.Join(content, "events", corpus.EventID(n%50)+".md"),
						fmt.Sprintf("---\ntitle: Saved %d times\ndate: 2019\n---\nSave number %d. [@%s]\n", n, n, corpus.SourceID(0)))
					// Pauses a little longer than the watcher's quiet time, so
					// that saves are re-indexed while more arrive.
					time.Sleep(watch.Quiet + time.Duration(n%4)*10*time.Millisecond)
					continue
				}
				break
			}
			_ = s.cmd.Process.Kill()
			<-s.done
			s.ended = true
			// The first run parses the whole corpus; a re-index of saves
			// parses one note, or a few when a loaded machine batches them.
			if !resaved.MatchString(s.stderr.String()) {
				t.Fatalf("no save was re-indexed before the kill:\n%s", s.stderr)
			}

			if r := annals(t, content, data, "index"); r.code != 0 {
				t.Fatalf("index after kill: exit %d: %s", r.code, r.stderr)
			}
			want, _ := cleanBuild(t, content)
			if got := snapshot(t, content, data); got != want {
				t.Errorf("after a kill during --watch the index differs from a clean build:\n%s", diffLines(got, want))
			}
		})
	}
}
