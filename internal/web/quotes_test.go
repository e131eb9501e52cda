package web_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

// quoted is a collection whose sources keep their text beside them.
var quoted = map[string]string{
	"events/2019-memo.md": `---
title: The memo on burden sharing
date: 2019-04
status: disputed
disputed_by: [jane-doe, "A Minister"]
---
The minister called it “a shared burden for every ally”. [@memo, para. 2]
She said it would "take eleven years". [@memo, para. 2]
The draft agrees that "this is a secret passage" here. [@hidden, para. 1]
`,
	"sources/memo.md":    "---\ntitle: The memo\nissued: 2019-05\n---\n",
	"sources/memo.txt":   "The Memo\n\nThe minister said the plan was \"a shared burden for every ally\".\nShe added that it would take\nten years.\n",
	"sources/hidden.md":  "---\ntitle: A draft source\ndraft: true\n---\n",
	"sources/hidden.txt": "This is a secret passage that no page may show.\n",
	"actors/jane-doe.md": "---\ntitle: Jane Doe\ntype: person\n---\n",
}

func TestQuotesCheckedInFootnotes(t *testing.T) {
	lib, content := newLibrary(t, quoted)
	h := web.NewServer(lib, web.Options{})
	page := get(t, h, "/events/2019-memo").Body.String()
	for _, want := range []string{
		`(quote checked against the stored text, para. 2: <q>a shared burden for every ally</q>)`,
		`<span class="quote-check unverified">(quote not found where cited in the stored text)</span>`,
		`<dt>Disputed by</dt><dd><ul class="inline"><li><a href="/actors/jane-doe">Jane Doe</a></li><li>A Minister</li></ul></dd>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("event page lacks %s", want)
		}
	}
	// Only the passage quoted is shown, never the rest of the text, and
	// nothing at all of a draft source's text.
	for _, leak := range []string{"The Memo", "ten years", "no page may show"} {
		if strings.Contains(page, leak) {
			t.Errorf("event page shows %q from a stored text", leak)
		}
	}

	var api struct {
		DisputedBy []string `json:"disputed_by"`
		Citations  []struct {
			Key    string
			Quotes []struct {
				Found   bool
				Para    int
				Passage string
			}
		}
	}
	if err := json.Unmarshal(get(t, h, "/api/events/2019-memo").Body.Bytes(), &api); err != nil {
		t.Fatal(err)
	}
	if strings.Join(api.DisputedBy, "|") != "jane-doe|A Minister" {
		t.Errorf("API disputed_by = %q", api.DisputedBy)
	}
	// The citation of the draft source is left out altogether.
	if c := api.Citations; len(c) != 2 || len(c[0].Quotes) != 1 || !c[0].Quotes[0].Found || c[0].Quotes[0].Para != 2 ||
		c[0].Quotes[0].Passage != "a shared burden for every ally" || len(c[1].Quotes) != 1 || c[1].Quotes[0].Found {
		t.Errorf("API citations = %+v; want the first quotation found in para. 2, the second not, and nothing of the draft", c)
	}

	// A saved text is picked up by an update of just its path, as under
	// serve --watch, and the footnote follows it.
	text := filepath.Join(content, "sources", "memo.txt")
	if err := os.WriteFile(text, []byte("The Memo\n\nIt would take eleven years, she said.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Update(context.Background(), index.Options{Content: content, Paths: []string{text}}); err != nil {
		t.Fatal(err)
	}
	page = get(t, h, "/events/2019-memo").Body.String()
	if !strings.Contains(page, `para. 2: <q>take eleven years</q>`) || strings.Contains(page, "every ally</q>") {
		t.Errorf("after the text changed, the footnotes did not follow it:\n%s", page)
	}

	// A text removed turns the checks off: no footnote claims a check.
	if err := os.Remove(text); err != nil {
		t.Fatal(err)
	}
	if _, err := lib.Update(context.Background(), index.Options{Content: content, Paths: []string{text}}); err != nil {
		t.Fatal(err)
	}
	if page = get(t, h, "/events/2019-memo").Body.String(); strings.Contains(page, "quote-check") {
		t.Errorf("with the text gone, a footnote still speaks of it")
	}
}

func TestUnreadableTextOnlyWarns(t *testing.T) {
	notes := map[string]string{}
	for k, v := range quoted {
		notes[k] = v
	}
	notes["sources/memo.txt"] = "caf\xe9\n"
	lib, content := newLibrary(t, notes)
	rep, err := lib.Update(context.Background(), index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() != 0 {
		t.Errorf("an unreadable text made errors: %v", rep.Diagnostics)
	}
	found := false
	for _, d := range rep.Diagnostics {
		found = found || strings.HasSuffix(d.Path, "sources/memo.txt") && strings.Contains(d.Message, "@memo are not checked")
	}
	if !found {
		t.Errorf("no warning that @memo's quotations are not checked: %v", rep.Diagnostics)
	}
	page := get(t, web.NewServer(lib, web.Options{}), "/events/2019-memo")
	if page.Code != 200 || strings.Contains(page.Body.String(), "quote-check") {
		t.Errorf("the event page (%d) should be served, with no quote checked", page.Code)
	}
}
