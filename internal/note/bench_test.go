package note_test

import (
	"testing"

	"annals.dev/annals/internal/note"
)

func BenchmarkParse(b *testing.B) {
	src := readTestdata(b, "2018-07-brussels-summit.md")
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := note.Parse("content/events/2018-07-brussels-summit.md", note.KindEvent, src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderHTML(b *testing.B) {
	n, err := note.Parse("content/events/2018-07-brussels-summit.md", note.KindEvent, readTestdata(b, "2018-07-brussels-summit.md"))
	if err != nil {
		b.Fatal(err)
	}
	links := linker{"2017-05-brussels-meeting": {"/events/2017-05-brussels-meeting", "Brussels meeting"}}
	b.SetBytes(int64(len(n.Body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := note.RenderHTML(n.Body, links); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckQuotes checks an event quoting the Toutiao article against
// the article's stored text, as annals check and an event page do.
func BenchmarkCheckQuotes(b *testing.B) {
	st, d := note.ParseSourceText("content/sources/toutiao.txt", readTestdata(b, "toutiao-stoltenberg-memoir.txt"))
	if d != nil {
		b.Fatal(d)
	}
	n := mustParseEvent(b, `Trump asked: "If Norway doesn't pay, can they adopt the Swedish model?" [@toutiao, para. 4]
Stoltenberg wrote: "I thought this might be the meeting that marked the end of NATO" [@toutiao, paras. 9-10]
He said "it was not the same after July 12, 2018." [@toutiao, para. 10]
He felt "inexpressibly relieved" when "the differences between the U.S. and European countries" narrowed. [@toutiao, para. 15]
`)
	texts := map[string]*note.SourceText{"toutiao": st}
	b.ReportAllocs()
	for b.Loop() {
		if ds := note.CheckQuotes(n, note.Statements(n), texts); len(ds) != 0 {
			b.Fatal(ds)
		}
	}
}

// BenchmarkCheckQuoteNotFound looks for a quotation the article does not
// hold, which searches the whole text for the nearest passage.
func BenchmarkCheckQuoteNotFound(b *testing.B) {
	st, d := note.ParseSourceText("content/sources/toutiao.txt", readTestdata(b, "toutiao-stoltenberg-memoir.txt"))
	if d != nil {
		b.Fatal(d)
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := st.Check("If Norway doesn't pay, can they adopt the Danish model?", note.Locator{Label: "paragraph", Value: "4"}); r.Found {
			b.Fatal("found")
		}
	}
}
