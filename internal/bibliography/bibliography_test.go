package bibliography_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/bibliography"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// TestZoteroExports reads a Zotero CSL JSON export and a Better BibTeX
// export of three of the shipped sources and checks that every entry is the
// note note.Parse reads from content/sources.
func TestZoteroExports(t *testing.T) {
	seeds, err := filepath.Glob("../../content/sources/*.md")
	if err != nil || len(seeds) == 0 {
		t.Fatalf("no shipped sources: %v", err)
	}
	for _, file := range []string{"zotero.json", "zotero.bib"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			notes, diags := bibliography.Parse(path, src)
			if len(diags) > 0 {
				t.Fatalf("diagnostics: %v", diags)
			}
			byID := map[string]*note.Note{}
			for _, n := range notes {
				byID[n.ID] = n
				if len(n.Warnings) > 0 {
					t.Errorf("%s: warnings %v", n.ID, n.Warnings)
				}
			}
			shipped := map[string]bool{}
			for _, seed := range seeds {
				shipped[note.ID(seed)] = true
			}
			for id := range byID {
				if !shipped[id] {
					t.Errorf("entry %q is not a shipped source", id)
				}
			}
			if len(notes) != 3 {
				t.Errorf("%d entries, want 3", len(notes))
			}
			for _, seed := range seeds {
				mdSrc, err := os.ReadFile(seed)
				if err != nil {
					t.Fatal(err)
				}
				want, err := note.Parse(seed, note.KindSource, mdSrc)
				if err != nil {
					t.Fatal(err)
				}
				got := byID[want.ID]
				if got == nil {
					continue
				}
				if got.Kind != want.Kind || got.Title != want.Title || got.Path != path {
					t.Errorf("%s: kind %q title %q path %q, want %q %q %q", want.ID, got.Kind, got.Title, got.Path, want.Kind, want.Title, path)
				}
				gs, ws := reflect.ValueOf(*got.Source), reflect.ValueOf(*want.Source)
				for i := range gs.NumField() {
					if g, w := gs.Field(i).Interface(), ws.Field(i).Interface(); !reflect.DeepEqual(g, w) {
						t.Errorf("%s: %s = %#v, want %#v", want.ID, gs.Type().Field(i).Name, g, w)
					}
				}
				for k := range want.Lines {
					if got.Lines[k] == 0 {
						t.Errorf("%s: no line for %q", want.ID, k)
					}
				}
			}
			if n := byID["toutiao-stoltenberg-memoir"]; n != nil && !strings.Contains(n.Text, "then-upcoming memoir") {
				t.Errorf("Text = %q, want the abstract", n.Text)
			}
		})
	}
}

// fields is what a test compares of a parsed source.
type fields struct {
	Type, Title, Container, Publisher string
	Authors                           []note.Name
	Issued, Accessed                  string
	URL, Language, Archived, Origin   string
	Via                               []string
	Text                              string
	Draft                             bool
}

func fieldsOf(n *note.Note) fields {
	s := n.Source
	return fields{
		Type: s.Type, Title: n.Title, Container: s.ContainerTitle, Publisher: s.Publisher, Authors: s.Authors,
		Issued: s.Issued.String(), Accessed: s.Accessed.String(), URL: s.URL, Language: s.Language,
		Archived: s.Archived, Origin: s.Origin, Via: s.Via, Text: n.Text, Draft: n.Draft,
	}
}

// parseOne parses src as the file name and returns its only note.
func parseOne(t *testing.T, name, src string) *note.Note {
	t.Helper()
	notes, diags := bibliography.Parse(name, []byte(src))
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%v", diags)
	}
	if len(notes) != 1 {
		t.Fatalf("%d notes, want 1", len(notes))
	}
	n := notes[0]
	if n.Kind != note.KindSource || n.Path != name || n.Source == nil || n.Body != "" {
		t.Errorf("note %+v is not a source note of %s", n, name)
	}
	return n
}

func TestBibTeX(t *testing.T) {
	tests := []struct {
		name, src string
		want      fields
	}{
		{"ArticleIsJournal", `@article{k, title = {On Things}, journaltitle = {Foreign Affairs}, date = {2018-07-11}}`,
			fields{Type: "article-journal", Title: "On Things", Container: "Foreign Affairs", Issued: "2018-07-11"}},
		{"Newspaper", `@article{k, title = {T}, journal = {The Times}, entrysubtype = {newspaper}, year = 2018}`,
			fields{Type: "article-newspaper", Title: "T", Container: "The Times", Issued: "2018"}},
		{"Magazine", `@article{k, title = {T}, entrysubtype = {magazine}}`,
			fields{Type: "article-magazine", Title: "T"}},
		{"BookPublisher", `@book{k, title = {T}, publisher = {Penguin}, author = {Stoltenberg, Jens}}`,
			fields{Type: "book", Title: "T", Publisher: "Penguin", Authors: []note.Name{{Family: "Stoltenberg", Given: "Jens"}}}},
		{"InBook", `@inbook{k, title = {Ch}, booktitle = {The Book}}`,
			fields{Type: "chapter", Title: "Ch", Container: "The Book"}},
		{"InCollection", `@incollection{k, title = {Ch}, booktitle = {Essays}}`,
			fields{Type: "chapter", Title: "Ch", Container: "Essays"}},
		{"TechReport", `@techreport{k, title = {R}, institution = {RAND}}`,
			fields{Type: "report", Title: "R", Publisher: "RAND"}},
		{"Report", `@report{k, title = {R}, institution = {NATO}}`,
			fields{Type: "report", Title: "R", Publisher: "NATO"}},
		{"PhDThesis", `@phdthesis{k, title = {Th}, school = {Oslo}}`,
			fields{Type: "thesis", Title: "Th", Publisher: "Oslo"}},
		{"Online", `@online{k, title = {W}, url = {https://nato.int/x}, urldate = {2025-10-01}}`,
			fields{Type: "webpage", Title: "W", URL: "https://nato.int/x", Accessed: "2025-10-01"}},
		{"MiscWithURL", `@misc{k, title = {W}, howpublished = {web}, url = {https://nato.int/}}`,
			fields{Type: "webpage", Title: "W", URL: "https://nato.int/"}},
		{"MiscWithoutURL", `@misc{k, title = {W}}`, fields{Type: "document", Title: "W"}},
		{"MiscKeepsItsType", `@misc{k, title = {W}, type = {tweet}}`, fields{Type: "tweet", Title: "W"}},
		{"UnknownTypeIsDocument", `@whatever{k, title = {W}}`, fields{Type: "document", Title: "W"}},
		{"Subtitle", `@book{k, title = {My Tenure}, subtitle = {Leadership of NATO}}`,
			fields{Type: "book", Title: "My Tenure: Leadership of NATO"}},
		{"Authors", `@book{k, title = {T}, author = {Stoltenberg, Jens and Mark Rutte and {North Atlantic Treaty Organization} and Ludwig van Beethoven and {van der Berg}, Anna and others}}`,
			fields{Type: "book", Title: "T", Authors: []note.Name{
				{Family: "Stoltenberg", Given: "Jens"}, {Family: "Rutte", Given: "Mark"},
				{Literal: "North Atlantic Treaty Organization"}, {Family: "van Beethoven", Given: "Ludwig"},
				{Family: "van der Berg", Given: "Anna"}}}},
		{"AuthorSuffix", `@book{k, title = {T}, author = {King, Jr., Martin Luther}}`,
			fields{Type: "book", Title: "T", Authors: []note.Name{{Family: "King", Given: "Martin Luther, Jr."}}}},
		{"AuthorAccents", `@book{k, title = {T}, author = {G{\"o}del, Kurt and Br{\aa}ten, Stein AND {\v{S}}koda, J\'{\i}\v r\'\i}}`,
			fields{Type: "book", Title: "T", Authors: []note.Name{
				{Family: "Gödel", Given: "Kurt"}, {Family: "Bråten", Given: "Stein"}, {Family: "Škoda", Given: "Jíří"}}}},
		{"YearMonthMacro", `@article{k, title = {T}, year = {2018}, month = jul}`,
			fields{Type: "article-journal", Title: "T", Issued: "2018-07"}},
		{"YearMonthName", `@article{k, title = {T}, year = {2018}, month = {July}, day = {11}}`,
			fields{Type: "article-journal", Title: "T", Issued: "2018-07-11"}},
		{"DateRange", `@article{k, title = {T}, date = {2004-06/2006-08}}`,
			fields{Type: "article-journal", Title: "T", Issued: "2004-06/2006-08"}},
		{"DateApproximate", `@book{k, title = {T}, date = {1950~}}`,
			fields{Type: "book", Title: "T", Issued: "1950~"}},
		{"DateWinsOverYear", `@book{k, title = {T}, date = {2019-03}, year = {2018}}`,
			fields{Type: "book", Title: "T", Issued: "2019-03"}},
		{"Language", `@book{k, title = {T}, langid = {ngerman}}`, fields{Type: "book", Title: "T", Language: "de"}},
		{"LanguageCode", `@book{k, title = {T}, language = {nb}}`, fields{Type: "book", Title: "T", Language: "nb"}},
		{"URLEscapes", `@online{k, title = {T}, url = {https://example.org/a\_b?x=1\%20}}`,
			fields{Type: "webpage", Title: "T", URL: "https://example.org/a_b?x=1%20"}},
		{"QuotedAndConcatenated", "@string{nyt = \"The New York \"}\n@article{k, title = \"A {\"}B{\"} C\", journal = nyt # {Times}}",
			fields{Type: "article-journal", Title: `A "B" C`, Container: "The New York Times"}},
		{"Parentheses", `@book(k, title = {T})`, fields{Type: "book", Title: "T"}},
		{"AnnalsFields", `@online{k, title = {T}, url = {https://a.example/}, archived = {https://web.archive.org/web/2025/https://a.example/}, origin = {Primary}, via = {a, b}}`,
			fields{Type: "webpage", Title: "T", URL: "https://a.example/", Archived: "https://web.archive.org/web/2025/https://a.example/", Origin: "primary", Via: []string{"a", "b"}}},
		{"Draft", "@book{k, title = {T}, draft = {true}}", fields{Type: "book", Title: "T", Draft: true}},
		{"DraftInNote", "@book{k, title = {T}, note = {draft: yes}}", fields{Type: "book", Title: "T", Draft: true}},
		{"NotDraft", "@book{k, title = {T}, draft = {false}}", fields{Type: "book", Title: "T"}},
		{"NoteAndAbstract", "@book{k, title = {T}, abstract = {A memoir.}, note = {Read in 2025.\norigin: secondary}}",
			fields{Type: "book", Title: "T", Origin: "secondary", Text: "A memoir.\n\nRead in 2025."}},
		{"CommentsAndPreamble", "Text before.\n@comment{x = {y}}\n@preamble{\"\\newcommand{\\noop}[1]{}\"}\n% a comment\n@book{k, title = {T}}",
			fields{Type: "book", Title: "T"}},
		{"TrailingComma", "@book{k,\n  title = {T},\n}", fields{Type: "book", Title: "T"}},
		{"CaseInsensitive", `@BOOK{k, TITLE = {T}, Author = {A, B}}`,
			fields{Type: "book", Title: "T", Authors: []note.Name{{Family: "A", Given: "B"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseOne(t, "content/refs.bib", tt.src)
			if n.ID != "k" {
				t.Errorf("ID = %q, want k", n.ID)
			}
			if got := fieldsOf(n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestTeX(t *testing.T) {
	tests := []struct{ tex, want string }{
		{`Caf\'e`, "Café"},
		{`G{\"o}del`, "Gödel"},
		{`G\"{o}del`, "Gödel"},
		{`{\aa}lesund {\AA}rhus`, "ålesund Århus"},
		{`S{\o}ren {\O}st`, "Søren Øst"},
		{`Stra{\ss}e`, "Straße"},
		{`{\l}\'od\'z`, "łódź"},
		{`\c{c}a \c c`, "ça ç"},
		{`Dvo\v{r}\'ak`, "Dvořák"},
		{`Erd\H{o}s`, "Erdős"},
		{`na\"{\i}ve`, "naïve"},
		{`Fish \& Chips, 5\% \$3 \#1 a\_b`, "Fish & Chips, 5% $3 #1 a_b"},
		{`pages 3--5, a---b`, "pages 3–5, a—b"},
		{"``quoted'' `single'", "“quoted” ‘single'"},
		{`{{NATO}} and {Trump}`, "NATO and Trump"},
		{`\emph{Foreign} \textit{Affairs}`, "Foreign Affairs"},
		{`Mr.~Rutte`, "Mr. Rutte"},
		{"a\n   b\tc", "a b c"},
		{`\textbackslash{} \textasciitilde{}`, `\ ~`},
		{`2-{}-3`, "2--3"},
		{`$E=mc^2$`, "E=mc^2"},
		{`\unknown{kept}`, "kept"},
		{`\'`, "\u0301"},
	}
	for _, tt := range tests {
		n := parseOne(t, "x.bib", "@misc{k, title = {"+tt.tex+"}}")
		if n.Title != tt.want {
			t.Errorf("%s → %q, want %q", tt.tex, n.Title, tt.want)
		}
	}
}

func TestCSL(t *testing.T) {
	tests := []struct {
		name, item string
		want       fields
	}{
		{"Minimal", `{"id": "k", "type": "book", "title": "T"}`, fields{Type: "book", Title: "T"}},
		{"NoType", `{"id": "k", "title": "T"}`, fields{Type: "document", Title: "T"}},
		{"GenreOfDocument", `{"id": "k", "type": "document", "genre": "tweet", "title": "T"}`, fields{Type: "tweet", Title: "T"}},
		{"GenreOfReport", `{"id": "k", "type": "report", "genre": "Working paper", "title": "T"}`, fields{Type: "report", Title: "T"}},
		{"Everything", `{"id": "k", "type": "article-newspaper", "title": "T", "container-title": "Toutiao",
			"publisher": "ByteDance", "author": [{"family": "Stoltenberg", "given": "Jens"}, {"literal": "NATO"}],
			"issued": {"date-parts": [[2025, 9, 30]]}, "accessed": {"date-parts": [["2025", "10", "1"]]},
			"URL": "https://www.toutiao.com/a", "language": "en", "abstract": "About a memoir."}`,
			fields{Type: "article-newspaper", Title: "T", Container: "Toutiao", Publisher: "ByteDance",
				Authors: []note.Name{{Family: "Stoltenberg", Given: "Jens"}, {Literal: "NATO"}},
				Issued:  "2025-09-30", Accessed: "2025-10-01", URL: "https://www.toutiao.com/a", Language: "en", Text: "About a memoir."}},
		{"NameParts", `{"id": "k", "title": "T", "author": [{"family": "Berg", "non-dropping-particle": "van der", "given": "Anna"},
			{"family": "Beethoven", "dropping-particle": "van", "given": "Ludwig"}, {"family": "King", "given": "Martin Luther", "suffix": "Jr."}]}`,
			fields{Type: "document", Title: "T", Authors: []note.Name{{Family: "van der Berg", Given: "Anna"},
				{Family: "van Beethoven", Given: "Ludwig"}, {Family: "King", Given: "Martin Luther, Jr."}}}},
		{"CitationKeyWins", `{"id": "http://zotero.org/users/1/items/ABC", "citation-key": "k", "title": "T"}`, fields{Type: "document", Title: "T"}},
		{"Year", `{"id": "k", "title": "T", "issued": {"date-parts": [[2018]]}}`, fields{Type: "document", Title: "T", Issued: "2018"}},
		{"Month", `{"id": "k", "title": "T", "issued": {"date-parts": [[2018, 7]]}}`, fields{Type: "document", Title: "T", Issued: "2018-07"}},
		{"Range", `{"id": "k", "title": "T", "issued": {"date-parts": [[2018, 7, 11], [2018, 7, 12]]}}`,
			fields{Type: "document", Title: "T", Issued: "2018-07-11/2018-07-12"}},
		{"RangeOfOne", `{"id": "k", "title": "T", "issued": {"date-parts": [[2018], [2018]]}}`,
			fields{Type: "document", Title: "T", Issued: "2018"}},
		{"Circa", `{"id": "k", "title": "T", "issued": {"date-parts": [[1950]], "circa": true}}`,
			fields{Type: "document", Title: "T", Issued: "1950~"}},
		{"CircaRange", `{"id": "k", "title": "T", "issued": {"date-parts": [[1950], [1960]], "circa": 1}}`,
			fields{Type: "document", Title: "T", Issued: "1950~/1960~"}},
		{"Season", `{"id": "k", "title": "T", "issued": {"date-parts": [[2001]], "season": 2}}`,
			fields{Type: "document", Title: "T", Issued: "2001-22"}},
		{"BCE", `{"id": "k", "title": "T", "issued": {"date-parts": [[-44, 3, 15]]}}`,
			fields{Type: "document", Title: "T", Issued: "-0043-03-15"}},
		{"Raw", `{"id": "k", "title": "T", "issued": {"raw": "2025-09-30?"}}`,
			fields{Type: "document", Title: "T", Issued: "2025-09-30?"}},
		{"EDTFString", `{"id": "k", "title": "T", "issued": "1985/.."}`,
			fields{Type: "document", Title: "T", Issued: "1985/.."}},
		{"NumericID", `{"id": 42, "title": "T"}`, fields{Type: "document", Title: "T"}},
		{"Custom", `{"id": "k", "title": "T", "custom": {"archived": "https://web.archive.org/x", "origin": "primary", "via": ["a"]}}`,
			fields{Type: "document", Title: "T", Archived: "https://web.archive.org/x", Origin: "primary", Via: []string{"a"}}},
		{"Draft", `{"id": "k", "title": "T", "custom": {"draft": true}}`, fields{Type: "document", Title: "T", Draft: true}},
		{"DraftInNote", `{"id": "k", "title": "T", "note": "Draft: true"}`, fields{Type: "document", Title: "T", Draft: true}},
		{"CustomDates", `{"id": "k", "title": "T", "issued": {"date-parts": [[2025, 9, 30]], "circa": true}, "custom": {"issued": "2025-09-30?", "accessed": "2025-10-01T08:00:00Z"}}`,
			fields{Type: "document", Title: "T", Issued: "2025-09-30?", Accessed: "2025-10-01T08:00:00Z"}},
		{"ArchiveLocation", `{"id": "k", "title": "T", "archive_location": "https://archive.today/x"}`,
			fields{Type: "document", Title: "T", Archived: "https://archive.today/x"}},
		{"ArchiveLocationNotURL", `{"id": "k", "title": "T", "archive_location": "Box 3"}`, fields{Type: "document", Title: "T"}},
		{"ExtraLines", `{"id": "k", "title": "T", "issued": {"date-parts": [[2025]]}, "note": "Seen in Oslo.\nissued: 2025?\nOrigin: primary\nvia: a, b\narchived: https://web.archive.org/y"}`,
			fields{Type: "document", Title: "T", Issued: "2025?", Origin: "primary", Via: []string{"a", "b"}, Archived: "https://web.archive.org/y", Text: "Seen in Oslo."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := parseOne(t, "content/refs.json", "["+tt.item+"]")
			if want := map[string]string{"CitationKeyWins": "k", "NumericID": "42"}[tt.name]; want != "" && n.ID != want || want == "" && n.ID != "k" {
				t.Errorf("ID = %q", n.ID)
			}
			if got := fieldsOf(n); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestExportShapes reads entries as the exports of annals write them, so
// that a collection exported and read back keeps its own fields.
func TestExportShapes(t *testing.T) {
	const csl = `[
  {
    "id": "toutiao",
    "type": "article-newspaper",
    "title": "Former NATO Secretary General's New Book",
    "container-title": "Toutiao",
    "issued": {"date-parts": [[2025, 9, 30]], "circa": true},
    "URL": "https://www.toutiao.com/article/1/",
    "language": "en",
    "note": "Secondary source. Reports from: My Tenure: Leadership of NATO During War. Archived copy: https://web.archive.org/web/2025/https://www.toutiao.com/article/1/.",
    "custom": {"archived": "https://web.archive.org/web/2025/https://www.toutiao.com/article/1/", "origin": "secondary", "via": ["memoir"]}
  },
  {
    "id": "memoir",
    "type": "book",
    "title": "My Tenure: Leadership of NATO During War",
    "author": [{"family": "Stoltenberg", "given": "Jens"}],
    "note": "Primary source."
  }
]`
	const bib = `% annals: the public sources as biblatex entries (2); the citation keys are the notes' ids.

@article{toutiao,
  title        = {Former {NATO} {Secretary} {General's} {New} {Book}},
  journaltitle = {Toutiao},
  entrysubtype = {newspaper},
  date         = {2025-09-30?},
  year         = {2025},
  url          = {https://www.toutiao.com/article/1/},
  langid       = {en},
  note         = {Secondary source. Reports from: My Tenure: Leadership of NATO During War. Archived copy: https://web.archive.org/web/2025/https://www.toutiao.com/article/1/.}
}

@book{memoir,
  author = {Stoltenberg, Jens},
  title  = {{My} {Tenure:} {Leadership} of {NATO} {During} {War}},
  note   = {Primary source.}
}
`
	archived := "https://web.archive.org/web/2025/https://www.toutiao.com/article/1/"
	for _, tt := range []struct {
		name, src string
		issued    string
	}{{"x.json", csl, "2025-09-30~"}, {"x.bib", bib, "2025-09-30?"}} {
		t.Run(tt.name, func(t *testing.T) {
			notes, diags := bibliography.Parse(tt.name, []byte(tt.src))
			if len(diags) > 0 || len(notes) != 2 {
				t.Fatalf("%d notes, diagnostics %v", len(notes), diags)
			}
			want := fields{Type: "article-newspaper", Title: "Former NATO Secretary General's New Book", Container: "Toutiao",
				Issued: tt.issued, URL: "https://www.toutiao.com/article/1/", Language: "en", Archived: archived,
				Origin: "secondary", Via: []string{"memoir"}}
			if got := fieldsOf(notes[0]); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if got := notes[1].Source.Origin; got != "primary" {
				t.Errorf("memoir origin %q, want primary", got)
			}
			if notes[0].Text != "" || notes[1].Text != "" {
				t.Errorf("provenance left in the text: %q, %q", notes[0].Text, notes[1].Text)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, path, src string
		ids             []string // the entries still returned
		want            []string // "line:col: message part", in order
	}{
		{"BibMissingKey", "r.bib", "@book{a, title = {A}}\n@book{, title = {B}}\n@book{c, title = {C}}",
			[]string{"a", "c"}, []string{"2:1: entry has no citation key"}},
		{"BibDuplicateKey", "r.bib", "@book{a, title = {A}}\n\n@book{a, title = {B}}",
			[]string{"a"}, []string{`3:1: citation key "a" is already used by the entry on line 1`}},
		{"BibNoTitle", "r.bib", "@book{a, title = {A}}\n@book{b,\n  author = {X, Y}}",
			[]string{"a", "b"}, []string{`2:1: warning: entry "b" has no title: it is shown as "b"; give it a title`}},
		{"BibNoTitleInJournal", "r.bib", "@article{b,\n  journal = {J}}",
			[]string{"b"}, []string{`1:1: warning: entry "b" has no title: it is shown as "J"`}},
		{"BibEmptyTitle", "r.bib", "@book{b, title = {{}}}", []string{"b"}, []string{`1:1: warning: entry "b" has no title`}},
		{"BibInvalidDate", "r.bib", "@book{a,\n  title = {A},\n  date = {2018-13-01}}\n@book{b, title = {B}}",
			[]string{"a", "b"}, []string{`3:1: warning: date "2018-13-01" is not a date annals can read (invalid EDTF date "2018-13-01": month 13 is out of range (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-07-12; seasons are 21 to 24)): read as the year 2018; write it as EDTF`}},
		{"BibInvalidYear", "r.bib", "@book{a,\n  title = {A},\n  year = {MMXVIII}}",
			[]string{"a"}, []string{`3:1: warning: year "MMXVIII" is not a date annals can read`}},
		{"BibInvalidURLDate", "r.bib", "@online{a, title = {A},\n urldate = {yesterday}}",
			[]string{"a"}, []string{`2:1: warning: urldate "yesterday" is not a date annals can read`}},
		{"BibScriptURL", "r.bib", "@online{a,\n  title = {A},\n  url = {javascript:alert(1)}}",
			[]string{"a"}, []string{`3:1: warning: url "javascript:alert(1)" is not a web address, so it is left out: use a full http:// or https:// URL`}},
		{"BibArchivedNotWeb", "r.bib", "@online{a,\n  title = {A},\n  archived = {file:///etc/passwd}}",
			[]string{"a"}, []string{`3:1: warning: archived "file:///etc/passwd" is not a web address`}},
		{"BibOrigin", "r.bib", "@book{a, title = {A},\n  origin = {tertiary}}",
			[]string{"a"}, []string{`2:1: warning: origin must be primary or secondary, not "tertiary"`}},
		{"BibDraft", "r.bib", "@book{a, title = {A},\n  draft = {maybe}}",
			nil, []string{`2:1: draft must be true or false, not "maybe"`}},
		{"CSLDraft", "r.json", "[{\"id\": \"a\", \"title\": \"A\",\n  \"note\": \"draft: perhaps\"}]",
			nil, []string{`2:1: note "draft:" must be true or false, not "perhaps"`}},
		{"BibDuplicateField", "r.bib", "@book{a, title = {A},\n  title = {B}}",
			[]string{"a"}, []string{`2:1: warning: field "title" of "a" appears twice (first on line 1): the first is used`}},
		{"BibUnclosedEntry", "r.bib", "@book{a, title = {A}}\n@book{b, title = {B}\n\n@book{c, title = {C}}",
			[]string{"a", "c"}, []string{`2:1: invalid BibTeX: entry "b" is not closed: add a } after its last field`}},
		{"BibNotClosedAtEnd", "r.bib", "@book{a, title = {A}\n\n", nil, []string{`1:1: invalid BibTeX: entry "a" is not closed`}},
		{"BibFieldAfterMissingComma", "r.bib", "@book{a, title = {A}\n  year = 2018}", nil,
			[]string{`2:3: invalid BibTeX: expected , or } after the key or a field of "a"`}},
		{"BibUnbalancedBraces", "r.bib", "@book{a, title = {A {B}\n@book{b, title = {B}}",
			[]string{"b"}, []string{`1:18: invalid BibTeX: unbalanced braces`}},
		{"BibCommentLine", "r.bib", "% mail to x@y.org\n@book{a, title = {A}}", []string{"a"}, nil},
		{"BibUnknownMacro", "r.bib", "@book{a,\n  title = {A},\n  publisher = pengiun}\n@book{b, title = {B}}",
			[]string{"a", "b"}, []string{`3:15: warning: unknown @string "pengiun", read as empty`}},
		{"BibUnknownCrossref", "r.bib", "@inbook{a,\n  title = {A},\n  crossref = {lost}}",
			[]string{"a"}, []string{`3:1: warning: crossref "lost" names no entry of this file`}},
		{"BibNoEquals", "r.bib", "@book{a, title {A}}", nil, []string{`1:16: invalid BibTeX: expected = after field "title" of "a"`}},
		{"BibAtWithoutType", "r.bib", "email me @ home\n@book{a, title = {A}}", []string{"a"},
			[]string{`1:10: invalid BibTeX: "@" must be followed by an entry type`}},
		{"BibTypeWithoutBrace", "r.bib", "x@y.org\n@book{a, title = {A}}", []string{"a"},
			[]string{`1:2: invalid BibTeX: @y.org must be followed by { or (`}},
		{"CSLMissingID", "r.json", "[\n  {\"title\": \"A\"},\n  {\"id\": \"b\", \"title\": \"B\"}\n]",
			[]string{"b"}, []string{"2:3: entry has no citation key"}},
		{"CSLDuplicateID", "r.json", "[\n{\"id\": \"a\", \"title\": \"A\"},\n{\"id\": \"a\", \"title\": \"B\"}]",
			[]string{"a"}, []string{`3:1: citation key "a" is already used by the entry on line 2`}},
		{"CSLNoTitle", "r.json", `[{"id": "a", "title": "A"}, {"id": "b"}]`,
			[]string{"a", "b"}, []string{`1:29: warning: entry "b" has no title: it is shown as "b"`}},
		{"CSLInvalidDate", "r.json", "[\n  {\"id\": \"a\", \"title\": \"A\", \"issued\": {\"date-parts\": [[2018, 2, 30]]}}\n]",
			[]string{"a"}, []string{`2:3: warning: issued "2018-02-30" is not a date annals can read (invalid EDTF date "2018-02-30": day 30 is out of range`}},
		{"CSLDatePartsNotNumbers", "r.json", `[{"id": "a", "title": "A", "issued": {"date-parts": [["spring"]]}}]`,
			[]string{"a"}, []string{`1:2: warning: issued: date-parts must be numbers, not "spring": the entry has no issued date`}},
		{"CSLDatePartsLiteral", "r.json", `[{"id": "a", "title": "A", "issued": {"date-parts": [["spring"]], "literal": "1916"}}]`,
			[]string{"a"}, []string{`1:2: warning: issued: date-parts must be numbers, not "spring": its text "1916" is read instead`}},
		{"CSLLiteralDate", "r.json", `[{"id": "a", "title": "A", "issued": {"literal": "Easter 1916"}}]`,
			[]string{"a"}, []string{`1:2: warning: issued "Easter 1916" is not a date annals can read (invalid EDTF date "Easter 1916"`}},
		{"CSLScriptURL", "r.json", `[{"id": "a", "title": "A", "URL": "javascript:alert(1)"}]`,
			[]string{"a"}, []string{`1:2: warning: URL "javascript:alert(1)" is not a web address`}},
		{"CSLArchivedNotWeb", "r.json", `[{"id": "a", "title": "A", "custom": {"archived": "data:text/html,x"}}]`,
			[]string{"a"}, []string{`1:2: warning: custom.archived "data:text/html,x" is not a web address`}},
		{"CSLAuthorNotNames", "r.json", `[{"id": "a", "title": "A", "author": "Jens"}]`,
			[]string{"a"}, []string{`1:2: warning: author must be a list of names`}},
		{"CSLTitleNotText", "r.json", `[{"id": "a", "title": ["A"]}]`,
			[]string{"a"}, []string{`1:2: warning: title must be text, not ["A"]: it is left out`}},
		{"CSLFieldLines", "r.json", "[\n  {\n    \"id\": \"a\",\n    \"title\": \"A\",\n    \"URL\": \"ftp://x\",\n    \"issued\": {\"date-parts\": [[2018, 17]]},\n    \"author\": [\"Jens\"]\n  }\n]",
			[]string{"a"}, []string{`7:1: warning: author must be a list of names`, `6:1: warning: issued "2018-17" is not a date annals can read`, `5:1: warning: URL "ftp://x" is not a web address`}},
		{"CSLCustomDate", "r.json", "[{\"id\": \"a\", \"title\": \"A\",\n  \"custom\": {\"issued\": \"2025??\"}}]",
			[]string{"a"}, []string{`2:1: warning: custom.issued "2025??" is not a date annals can read`}},
		{"CSLItemNotObject", "r.json", "[\n  {\"id\": \"a\", \"title\": \"A\"},\n  \"b\"\n]",
			[]string{"a"}, []string{`3:3: each item of a CSL-JSON bibliography must be an object`}},
		{"JSONSyntax", "r.json", "[\n  {\"id\": \"a\",\n   \"title\": \"A\"\n   \"type\": \"book\"}\n]",
			nil, []string{`4:4: invalid CSL-JSON: invalid character '"' after object key:value pair`}},
		{"JSONSyntaxAfterEntries", "r.json", "[\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": b}\n]",
			nil, []string{`3:10: invalid CSL-JSON: invalid character 'b' looking for beginning of value`}},
		{"JSONTruncated", "r.json", "[\n  {\"id\": \"a\", \"title\": \"A\"},\n  {\"id\": \"b\"",
			nil, []string{`3:13: invalid CSL-JSON: unexpected end of file`}},
		{"JSONNotArray", "r.json", "\n{\"id\": \"a\"}", nil, []string{`2:1: a CSL-JSON bibliography must be an array`}},
		{"JSONTrailing", "r.json", "[]\n]", nil, []string{`2:1: invalid CSL-JSON: invalid character ']' after top-level value`}},
		{"NUL", "r.bib", "@book{a,\n title = {A\x00}}", nil, []string{`2:12: file contains a NUL byte`}},
		{"NotUTF8", "r.json", "[\"\xff\"]", nil, []string{`1:3: invalid UTF-8 (byte 0xff)`}},
		{"TooBig", "r.bib", strings.Repeat(" ", note.MaxSize+1), nil, []string{`1:1: bibliography is 4194305 bytes, over the limit`}},
		{"UnknownExtension", "r.ris", "TY  - BOOK", nil, []string{`1:1: unknown kind of bibliography ".ris"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes, diags := bibliography.Parse(tt.path, []byte(tt.src))
			var ids []string
			for _, n := range notes {
				ids = append(ids, n.ID)
			}
			if !reflect.DeepEqual(ids, tt.ids) {
				t.Errorf("entries %q, want %q", ids, tt.ids)
			}
			for _, n := range notes {
				diags = append(diags, n.Warnings...)
			}
			if len(diags) != len(tt.want) {
				t.Fatalf("diagnostics:\n%v\nwant %q", diags, tt.want)
			}
			for i, d := range diags {
				line, msg, _ := strings.Cut(tt.want[i], ": ")
				if !strings.HasPrefix(msg, "warning: ") {
					msg = "error: " + msg
				}
				prefix := tt.path + ":" + line + ": " + msg
				if !strings.HasPrefix(d.Error(), prefix) {
					t.Errorf("diagnostic\n%s\nwant it to start with\n%s", d.Error(), prefix)
				}
			}
		})
	}
}

// TestWarnings checks that a "Reports from:" title naming no entry of the
// file is a warning on the note, which is still returned.
func TestWarnings(t *testing.T) {
	notes, diags := bibliography.Parse("r.bib", []byte("@book{a,\n  title = {A},\n  note = {Secondary source. Reports from: Lost Book.}}"))
	if len(diags) > 0 || len(notes) != 1 {
		t.Fatalf("%d notes, diagnostics %v", len(notes), diags)
	}
	w := notes[0].Warnings
	if len(w) != 1 || w[0].Line != 3 || w[0].Severity != note.SeverityWarning || !strings.Contains(w[0].Message, `"Lost Book"`) {
		t.Errorf("warnings %v, want one on line 3 about \"Lost Book\"", w)
	}
	if notes[0].Source.Origin != "secondary" || len(notes[0].Source.Via) != 0 {
		t.Errorf("source %+v", notes[0].Source)
	}
}

// TestKeyWarnings checks that a key notes cannot cite as [@key], such as
// the item URI Zotero gives an item without a citation key, is a warning.
func TestKeyWarnings(t *testing.T) {
	for _, tt := range []struct {
		key  string
		warn bool
	}{
		{"stoltenberg-memoir", false}, {"Stoltenberg2025", false}, {"doi:10.1000/182", false},
		{"http://zotero.org/users/local/q8R3vTbN/items/7XKQ2M9P", true}, {"a b", true}, {"-a", true}, {"a.", true},
	} {
		n := parseOne(t, "r.json", `[{"id": "`+tt.key+`", "title": "T"}]`)
		if got := len(n.Warnings) == 1 && strings.Contains(n.Warnings[0].Message, "only be cited in braces"); got != tt.warn {
			t.Errorf("key %q: warnings %v, want a warning: %v", tt.key, n.Warnings, tt.warn)
		}
	}
}

// TestLines checks that the line of a BibTeX field or CSL-JSON variable is
// recorded under the source note key it fills, so later checks point at it.
func TestLines(t *testing.T) {
	n := parseOne(t, "r.bib", "\n@online{a,\n  title = {A},\n  author = {B, C},\n  date = {2018},\n  url = {https://a.example/},\n  urldate = {2019}\n}")
	want := map[string]int{"type": 2, "title": 3, "author": 4, "issued": 5, "URL": 6, "accessed": 7}
	if !reflect.DeepEqual(n.Lines, want) {
		t.Errorf("Lines = %v, want %v", n.Lines, want)
	}
	j := parseOne(t, "r.json", "[\n  {\n    \"id\": \"a\",\n    \"type\": \"book\",\n    \"title\": \"A\",\n    \"issued\": {\"date-parts\": [[2018]]},\n    \"note\": \"origin: primary\"\n  }\n]")
	if want := map[string]int{"type": 4, "title": 5, "issued": 6, "origin": 7}; !reflect.DeepEqual(j.Lines, want) {
		t.Errorf("CSL-JSON Lines = %v, want %v", j.Lines, want)
	}
	if got := n.ValuePos("issued", 0); got != (note.Pos{Line: 5, Col: 1}) {
		t.Errorf("ValuePos(issued) = %v", got)
	}
	if got := n.Source.Issued.Earliest(); got != (edtf.Day{Year: 2018, Month: 1, Day: 1}) {
		t.Errorf("issued %v", n.Source.Issued)
	}
}
