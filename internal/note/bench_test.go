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
