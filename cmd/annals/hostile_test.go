package main_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// hostileBudget bounds every command over the hostile corpus: each takes
// well under a second on a laptop, so a minute means something hangs.
const hostileBudget = time.Minute

// hostileContent copies testdata/hostile/content and adds the notes that
// are too big or too odd to commit, returning the content folder.
func hostileContent(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	content := filepath.Join(root, "content")
	if err := os.CopyFS(content, os.DirFS("../../testdata/hostile/content")); err != nil {
		t.Fatal(err)
	}
	front := func(title string) string { return "---\ntitle: " + title + "\ndate: 2001\n---\n" }
	huge := front("Huge") + strings.Repeat("All work and no play makes a huge note. ", 10<<20/40)
	writeNote(t, content, "events/huge.md", huge[:10<<20])
	writeNote(t, content, "events/long-line.md", "---\ntitle: A long line\ndate: 2001\nsummary: "+strings.Repeat("y", 100_000)+
		"\n---\nA line of "+strings.Repeat("wombat ", 100_000/7)+"\n")
	writeNote(t, content, "events/deep-nesting.md", front("Deep nesting")+"Deepest nest of all.\n\n"+strings.Repeat("- ", 100)+"listed\n\n"+
		strings.Repeat("> ", 100)+"quoted\n\n"+strings.Repeat("*", 5000)+"x"+strings.Repeat("*", 5000)+"\n\n"+
		strings.Repeat("[", 100)+"@k"+strings.Repeat("]", 100)+"\n")
	writeNote(t, content, "events/deep-lists.md", front("Deep lists")+"Lists.\n\n"+strings.Repeat("- ", 5000)+"listed\n")
	writeNote(t, content, "events/deep-quotes.md", front("Deep quotes")+strings.Repeat("> ", 5000)+"quoted\n")
	writeNote(t, content, "events/deep-brackets.md", front("Deep brackets")+strings.Repeat("[", 5000)+"@k"+strings.Repeat("]", 5000)+"\n")
	writeNote(t, content, "events/many-citations.md", front("Many citations")+strings.Repeat("Claim [@via-a].\n", 20000))
	writeNote(t, content, "events/deep-yaml.md", "---\ntitle: Deep YAML list\ndate: 2001\ntags: "+
		strings.Repeat("[", 5000)+strings.Repeat("]", 5000)+"\n---\n")
	writeNote(t, content, "events/deep-yaml-map.md", "---\ntitle: Deep YAML map\ndate: 2001\nsummary: "+
		strings.Repeat("{a: ", 3000)+"x"+strings.Repeat("}", 3000)+"\n---\n")
	outside := filepath.Join(root, "outside.md")
	if err := os.WriteFile(outside, []byte(front("Outside")+"secretoutside\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{
		"events/loop":         ".",
		"events/outside.md":   outside,
		"events/etc":          "/etc",
		"events/dangling.md":  filepath.Join(root, "no-such-note.md"),
		"sources/ping":        "pong",
		"sources/pong":        "ping",
		"actors/to-events.md": "../events/good-quokka.md",
	} {
		p := filepath.Join(content, filepath.FromSlash(link))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Skipf("cannot make symbolic links here: %v", err)
		}
	}
	return content
}

// annalsWithin runs the real program like annals, failing the test if it
// takes longer than hostileBudget.
func annalsWithin(t *testing.T, content, data string, args ...string) result {
	t.Helper()
	r, took := annalsTimed(t, hostileBudget, content, data, args...)
	t.Logf("annals %v: %v", args, took.Round(time.Millisecond))
	return r
}

// hostileDiagnostics are what index and check must say about each hostile
// note: the file, the line and column, what is wrong and what to do.
var hostileDiagnostics = []struct{ file, want string }{
	{"events/broken-yaml.md", ":4:1: error: invalid YAML front matter: did not find expected ',' or ']'"},
	{"events/unclosed-front-matter.md", `:1:1: error: front matter is not closed: add a line "---" after the last YAML key`},
	{"events/tab-indented.md", ":3:1: error: invalid YAML front matter: found a tab character"},
	{"events/invalid-utf8.md", ":2:22: error: invalid UTF-8 (byte 0xc3): save the note as UTF-8"},
	{"events/nul-byte.md", ":5:17: error: file contains a NUL byte: it looks binary, not a markdown note; remove it or move it out of the content folder"},
	{"events/duplicate.md", `:1:1: error: duplicate id "duplicate"`},
	{"events/huge.md", ":1:1: error: note is 10485760 bytes, over the limit of 4194304: split it into smaller notes"},
	{"events/yaml-bomb.md", ":12:7: error: tags must be a list, e.g. tags: [a, b]"},
	{"events/deep-yaml.md", ":4:8: error: each item of tags must be a plain value"},
	{"events/deep-yaml-map.md", ":4:10: error: summary must be a single value, not a list or map"},
	{"events/deep-lists.md", ":7:1: error: this line nests 5000 lists or block quotes; annals reads at most 100 levels: flatten it"},
	{"events/deep-quotes.md", ":5:1: error: this line nests 5000 lists or block quotes"},
	{"events/deep-brackets.md", `:5:101: error: more than 100 brackets are open here; annals reads at most 100: close them, or escape them as \[`},
	{"events/many-citations.md", ":10005:7: error: the note has more than 10000 citations: split it into smaller notes"},
	{"events/loop", ":1:1: warning: symbolic link skipped: copy the note or folder into the content folder instead"},
	{"events/etc", ":1:1: warning: symbolic link skipped"},
	{"events/outside.md", ":1:1: warning: symbolic link skipped"},
	{"events/dangling.md", ":1:1: warning: symbolic link skipped"},
	{"sources/ping", ":1:1: warning: symbolic link skipped"},
	{"actors/to-events.md", ":1:1: warning: symbolic link skipped"},
}

// hostileGood are searches that must each find a note that survived.
var hostileGood = map[string]string{
	"zeppelin": "good-zeppelin", "quokkas": "good-quokka", "deepest": "deep-nesting",
	"wombat": "long-line", `"cycle a points"`: "cycle-a", `"cycle b points"`: "cycle-b",
}

func TestHostileNotes(t *testing.T) {
	content, data := hostileContent(t), t.TempDir()

	r := annalsWithin(t, content, data, "index")
	if r.code != 1 {
		t.Errorf("index: exit %d, want 1 (errors found)\nstderr: %s", r.code, r.stderr)
	}
	for _, d := range hostileDiagnostics {
		if want := filepath.Join(content, filepath.FromSlash(d.file)) + d.want; !strings.Contains(r.stderr, want) {
			t.Errorf("index: stderr lacks %q", want)
		}
	}
	if strings.Contains(r.stderr, "secretoutside") || strings.Count(r.stderr, "\n") > 100 {
		t.Errorf("index: stderr says too much:\n%.3000s", r.stderr)
	}
	for q, id := range hostileGood {
		h := searchJSON(t, content, data, "--limit", "50", q)
		found := false
		for _, hit := range h.Hits {
			found = found || hit.ID == id
		}
		if !found {
			t.Errorf("search %s: %s not found in %+v", q, id, h.Hits)
		}
	}
	if h := searchJSON(t, content, data, "secretoutside"); h.Total != 0 {
		t.Errorf("a note outside the content folder was indexed: %+v", h.Hits)
	}

	t.Run("Check", func(t *testing.T) {
		r := annalsWithin(t, content, data, "check")
		if r.code != 1 {
			t.Errorf("check: exit %d, want 1\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
		}
		out := r.stdout + r.stderr
		for _, d := range hostileDiagnostics {
			if want := filepath.Join(content, filepath.FromSlash(d.file)) + d.want; !strings.Contains(out, want) {
				t.Errorf("check: output lacks %q", want)
			}
		}
		if want := filepath.Join(content, "sources/via-b.md") + ":4:14: error: via names this source itself"; !strings.Contains(out, want) {
			t.Errorf("check: output lacks %q", want)
		}
	})

	t.Run("Serve", func(t *testing.T) {
		s := startServer(t, content, data)
		client := &http.Client{Timeout: 10 * time.Second}
		for _, tc := range []struct {
			path string
			code int
			want string
		}{
			{"/", 200, "Quokkas photographed on Rottnest"},
			{"/events/cycle-a", 200, `href="/events/cycle-b"`},
			{"/events/cycle-b", 200, `href="/events/cycle-a"`},
			{"/sources/via-a", 200, "Source A reports from B"},
			{"/sources/via-b", 200, "Source B reports from A and from itself"},
			{"/events/good-zeppelin", 200, "Cycle A points to cycle B"},
			{"/events/deep-nesting", 200, "Deepest nest of all."},
			{"/events/long-line", 200, "wombat wombat"},
			{"/api/events/cycle-a", 200, `"cycle-b"`},
			{"/search?q=quokkas", 200, `href="/events/good-quokka"`},
			{"/events/outside", 404, ""},
			{"/events/huge", 404, ""},
		} {
			start := time.Now()
			resp, err := client.Get(s.base + tc.path)
			if err != nil {
				t.Fatalf("GET %s: %v", tc.path, err)
			}
			body := readBody(t, resp)
			if resp.StatusCode != tc.code || !strings.Contains(body, tc.want) {
				t.Errorf("GET %s: %d, want %d with %q\n%.2000s", tc.path, resp.StatusCode, tc.code, tc.want, body)
			}
			t.Logf("GET %s: %d, %d bytes in %v", tc.path, resp.StatusCode, len(body), time.Since(start).Round(time.Millisecond))
		}
		if err := s.interrupt(t); err != nil {
			t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
		}
	})
}

func readBody(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	var b bytes.Buffer
	if _, err := b.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
