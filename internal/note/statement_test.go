package note_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/note"
)

// stmt is what a test asserts of a statement: its text, where it starts,
// the footnotes backing it with their quotations, and the link ending it.
type stmt struct {
	Text      string
	Line, Col int
	Backing   map[int][]string
	EndLink   string
}

func statements(n *note.Note) []stmt {
	var out []stmt
	for _, s := range note.Statements(n) {
		st := stmt{Text: s.Text, Line: s.Line, Col: s.Col, EndLink: s.EndLink}
		for _, b := range s.Backing {
			if st.Backing == nil {
				st.Backing = map[int][]string{}
			}
			var qs []string
			for _, q := range b.Quotes {
				qs = append(qs, q.Text)
			}
			st.Backing[b.Number] = qs
		}
		out = append(out, st)
	}
	return out
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []stmt
	}{
		{"CitationAfterFullStop", "One thing. [@a] Another.", []stmt{
			{Text: "One thing.", Line: 6, Col: 1, Backing: map[int][]string{1: nil}},
			{Text: "Another.", Line: 6, Col: 17},
		}},
		{"CitationBeforeFullStop", "One thing [@a]. Another [@b].", []stmt{
			{Text: "One thing .", Line: 6, Col: 1, Backing: map[int][]string{1: nil}},
			{Text: "Another .", Line: 6, Col: 17, Backing: map[int][]string{2: nil}},
		}},
		{"AcrossLines", "He left.\nShe stayed on\nfor a year. [@a]", []stmt{
			{Text: "He left.", Line: 6, Col: 1},
			{Text: "She stayed on for a year.", Line: 7, Col: 1, Backing: map[int][]string{1: nil}},
		}},
		{"Abbreviations", "The U.S. President spoke, e.g. about spending. Then he left.", []stmt{
			{Text: "The U.S. President spoke, e.g. about spending.", Line: 6, Col: 1},
			{Text: "Then he left.", Line: 6, Col: 48},
		}},
		{"NoSplitInsideQuotation", `She said "it was over. We lost the vote" and left. [@a]`, []stmt{
			{Text: `She said "it was over. We lost the vote" and left.`, Line: 6, Col: 1,
				Backing: map[int][]string{1: {"it was over. We lost the vote"}}},
		}},
		{"QuestionInsideQuotation", `Trump asked: "If Norway doesn't pay, can they adopt the Swedish model?" [@a, para. 4] It worried him.`, []stmt{
			{Text: `Trump asked: "If Norway doesn't pay, can they adopt the Swedish model?"`, Line: 6, Col: 1,
				Backing: map[int][]string{1: {"If Norway doesn't pay, can they adopt the Swedish model?"}}},
			{Text: "It worried him.", Line: 6, Col: 87},
		}},
		{"QuotesBelongToTheirCluster", `X said “one two three” [@a], and Y said "four five six" [@b].`, []stmt{
			{Text: `X said “one two three” , and Y said "four five six" .`, Line: 6, Col: 1,
				Backing: map[int][]string{1: {"one two three"}, 2: {"four five six"}}},
		}},
		{"QuotesAfterTheLastCitation", `According to [@a], he said "we will leave" and "we will stay". Then [@b] "one two three" [@c] "four five six".`, []stmt{
			{Text: `According to , he said "we will leave" and "we will stay".`, Line: 6, Col: 1,
				Backing: map[int][]string{1: {"we will leave", "we will stay"}}},
			{Text: `Then  "one two three"  "four five six".`, Line: 6, Col: 64,
				Backing: map[int][]string{2: nil, 3: {"one two three", "four five six"}}},
		}},
		{"ShortQuotesAndTranslations", `He called it "unfair" and said "Wir schaffen das" ("We can do this"). [@a]`, []stmt{
			{Text: `He called it "unfair" and said "Wir schaffen das" ("We can do this").`, Line: 6, Col: 1,
				Backing: map[int][]string{1: {"Wir schaffen das"}}},
		}},
		{"EndsInLink", "See [[other-event|the summit]]. It ended. [@a]", []stmt{
			{Text: "See the summit.", Line: 6, Col: 1, EndLink: "other-event"},
			{Text: "It ended.", Line: 6, Col: 33, Backing: map[int][]string{1: nil}},
		}},
		{"NoEndInCodeOrBeforeBrackets", "The date is `2024-11?` (uncertain). So? (No.) [@a]", []stmt{
			{Text: "The date is 2024-11? (uncertain).", Line: 6, Col: 1},
			{Text: "So? (No.)", Line: 6, Col: 37, Backing: map[int][]string{1: nil}},
		}},
		{"HeadingsAndCodeHoldNone", "## A heading [@a]\n\n```\nNot. A sentence.\n```\n\n- An item: [@b]", []stmt{
			{Text: "An item:", Line: 12, Col: 3, Backing: map[int][]string{2: nil}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statements(mustParseEvent(t, tt.body))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("statements of %q:\n got  %+v\n want %+v", tt.body, got, tt.want)
			}
		})
	}
}

func TestQuotePosition(t *testing.T) {
	n := mustParseEvent(t, "Intro.\n\nHe wrote that NATO\n\"was not the same\" after that. [@a]")
	qs := note.QuotesByFootnote(n)[1]
	if len(qs) != 1 || qs[0].Text != "was not the same" || qs[0].Line != 9 || qs[0].Col != 2 {
		t.Errorf("quotes = %+v, want \"was not the same\" at 9:2", qs)
	}
}

// TestPathologicalStatements splits bodies built to make a sentence
// splitter slow; each must be read in bounded time.
func TestPathologicalStatements(t *testing.T) {
	const n = 40000
	for _, tc := range []struct{ name, body string }{
		{"InitialsInARow", strings.Repeat("a.", n)},
		{"SentencesOfInitials", strings.Repeat("A. ", n)},
		{"CitedSentences", strings.Repeat("Claim [@a]).\n", 10000)},
		{"QuotationsInARow", strings.Repeat(`"a b c" [@a] `, 10000)},
		{"UnclosedQuotations", strings.Repeat(`"a b. C `, n)},
		{"CodeSpans", strings.Repeat("`x.` Y ", n)},
		{"Links", strings.Repeat("[[x]]. Y ", n)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			nt, err := note.Parse("content/events/x.md", note.KindEvent, []byte(eventFront+tc.body))
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			note.Statements(nt)
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}
