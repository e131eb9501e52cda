package main_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sourceTextNotes break once each rule of annals check about quotations,
// statuses and via, beside one event (2018-quiet) that keeps every rule
// and must stay quiet.
var sourceTextNotes = map[string]string{
	"events/2018-quotes.md": `---
title: Quotations the stored text does not bear out
date: "2018"
status: claimed
claimed_by: jens-stoltenberg
---
Trump asked: "If Norway doesn't pay, can they adopt the Danish model?" [@toutiao-stoltenberg-memoir, para. 4]
He wrote that NATO "was not the same after July 12, 2018." [@toutiao-stoltenberg-memoir, para. 999]
He pushed "European leaders to accelerate their commitments". [@toutiao-stoltenberg-memoir, para. 2]
The memoir covers his tenure. [@toutiao-stoltenberg-memoir]
Nobody else reported this.
`,
	"events/2018-confirmed.md": `---
title: A memoir's account marked confirmed
date: "2018"
status: confirmed
claimed_by: jens-stoltenberg
---
Trump asked whether Norway could adopt "the Swedish model". [@toutiao-stoltenberg-memoir, para. 4]
`,
	"events/2018-disputed.md": `---
title: A dispute with no one disputing
date: "2018"
status: disputed
---
Trump asked whether Norway could adopt "the Swedish model". [@toutiao-stoltenberg-memoir, para. 4]
`,
	"events/2018-quiet.md": `---
title: A claim quoted as the stored text has it
date: "2018"
status: disputed
claimed_by: jens-stoltenberg
disputed_by: [donald-trump]
---
## What the memoir says

Trump asked: “If Norway doesn’t pay, can they adopt the Swedish model?” [@toutiao-stoltenberg-memoir, para. 4]
Stoltenberg wrote: "I thought this might be the meeting that marked the end of NATO" ("je pensais que ce serait la fin de l'OTAN"). [@toutiao-stoltenberg-memoir, paras. 9-10]
The summit came later, as [[2018-07-12-nato-summit-withdrawal-threat]].

He describes his approach:

- pressing Europe to spend more, and talking to Trump. [@toutiao-stoltenberg-memoir, para. 14]
`,
	"sources/relay-a.md":             "---\ntitle: A relay of the other relay\nissued: 2025\norigin: secondary\nvia: [relay-b]\n---\n",
	"sources/relay-b.md":             "---\ntitle: The other relay\nissued: 2025\norigin: secondary\nvia: [relay-a]\n---\n",
	"sources/web-page.md":            "---\ntitle: A page read on no known day\ntype: webpage\nissued: 2025\nURL: https://example.org/page\norigin: primary\n---\n",
	"sources/stoltenberg-memoir.txt": "Min tid\xff\n",
}

func TestProvenanceRules(t *testing.T) {
	content := copyContent(t)
	data := t.TempDir()
	text, err := os.ReadFile(filepath.Join("testdata", "toutiao-stoltenberg-memoir.txt"))
	if err != nil {
		t.Fatal(err)
	}
	writeNote(t, content, "sources/toutiao-stoltenberg-memoir.txt", string(text))
	for rel, src := range sourceTextNotes {
		writeNote(t, content, rel, src)
	}

	r, out := checkJSON(t, content, data)
	if r.code != 1 || out.Errors != 4 {
		t.Errorf("exit %d with %d errors, want 1 and 4:\n%s", r.code, out.Errors, r.stdout)
	}
	type want struct {
		rel       string
		line, col int
		severity  string
		message   string
	}
	for _, w := range []want{
		{"events/2018-quotes.md", 7, 15, "error", `the quotation “If Norway doesn't pay, can they adopt the Danish model?” is not in the stored text of @toutiao-stoltenberg-memoir (` +
			filepath.ToSlash(filepath.Join(content, "sources", "toutiao-stoltenberg-memoir.txt")) +
			`); the nearest passage, in para. 4, reads “If Norway doesn't pay, can they adopt the Swedish model?"—referring”`},
		{"events/2018-quotes.md", 8, 60, "error", "para. 999 is past the end of the stored text of @toutiao-stoltenberg-memoir, which has 23 paragraphs"},
		{"events/2018-quotes.md", 9, 12, "error", "the quotation “European leaders to accelerate their commitments” is in para. 14 of the stored text of @toutiao-stoltenberg-memoir, not in para. 2: fix the locator"},
		{"events/2018-quotes.md", 10, 31, "warning", "@toutiao-stoltenberg-memoir has a stored text"},
		{"events/2018-quotes.md", 11, 1, "warning", "the sentence “Nobody else reported this.” cites no source, while others in this event do"},
		{"events/2018-confirmed.md", 4, 9, "warning", "a confirmed event that rests on one account: every source cited leads to stoltenberg-memoir (toutiao-stoltenberg-memoir through via)"},
		{"events/2018-confirmed.md", 5, 13, "warning", "a confirmed event is no longer only jens-stoltenberg's claim"},
		{"events/2018-disputed.md", 4, 9, "warning", "a disputed event should say who disputes it"},
		{"sources/relay-a.md", 5, 7, "error", "via cycle: relay-a → relay-b → relay-a"},
		{"sources/web-page.md", 5, 6, "warning", "a source with a URL should say when it was read or where a copy is kept"},
		{"sources/stoltenberg-memoir.txt", 1, 8, "warning", "invalid UTF-8 (byte 0xff): save the text as UTF-8; until then the quotations citing @stoltenberg-memoir are not checked"},
	} {
		path := filepath.ToSlash(filepath.Join(content, filepath.FromSlash(w.rel)))
		found := false
		for _, d := range out.Diagnostics {
			found = found || d.Path == path && d.Line == w.line && d.Col == w.col && string(d.Severity) == w.severity && strings.Contains(d.Message, w.message)
		}
		if !found {
			t.Errorf("no %s at %s:%d:%d containing %q in:\n%s", w.severity, w.rel, w.line, w.col, w.message, r.stdout)
		}
	}
	for _, d := range out.Diagnostics {
		if strings.HasSuffix(d.Path, "events/2018-quiet.md") {
			t.Errorf("the event that keeps every rule was reported: %+v", d)
		}
	}

	// The index picks the texts up, warns of the one it cannot read, and
	// the pages built from it say which quotations were checked.
	r = annals(t, content, data, "index")
	if !strings.Contains(r.stderr, "stoltenberg-memoir.txt:1:8: warning: invalid UTF-8") {
		t.Errorf("index did not warn of the unreadable text:\n%s", r.stderr)
	}
	site := filepath.Join(t.TempDir(), "site")
	if r = annals(t, content, data, "build", "-o", site); r.code != 0 {
		t.Fatalf("build: exit %d\n%s", r.code, r.stderr)
	}
	page, err := os.ReadFile(filepath.Join(site, "events", "2018-quiet", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`(quote checked against the stored text, para. 4: <q>If Norway doesn&#39;t pay, can they adopt the Swedish model?</q>)`,
		`(quote checked against the stored text, para. 10: <q>I thought this might be the meeting that marked the end of NATO</q>)`,
	} {
		if !strings.Contains(string(page), want) {
			t.Errorf("built event page lacks %s", want)
		}
	}
	if strings.Contains(string(page), "Norwegian Finance Minister") {
		t.Error("the built page shows stored text that no footnote quotes")
	}
}

// TestServeWatchChecksQuotes edits a source's stored text under a running
// "serve --watch": the events citing it are checked again, and the author
// sees what no longer holds on every page, and again when it is put right.
func TestServeWatchChecksQuotes(t *testing.T) {
	content := copyContent(t)
	text, err := os.ReadFile(filepath.Join("testdata", "toutiao-stoltenberg-memoir.txt"))
	if err != nil {
		t.Fatal(err)
	}
	textPath := filepath.Join(content, "sources", "toutiao-stoltenberg-memoir.txt")
	writeNote(t, content, "sources/toutiao-stoltenberg-memoir.txt", string(text))
	writeNote(t, content, "events/2018-quiet.md", sourceTextNotes["events/2018-quiet.md"])
	s := startServer(t, content, t.TempDir(), "--watch")
	versions := liveEvents(t, s.base)
	nextVersion(t, versions, "connecting")

	_, page := get(t, s.base, "/events/2018-quiet")
	if strings.Contains(page, `role="alert"`) || !strings.Contains(page, "quote checked against the stored text, para. 4") {
		t.Fatalf("before the edit: an error is shown, or the quotation is not checked:\n%s", page)
	}

	// The text loses the question the event quotes.
	edited := strings.Replace(string(text), "If Norway doesn't pay, can they adopt the Swedish model?", "Would Norway pay?", 1)
	saveAtomically(t, textPath, edited)
	nextVersion(t, versions, "editing the text")
	eventually(t, "the quotation error on the pages", func() bool {
		_, page = get(t, s.base, "/")
		return strings.Contains(page, "2018-quiet.md:10:17: error: the quotation “If Norway doesn’t pay, can they adopt the Swedish model?” is not in the stored text")
	})
	if _, page = get(t, s.base, "/events/2018-quiet"); !strings.Contains(page, "quote not found where cited in the stored text") {
		t.Errorf("after the edit, the footnote still vouches for the quotation:\n%s", page)
	}

	// Put back: the error goes.
	saveAtomically(t, textPath, string(text))
	eventually(t, "the error to go", func() bool {
		_, page = get(t, s.base, "/")
		return !strings.Contains(page, `role="alert"`)
	})
	if err := s.interrupt(t); err != nil {
		t.Errorf("after SIGINT: %v\nstderr: %s", err, s.stderr)
	}
}
