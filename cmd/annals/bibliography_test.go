package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBibliographyImport keeps sources in a Zotero export beside the notes
// and follows the file through edits, a note taking over an entry's id, and
// a broken export.
func TestBibliographyImport(t *testing.T) {
	content, data := copyContent(t), t.TempDir()
	bib := filepath.Join(content, "library.bib")
	write := func(text string) {
		t.Helper()
		if err := os.WriteFile(bib, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	entry := func(title string) string {
		return "@online{madrid-declaration,\n  title = {" + title + "},\n  date = {2022-06-29},\n  url = {https://example.org/madrid},\n}\n"
	}
	write(entry("Madrid Summit Declaration"))
	writeNote(t, content, "events/2022-06-29-madrid.md", "---\ntitle: Allies meet in Madrid\ndate: 2022-06-29\n---\nThey agreed a declaration. [@madrid-declaration, para. 2]\n")

	r := annals(t, content, data, "index")
	if r.code != 0 {
		t.Fatalf("index: exit %d\n%s", r.code, r.stderr)
	}
	if h := searchJSON(t, content, data, "--kind", "source", "madrid"); len(h.Hits) != 1 || h.Hits[0].ID != "madrid-declaration" {
		t.Fatalf("the entry is not searchable as a source: %+v", h.Hits)
	}
	if r := annals(t, content, data, "check"); r.code != 0 || strings.Contains(r.stdout, "madrid") {
		t.Errorf("check: exit %d: the citation of the entry should resolve:\n%s", r.code, r.stdout)
	}
	if r := annals(t, content, data, "export", "--format", "csl-json"); !strings.Contains(r.stdout, `"id": "madrid-declaration"`) {
		t.Errorf("the entry is not exported:\n%s", r.stdout)
	}

	// Unchanged: not read again.
	if r := annals(t, content, data, "index"); !strings.Contains(r.stdout, " 0 parsed") {
		t.Errorf("an unchanged bibliography was parsed again: %s", r.stdout)
	}

	// Edited: the new title replaces the old.
	write(entry("Madrid Summit Declaration, with its addendum"))
	annals(t, content, data, "index")
	if h := searchJSON(t, content, data, "--kind", "source", "addendum"); len(h.Hits) != 1 || h.Hits[0].ID != "madrid-declaration" {
		t.Errorf("the edited entry: %+v", h.Hits)
	}

	// A note with the same id is used instead of the entry, with a warning
	// from index and from check; when it goes, the entry is back.
	writeNote(t, content, "sources/madrid-declaration.md", "---\ntitle: The declaration, as a note\ntype: document\nissued: 2022-06-29\n---\n")
	r = annals(t, content, data, "index")
	if r.code != 0 || !strings.Contains(r.stderr, "library.bib:1:1: warning: source \"madrid-declaration\" is also the note") {
		t.Errorf("note over entry: exit %d\n%s", r.code, r.stderr)
	}
	found, title := 0, ""
	for _, h := range searchJSON(t, content, data, "--kind", "source", "--limit", "100", "declaration").Hits {
		if h.ID == "madrid-declaration" {
			found, title = found+1, h.Title
		}
	}
	if found != 1 || title != "The declaration, as a note" {
		t.Errorf("note over entry: %d hits for madrid-declaration, title %q", found, title)
	}
	if r := annals(t, content, data, "check"); !strings.Contains(r.stdout, "library.bib:2:1: warning: source \"madrid-declaration\" is also the note") {
		t.Errorf("check does not report the note over the entry:\n%s", r.stdout)
	}
	if err := os.Remove(filepath.Join(content, "sources", "madrid-declaration.md")); err != nil {
		t.Fatal(err)
	}
	annals(t, content, data, "index")
	if h := searchJSON(t, content, data, "--kind", "source", "addendum"); len(h.Hits) != 1 || h.Hits[0].ID != "madrid-declaration" {
		t.Errorf("the entry did not come back after the note went: %+v", h.Hits)
	}

	// Broken: the error is reported where it is, and the last good entries
	// stay.
	write("@online{madrid-declaration,\n  title = {Madrid},\n  draft = {maybe},\n}\n")
	r = annals(t, content, data, "index")
	if r.code != 1 || !strings.Contains(r.stderr, "library.bib:3:1: error: draft must be true or false") {
		t.Errorf("broken bibliography: exit %d\n%s", r.code, r.stderr)
	}
	if h := searchJSON(t, content, data, "--kind", "source", "addendum"); len(h.Hits) != 1 {
		t.Errorf("the last good entry was lost: %+v", h.Hits)
	}
}
