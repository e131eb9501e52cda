package main_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	content := copyContent(t)
	const draftID, draftTitle = "zz-build-draft-8841", "Quibblezorp unpublished lead"
	writeNote(t, content, "events/"+draftID+".md", "---\ntitle: "+draftTitle+"\ndate: 2020\ndraft: true\n---\n\nNot for the site.\n")
	data := filepath.Join(t.TempDir(), "data")
	out := filepath.Join(t.TempDir(), "site")

	r := annals(t, content, data, "build", "-o", out)
	if r.code != 0 {
		t.Fatalf("annals build: exit %d\n%s", r.code, r.stderr)
	}
	line := regexp.MustCompile(`^built .*site: (\d+) pages, (\d+) files, [\d.]+ (B|kB|MB) in [\d.]+(ms|s)\n$`)
	if !line.MatchString(r.stdout) {
		t.Errorf("stdout = %q, want one line: built DIR: N pages, N files, size in time", r.stdout)
	}
	for _, f := range []string{"index.html", "events/2018-trump-norway-swedish-model/index.html", "sources/index.html", "search/index.html", "static/style.css", "static/search-index.js"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(f))); err != nil {
			t.Errorf("the build lacks %s: %v", f, err)
		}
	}
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), draftID) || strings.Contains(string(b), draftTitle) {
			t.Errorf("%s shows the draft", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("Rebuild", func(t *testing.T) {
		writeNote(t, content, "events/2030-new-event.md", "---\ntitle: A later event\ndate: 2030\n---\n\nAdded after the first build.\n")
		r := annals(t, content, data, "build", "-o", out)
		if r.code != 0 {
			t.Fatalf("annals build again: exit %d\n%s", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(out, "events", "2030-new-event", "index.html")); err != nil {
			t.Errorf("the rebuild lacks the new event: %v", err)
		}
	})

	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"NoOutput", []string{"build"}, 2, "annals build -o DIR"},
		{"ExtraArgument", []string{"build", "-o", out, "extra"}, 2, `unexpected argument "extra"`},
		{"NotABuild", []string{"build", "-o", content}, 1, "was not made by annals build: choose a new or empty folder"},
		{"BadBaseURL", []string{"build", "-o", out, "--base-url", "example.org"}, 1, "give an absolute http or https address"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := annals(t, content, data, tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, tc.code, tc.stderr)
			}
		})
	}

	t.Run("Help", func(t *testing.T) {
		r := annals(t, content, data, "build", "--help")
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals build -o DIR") || !strings.Contains(r.stdout, "-server-url") {
			t.Errorf("exit %d, stdout %q", r.code, r.stdout)
		}
	})
}
