package note_test

import (
	"regexp"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

// anchors parses an event body and returns each citation's sentence and
// anchor, in order.
func anchors(t *testing.T, body string) map[string]string {
	t.Helper()
	n, err := note.Parse("content/events/e.md", note.KindEvent, []byte("---\ntitle: E\ndate: 2018\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range n.Citations {
		if c.Anchor == "" || !regexp.MustCompile(`^s-[0-9a-f]{8}(-[0-9]+)?$`).MatchString(c.Anchor) {
			t.Errorf("citation %d of %q: anchor %q, want s- and eight hex digits", c.Number, c.Sentence, c.Anchor)
		}
		out[c.Key] = c.Anchor
	}
	return out
}

// TestAnchorsSurviveEdits adds and changes sentences around a cited one
// and checks that its anchor stays.
func TestAnchorsSurviveEdits(t *testing.T) {
	before := anchors(t, "Trump asked whether Norway could adopt the Swedish model. [@memoir, p. 212]\n\nLater events followed [@other].\n")
	after := anchors(t, "A new opening sentence. Another one, cited [@new].\n\n"+
		"## A heading\n\n"+
		"Some context first. Trump asked whether Norway could adopt the Swedish model [@memoir, p. 212]. More follows.\n\n"+
		"Later events  followed [@other].\n")
	if before["memoir"] != after["memoir"] {
		t.Errorf("the cited sentence's anchor changed from %s to %s when sentences were added before it", before["memoir"], after["memoir"])
	}
	if before["other"] != after["other"] {
		t.Errorf("the anchor changed from %s to %s with the spacing", before["other"], after["other"])
	}
	if before["memoir"] == before["other"] {
		t.Errorf("two sentences share the anchor %s", before["memoir"])
	}
	reworded := anchors(t, "Trump asked if Norway could adopt the Swedish model. [@memoir, p. 212]\n")
	if reworded["memoir"] == before["memoir"] {
		t.Errorf("a reworded sentence kept the anchor %s", before["memoir"])
	}
	curly := anchors(t, "TRUMP asked whether Norway could adopt the Swedish model! [@memoir, p. 212]\n")
	if curly["memoir"] != before["memoir"] {
		t.Errorf("case and closing punctuation changed the anchor: %s, want %s", curly["memoir"], before["memoir"])
	}
}

func TestAnchorsOfRepeatedSentences(t *testing.T) {
	n, err := note.Parse("content/events/e.md", note.KindEvent, []byte("---\ntitle: E\ndate: 2018\n---\n"+
		"He denied it. [@a] [@b]\n\nThen he spoke. He denied it. [@c]\n\nHe denied it [@d].\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range n.Citations {
		got = append(got, c.Key+"="+c.Anchor)
	}
	base := n.Citations[0].Anchor
	want := []string{"a=" + base, "b=" + base, "c=" + base + "-2", "d=" + base + "-3"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("anchors %q, want %q: two clusters after one sentence share its anchor, a sentence written again gets -2, -3", got, want)
	}
	h, err := note.RenderHTML(n.Body, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{base, base + "-2", base + "-3"} {
		if c := strings.Count(h, ` id="`+id+`"`); c != 1 {
			t.Errorf("the page has id %s %d times, want once:\n%s", id, c, h)
		}
		if !strings.Contains(h, ` href="#`+id+`" aria-label="Link to this statement"`) {
			t.Errorf("no visible link to statement %s:\n%s", id, h)
		}
	}
}
