package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

func mustOpen(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.Open(context.Background(), filepath.Join(tb.TempDir(), "annals.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func mustParse(tb testing.TB, path string, kind note.Kind, src string) *note.Note {
	tb.Helper()
	n, err := note.Parse(path, kind, []byte(src))
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

const eventNote = `---
title: Summit
date: 2018-07-11/2018-07-12
place: Brussels
actors: [jens-stoltenberg, Anna]
tags: [summit, defence-spending]
status: claimed
claimed_by: jens-stoltenberg
disputed_by: [donald-trump, "A Minister"]
sources: [memoir]
related: [other]
summary: Leaders met.
first_reported: [memoir, p. 3]
discrepancies:
  - about: where they met
    values:
      - value: Brussels
        sources: [memoir]
        rank: preferred
      - value: Bruges
        sources: [memoir, other-source]
        rank: deprecated
        note: A misprint.
verdict:
  rating: mostly-true
  reviewed: 2025-10-02
  summary: Mostly so.
---
Leaders met in Brussels [@memoir, p. 212]. See [[other|the other]]. @memoir [p. 3] says so.
`

const sourceNote = `---
title: The memoir
type: book
author: ["Stoltenberg, Jens", "NATO"]
editor: ["Roe, Jane"]
DOI: https://doi.org/10.1000/182
issued: 2025~
URL: https://example.org/memoir
origin: primary
via: [interview]
---
`

func TestRoundTrip(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	ev := mustParse(t, "content/events/summit.md", note.KindEvent, eventNote)
	src := mustParse(t, "content/sources/memoir.md", note.KindSource, sourceNote)
	a, err := db.Apply(ctx, store.Changes{Put: []store.Put{
		{File: store.File{Path: "events/summit.md", Size: 1, MTime: 2, Hash: "h1"}, Note: ev},
		{File: store.File{Path: "sources/memoir.md", Size: 1, MTime: 2, Hash: "h2"}, Note: src},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if a.Generation != 1 {
		t.Errorf("generation = %d, want 1", a.Generation)
	}

	got, err := db.Note(ctx, note.KindEvent, "summit")
	if err != nil {
		t.Fatal(err)
	}
	ev.Warnings, ev.Lines = nil, nil
	if !reflect.DeepEqual(got.Event, ev.Event) {
		t.Errorf("event = %+v\nwant %+v", got.Event, ev.Event)
	}
	if !reflect.DeepEqual(got.Citations, ev.Citations) || !reflect.DeepEqual(got.Links, ev.Links) {
		t.Errorf("citations %+v links %+v\nwant %+v %+v", got.Citations, got.Links, ev.Citations, ev.Links)
	}
	if got.Title != "Summit" || got.Text != ev.Text || got.Body != ev.Body {
		t.Errorf("note = %+v", got)
	}
	gs, err := db.Note(ctx, note.KindSource, "memoir")
	if err != nil {
		t.Fatal(err)
	}
	if gs.Source.Issued.String() != "2025~" || gs.Source.Authors[0].Family != "Stoltenberg" ||
		gs.Source.Authors[1].Literal != "NATO" || gs.Source.Via[0] != "interview" || gs.Source.URL != src.Source.URL ||
		len(gs.Source.Editors) != 1 || gs.Source.Editors[0].Family != "Roe" || gs.Source.DOI != "10.1000/182" {
		t.Errorf("source = %+v", gs.Source)
	}

	// Deleting the file removes the note and everything hanging off it.
	a, err = db.Apply(ctx, store.Changes{Delete: []string{"events/summit.md"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Removed) != 1 || a.Removed[0].ID != "summit" || a.Generation != 2 {
		t.Errorf("applied = %+v", a)
	}
	if _, err := db.Note(ctx, note.KindEvent, "summit"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("deleted note: err = %v, want ErrNotFound", err)
	}
	if n, _ := db.Count(ctx); n != 1 {
		t.Errorf("count = %d, want 1", n)
	}
}

func TestDraftsHiddenByDefault(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	d := mustParse(t, "events/d.md", note.KindEvent, "---\ntitle: Secret\ndate: 2020\ndraft: true\n---\n")
	if _, err := db.Apply(ctx, store.Changes{Put: []store.Put{{File: store.File{Path: "events/d.md"}, Note: d}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Note(ctx, note.KindEvent, "d"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("draft: err = %v, want ErrNotFound", err)
	}
	all, err := db.Notes(ctx, store.Filter{IncludeDrafts: true})
	if err != nil || len(all) != 1 {
		t.Errorf("with drafts: %d notes, %v", len(all), err)
	}
}

func TestChronologicalOrder(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	var puts []store.Put
	for id, date := range map[string]string{"c": "2018", "a": "2018-07-12", "b": "2017-05~", "d": "-0043"} {
		n := mustParse(t, "events/"+id+".md", note.KindEvent, "---\ntitle: x\ndate: \""+date+"\"\n---\n")
		puts = append(puts, store.Put{File: store.File{Path: "events/" + id + ".md"}, Note: n})
	}
	if _, err := db.Apply(ctx, store.Changes{Put: puts}); err != nil {
		t.Fatal(err)
	}
	ns, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range ns {
		got = append(got, n.ID)
	}
	if want := []string{"d", "b", "c", "a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("order = %v, want %v", got, want)
	}
}

// TestBrief checks that a brief read leaves out exactly the body, the
// citations and the links, and keeps what lists and search use.
func TestBrief(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	ev := mustParse(t, "content/events/summit.md", note.KindEvent, eventNote)
	if _, err := db.Apply(ctx, store.Changes{Put: []store.Put{
		{File: store.File{Path: "events/summit.md", Size: 1, MTime: 2, Hash: "h1"}, Note: ev},
	}}); err != nil {
		t.Fatal(err)
	}
	full, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent})
	if err != nil {
		t.Fatal(err)
	}
	brief, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent, Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(full) != 1 || len(brief) != 1 {
		t.Fatalf("read %d and %d notes, want 1 each", len(full), len(brief))
	}
	if len(full[0].Citations) == 0 || len(full[0].Links) == 0 || full[0].Body == "" {
		t.Fatalf("full read lacks body, citations or links: %+v", full[0])
	}
	want := *full[0]
	want.Body, want.Citations, want.Links = "", nil, nil
	if !reflect.DeepEqual(*brief[0], want) {
		t.Errorf("brief read = %+v\nwant %+v", brief[0], want)
	}
}

func TestPlaceRoundTrip(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	for _, tt := range []struct{ id, src string }{
		{"brussels", "---\ntitle: Brussels\ncoordinates: [50.8467, 4.3525]\ncountry: BE\naliases: [Bruxelles, Brussel]\n---\n"},
		{"somewhere", "---\ntitle: Somewhere\n---\n"},
	} {
		p := mustParse(t, "content/places/"+tt.id+".md", note.KindPlace, tt.src)
		if _, err := db.Apply(ctx, store.Changes{Put: []store.Put{{File: store.File{Path: "places/" + tt.id + ".md", Hash: tt.id}, Note: p}}}); err != nil {
			t.Fatal(err)
		}
		got, err := db.Note(ctx, note.KindPlace, tt.id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.Place, p.Place) {
			t.Errorf("%s: place = %+v, want %+v", tt.id, got.Place, p.Place)
		}
	}
	ps, err := db.Notes(ctx, store.Filter{Kind: note.KindPlace, Brief: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 2 || !ps[0].Place.Located || ps[0].Place.Aliases[1] != "Brussel" || ps[1].Place.Located {
		t.Errorf("brief places = %+v %+v", ps[0].Place, ps[1].Place)
	}
}

func TestSourceTexts(t *testing.T) {
	ctx := context.Background()
	db := mustOpen(t)
	text := func(path, source, body string) store.Text {
		return store.Text{File: store.File{Path: path, Size: int64(len(body)), MTime: 1, Hash: body}, Source: source, Text: body}
	}
	_, err := db.Apply(ctx, store.Changes{Texts: []store.Text{
		text("sources/memo.txt", "memo", "Para one.\n\nPara two."),
		text("sources/old/memo.txt", "memo", "Another memo."),
		text("sources/other.txt", "other", "Other."),
	}})
	if err != nil {
		t.Fatal(err)
	}
	texts, err := db.SourceTexts(ctx, []string{"memo", "memo", "none"})
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 1 || texts["memo"].Path != "sources/memo.txt" || !reflect.DeepEqual(texts["memo"].Paragraphs, []string{"Para one.", "Para two."}) {
		t.Errorf("SourceTexts = %+v, want memo's first text by path only", texts)
	}
	if ids, _ := db.TextSources(ctx); !reflect.DeepEqual(ids, []string{"memo", "other"}) {
		t.Errorf("TextSources = %v", ids)
	}
	if _, err := db.Apply(ctx, store.Changes{Delete: []string{"sources/memo.txt"}}); err != nil {
		t.Fatal(err)
	}
	if texts, _ = db.SourceTexts(ctx, []string{"memo"}); texts["memo"] == nil || texts["memo"].Path != "sources/old/memo.txt" {
		t.Errorf("after deleting one text, SourceTexts = %+v, want the other", texts)
	}
}
