package export_test

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"annals.dev/annals/internal/export"
)

// pandoc runs the real Pandoc, skipping the test when it is not installed.
func pandoc(t *testing.T, stdin string, args ...string) (stdout, stderr string) {
	t.Helper()
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): cannot check that Pandoc reads the exports")
	}
	cmd := exec.Command("pandoc", args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc %v: %v\n%s", args, err, errb.String())
	}
	return out.String(), errb.String()
}

// writeFile exports c in format f to a file named name in a temporary
// folder.
func writeFile(t *testing.T, f export.Format, c *export.Collection, name string) string {
	t.Helper()
	out, _ := write(t, f, c)
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestPandocResolvesShippedKeys cites every key the shipped collection
// uses, and every source it has, in a document and has Pandoc resolve
// them from each bibliography export.
func TestPandocResolvesShippedKeys(t *testing.T) {
	c := loadDir(t, "../../content")
	var keys []string
	add := func(k string) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, s := range c.Sources {
		add(s.ID)
		for _, ct := range s.Citations {
			add(ct.Key)
		}
	}
	for _, e := range c.Events {
		for _, k := range e.Event.Sources {
			add(k)
		}
		for _, ct := range e.Citations {
			add(ct.Key)
		}
	}
	if len(keys) < 3 {
		t.Fatalf("the shipped content cites only %v", keys)
	}
	var doc strings.Builder
	for _, k := range keys {
		doc.WriteString("Cited [@{" + k + "}].\n\n")
	}
	for _, tc := range []struct {
		format export.Format
		file   string
	}{
		{export.CSLJSON, "sources.json"},
		{export.BibTeX, "sources.bib"},
	} {
		t.Run(tc.format.Name, func(t *testing.T) {
			bib := writeFile(t, tc.format, c, tc.file)
			out, stderr := pandoc(t, doc.String(), "--citeproc", "--bibliography="+bib, "-t", "plain", "--wrap=none")
			if strings.Contains(stderr, "not found") || strings.Contains(stderr, "WARNING") {
				t.Errorf("pandoc warns:\n%s", stderr)
			}
			if strings.Contains(out, "?)") || strings.Contains(out, "[@") {
				t.Errorf("pandoc left citations unresolved:\n%s", out)
			}
			for _, s := range c.Sources {
				if !strings.Contains(normalise(out), normalise(s.Title)) {
					t.Errorf("bibliography lacks %q:\n%s", s.Title, out)
				}
			}
		})
	}
}

// cslRead is what the tests compare of a CSL-JSON item.
type cslRead struct {
	ID             string       `json:"id"`
	Type           string       `json:"type"`
	Title          string       `json:"title"`
	Author         []cslName    `json:"author"`
	ContainerTitle string       `json:"container-title"`
	Publisher      string       `json:"publisher"`
	Issued         *cslDateRead `json:"issued"`
	Accessed       *cslDateRead `json:"accessed"`
	URL            string       `json:"URL"`
}

// cslName is a CSL name; a particle such as "van der" may be read apart
// from the family name or as part of it, which mean the same.
type cslName struct {
	Family   string `json:"family,omitempty"`
	Given    string `json:"given,omitempty"`
	Literal  string `json:"literal,omitempty"`
	Particle string `json:"non-dropping-particle,omitempty"`
}

type cslDateRead struct {
	DateParts [][]int `json:"date-parts"`
	Circa     any     `json:"circa"`
}

// hostileSources have titles, names and URLs full of what TeX and JSON
// give a meaning to.
var hostileSources = map[string]string{
	"sources/tex.md": `---
title: 'Spending 100% & more: $5bn, #1 on C_2 ~ {braces} \back ^up -- and---more'
type: article-newspaper
author: ["van der Berg, Jan", "Ministry of Defence", "Ørsted, Åse"]
container-title: "Le Monde & Co"
publisher: "Smith & Sons"
issued: 2018-07-11/2018-07-12
accessed: 2020-01-02
URL: "https://example.org/a%20b?x=1&y={2}#frag_1~"
---
`,
	"sources/nato-report.md": `---
title: "NATO Defence Expenditure, 2014–2024"
type: report
publisher: NATO Public Diplomacy Division
issued: 2024-06~
---
`,
	"sources/site.md": `---
title: "Unicode: Störtebeker, 北约 and “quotes”"
type: webpage
container-title: Example Site
issued: 201X
URL: https://example.org/site
---
`,
	"sources/unknown-type.md": `---
title: A memo with a type CSL does not know
type: memo
issued: 2001-21
---
`,
}

// TestBibTeXReadsBackAsCSL has Pandoc read the BibTeX export and compares
// what it read with the CSL-JSON export: escaping, names and dates must
// survive the trip.
func TestBibTeXReadsBackAsCSL(t *testing.T) {
	c := load(t, hostileSources)
	bib := writeFile(t, export.BibTeX, c, "sources.bib")
	out, stderr := pandoc(t, "", bib, "-f", "biblatex", "-t", "csljson")
	if stderr != "" {
		t.Errorf("pandoc warns:\n%s", stderr)
	}
	var fromBib, fromCSL []cslRead
	if err := json.Unmarshal([]byte(out), &fromBib); err != nil {
		t.Fatalf("pandoc's CSL-JSON: %v\n%s", err, out)
	}
	csl, _ := write(t, export.CSLJSON, c)
	if err := json.Unmarshal([]byte(csl), &fromCSL); err != nil {
		t.Fatalf("CSL-JSON export: %v\n%s", err, csl)
	}
	if len(fromBib) != len(fromCSL) {
		t.Fatalf("pandoc read %d entries from BibTeX, the CSL-JSON export has %d", len(fromBib), len(fromCSL))
	}
	slices.SortFunc(fromBib, func(a, b cslRead) int { return strings.Compare(a.ID, b.ID) })
	for i, want := range fromCSL {
		got := fromBib[i]
		// Pandoc reads a BibTeX title as TeX would set it: the first
		// letter capitalised and straight quotes made typographic.
		got.Title, want.Title = normalise(got.Title), normalise(want.Title)
		got.Issued, want.Issued = dateParts(got.Issued), dateParts(want.Issued)
		for i, a := range got.Author {
			if a.Particle != "" {
				got.Author[i] = cslName{Family: a.Particle + " " + a.Family, Given: a.Given}
			}
		}
		// Braces in a URL are percent-encoded, which means the same.
		got.URL = strings.NewReplacer("%7B", "{", "%7D", "}").Replace(got.URL)
		if got.Type == "article-journal" && want.Type == "article" {
			got.Type = "article"
		}
		if want.Type == "document" {
			got.Type, want.Type = "", "" // @misc has no one CSL type
		}
		if !reflect.DeepEqual(got, want) {
			g, _ := json.MarshalIndent(got, "", "  ")
			w, _ := json.MarshalIndent(want, "", "  ")
			t.Errorf("source %s read back from BibTeX as\n%s\nwant\n%s", want.ID, g, w)
		}
	}
}

// dateParts keeps only the date-parts of a date: pandoc reads a BibTeX
// date's "?" without circa.
func dateParts(d *cslDateRead) *cslDateRead {
	if d == nil {
		return nil
	}
	return &cslDateRead{DateParts: d.DateParts}
}

// normalise makes text comparable across typesetting: case, quotes and
// white space.
func normalise(s string) string {
	s = strings.NewReplacer("'", "’", "\u00a0", " ").Replace(strings.ToLower(s))
	return strings.Join(strings.Fields(s), " ")
}

// TestBibTeXKeys checks that every key BibTeX cannot take is changed into
// one it can, reported, and still unique, and that the rest are kept.
func TestBibTeXKeys(t *testing.T) {
	src := "---\ntitle: A source\ntype: book\n---\n"
	c := load(t, map[string]string{
		"sources/plain:key.md":      src,
		"sources/with space.md":     src,
		"sources/with-space.md":     src,
		"sources/o'brien (2018).md": src,
		"sources/a,b{c}%d#e~f=g.md": src,
	})
	out, diags := write(t, export.BibTeX, c)
	want := map[string]string{ // note id → BibTeX key
		"plain:key":      "plain:key",
		"with-space":     "with-space",
		"with space":     "with-space-2",
		"o'brien (2018)": "o-brien--2018-",
		"a,b{c}%d#e~f=g": "a-b-c--d-e-f-g",
	}
	for id, key := range want {
		if !strings.Contains(out, "{"+key+",\n") {
			t.Errorf("no entry with key %q for %q:\n%s", key, id, out)
		}
		warned := false
		for _, d := range diags {
			if strings.Contains(d.Message, strconv.Quote(id)) && strings.Contains(d.Message, strconv.Quote(key)) {
				warned = true
			}
		}
		if changed := id != key; warned != changed {
			t.Errorf("key %q written as %q: warned %v, want %v (%v)", id, key, warned, changed, diags)
		}
	}
	bib := filepath.Join(t.TempDir(), "sources.bib")
	if err := os.WriteFile(bib, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	read, stderr := pandoc(t, "", bib, "-f", "biblatex", "-t", "csljson")
	var items []cslRead
	if err := json.Unmarshal([]byte(read), &items); err != nil {
		t.Fatalf("pandoc's CSL-JSON: %v\n%s\n%s", err, read, stderr)
	}
	var got []string
	for _, it := range items {
		got = append(got, it.ID)
	}
	var keys []string
	for _, k := range want {
		keys = append(keys, k)
	}
	slices.Sort(got)
	slices.Sort(keys)
	if !slices.Equal(got, keys) {
		t.Errorf("pandoc read the keys %q, want %q", got, keys)
	}
}
