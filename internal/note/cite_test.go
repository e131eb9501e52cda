package note_test

import (
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

// item is the part of a Citation that the syntax decides.
type item struct {
	Number         int
	Key            string
	Locator        note.Locator
	Prefix, Suffix string
	SuppressAuthor bool
}

func items(cs []note.Citation) []item {
	var out []item
	for _, c := range cs {
		out = append(out, item{c.Number, c.Key, c.Locator, c.Prefix, c.Suffix, c.SuppressAuthor})
	}
	return out
}

func TestCitations(t *testing.T) {
	page := func(v string) note.Locator { return note.Locator{Label: "page", Value: v} }
	tests := []struct {
		name string
		body string
		want []item
	}{
		{"Key", "Trump spoke [@reuters].", []item{{Number: 1, Key: "reuters"}}},
		{"Page", "Quoted [@memoir, p. 212].", []item{{Number: 1, Key: "memoir", Locator: page("212")}}},
		{"PageRangeWithPrefixAndSuffix", "Quoted [see @a, pp. 3-5, emphasis added].",
			[]item{{Number: 1, Key: "a", Locator: page("3-5"), Prefix: "see", Suffix: "emphasis added"}}},
		{"BareNumberIsPage", "Quoted [@a, 33].", []item{{Number: 1, Key: "a", Locator: page("33")}}},
		{"TwoItemsOneCluster", "Both [@a; @b, para. 4].", []item{
			{Number: 1, Key: "a"},
			{Number: 1, Key: "b", Locator: note.Locator{Label: "paragraph", Value: "4"}},
		}},
		{"SuppressAuthor", "Stoltenberg writes [-@a].", []item{{Number: 1, Key: "a", SuppressAuthor: true}}},
		{"Chapter", "As told [@a, ch. 7].", []item{{Number: 1, Key: "a", Locator: note.Locator{Label: "chapter", Value: "7"}}}},
		{"SuffixOnly", "As told [@a, and elsewhere].", []item{{Number: 1, Key: "a", Suffix: "and elsewhere"}}},
		{"KeyWithInternalPunctuation", "As told [@nato:2018-07.decl].", []item{{Number: 1, Key: "nato:2018-07.decl"}}},
		{"BracedKey", "As told [@{odd key}, p. 1].", []item{{Number: 1, Key: "odd key", Locator: page("1")}}},
		{"NumberedInDocumentOrder", "One [@a]. Two [@b].\n\nThree [@c; @a].", []item{
			{Number: 1, Key: "a"}, {Number: 2, Key: "b"}, {Number: 3, Key: "c"}, {Number: 3, Key: "a"},
		}},
		{"InHeadingListAndQuote", "# Head [@a]\n\n- item [@b]\n\n> quote [@c]", []item{
			{Number: 1, Key: "a"}, {Number: 2, Key: "b"}, {Number: 3, Key: "c"},
		}},

		// Not citations.
		{"CodeSpan", "Write `[@x]` to cite.", nil},
		{"FencedCode", "```\n[@x]\n```", nil},
		{"IndentedCode", "    [@x]", nil},
		{"Escaped", `Write \[@x] to cite.`, nil},
		{"Link", "A [@x](http://example.com) link.", nil},
		{"ReferenceLink", "A [@x][ref] link.\n\n[ref]: http://example.com", nil},
		{"Email", "Write [mail me@example.com] to me.", nil},
		{"NoAt", "A [note] in brackets.", nil},
		{"EmptyKey", "A [@] and [@, p. 3].", nil},
		{"OneItemWithoutKey", "A [@a; b].", nil},
		{"AcrossLines", "A [see @a,\np. 3].", []item{{1, "a", page("3"), "see", "", false}}},
		{"AcrossTooManyLines", "A [@a,\n1\n2\n3\n4\n5\n6].", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseEvent(t, tt.body)
			if got := items(n.Citations); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("citations of %q:\n got  %+v\n want %+v", tt.body, got, tt.want)
			}
			h, err := note.RenderHTML(n.Body, nil)
			if err != nil {
				t.Fatal(err)
			}
			clusters := 0
			if len(tt.want) > 0 {
				clusters = tt.want[len(tt.want)-1].Number
			}
			if got := strings.Count(h, `<sup class="cite">`); got != clusters {
				t.Errorf("RenderHTML(%q) has %d footnote marks, want %d:\n%s", tt.body, got, clusters, h)
			}
		})
	}
}

func TestCitationNotParsedKeepsText(t *testing.T) {
	for _, tc := range []struct{ body, text string }{
		{"Write [mail me@example.com] to me.", "[mail me@example.com]"},
		{"A [note] in brackets.", "[note]"},
		{"Write `[@x]` to cite.", "[@x]"},
		{`Write \[@x] to cite.`, "[@x]"},
	} {
		n := mustParseEvent(t, tc.body)
		if !strings.Contains(n.Text, tc.text) {
			t.Errorf("Text of %q = %q, want it to keep %q", tc.body, n.Text, tc.text)
		}
	}
}

func TestCitationPosition(t *testing.T) {
	// eventFront is five lines: the body starts on file line 6.
	tests := []struct {
		name      string
		body      string
		line, col int
	}{
		{"FirstLine", "[@a] opens it.", 6, 1},
		{"MidLine", "Trump spoke [@a].", 6, 13},
		{"LaterLine", "First line.\nSecond line.\n\nThen [@a, p. 3].", 9, 6},
		{"InBlockquote", "> Quoted [@a].", 6, 10},
		{"InListItem", "- one\n- two [@a]", 7, 7},
		{"AfterMultibyte", "Støre said [@a].", 6, 13}, // columns count bytes, as Go's do
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseEvent(t, tt.body)
			if len(n.Citations) != 1 {
				t.Fatalf("got %d citations, want 1", len(n.Citations))
			}
			c := n.Citations[0]
			if c.Line != tt.line || c.Col != tt.col {
				t.Errorf("citation at %d:%d, want %d:%d", c.Line, c.Col, tt.line, tt.col)
			}
		})
	}

	t.Run("CRLFAndBOM", func(t *testing.T) {
		src := "\ufeff---\r\ntitle: T\r\ndate: 2018\r\n---\r\nLine one.\r\nTrump spoke [@a].\r\n"
		n, err := note.Parse("x.md", note.KindEvent, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if len(n.Citations) != 1 || n.Citations[0].Line != 6 || n.Citations[0].Col != 13 {
			t.Errorf("citations = %+v, want one at 6:13", n.Citations)
		}
	})
}

func TestCitationSentence(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string // Sentence of each citation
	}{
		{"BeforeFullStop", "Trump asked a question. Stoltenberg was worried [@a].", []string{"Stoltenberg was worried"}},
		{"AfterFullStop", "He left. [@a]", []string{"He left."}},
		{"AfterFullStopMidParagraph", "Trump asked. He left. [@a] Then more.", []string{"He left."}},
		{"QuestionMark", "Would Norway pay? Nobody knew [@a].", []string{"Nobody knew"}},
		{"OnlySentence", "Stoltenberg was worried [@a].", []string{"Stoltenberg was worried"}},
		{"SoftLineBreak", "Trump asked a question.\nStoltenberg was\nworried [@a].", []string{"Stoltenberg was worried"}},
		{"LinkLabelCounts", "Trump left. He went to [[2018-07-summit|the summit]] [@a].", []string{"He went to the summit"}},
		{"EmphasisCounts", "Trump left. He was *very* worried [@a].", []string{"He was very worried"}},
		{"NewParagraphStartsAfresh", "Trump left.\n\nStoltenberg stayed [@a].", []string{"Stoltenberg stayed"}},
		{"TwoCitations", "Trump asked [@a]. Stoltenberg answered [@b].", []string{"Trump asked", "Stoltenberg answered"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseEvent(t, tt.body)
			var got []string
			for _, c := range n.Citations {
				got = append(got, c.Sentence)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences of %q = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}

func TestLocatorString(t *testing.T) {
	for _, tc := range []struct {
		loc  note.Locator
		want string
	}{
		{note.Locator{}, ""},
		{note.Locator{Label: "page", Value: "212"}, "p. 212"},
		{note.Locator{Label: "page", Value: "3-5"}, "pp. 3-5"},
		{note.Locator{Label: "paragraph", Value: "4"}, "para. 4"},
		{note.Locator{Label: "chapter", Value: "2–3"}, "chaps. 2–3"},
		{note.Locator{Label: "unknown", Value: "x"}, "x"},
	} {
		if got := tc.loc.String(); got != tc.want {
			t.Errorf("%+v.String() = %q, want %q", tc.loc, got, tc.want)
		}
	}
}
