package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

const anchorSource = `---
title: The memoir
type: book
issued: 2025
---
`

// statementOf returns the anchor the page and the API give the statement
// with the given text, checking that they agree and that its footnote's
// back-link leads to it.
func statementOf(t *testing.T, h http.Handler, id, text string) string {
	t.Helper()
	w := get(t, h, "/api/events/"+id)
	var e struct {
		Citations []struct {
			Number int
			Anchor string
		}
		Statements []struct {
			Anchor, Text string
			Footnotes    []int
		}
	}
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("%v\n%s", err, w.Body)
	}
	anchor, note := "", 0
	for _, s := range e.Statements {
		if s.Text == text {
			anchor, note = s.Anchor, s.Footnotes[0]
		}
	}
	if anchor == "" {
		t.Fatalf("/api/events/%s has no statement %q: %+v", id, text, e.Statements)
	}
	for _, c := range e.Citations {
		if c.Number == note && c.Anchor != anchor {
			t.Errorf("citation %d has anchor %q, its statement %q", c.Number, c.Anchor, anchor)
		}
	}
	page := get(t, h, "/events/"+id).Body.String()
	q := regexp.QuoteMeta(anchor)
	if !regexp.MustCompile(`<a class="statement" id="` + q + `" href="#` + q + `" aria-label="Link to this statement"`).MatchString(page) {
		t.Errorf("the page has no permalink for statement %s:\n%s", anchor, page)
	}
	back := regexp.MustCompile(`<li id="fn-` + strconv.Itoa(note) + `" [^\n]*<a href="#` + q + `" class="back"`)
	if !back.MatchString(page) {
		t.Errorf("footnote %d does not lead back to statement %s:\n%s", note, anchor, page)
	}
	return anchor
}

// TestStatementAnchorSurvivesEdit adds sentences, cited and not, before a
// cited statement and checks that its link still leads to it.
func TestStatementAnchorSurvivesEdit(t *testing.T) {
	const cited = "Trump asked whether Norway could adopt the Swedish model."
	lib, content := newLibrary(t, map[string]string{
		"sources/memoir.md": anchorSource,
		"events/e.md":       "---\ntitle: E\ndate: 2018\n---\n" + cited + " [@memoir, p. 212]\n",
	})
	h := web.NewServer(lib, web.Options{})
	before := statementOf(t, h, "e", cited)

	writeNotes(t, content, map[string]string{
		"events/e.md": "---\ntitle: E\ndate: 2018\n---\nA new first sentence [@memoir, p. 1]. Context without a source.\n\n" +
			cited + " [@memoir, p. 212]\n",
	})
	if _, err := lib.Update(context.Background(), index.Options{Content: content}); err != nil {
		t.Fatal(err)
	}
	after := statementOf(t, h, "e", cited)
	if after != before {
		t.Errorf("the statement's anchor changed from %s to %s when sentences were added before it", before, after)
	}
	other := statementOf(t, h, "e", "A new first sentence")
	if other == before {
		t.Errorf("two statements share the anchor %s", other)
	}
	// The source's page links each place it is cited at to the statement.
	src := get(t, h, "/sources/memoir").Body.String()
	for _, w := range []string{`<a href="/events/e#` + other + `">p. 1</a>`, `<a href="/events/e#` + after + `">p. 212</a>`} {
		if !strings.Contains(src, w) {
			t.Errorf("the source's page lacks %s:\n%s", w, src)
		}
	}
}
