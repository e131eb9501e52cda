package bibliography_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
)

// roundTripSources are source notes beyond the shipped ones, with what the
// shipped ones lack: names with particles, accents and organisations, TeX's
// special characters, a report, a chapter, a type CSL does not know, an
// archived copy and an access date, and types biblatex writes as @misc
// or as types of their own (a speech with a URL, a dataset).
var roundTripSources = map[string]string{
	"nato-report.md": `---
type: report
title: "Defence Expenditure of NATO Countries (2014–2024) & 5% {targets} ~ 100$ #1 a_b ^ \\ --"
author: ["North Atlantic Treaty Organization", "van der Berg, Anna", "Gödel, Kurt", "Škoda, Jiří"]
publisher: "NATO Public Diplomacy Division"
issued: 2024-06-17
accessed: 2025-10-01
URL: "https://www.nato.int/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-en.pdf?x=1&y=%7B"
archived: "https://web.archive.org/web/20250101000000/https://www.nato.int/"
language: en-GB
origin: primary
---
`,
	"chapter.md": `---
type: chapter
title: "The Alliance after 1989"
author: ["Østerud, Øyvind"]
container-title: "Norway and NATO"
publisher: Universitetsforlaget
issued: 2019-03
origin: secondary
via: [nato-report]
---
`,
	"speech.md": `---
type: speech
title: "Press conference after the summit"
author: ["Rutte, Mark"]
URL: "https://www.nato.int/cps/en/natohq/opinions_235894.htm"
issued: 2025-06-05
---
`,
	"dataset.md": `---
type: dataset
title: "cities1000"
publisher: GeoNames
URL: "https://download.geonames.org/export/dump/"
---
`,
	"tweet.md": `---
type: tweet
title: "A post about the summit"
author: ["Rutte, Mark"]
URL: "https://x.com/MarkRutte/status/1"
issued: 2025-06-25T10:00:00Z
---
`,
	"old.md": `---
type: book
title: "De bello Gallico"
author: ["Caesar"]
issued: "-0049~"
---
`,
}

// TestExportRoundTrip indexes the shipped sources and a few more, exports
// them as CSL-JSON and BibTeX with the real exporters, reads the files back
// and checks that every source comes back as note.Parse reads it. CSL has
// no "uncertain" and no time of day, only circa: there a date may change
// its qualifier from "?" to "~" or lose its time, while the days it covers
// stay the same.
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	content := t.TempDir()
	dir := filepath.Join(content, "sources")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shipped, err := filepath.Glob("../../content/sources/*.md")
	if err != nil || len(shipped) == 0 {
		t.Fatalf("no shipped sources: %v", err)
	}
	sources := map[string]string{}
	for name, src := range roundTripSources {
		sources[name] = src
	}
	for _, p := range shipped {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sources[filepath.Base(p)] = string(src)
	}
	var seeds []string
	for name, src := range sources {
		seeds = append(seeds, filepath.Join(dir, name))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := index.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer lib.Close()
	if rep, err := lib.Update(ctx, index.Options{Content: content}); err != nil || rep.Errors() > 0 {
		t.Fatalf("index: %v %v", err, rep.Diagnostics)
	}
	c, err := export.Load(ctx, lib.DB, "https://annals.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		format export.Format
		file   string
	}{{export.CSLJSON, "sources.json"}, {export.BibTeX, "sources.bib"}} {
		t.Run(tt.format.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := tt.format.Write(&buf, c); err != nil {
				t.Fatal(err)
			}
			notes, diags := bibliography.Parse(tt.file, buf.Bytes())
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v\n%s", diags, buf.String())
			}
			byID := map[string]*note.Note{}
			for _, n := range notes {
				byID[n.ID] = n
			}
			for _, seed := range seeds {
				src, err := os.ReadFile(seed)
				if err != nil {
					t.Fatal(err)
				}
				want, err := note.Parse(seed, note.KindSource, src)
				if err != nil {
					t.Fatal(err)
				}
				got := byID[want.ID]
				if got == nil {
					t.Errorf("%s is not in the export read back", want.ID)
					continue
				}
				if got.Title != want.Title {
					t.Errorf("%s: title %q, want %q", want.ID, got.Title, want.Title)
				}
				gs, ws := *got.Source, *want.Source
				if gi, wi := gs.Issued, ws.Issued; tt.format.Name == export.CSLJSON.Name || wi.Start.HasTime {
					if gi.Earliest() != wi.Earliest() || gi.Latest() != wi.Latest() ||
						(gi.Approximate() || gi.Uncertain()) != (wi.Approximate() || wi.Uncertain()) {
						t.Errorf("%s: issued %v, want the days of %v", want.ID, gi, wi)
					}
					gs.Issued, ws.Issued = edtf.Date{}, edtf.Date{}
				}
				if !reflect.DeepEqual(gs, ws) {
					t.Errorf("%s:\n got %+v\nwant %+v", want.ID, gs, ws)
				}
			}
		})
	}
}
