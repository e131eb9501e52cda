package note_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/note"
)

const storedText = "Former NATO Secretary General's New Book Reveals.\n\n" +
	"At that time, Trump directly asked, \u201cIf Norway doesn't pay, can they adopt the Swedish model?\u201d\u2014referring to Sweden.\n\n" +
	"\"I thought this might be the meeting that marked the end of NATO,\" Stoltenberg wrote,\n" +
	"\"it operated for 70 years, but it was not the same after July 12, 2018.\"\n\n\n" +
	"A combined 5% of GDP\u20143.5% for military spending.\n"

func mustText(t *testing.T) *note.SourceText {
	t.Helper()
	st, d := note.ParseSourceText("content/sources/toutiao.txt", []byte(storedText))
	if d != nil {
		t.Fatal(d)
	}
	return st
}

func TestParseSourceText(t *testing.T) {
	st := mustText(t)
	if st.ID != "toutiao" || len(st.Paragraphs) != 4 {
		t.Fatalf("id %q, %d paragraphs, want toutiao and 4: %q", st.ID, len(st.Paragraphs), st.Paragraphs)
	}
	if !strings.HasPrefix(st.Paragraphs[2], "\"I thought") || !strings.HasSuffix(st.Paragraphs[2], "2018.\"") {
		t.Errorf("para. 3 = %q, want both of its lines", st.Paragraphs[2])
	}
	for _, tt := range []struct {
		name, src, want string
	}{
		{"Empty", "\n  \n\n", "the stored text is empty"},
		{"Binary", "a\x00b", "NUL byte"},
		{"Latin1", "caf\xe9", "invalid UTF-8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, d := note.ParseSourceText("content/sources/x.txt", []byte(tt.src))
			if d == nil || d.Severity != note.SeverityWarning || !strings.Contains(d.Message, tt.want) || !strings.Contains(d.Message, "@x are not checked") {
				t.Errorf("diagnostic = %+v, want a warning with %q that turns off the checks of @x", d, tt.want)
			}
		})
	}
}

func TestParagraphs(t *testing.T) {
	para := func(v string) note.Locator { return note.Locator{Label: "paragraph", Value: v} }
	for _, tt := range []struct {
		loc  note.Locator
		want []int
		ok   bool
	}{
		{para("4"), []int{4}, true},
		{para("1, 18"), []int{1, 18}, true},
		{para("2-4"), []int{2, 3, 4}, true},
		{para("5–6, 9"), []int{5, 6, 9}, true},
		{note.Locator{Label: "page", Value: "4"}, nil, false},
		{note.Locator{}, nil, false},
	} {
		if got, ok := note.Paragraphs(tt.loc); !reflect.DeepEqual(got, tt.want) || ok != tt.ok {
			t.Errorf("Paragraphs(%+v) = %v, %v; want %v, %v", tt.loc, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCheckQuote(t *testing.T) {
	st := mustText(t)
	para := func(v string) note.Locator { return note.Locator{Label: "paragraph", Value: v} }
	tests := []struct {
		name  string
		quote string
		loc   note.Locator
		want  note.QuoteCheck
	}{
		{"StraightForCurlyQuotesAndCase", `if Norway doesn't pay, can they adopt the Swedish model?`, para("2"),
			note.QuoteCheck{Found: true, Para: 2, Passage: `If Norway doesn't pay, can they adopt the Swedish model?`}},
		{"AcrossALineBreak", "the end of NATO,\" Stoltenberg wrote, \"it operated", para("3"),
			note.QuoteCheck{Found: true, Para: 3, Passage: "the end of NATO,\" Stoltenberg wrote,\n\"it operated"}},
		{"DashWithSpaces", "5% of GDP - 3.5% for military", note.Locator{},
			note.QuoteCheck{Found: true, Para: 4, Passage: "5% of GDP\u20143.5% for military"}},
		{"CommaAddedAtTheEnd", "it was not the same after July 12,", para("3"),
			note.QuoteCheck{Found: true, Para: 3, Passage: "it was not the same after July 12"}},
		{"Ellipsis", "I thought this … the end of NATO", para("3"),
			note.QuoteCheck{Found: true, Para: 3, Passage: "I thought this might be the meeting that marked the end of NATO"}},
		{"PageLocatorSearchesAll", "adopt the Swedish model", note.Locator{Label: "page", Value: "9"},
			note.QuoteCheck{Found: true, Para: 2, Passage: "adopt the Swedish model"}},
		{"WrongParagraph", "adopt the Swedish model", para("3-4"),
			note.QuoteCheck{Elsewhere: true, Para: 2, Passage: "adopt the Swedish model"}},
		{"Invented", "adopt the Danish model", para("2"),
			note.QuoteCheck{Para: 2, Passage: "adopt the Swedish model?\u201d\u2014referring"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := st.Check(tt.quote, tt.loc); got != tt.want {
				t.Errorf("Check(%q, %v):\n got  %+v\n want %+v", tt.quote, tt.loc, got, tt.want)
			}
		})
	}
}

// TestCheckQuoteInALongText looks for a quotation that is not there in a
// text of book length: the search for the nearest passage must stay
// bounded.
func TestCheckQuoteInALongText(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "Paragraph %d says the allies met again and spent a little more on defence.\n\n", i+1)
	}
	st, d := note.ParseSourceText("content/sources/book.txt", []byte(b.String()))
	if d != nil {
		t.Fatal(d)
	}
	start := time.Now()
	got := st.Check(strings.Repeat("the allies never met at all, and spent nothing ", 10), note.Locator{})
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("took %v", took)
	}
	if got.Found || got.Para == 0 || !strings.Contains(got.Passage, "the allies met again") {
		t.Errorf("Check = %+v, want the nearest passage", got)
	}
}
