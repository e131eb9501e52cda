package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// binary is the annals program built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "annals-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "annals")
	if runtime.GOOS == "windows" {
		binary += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		panic("build annals: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	stdout, stderr string
	code           int
}

// annals runs the real program with the given data folder and content.
func annals(t *testing.T, content, data string, args ...string) result {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), "ANNALS_CONTENT="+content, "ANNALS_DATA="+data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("run annals %v: %v", args, err)
	}
	return result{stdout.String(), stderr.String(), code}
}

type hits struct {
	Total uint64 `json:"total"`
	Hits  []struct {
		ID        string   `json:"id"`
		Kind      string   `json:"kind"`
		Title     string   `json:"title"`
		Date      string   `json:"date"`
		Score     float64  `json:"score"`
		Fragments []string `json:"fragments"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

func searchJSON(t *testing.T, content, data string, args ...string) hits {
	t.Helper()
	r := annals(t, content, data, append([]string{"search", "--json"}, args...)...)
	if r.code != 0 {
		t.Fatalf("annals search %v: exit %d\n%s", args, r.code, r.stderr)
	}
	var h hits
	if err := json.Unmarshal([]byte(r.stdout), &h); err != nil {
		t.Fatalf("annals search %v: bad JSON: %v\n%s", args, err, r.stdout)
	}
	return h
}

// copyContent copies the shipped collection into a temporary folder.
func copyContent(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dst, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return dst
}

// countNotes counts the notes under content, or under its folder sub, so
// that tests over the shipped collection follow it as it grows.
func countNotes(t *testing.T, content, sub string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(filepath.Join(content, sub), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func writeNote(t *testing.T, content, rel, text string) {
	t.Helper()
	p := filepath.Join(content, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestShippedContent(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	r := annals(t, content, data, "index")
	if r.code != 0 {
		t.Fatalf("index: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stderr, "error") {
		t.Errorf("shipped content has errors:\n%s", r.stderr)
	}

	t.Run("NorwayConversationFirst", func(t *testing.T) {
		h := searchJSON(t, content, data, "norway")
		if len(h.Hits) == 0 || h.Hits[0].ID != "2018-trump-norway-swedish-model" {
			t.Fatalf("first hit for norway = %+v, want the 2018 Norway conversation", h.Hits)
		}
		if !strings.Contains(strings.Join(h.Hits[0].Fragments, " "), "<mark>Norway</mark>") {
			t.Errorf("fragments not highlighted: %q", h.Hits[0].Fragments)
		}
		if h.Hits[0].Date != "2018-05-17" {
			t.Errorf("date = %q, want 2018-05-17", h.Hits[0].Date)
		}
	})
	t.Run("Phrase", func(t *testing.T) {
		h := searchJSON(t, content, data, `"Swedish model"`)
		if h.Total == 0 || h.Hits[0].ID != "2018-trump-norway-swedish-model" {
			t.Fatalf("phrase hits = %+v", h.Hits)
		}
		// The words apart are not the phrase.
		apart := searchJSON(t, content, data, `"model Swedish"`)
		if apart.Total != 0 {
			t.Errorf(`"model Swedish" found %d hits, want 0`, apart.Total)
		}
	})
	t.Run("Stemmed", func(t *testing.T) {
		h := searchJSON(t, content, data, "--limit", "50", "spend")
		found := false
		for _, hit := range h.Hits {
			for _, f := range hit.Fragments {
				found = found || strings.Contains(f, "<mark>spending</mark>")
			}
		}
		if !found {
			t.Errorf("spend did not find spending: %+v", h.Hits)
		}
	})
	t.Run("TagFilter", func(t *testing.T) {
		all := searchJSON(t, content, data, "--limit", "100", "NATO")
		norway := searchJSON(t, content, data, "--tag", "norway", "NATO")
		if norway.Total == 0 || norway.Total >= all.Total {
			t.Fatalf("--tag norway: %d hits of %d", norway.Total, all.Total)
		}
		for _, hit := range norway.Hits {
			if hit.ID != "2018-trump-norway-swedish-model" {
				t.Errorf("--tag norway returned %s", hit.ID)
			}
		}
		viaQuery := searchJSON(t, content, data, "tag:norway")
		if viaQuery.Total != norway.Total {
			t.Errorf("tag:norway found %d, --tag norway %d", viaQuery.Total, norway.Total)
		}
	})
	t.Run("DateRange", func(t *testing.T) {
		h := searchJSON(t, content, data, "--from", "2018", "--to", "2018", "--kind", "event", "--limit", "100", "")
		if h.Total == 0 {
			t.Fatal("no events in 2018")
		}
		for _, hit := range h.Hits {
			if !strings.HasPrefix(hit.Date, "2018") {
				t.Errorf("2018 range returned %s dated %s", hit.ID, hit.Date)
			}
		}
	})
	t.Run("Facets", func(t *testing.T) {
		h := searchJSON(t, content, data, "defence")
		if len(h.Facets["tag"]) == 0 || len(h.Facets["status"]) == 0 {
			t.Errorf("facets = %+v", h.Facets)
		}
	})
	t.Run("DraftsNeverFound", func(t *testing.T) {
		h := searchJSON(t, content, data, "--limit", "500", "")
		for _, hit := range h.Hits {
			if strings.Contains(hit.ID, "draft") {
				t.Errorf("draft %s is searchable", hit.ID)
			}
		}
	})
	t.Run("Terminal", func(t *testing.T) {
		r := annals(t, content, data, "search", "norway")
		if r.code != 0 || !strings.Contains(r.stdout, "  1. Trump asks") {
			t.Errorf("exit %d, output:\n%s", r.code, r.stdout)
		}
		if strings.Contains(r.stdout, "\033[") {
			t.Error("escape codes written to a pipe")
		}
	})
}

func TestBadNotesAreReportedAndSkipped(t *testing.T) {
	content, data := t.TempDir(), t.TempDir()
	writeNote(t, content, "events/good.md", "---\ntitle: A good note about zeppelins\ndate: 2001\n---\nZeppelins flew.\n")
	writeNote(t, content, "events/broken-yaml.md", "---\ntitle: Broken\ndate: [2001\n---\nBody.\n")
	writeNote(t, content, "events/bad-date.md", "---\ntitle: Bad date\ndate: 2018-13-45\n---\nBody.\n")
	writeNote(t, content, "events/no-title.md", "---\ndate: 2001\n---\nBody.\n")
	writeNote(t, content, "events/binary.md", "---\ntitle: x\x00\n---\n")
	writeNote(t, content, "events/latin1.md", "---\ntitle: caf\xe9\ndate: 2001\n---\n")

	r := annals(t, content, data, "index")
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	for _, want := range []string{
		filepath.Join(content, "events/bad-date.md") + ":3:7: error: invalid EDTF date",
		filepath.Join(content, "events/broken-yaml.md") + ":3:1: error: invalid YAML front matter",
		filepath.Join(content, "events/no-title.md") + ":1:1: error: missing title",
		filepath.Join(content, "events/binary.md") + ":2:9: error: file contains a NUL byte",
		filepath.Join(content, "events/latin1.md") + ":2:11: error: invalid UTF-8",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if !strings.Contains(r.stdout, "indexed 1 notes") {
		t.Errorf("stdout: %s", r.stdout)
	}
	if h := searchJSON(t, content, data, "zeppelins"); h.Total != 1 {
		t.Errorf("the good note is not searchable: %+v", h)
	}
}

func TestIncrementalIndex(t *testing.T) {
	content, data := t.TempDir(), t.TempDir()
	writeNote(t, content, "events/a.md", "---\ntitle: Alpha\ndate: 2001\n---\nAardvarks.\n")
	writeNote(t, content, "events/b.md", "---\ntitle: Bravo\ndate: 2002\n---\nBadgers.\n")
	steps := []struct {
		name string
		edit func()
		want string
		find map[string]uint64
	}{
		{"First", func() {}, "indexed 2 notes: 2 parsed", map[string]uint64{"aardvarks": 1, "badgers": 1}},
		{"NoChange", func() {}, "indexed 2 notes: 0 parsed, 2 unchanged", nil},
		{"Change", func() {
			writeNote(t, content, "events/a.md", "---\ntitle: Alpha\ndate: 2001\n---\nAntelopes.\n")
		}, "indexed 2 notes: 1 parsed, 1 unchanged", map[string]uint64{"aardvarks": 0, "antelopes": 1}},
		{"Add", func() {
			writeNote(t, content, "events/sub/c.md", "---\ntitle: Charlie\ndate: 2003\n---\nCamels.\n")
		}, "indexed 3 notes: 1 parsed, 2 unchanged", map[string]uint64{"camels": 1}},
		{"Delete", func() {
			os.Remove(filepath.Join(content, "events/b.md"))
		}, "indexed 2 notes: 0 parsed, 2 unchanged, 1 deleted", map[string]uint64{"badgers": 0}},
		{"BrokenKeepsLastGood", func() {
			writeNote(t, content, "events/a.md", "---\ntitle: [\n---\n")
		}, "indexed 2 notes: 1 parsed", map[string]uint64{"antelopes": 1}},
		{"MadeDraft", func() {
			writeNote(t, content, "events/a.md", "---\ntitle: Alpha\ndate: 2001\ndraft: true\n---\nAntelopes.\n")
		}, "indexed 2 notes: 1 parsed", map[string]uint64{"antelopes": 0}},
		{"SearchIndexLost", func() {
			os.RemoveAll(filepath.Join(data, "search.bleve"))
		}, "search index rebuilt", map[string]uint64{"camels": 1, "antelopes": 0}},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			s.edit()
			r := annals(t, content, data, "index")
			if !strings.Contains(r.stdout, s.want) {
				t.Errorf("stdout = %q, want it to contain %q\nstderr: %s", r.stdout, s.want, r.stderr)
			}
			for q, n := range s.find {
				if h := searchJSON(t, content, data, q); h.Total != n {
					t.Errorf("search %q: %d hits, want %d", q, h.Total, n)
				}
			}
		})
	}
}

func TestDuplicateIDs(t *testing.T) {
	content, data := t.TempDir(), t.TempDir()
	writeNote(t, content, "events/2018/x.md", "---\ntitle: First\ndate: 2018\n---\n")
	writeNote(t, content, "events/x.md", "---\ntitle: Second\ndate: 2018\n---\n")
	r := annals(t, content, data, "index")
	if r.code != 1 || !strings.Contains(r.stderr, `duplicate id "x"`) {
		t.Errorf("exit %d, stderr: %s", r.code, r.stderr)
	}
}

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"index", "--help"}, {"search", "--help"}, {"check", "--help"}} {
		r := annals(t, t.TempDir(), t.TempDir(), args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage") {
			t.Errorf("annals %v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	for _, args := range [][]string{{}, {"frobnicate"}, {"index", "--bogus"}, {"search", "--sort", "size", "x"}, {"search", "--from", "2018-13", "x"}, {"check", "extra"}} {
		if r := annals(t, t.TempDir(), t.TempDir(), args...); r.code != 2 {
			t.Errorf("annals %v: exit %d, want 2; stderr %q", args, r.code, r.stderr)
		}
	}
}
