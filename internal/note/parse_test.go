package note_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

func TestParseEventNote(t *testing.T) {
	n, err := note.Parse("content/events/2018-07-brussels-summit.md", note.KindEvent, readTestdata(t, "2018-07-brussels-summit.md"))
	if err != nil {
		t.Fatal(err)
	}
	e := n.Event
	if n.ID != "2018-07-brussels-summit" || n.Kind != note.KindEvent || e == nil || n.Source != nil || n.Actor != nil {
		t.Fatalf("ID %q, Kind %q, Event %v, Source %v, Actor %v", n.ID, n.Kind, e, n.Source, n.Actor)
	}
	if n.Title != "Trump presses allies at the Brussels summit" {
		t.Errorf("Title = %q", n.Title)
	}
	if got := e.Date.String(); got != "2018-07-11/2018-07-12" {
		t.Errorf("Date = %q", got)
	}
	if want := []string{"defence-spending", "summits", "2%-guideline"}; !reflect.DeepEqual(e.Tags, want) {
		t.Errorf("Tags = %q, want %q", e.Tags, want)
	}
	if want := []string{"donald-trump", "jens-stoltenberg", "Angela Merkel"}; !reflect.DeepEqual(e.Actors, want) {
		t.Errorf("Actors = %q, want %q", e.Actors, want)
	}
	if e.Status != note.StatusReported || e.Place != "Brussels" || len(e.Sources) != 2 || len(e.Related) != 2 || e.Summary == "" {
		t.Errorf("Event = %+v", e)
	}
	if n.BodyLine != 12 || n.Lines["title"] != 2 || n.Lines["summary"] != 10 {
		t.Errorf("BodyLine %d, Lines %v", n.BodyLine, n.Lines)
	}
	for _, c := range []struct {
		key  string
		i    int
		want note.Pos
	}{
		{"actors", 2, note.Pos{Line: 5, Col: 42}},
		{"related", 1, note.Pos{Line: 9, Col: 37}},
		{"place", 0, note.Pos{Line: 4, Col: 8}},
		{"related", 7, note.Pos{Line: 9, Col: 1}}, // no such item: the key's line
		{"claimed_by", 0, note.Pos{Line: 1, Col: 1}},
	} {
		if got := n.ValuePos(c.key, c.i); got != c.want {
			t.Errorf("ValuePos(%q, %d) = %v, want %v", c.key, c.i, got, c.want)
		}
	}
	if len(n.Warnings) != 0 {
		t.Errorf("Warnings = %v", n.Warnings)
	}
	if len(n.Citations) != 5 || len(n.Links) != 2 {
		t.Errorf("%d citations, %d links; want 5 and 2", len(n.Citations), len(n.Links))
	}
}

func TestParseSourceNote(t *testing.T) {
	n, err := note.Parse("content/sources/stoltenberg-memoir.md", note.KindSource, readTestdata(t, "stoltenberg-memoir.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := n.Source
	want := note.Source{
		Type: "book", Authors: []note.Name{{Family: "Stoltenberg", Given: "Jens"}}, Publisher: "Gyldendal",
		URL: "https://www.gyldendal.no/", Language: "en", Origin: "primary",
	}
	if s.Type != want.Type || !reflect.DeepEqual(s.Authors, want.Authors) || s.Publisher != want.Publisher ||
		s.URL != want.URL || s.Language != want.Language || s.Origin != want.Origin {
		t.Errorf("Source = %+v, want %+v", s, want)
	}
	if s.Issued.String() != "2025-09" || s.Accessed.String() != "2025-10-01" {
		t.Errorf("Issued %q, Accessed %q", s.Issued.String(), s.Accessed.String())
	}
	if n.ID != "stoltenberg-memoir" || n.Title != "On My Watch: Leading NATO in a Time of War" {
		t.Errorf("ID %q, Title %q", n.ID, n.Title)
	}
}

func TestParseActorNote(t *testing.T) {
	src := "---\ntitle: Jens Stoltenberg\ntype: Person\naliases: [Stoltenberg, Jens]\n---\nNorwegian politician.\n"
	n, err := note.Parse("content/actors/jens-stoltenberg.md", note.KindActor, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if n.Actor.Type != "person" || !reflect.DeepEqual(n.Actor.Aliases, []string{"Stoltenberg", "Jens"}) {
		t.Errorf("Actor = %+v", n.Actor)
	}
}

func TestParsePlaceNote(t *testing.T) {
	src := "---\ntitle: Newport\ncoordinates: [51.5842, -2.9977]\ncountry: GB-WLS\naliases: [Casnewydd]\n---\nA city in Wales.\n"
	n, err := note.Parse("content/places/newport.md", note.KindPlace, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := &note.Place{Located: true, Lat: 51.5842, Lon: -2.9977, Country: "GB-WLS", Aliases: []string{"Casnewydd"}}
	if !reflect.DeepEqual(n.Place, want) {
		t.Errorf("Place = %+v, want %+v", n.Place, want)
	}
	n, err = note.Parse("content/places/somewhere.md", note.KindPlace, []byte("---\ntitle: Somewhere\n---\n"))
	if err != nil || n.Place.Located {
		t.Errorf("a place without coordinates: %+v, %v", n.Place, err)
	}
}

// TestParseValues covers YAML scalars that YAML would turn into other types.
func TestParseValues(t *testing.T) {
	tests := []struct {
		name  string
		front string // event front matter lines, after title
		check func(t *testing.T, n *note.Note)
	}{
		{"DateYearIsYAMLInt", "date: 2035", wantDate("2035")},
		{"DateIsYAMLTimestamp", "date: 2018-07-12", wantDate("2018-07-12")},
		{"DateMonth", "date: 2018-07", wantDate("2018-07")},
		{"DateInterval", "date: 2018-07-11/2018-07-12", wantDate("2018-07-11/2018-07-12")},
		{"DateOpenEnd", "date: 2025/..", wantDate("2025/..")},
		{"DateApproximate", "date: 2018-07~", wantDate("2018-07~")},
		{"DateUncertainQuoted", "date: '2018?'", wantDate("2018?")},
		{"DateUnspecified", "date: 201X", wantDate("201X")},
		{"TagsScalar", "date: 2018\ntags: Defence Spending", wantTags("defence-spending")},
		{"TagsDeduplicated", "date: 2018\ntags: [A, a]", wantTags("a")},
		{"TagsNormalised", "date: 2018\ntags: [\"  NATO  Summit \", nato-summit, Norway]", wantTags("nato-summit", "norway")},
		{"DraftTrue", "date: 2018\ndraft: true", func(t *testing.T, n *note.Note) {
			if !n.Draft {
				t.Error("Draft = false, want true")
			}
		}},
		{"DraftDefault", "date: 2018", func(t *testing.T, n *note.Note) {
			if n.Draft {
				t.Error("Draft = true, want false")
			}
		}},
		{"StatusDefault", "date: 2018", func(t *testing.T, n *note.Note) {
			if n.Event.Status != note.StatusReported {
				t.Errorf("Status = %q, want reported", n.Event.Status)
			}
		}},
		{"StatusCaseInsensitive", "date: 2018\nstatus: Claimed\nclaimed_by: jens-stoltenberg", func(t *testing.T, n *note.Note) {
			if n.Event.Status != note.StatusClaimed || n.Event.ClaimedBy != "jens-stoltenberg" {
				t.Errorf("Status %q, ClaimedBy %q", n.Event.Status, n.Event.ClaimedBy)
			}
		}},
		{"NullValues", "date: 2018\nplace:\ntags: ~", func(t *testing.T, n *note.Note) {
			if n.Event.Place != "" || n.Event.Tags != nil {
				t.Errorf("Place %q, Tags %q", n.Event.Place, n.Event.Tags)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: T\n" + tt.front + "\n---\nBody.\n"
			n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(src))
			if err != nil {
				t.Fatalf("Parse(%q): %v", src, err)
			}
			tt.check(t, n)
		})
	}
}

func wantDate(want string) func(*testing.T, *note.Note) {
	return func(t *testing.T, n *note.Note) {
		t.Helper()
		if got := n.Event.Date.String(); got != want {
			t.Errorf("Date = %q, want %q", got, want)
		}
	}
}

func wantTags(want ...string) func(*testing.T, *note.Note) {
	return func(t *testing.T, n *note.Note) {
		t.Helper()
		if !reflect.DeepEqual(n.Event.Tags, want) {
			t.Errorf("Tags = %q, want %q", n.Event.Tags, want)
		}
	}
}

func TestParseAuthors(t *testing.T) {
	src := "---\ntitle: S\nauthor: [\"Stoltenberg, Jens\", \"Reuters\"]\n---\n"
	n, err := note.Parse("content/sources/s.md", note.KindSource, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []note.Name{{Family: "Stoltenberg", Given: "Jens"}, {Literal: "Reuters"}}
	if !reflect.DeepEqual(n.Source.Authors, want) {
		t.Errorf("Authors = %+v, want %+v", n.Source.Authors, want)
	}
	if n.Source.Type != "document" {
		t.Errorf("Type = %q, want the default document", n.Source.Type)
	}
}

func TestParseName(t *testing.T) {
	for _, tc := range []struct {
		in     string
		want   note.Name
		string string
	}{
		{"Stoltenberg, Jens", note.Name{Family: "Stoltenberg", Given: "Jens"}, "Jens Stoltenberg"},
		{"  Rutte ,  Mark ", note.Name{Family: "Rutte", Given: "Mark"}, "Mark Rutte"},
		{"Reuters", note.Name{Literal: "Reuters"}, "Reuters"},
		{"NATO,", note.Name{Literal: "NATO"}, "NATO"},
	} {
		got := note.ParseName(tc.in)
		if got != tc.want || got.String() != tc.string {
			t.Errorf("ParseName(%q) = %+v (%q), want %+v (%q)", tc.in, got, got.String(), tc.want, tc.string)
		}
	}
}

// diag is what a test expects of one diagnostic.
type diag struct {
	line  int
	words []string // must all appear in the message
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		kind note.Kind
		src  string
		want []diag
	}{
		{"NoFrontMatter", note.KindEvent, "title: T\ndate: 2018\n", []diag{{1, []string{"must start with front matter", "---"}}}},
		{"Empty", note.KindEvent, "", []diag{{1, []string{"front matter"}}}},
		{"Unclosed", note.KindEvent, "---\ntitle: T\ndate: 2018\n\nBody.\n", []diag{{1, []string{"not closed", "---"}}}},
		{"BrokenYAMLFlowSequence", note.KindEvent, "---\ndate: 2018\ntitle: [unclosed\nplace: Brussels\n---\n",
			[]diag{{3, []string{"invalid YAML", "']'"}}}},
		{"BrokenYAMLFlowMap", note.KindEvent, "---\ndate: 2018\nplace: x\ntitle: {unclosed\n---\n",
			[]diag{{4, []string{"invalid YAML", "'}'"}}}},
		{"BrokenYAMLQuote", note.KindEvent, "---\ndate: 2018\ntitle: \"unclosed\n---\n",
			[]diag{{3, []string{"invalid YAML"}}}},
		{"BrokenYAMLIndent", note.KindEvent, "---\ndate: 2018\ntitle: T\n  place: x\n---\n",
			[]diag{{4, []string{"invalid YAML"}}}},
		{"BrokenYAMLListInMap", note.KindEvent, "---\ndate: 2018\n- x\n---\n",
			[]diag{{3, []string{"invalid YAML"}}}},
		{"NotAMapping", note.KindEvent, "---\n- a\n- b\n---\n", []diag{{2, []string{"key: value"}}}},
		{"MissingTitle", note.KindEvent, "---\ndate: 2018\n---\n", []diag{{1, []string{"missing title"}}}},
		{"MissingDate", note.KindEvent, "---\ntitle: T\n---\n", []diag{{1, []string{"missing date", "EDTF"}}}},
		{"InvalidDate", note.KindEvent, "---\ntitle: T\nplace: x\ndate: 2018-13-45\n---\n", []diag{{4, []string{"2018-13-45"}}}},
		{"DateList", note.KindEvent, "---\ntitle: T\ndate: [2018]\n---\n", []diag{{3, []string{"date", "single value"}}, {1, []string{"missing date"}}}},
		{"UnknownStatus", note.KindEvent, "---\ntitle: T\ndate: 2018\nstatus: rumour\n---\n", []diag{{4, []string{"unknown status", "rumour", "confirmed"}}}},
		{"BadDraft", note.KindEvent, "---\ntitle: T\ndate: 2018\ndraft: maybe\n---\n", []diag{{4, []string{"draft", "true or false"}}}},
		{"TagsMap", note.KindEvent, "---\ntitle: T\ndate: 2018\ntags: {a: 1}\n---\n", []diag{{4, []string{"tags", "list"}}}},
		{"DuplicateKey", note.KindEvent, "---\ntitle: T\ndate: 2018\ntitle: U\n---\n", []diag{{4, []string{`"title"`, "twice"}}}},
		{"JavascriptURL", note.KindSource, "---\ntitle: S\nURL: javascript:alert(1)\n---\n", []diag{{3, []string{"URL", "not a web address", "https://"}}}},
		{"RelativeArchived", note.KindSource, "---\ntitle: S\narchived: /web/x\n---\n", []diag{{3, []string{"archived", "not a web address"}}}},
		{"BadIssued", note.KindSource, "---\ntitle: S\nissued: July 2018\n---\n", []diag{{3, []string{"July 2018"}}}},
		{"BadOrigin", note.KindSource, "---\ntitle: S\norigin: tertiary\n---\n", []diag{{3, []string{"origin", "primary or secondary"}}}},
		{"LatitudeOutOfRange", note.KindPlace, "---\ntitle: P\ncoordinates: [91, 4]\n---\n", []diag{{3, []string{"latitude 91", "between -90 and 90", "[latitude, longitude]"}}}},
		{"LongitudeOutOfRange", note.KindPlace, "---\ntitle: P\ncoordinates: [50.8, -180.5]\n---\n", []diag{{3, []string{"longitude -180.5", "between -180 and 180"}}}},
		{"SwappedLooking", note.KindPlace, "---\ntitle: P\ncoordinates: [151.2, -33.9]\n---\n", []diag{{3, []string{"latitude 151.2"}}}},
		{"CoordinatesNotNumbers", note.KindPlace, "---\ntitle: P\ncoordinates: [north, east]\n---\n", []diag{{3, []string{"not numbers"}}}},
		{"CoordinatesNaN", note.KindPlace, "---\ntitle: P\ncoordinates: [NaN, 4]\n---\n", []diag{{3, []string{"latitude NaN"}}}},
		{"ThreeCoordinates", note.KindPlace, "---\ntitle: P\ncoordinates: [1, 2, 3]\n---\n", []diag{{3, []string{"two numbers, not 3"}}}},
		{"BadCountry", note.KindPlace, "---\ntitle: P\ncountry: Belgium\n---\n", []diag{{3, []string{"ISO 3166", "Belgium"}}}},
		{"BadActorType", note.KindActor, "---\ntitle: A\ntype: robot\n---\n", []diag{{3, []string{"person, organisation or state"}}}},
		{"UnknownKind", note.Kind("memo"), "---\ntitle: A\n---\n", []diag{{1, []string{"unknown kind", "memo"}}}},
		{"SeveralErrors", note.KindEvent, "---\ndate: 2018-13-45\nstatus: rumour\ndraft: maybe\n---\n", []diag{
			{1, []string{"missing title"}},
			{4, []string{"draft"}},
			{2, []string{"2018-13-45"}},
			{3, []string{"rumour"}},
		}},
		{"InvalidUTF8", note.KindEvent, "---\ntitle: T\ndate: 2018\n---\nok \xff here\n", []diag{{5, []string{"UTF-8", "0xff"}}}},
		{"InvalidUTF8InFrontMatter", note.KindEvent, "---\ntitle: T\xc3\ndate: 2018\n---\n", []diag{{2, []string{"UTF-8"}}}},
		{"NUL", note.KindEvent, "---\ntitle: T\ndate: 2018\n---\nok \x00\n", []diag{{5, []string{"NUL", "binary"}}}},
		{"TooLarge", note.KindEvent, "---\ntitle: T\ndate: 2018\n---\n" + strings.Repeat("a", note.MaxSize), []diag{{1, []string{"over the limit", "split"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var n *note.Note
			var err error
			func() {
				defer func() {
					if r := recover(); r != nil {
						t.Fatalf("Parse panicked: %v", r)
					}
				}()
				n, err = note.Parse("content/x/bad.md", tt.kind, []byte(tt.src))
			}()
			if err == nil {
				t.Fatalf("Parse succeeded with %+v, want an error", n)
			}
			if n != nil {
				t.Errorf("Parse returned a note with its error")
			}
			ds := diagnostics(t, err)
			if len(ds) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(ds), len(tt.want), err)
			}
			for i, w := range tt.want {
				d := ds[i]
				if d.Line != w.line || d.Severity != note.SeverityError || d.Path != "content/x/bad.md" {
					t.Errorf("diagnostic %d = %s; want line %d, error, path content/x/bad.md", i, d.Error(), w.line)
				}
				for _, word := range w.words {
					if !strings.Contains(d.Message, word) {
						t.Errorf("diagnostic %d message %q does not mention %q", i, d.Message, word)
					}
				}
			}
			if !strings.HasPrefix(err.Error(), "content/x/bad.md:") {
				t.Errorf("Error() = %q, want it to start with the path", err.Error())
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	src := "---\ntitle: T\ndate: 2018\nsoruces: [a]\n---\n"
	n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(src))
	if err != nil {
		t.Fatalf("an unknown key must not be an error: %v", err)
	}
	if len(n.Warnings) != 1 {
		t.Fatalf("Warnings = %v, want one", n.Warnings)
	}
	w := n.Warnings[0]
	if w.Line != 4 || w.Severity != note.SeverityWarning || !strings.Contains(w.Message, `unknown key "soruces"`) ||
		!strings.Contains(w.Message, "sources") {
		t.Errorf("warning = %s", w.Error())
	}

	// A known key of another kind is unknown here.
	n, err = note.Parse("content/actors/x.md", note.KindActor, []byte("---\ntitle: A\ndate: 2018\n---\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Warnings) != 1 || n.Warnings[0].Line != 3 {
		t.Errorf("Warnings = %v, want one on line 3", n.Warnings)
	}
}

func TestParseLineEndings(t *testing.T) {
	tests := []struct{ name, src string }{
		{"LF", "---\ntitle: Summit\ndate: 2018-07-12\ntags: [a]\n---\nBody [@k].\n"},
		{"CRLF", "---\r\ntitle: Summit\r\ndate: 2018-07-12\r\ntags: [a]\r\n---\r\nBody [@k].\r\n"},
		{"BOM", "\ufeff---\ntitle: Summit\ndate: 2018-07-12\ntags: [a]\n---\nBody [@k].\n"},
		{"BOMAndCRLF", "\ufeff---\r\ntitle: Summit\r\ndate: 2018-07-12\r\ntags: [a]\r\n---\r\nBody [@k].\r\n"},
		{"TrailingSpaceOnFences", "--- \ntitle: Summit\ndate: 2018-07-12\ntags: [a]\n---\t\nBody [@k].\n"},
		{"DotsCloseFrontMatter", "---\ntitle: Summit\ndate: 2018-07-12\ntags: [a]\n...\nBody [@k].\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if n.Title != "Summit" || n.Event.Date.String() != "2018-07-12" || !reflect.DeepEqual(n.Event.Tags, []string{"a"}) {
				t.Errorf("Title %q, Date %q, Tags %q", n.Title, n.Event.Date.String(), n.Event.Tags)
			}
			if n.BodyLine != 6 || len(n.Citations) != 1 || n.Citations[0].Line != 6 || n.Text != "Body ." {
				t.Errorf("BodyLine %d, Citations %+v, Text %q", n.BodyLine, n.Citations, n.Text)
			}
		})
	}
}

func TestParseNoBody(t *testing.T) {
	n, err := note.Parse("content/events/x.md", note.KindEvent, []byte("---\ntitle: T\ndate: 2018\n---"))
	if err != nil {
		t.Fatal(err)
	}
	if n.Body != "" || n.Text != "" || n.Citations != nil {
		t.Errorf("Body %q, Text %q, Citations %v", n.Body, n.Text, n.Citations)
	}
}

func TestDiagnosticsError(t *testing.T) {
	ds := note.Diagnostics{
		{Path: "a.md", Line: 3, Col: 7, Severity: note.SeverityError, Message: "bad date"},
		{Path: "a.md", Severity: note.SeverityWarning, Message: "odd key"},
	}
	want := "a.md:3:7: error: bad date\na.md:1:1: warning: odd key"
	if got := ds.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	var err error = ds
	var back note.Diagnostics
	if !errors.As(err, &back) || len(back) != 2 {
		t.Error("errors.As does not recover the Diagnostics")
	}
}

func TestKinds(t *testing.T) {
	for _, k := range note.Kinds {
		got, ok := note.KindOfFolder(k.Folder)
		if !ok || got != k.Kind || k.Kind.Folder() != k.Folder {
			t.Errorf("kind %q / folder %q do not round-trip", k.Kind, k.Folder)
		}
	}
	if _, ok := note.KindOfFolder("drafts"); ok {
		t.Error(`KindOfFolder("drafts") = ok`)
	}
	if got := note.ID("content/events/2018-07-summit.md"); got != "2018-07-summit" {
		t.Errorf("ID = %q", got)
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		want     []string // words or phrases in Text
		wantNone []string
	}{
		{"ParagraphsSeparated", "Trump left.\n\nStoltenberg stayed.", []string{"left. Stoltenberg"}, []string{"left.Stoltenberg"}},
		{"HeadingAndList", "# Summit\n- one\n- two", []string{"Summit one two"}, nil},
		{"LinkLabels", "See [[2018-07-summit|the summit]], [[wales-pledge]] and [the text](https://nato.int/x).",
			[]string{"the summit", "wales-pledge", "the text"}, []string{"https://nato.int/x", "[["}},
		{"NoCitationKeys", "Trump spoke [@reuters2018, p. 4; see @memoir].", []string{"Trump spoke"}, []string{"reuters2018", "memoir", "@", "p. 4"}},
		// Text between inline tags is what a reader sees, as RenderHTML omits only the tags.
		{"NoRawHTML", "Before <script>alert(1)</script> <b>bold</b> after.\n\n<div class=\"x\">\nblock\n</div>",
			[]string{"Before", "bold after."}, []string{"<script", "script>", "<b>", "<div", "class", "block"}},
		{"Emphasis", "A *very* **big** `deal`.", []string{"A very big deal."}, []string{"*", "`"}},
		{"SoftBreak", "one\ntwo", []string{"one two"}, nil},
		{"CodeBlockKept", "Intro.\n\n```\nfmt.Println()\n```", []string{"Intro.", "fmt.Println()"}, nil},
		{"Blockquote", "> Stoltenberg was worried.\n\nAfter.", []string{"Stoltenberg was worried. After."}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseEvent(t, tt.body)
			for _, s := range tt.want {
				if !strings.Contains(n.Text, s) {
					t.Errorf("Text = %q, want it to contain %q", n.Text, s)
				}
			}
			for _, s := range tt.wantNone {
				if strings.Contains(n.Text, s) {
					t.Errorf("Text = %q, must not contain %q", n.Text, s)
				}
			}
		})
	}
}
