package note_test

import (
	"fmt"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

// TestLongParagraphSentence checks that a citation deep in a paragraph
// with no sentence break gets a bounded excerpt that ends at the citation.
func TestLongParagraphSentence(t *testing.T) {
	body := strings.Repeat("word ", 400) + "final claim [@a]."
	n, err := note.Parse("x.md", note.KindActor, []byte("---\ntitle: x\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	s := n.Citations[0].Sentence
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "final claim") || len(s) > 520 {
		t.Errorf("sentence = %q (%d bytes)", s, len(s))
	}
}

// BenchmarkManyCitations parses one long paragraph dense with citations;
// its time per citation must not grow with the paragraph's length.
func BenchmarkManyCitations(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		src := []byte("---\ntitle: x\n---\n" + strings.Repeat("x [@a] ", n))
		b.Run(fmt.Sprintf("citations=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, err := note.Parse("x.md", note.KindActor, src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
