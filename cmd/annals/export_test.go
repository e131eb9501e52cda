package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestExport(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	// The shipped draft is the one note no export may mention.
	draft := []string{"2025-draft-unverified-lead", "UNVERIFIED LEAD"}
	tests := []struct {
		format   string
		contains []string
	}{
		{"csl-json", []string{`"id": "stoltenberg-memoir"`, `"id": "toutiao-stoltenberg-memoir"`}},
		{"bibtex", []string{"@book{stoltenberg-memoir,", "@article{toutiao-stoltenberg-memoir,"}},
		{"timelinejs", []string{`"unique_id": "2018-07-12-nato-summit-withdrawal-threat"`, "https://annals.example.org/events/"}},
		{"ics", []string{"BEGIN:VCALENDAR\r\n", "UID:2035-five-percent-deadline@annals\r\n"}},
		{"atom", []string{`<feed xmlns="http://www.w3.org/2005/Atom">`, "<id>https://annals.example.org/events/2035-five-percent-deadline</id>"}},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := annals(t, content, data, "export", "--format", tt.format, "--base-url", "https://annals.example.org")
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			for _, s := range tt.contains {
				if !strings.Contains(r.stdout, s) {
					t.Errorf("output lacks %q\n%s", s, r.stdout)
				}
			}
			for _, s := range draft {
				if strings.Contains(r.stdout, s) {
					t.Errorf("output mentions the draft (%q)", s)
				}
			}
			if r.stderr != "" {
				t.Errorf("the shipped content gives warnings:\n%s", r.stderr)
			}
		})
	}

	t.Run("ToFile", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "sources.json")
		r := annals(t, content, data, "export", "--format", "csl-json", "-o", out)
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var items []map[string]any
		n := countNotes(t, content, "sources")
		if err := json.Unmarshal(b, &items); err != nil || len(items) != n {
			t.Errorf("%s: %d items (%v), want the %d shipped sources", out, len(items), err, n)
		}
	})

	t.Run("IndexesFirst", func(t *testing.T) {
		writeNote(t, content, "sources/new-source.md", "---\ntitle: A source added since\ntype: report\n---\n")
		r := annals(t, content, data, "export", "--format", "bibtex")
		if r.code != 0 || !strings.Contains(r.stdout, "@report{new-source,") {
			t.Errorf("exit %d: the new source is not exported\n%s\n%s", r.code, r.stdout, r.stderr)
		}
	})
}

func TestExportWarnsAndFails(t *testing.T) {
	content, data := t.TempDir(), t.TempDir()
	writeNote(t, content, "sources/with space.md", "---\ntitle: A source\ntype: book\n---\n")
	writeNote(t, content, "events/far.md", "---\ntitle: Far off\ndate: Y170000002\n---\n")

	r := annals(t, content, data, "export", "--format", "bibtex")
	if r.code != 0 || !strings.Contains(r.stdout, "@book{with-space,") {
		t.Errorf("bibtex: exit %d\n%s", r.code, r.stdout)
	}
	if want := "sources/with space.md:1:1: warning: citation key \"with space\""; !strings.Contains(r.stderr, want) {
		t.Errorf("bibtex: stderr lacks %q:\n%s", want, r.stderr)
	}
	r = annals(t, content, data, "export", "--format", "ics")
	if r.code != 0 || !strings.Contains(r.stderr, "events/far.md:1:1: warning:") || strings.Contains(r.stdout, "far@annals") {
		t.Errorf("ics: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}

	for _, tt := range []struct {
		name   string
		args   []string
		stderr string
	}{
		{"NoFormat", []string{"export"}, "--format is required: one of csl-json, bibtex, timelinejs, ics, atom"},
		{"UnknownFormat", []string{"export", "--format", "docx"}, `unknown format "docx": use one of csl-json, bibtex`},
		{"BadBaseURL", []string{"export", "--format", "atom", "--base-url", "example.org"}, "--base-url must be an absolute http or https URL"},
		{"Argument", []string{"export", "--format", "atom", "extra"}, `unexpected argument "extra"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := annals(t, content, data, tt.args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.stderr) {
				t.Errorf("exit %d, want 2 with %q\n%s", r.code, tt.stderr, r.stderr)
			}
		})
	}

	r = annals(t, content, data, "export", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals export") || !strings.Contains(r.stdout, "timelinejs") {
		t.Errorf("--help: exit %d\n%s", r.code, r.stdout)
	}
}
