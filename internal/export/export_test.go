package export_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const base = "https://annals.example.org"

// load indexes notes (keyed by path under content/) into a real library in
// a temporary folder and loads them for export.
func load(t *testing.T, notes map[string]string) *export.Collection {
	t.Helper()
	content := t.TempDir()
	for rel, text := range notes {
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return loadDir(t, content)
}

// loadDir indexes the content folder dir and loads it for export.
func loadDir(t *testing.T, dir string) *export.Collection {
	t.Helper()
	ctx := context.Background()
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	rep, err := lib.Update(ctx, index.Options{Content: dir})
	if err != nil {
		t.Fatal(err)
	}
	if n := rep.Errors(); n > 0 {
		t.Fatalf("notes have errors:\n%s", rep.Diagnostics.Error())
	}
	c, err := export.Load(ctx, lib.DB, base)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// write exports c in format f.
func write(t *testing.T, f export.Format, c *export.Collection) (string, note.Diagnostics) {
	t.Helper()
	var buf bytes.Buffer
	diags, err := f.Write(&buf, c)
	if err != nil {
		t.Fatalf("write %s: %v", f.Name, err)
	}
	return buf.String(), diags
}

// drafts is a collection where drafts are cited, reported from and
// linked to by public notes; "draftonly" marks everything that must not
// be exported.
var drafts = map[string]string{
	"events/2018-public.md": `---
title: Public summit
date: 2018-07-11
place: brussels
actors: [draftonly-actor, A Public Person]
status: disputed
claimed_by: draftonly-actor
tags: [summits]
sources: [public-report, draftonly-source]
related: [2019-draftonly-event]
summary: A public event.
---
It happened [@public-report, p. 2]. A lead [@draftonly-source, p. 9].
See [[2019-draftonly-event]].
`,
	"events/2019-draftonly-event.md": `---
title: Secret draftonly event
date: 2019
draft: true
tags: [draftonly-tag]
place: draftonly-place
summary: Not yet checked, draftonly.
---
A draftonly lead [@public-report].
`,
	"sources/public-report.md": `---
title: Public report
type: report
via: [draftonly-source]
issued: 2018-07
---
A report.
`,
	"sources/draftonly-source.md": `---
title: Draftonly memo
type: document
draft: true
---
Unpublished.
`,
	"places/brussels.md": "---\ntitle: Brussels\ncoordinates: [50.8467, 4.3525]\n---\n",
	"places/draftonly-place.md": `---
title: Draftonly Place
coordinates: [1, 2]
aliases: [Draftonly Town]
draft: true
---
`,
	"actors/draftonly-actor.md": `---
title: Draftonly Person
draft: true
---
`,
	"events/2018-public-claim.md": `---
title: Public claim
date: 2018-07-12
status: claimed
claimed_by: A Public Person
first_reported: draftonly-source
verdict:
  rating: unproven
  reviewed: 2018-08-01
  summary: Nobody can tell.
---
It was claimed [@public-report, p. 3]. A lead [@draftonly-source].
`,
}

func TestDraftsAreNeverExported(t *testing.T) {
	c := load(t, drafts)
	for _, f := range export.Formats {
		t.Run(f.Name, func(t *testing.T) {
			out, _ := write(t, f, c)
			if strings.Contains(strings.ToLower(out), "draftonly") {
				t.Errorf("%s export mentions a draft:\n%s", f.Name, out)
			}
			// The public notes are there: the check above is not passing
			// on an empty export.
			want := "Public summit"
			switch f.Name {
			case "csl-json", "bibtex":
				want = "public-report"
			case "claimreview":
				want = "Public claim"
			}
			if !strings.Contains(out, want) {
				t.Errorf("%s export lacks %q:\n%s", f.Name, want, out)
			}
		})
	}
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"csl-json", "bibtex", "timelinejs", "ics", "atom", "csv", "geojson", "claimreview"} {
		f, ok := export.Lookup(name)
		if !ok || f.Name != name {
			t.Errorf("Lookup(%q) = %v, %v", name, f.Name, ok)
		}
	}
	if _, ok := export.Lookup("docx"); ok {
		t.Error(`Lookup("docx") found a format`)
	}
}
