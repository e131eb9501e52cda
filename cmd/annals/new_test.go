package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/note"
)

// newNote runs "annals new" and returns the path it wrote, failing the test
// unless it succeeded.
func newNote(t *testing.T, content string, args ...string) string {
	t.Helper()
	r := annals(t, content, t.TempDir(), append([]string{"new"}, args...)...)
	if r.code != 0 {
		t.Fatalf("annals new %q: exit %d\nstderr: %s", args, r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// parseNote reads the note at path as kind, failing on any error or warning.
func parseNote(t *testing.T, path string, kind note.Kind) *note.Note {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := note.Parse(path, kind, src)
	if err != nil {
		t.Fatalf("%s does not parse: %v\n%s", path, err, src)
	}
	if len(n.Warnings) > 0 {
		t.Errorf("%s has warnings: %v\n%s", path, n.Warnings, src)
	}
	return n
}

func TestNewSlugs(t *testing.T) {
	for _, c := range []struct {
		title []string
		want  string
	}{
		{[]string{"Jens Stoltenberg"}, "jens-stoltenberg"},
		{[]string{"Jens", "Stoltenberg"}, "jens-stoltenberg"},
		{[]string{"  NATO -- Summit!!  "}, "nato-summit"},
		{[]string{"Élysée café"}, "elysee-cafe"},
		{[]string{"Tromsø"}, "tromso"},
		{[]string{"Ålesund"}, "alesund"},
		{[]string{"Müller"}, "muller"},
		{[]string{"Straße"}, "strasse"},
		{[]string{"Cafe\u0301 decomposed"}, "cafe-decomposed"},
		{[]string{"İstanbul"}, "istanbul"},
		{[]string{"Trump's “Swedish model”"}, "trumps-swedish-model"},
		{[]string{"Trump’s demand: 5%"}, "trumps-demand-5"},
		{[]string{"3.5% + 1.5% framework"}, "3-5-1-5-framework"},
		{[]string{"NATO 北约 summit"}, "nato-summit"},
		{[]string{"#1: \"quoted\" & <tagged>"}, "1-quoted-tagged"},
		{[]string{strings.Repeat("word ", 20)}, strings.TrimSuffix(strings.Repeat("word-", 12), "-")},
		{[]string{strings.Repeat("x", 70)}, strings.Repeat("x", 60)},
		{[]string{"The quick brown fox jumps over the lazy dog and keeps on running far"},
			"the-quick-brown-fox-jumps-over-the-lazy-dog-and-keeps-on"},
	} {
		args := append([]string{"actor", "--"}, c.title...)
		path := newNote(t, t.TempDir(), args...)
		if got := strings.TrimSuffix(filepath.Base(path), ".md"); got != c.want {
			t.Errorf("slug of %q = %q, want %q", c.title, got, c.want)
		}
		if len(filepath.Base(path)) > 60+len(".md") {
			t.Errorf("slug of %q too long: %s", c.title, path)
		}
		n := parseNote(t, path, note.KindActor)
		if want := strings.Join(strings.Fields(strings.Join(c.title, " ")), " "); n.Title != want {
			t.Errorf("title = %q, want %q", n.Title, want)
		}
	}
}

func TestNewEventDatePrefix(t *testing.T) {
	content := t.TempDir()
	for _, c := range []struct{ date, want string }{
		{"2018-07-12", "2018-07-12-summit"},
		{"2018", "2018-summit"},
		{"2018-07~", "2018-07-summit"},
		{"2018?", "2018-summit"},
		{"2018-07-11/2018-07-12", "2018-07-11-summit"},
		{"../2019-03", "2019-03-summit"},
		{"201X", "201x-summit"},
		{"2018-07-12T10:30:00Z", "2018-07-12-summit"},
	} {
		path := newNote(t, filepath.Join(content, c.date), "event", "Summit", "--date", c.date)
		if got := strings.TrimSuffix(filepath.Base(path), ".md"); got != c.want {
			t.Errorf("--date %s: file %q, want %q", c.date, got, c.want)
		}
		n := parseNote(t, path, note.KindEvent)
		if n.Event.Date.String() == "" {
			t.Errorf("--date %s: no date in the note", c.date)
		}
	}
}

func TestNew(t *testing.T) {
	content, data := filepath.Join(t.TempDir(), "content"), t.TempDir()
	titles := []string{
		`Trump: "pay up" or else`,
		`#2 — NATO's summit: 5% by 2035`,
		`- leading dash`,
		`Oslo, Tromsø & Göteborg: 'single' quotes \ backslash`,
		`yes`,
		`2018`,
		`[not a list] {nor: a map} *alias &anchor !tag | > % @ ` + "`",
	}
	t.Run("Event", func(t *testing.T) {
		path := newNote(t, content, "event", "NATO", "summit", "in", "Brussels", "--date", "2018-07-12")
		if want := filepath.Join(content, "events", "2018-07-12-nato-summit-in-brussels.md"); path != want {
			t.Fatalf("wrote %s, want %s", path, want)
		}
		n := parseNote(t, path, note.KindEvent)
		if n.Title != "NATO summit in Brussels" || n.Event.Date.String() != "2018-07-12" || n.Event.Status != note.StatusReported {
			t.Errorf("title %q, date %q, status %q", n.Title, n.Event.Date, n.Event.Status)
		}
		for _, title := range titles {
			n := parseNote(t, newNote(t, content, "event", "--date", "2018-07-11/2018-07-12", "--", title), note.KindEvent)
			if n.Title != title || n.Event.Date.String() != "2018-07-11/2018-07-12" {
				t.Errorf("title %q, date %q; want %q", n.Title, n.Event.Date, title)
			}
		}
	})
	t.Run("Source", func(t *testing.T) {
		path := newNote(t, content, "source", "Stoltenberg memoir", "--date", "2025-09")
		if want := filepath.Join(content, "sources", "stoltenberg-memoir.md"); path != want {
			t.Fatalf("wrote %s, want %s", path, want)
		}
		n := parseNote(t, path, note.KindSource)
		today := time.Now().Format("2006-01-02")
		if n.Title != "Stoltenberg memoir" || n.Source.Issued.String() != "2025-09" || n.Source.Type != "article-newspaper" ||
			n.Source.Origin != "secondary" || n.Source.Accessed.String() != today {
			t.Errorf("source = %q %+v", n.Title, n.Source)
		}
		n = parseNote(t, newNote(t, content, "source", "Undated report"), note.KindSource)
		if !n.Source.Issued.IsZero() {
			t.Errorf("issued = %q, want none", n.Source.Issued)
		}
		for _, title := range titles {
			if n := parseNote(t, newNote(t, content, "source", "--", title), note.KindSource); n.Title != title {
				t.Errorf("title %q, want %q", n.Title, title)
			}
		}
	})
	t.Run("Actor", func(t *testing.T) {
		path := newNote(t, content, "actor", "Jens Stoltenberg")
		if want := filepath.Join(content, "actors", "jens-stoltenberg.md"); path != want {
			t.Fatalf("wrote %s, want %s", path, want)
		}
		n := parseNote(t, path, note.KindActor)
		if n.Title != "Jens Stoltenberg" || n.Actor.Type != "person" {
			t.Errorf("actor = %q %+v", n.Title, n.Actor)
		}
		for _, title := range titles {
			if n := parseNote(t, newNote(t, content, "actor", "--", title), note.KindActor); n.Title != title {
				t.Errorf("title %q, want %q", n.Title, title)
			}
		}
	})
	t.Run("ContentFlag", func(t *testing.T) {
		other := filepath.Join(t.TempDir(), "elsewhere")
		r := annals(t, content, data, "new", "actor", "Mark Rutte", "--content", other)
		if want := filepath.Join(other, "actors", "mark-rutte.md"); r.code != 0 || strings.TrimSpace(r.stdout) != want {
			t.Errorf("exit %d, stdout %q, want %s; stderr %s", r.code, r.stdout, want, r.stderr)
		}
	})
	t.Run("RefusesToOverwrite", func(t *testing.T) {
		path := filepath.Join(content, "actors", "jens-stoltenberg.md")
		const edited = "---\ntitle: Jens Stoltenberg\ntype: person\n---\nEdited by hand.\n"
		writeNote(t, content, "actors/jens-stoltenberg.md", edited)
		r := annals(t, content, data, "new", "actor", "Jens Stoltenberg")
		if r.code != 1 || !strings.Contains(r.stderr, path) || !strings.Contains(r.stderr, "already exists") {
			t.Errorf("exit %d, stderr %q; want exit 1 naming %s", r.code, r.stderr, path)
		}
		if r.stdout != "" {
			t.Errorf("stdout %q", r.stdout)
		}
		if b, _ := os.ReadFile(path); string(b) != edited {
			t.Errorf("the note was changed:\n%s", b)
		}
		// The same id in a subfolder is the same note too.
		writeNote(t, content, "actors/people/mark-rutte.md", "---\ntitle: Mark Rutte\n---\n")
		r = annals(t, content, data, "new", "actor", "Mark Rutte")
		if r.code != 1 || !strings.Contains(r.stderr, filepath.Join("people", "mark-rutte.md")) {
			t.Errorf("duplicate id in a subfolder: exit %d, stderr %q", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(content, "actors", "mark-rutte.md")); err == nil {
			t.Error("wrote a second mark-rutte.md")
		}
	})
	t.Run("IndexesCleanly", func(t *testing.T) {
		r := annals(t, content, data, "index")
		if r.code != 0 || !strings.Contains(r.stdout, "; 0 errors") {
			t.Fatalf("index: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
		if h := searchJSON(t, content, data, "Brussels"); h.Total == 0 || h.Hits[0].ID != "2018-07-12-nato-summit-in-brussels" {
			t.Errorf("the new event is not found: %+v", h)
		}
	})
}

func TestNewUsage(t *testing.T) {
	content := filepath.Join(t.TempDir(), "content")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"new"}, "event, source or actor"},
		{[]string{"new", "person", "Jens"}, `unknown kind "person"`},
		{[]string{"new", "event"}, "title"},
		{[]string{"new", "actor", "   "}, "title"},
		{[]string{"new", "event", "Summit"}, "--date"},
		{[]string{"new", "event", "Summit", "--date", "2018-13-45"}, "2018-13-45"},
		{[]string{"new", "source", "Memoir", "--date", "July 2018"}, "July 2018"},
		{[]string{"new", "actor", "Jens", "--date", "2018"}, "--date"},
		{[]string{"new", "actor", "北约"}, "file name"},
		{[]string{"new", "actor", "Jens", "--bogus"}, "bogus"},
	} {
		r := annals(t, content, t.TempDir(), c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("annals %q: exit %d, stderr %q; want exit 2 mentioning %q", c.args, r.code, r.stderr, c.want)
		}
	}
	if _, err := os.Stat(content); err == nil {
		t.Error("a usage error created the content folder")
	}
	r := annals(t, content, t.TempDir(), "new", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals new") || !strings.Contains(r.stdout, "--date") {
		t.Errorf("--help: exit %d, stdout %q", r.code, r.stdout)
	}
	r = annals(t, content, t.TempDir(), "--help")
	if !strings.Contains(r.stdout, "new ") {
		t.Errorf("annals --help does not list new:\n%s", r.stdout)
	}
}
