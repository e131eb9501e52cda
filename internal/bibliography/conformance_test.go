package bibliography_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/note"
)

// pandocCSL converts a bibliography to CSL-JSON with the real Pandoc, the
// reference for how a .bib file reads, skipping the test without it.
func pandocCSL(t *testing.T, from, path string) []map[string]any {
	t.Helper()
	if _, err := exec.LookPath("pandoc"); err != nil {
		t.Skip("pandoc is not installed (apt-get install pandoc): it is the reference for these files")
	}
	cmd := exec.Command("pandoc", "-f", from, "-t", "csljson", path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, errb.String())
	}
	var items []map[string]any
	if err := json.Unmarshal(out.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	return items
}

// bibSuites are the conformance samples of .bib files (see the README
// beside each), read by Pandoc as the reader named.
var bibSuites = []struct{ file, from string }{
	{"../../testdata/conformance/biblatex/biblatex-examples.bib", "biblatex"},
	{"../../testdata/conformance/xampl/xampl-excerpt.bib", "bibtex"},
	{"../../testdata/conformance/betterbibtex/betterbibtex.bib", "biblatex"},
}

// pandocDiffers lists where annals deliberately reads an entry otherwise
// than Pandoc 2.17, with what BibTeX or biber print instead, as
// "key aspect" → the value annals must give.
var pandocDiffers = map[string]string{
	// Pandoc drops the argument of \mbox; BibTeX prints it.
	"article-minimal container":  "g-animal's journal",
	"article-full container":     "g-animal's journal",
	"article-crossref container": "g-animal's journal",
	"whole-journal container":    "g-animal's journal",
	// Pandoc takes {\'{E}}douard for a particle; BibTeX a given name.
	"mastersthesis-full authors": "Édouard Masterly",
	// \noopsort{1973a}{\switchargs{--90}{1968}} prints 1968--90.
	"whole-set issued": "1968",
	// Math is kept as text, its symbols as Unicode.
	"techreport-full title": "an o(n log n / log log n) sorting algorithm",
	// Pandoc leaves out what BibTeX's month field says beyond a single
	// month: "10~" # jan is 10 January, apr # "-" # may a range from April.
	"inbook-full issued":        "1973-1-10",
	"book-full issued":          "1981-1-10",
	"manual-full issued":        "1986-4",
	"mastersthesis-full issued": "1988-6",
	"phdthesis-full issued":     "1988-6",
	"unpublished-full issued":   "1988-11",
	// Pandoc titles a volume of a multi-volume work by its maintitle;
	// biblatex prints the volume's own title first, as annals shows it.
	"knuth:ct:a title":     "the texbook",
	"knuth:ct:b title":     "tex: the program",
	"nietzsche:ksa1 title": "die geburt der tragödie. unzeitgemäße betrachtungen i–iv. nachgelassene schriften 1870–1973",
}

// TestBibTeXConformance reads the sample .bib files of biblatex, BibTeX and
// Better BibTeX and checks each entry against Pandoc's reading of it: that
// it is kept, its title, authors, container title and date. It logs how
// many of those cases agree.
func TestBibTeXConformance(t *testing.T) {
	for _, suite := range bibSuites {
		t.Run(filepath.Base(suite.file), func(t *testing.T) {
			src, err := os.ReadFile(suite.file)
			if err != nil {
				t.Fatal(err)
			}
			notes, diags := bibliography.Parse(suite.file, src)
			for _, d := range diags {
				t.Logf("diagnostic: %v", d)
			}
			byID := map[string]*note.Note{}
			for _, n := range notes {
				byID[n.ID] = n
			}
			pass, total := 0, 0
			check := func(key, aspect, got, want string) {
				total++
				if w, ok := pandocDiffers[key+" "+aspect]; ok {
					want = w
				}
				if got == want {
					pass++
					return
				}
				t.Errorf("%s: %s = %q, want %q", key, aspect, got, want)
			}
			for _, item := range pandocCSL(t, suite.from, suite.file) {
				key := item["id"].(string)
				n := byID[key]
				total++
				if n == nil {
					// Lost with the entry: each thing Pandoc reads from it.
					for _, k := range []string{"title", "container-title", "author", "editor", "DOI"} {
						if _, ok := item[k]; ok {
							total++
						}
					}
					if d, ok := item["issued"].(map[string]any); ok && pandocDate(d) != "" {
						total++
					}
					t.Errorf("%s: entry not kept", key)
					continue
				}
				pass++
				if title, ok := item["title"].(string); ok {
					check(key, "title", fold(n.Title), fold(title))
				}
				if c, ok := item["container-title"].(string); ok {
					check(key, "container", fold(n.Source.ContainerTitle), fold(c))
				}
				if a, ok := item["author"].([]any); ok {
					check(key, "authors", annalsNames(n.Source.Authors), pandocNames(a))
				}
				if a, ok := item["editor"].([]any); ok {
					check(key, "editors", annalsNames(n.Source.Editors), pandocNames(a))
				}
				if doi, ok := item["DOI"].(string); ok {
					check(key, "DOI", n.Source.DOI, doi)
				}
				if d, ok := item["issued"].(map[string]any); ok {
					if want := pandocDate(d); want != "" {
						check(key, "issued", annalsDate(n), want)
					}
				}
			}
			t.Logf("%s: %d of %d cases agree with pandoc -f %s", filepath.Base(suite.file), pass, total, suite.from)
		})
	}
}

var tags = regexp.MustCompile(`<[^>]*>`)

// fold makes titles comparable: Pandoc sets them in sentence case, as CSL
// wants, and writes apostrophes as ’.
func fold(s string) string {
	s = tags.ReplaceAllString(s, "")
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, `\`, "").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

func annalsNames(names []note.Name) string {
	var out []string
	for _, n := range names {
		out = append(out, n.String())
	}
	return strings.Join(out, "; ")
}

func pandocNames(names []any) string {
	var out []string
	for _, raw := range names {
		m := raw.(map[string]any)
		if l, ok := m["literal"].(string); ok {
			out = append(out, l)
			continue
		}
		var parts []string
		for _, k := range []string{"given", "dropping-particle", "non-dropping-particle", "family"} {
			if v, ok := m[k].(string); ok && v != "" {
				parts = append(parts, strings.ReplaceAll(v, "’", "'"))
			}
		}
		s := strings.Join(parts, " ")
		if suffix, ok := m["suffix"].(string); ok {
			// A source note keeps the suffix with the given name:
			// "Bennett, Frank G., Jr." reads "Frank G., Jr. Bennett".
			s = strings.Replace(s, m["given"].(string), m["given"].(string)+", "+suffix, 1)
		}
		out = append(out, s)
	}
	return strings.Join(out, "; ")
}

// pandocDate writes the start of a CSL date as year[-month[-day]], CSL's
// historical years made astronomical as EDTF has them.
func pandocDate(d map[string]any) string {
	parts, _ := d["date-parts"].([]any)
	if len(parts) == 0 {
		return ""
	}
	first, _ := parts[0].([]any)
	var out []string
	for i, p := range first {
		n := int(p.(float64))
		if i == 0 && n < 0 {
			n++
		}
		out = append(out, fmt.Sprint(n))
	}
	return strings.Join(out, "-")
}

func annalsDate(n *note.Note) string {
	p := n.Source.Issued.Start
	if n.Source.Issued.IsZero() {
		return ""
	}
	out := fmt.Sprint(p.Year)
	if p.Month > 0 && p.Month <= 12 {
		out += fmt.Sprintf("-%d", p.Month)
		if p.Day > 0 {
			out += fmt.Sprintf("-%d", p.Day)
		}
	}
	return out
}

// TestCSLConformance reads CSL-JSON items of the CSL test-suite and of
// citeproc-js's conventions (testdata/conformance/csl) and checks each is
// kept with the title, container title and date citeproc-js reads.
func TestCSLConformance(t *testing.T) {
	src, err := os.ReadFile("../../testdata/conformance/csl/citeproc-fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Test      string          `json:"test"`
		Item      json.RawMessage `json:"item"`
		Title     *string         `json:"title"`
		Container *string         `json:"container"`
		Issued    *string         `json:"issued"`
	}
	if err := json.Unmarshal(src, &cases); err != nil {
		t.Fatal(err)
	}
	pass, total := 0, 0
	check := func(test, aspect, got, want string) {
		total++
		if got == want {
			pass++
			return
		}
		t.Errorf("%s: %s = %q, want %q", test, aspect, got, want)
	}
	for _, c := range cases {
		notes, diags := bibliography.Parse("fixture.json", []byte("["+string(c.Item)+"]"))
		total++
		if len(notes) != 1 {
			for _, aspect := range []*string{c.Title, c.Container, c.Issued} {
				if aspect != nil {
					total++
				}
			}
			t.Errorf("%s: item not kept: %v", c.Test, diags)
			continue
		}
		pass++
		n := notes[0]
		if c.Title != nil {
			check(c.Test, "title", n.Title, *c.Title)
		}
		if c.Container != nil {
			check(c.Test, "container", n.Source.ContainerTitle, *c.Container)
		}
		if c.Issued != nil {
			check(c.Test, "issued", n.Source.Issued.String(), *c.Issued)
		}
	}
	t.Logf("citeproc-fixtures.json: %d of %d cases agree with citeproc-js", pass, total)
}
