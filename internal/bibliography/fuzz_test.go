package bibliography_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/note"
)

// FuzzParse checks that no input makes Parse panic or take long, that
// every problem is a located diagnostic, and that every note returned is a
// source note that passes the rules of note.Parse.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"zotero.json", "zotero.bib"} {
		src, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src), name == "zotero.bib")
	}
	for _, suite := range bibSuites {
		src, err := os.ReadFile(suite.file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src), true)
	}
	fixtures, err := os.ReadFile("../../testdata/conformance/csl/citeproc-fixtures.json")
	if err != nil {
		f.Fatal(err)
	}
	var cases []struct{ Item json.RawMessage }
	if err := json.Unmarshal(fixtures, &cases); err != nil {
		f.Fatal(err)
	}
	for _, c := range cases {
		f.Add("["+string(c.Item)+"]", false)
	}
	f.Add(`@misc{k, author = {family=Pina-Cabral, given=João, prefix=de, useprefix=true and Dezs\H o Nagy}, title = {$\gamma$ \href{u}{t} \foreignlanguage{german}{x}}, year = {{\noopsort{1973a}}{\switchargs{--90}{1968}}}, month = jun # "-" # aug, crossref = {k}}`, true)
	f.Add(`@string{a = "x"} @book{k, title = a # {\"{\i}} # "q{"}", author = {{NATO} and van Berg, J. and others}, date = {2018~}}`, true)
	f.Add("@book{k, title = {\\\"{\\\"{\\\"{\\'", true)
	f.Add("% x@y\n@comment{@book{a}}\n@book(k, title = \"A\",)\n@@", true)
	f.Add(`[{"id": 1, "title": "T", "issued": {"date-parts": [[-44, 21], ["2018"]], "circa": "yes", "season": "2"}, "custom": {"via": ["a"]}, "note": "Primary source. Reports from: T."}]`, false)
	f.Add(`[{"id": "k", "title": "T", "URL": "javascript:alert(1)", "author": [{"literal": 3}]}, 7, null]`, false)

	f.Fuzz(func(t *testing.T, src string, bib bool) {
		path := "content/refs.json"
		if bib {
			path = "content/refs.bib"
		}
		start := time.Now()
		notes, diags := bibliography.Parse(path, []byte(src))
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("Parse took %v on %d bytes", d, len(src))
		}
		for _, d := range diags {
			if d.Path != path || d.Line < 1 || d.Col < 1 || d.Message == "" {
				t.Errorf("bad diagnostic %+v", d)
			}
		}
		for _, n := range notes {
			if n.Kind != note.KindSource || n.Source == nil || n.ID == "" || strings.TrimSpace(n.Title) == "" || n.Path != path {
				t.Errorf("bad note %+v", n)
			}
			for _, u := range []string{n.Source.URL, n.Source.Archived} {
				if u != "" && !note.WebURL(u) {
					t.Errorf("note %q links to %q", n.ID, u)
				}
			}
			for _, w := range n.Warnings {
				if w.Severity != note.SeverityWarning || w.Line < 1 {
					t.Errorf("bad warning %+v", w)
				}
			}
		}
	})
}
