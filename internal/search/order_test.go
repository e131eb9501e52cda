package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/search"
)

// corpusDocs parses n generated notes into what search indexes.
func corpusDocs(t *testing.T, n int) []search.Doc {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Generate(dir, n, 11); err != nil {
		t.Fatal(err)
	}
	var docs []search.Doc
	for _, kind := range []note.Kind{note.KindEvent, note.KindSource, note.KindActor} {
		files, err := filepath.Glob(filepath.Join(dir, string(kind)+"s", "*.md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			nt, err := note.Parse(f, kind, src)
			if err != nil {
				t.Fatal(err)
			}
			d := search.Doc{Kind: string(kind), ID: nt.ID, Title: nt.Title, Body: nt.Text}
			if e := nt.Event; e != nil {
				d.Summary, d.Place, d.Tags, d.Status, d.Sources, d.Actors = e.Summary, e.Place, e.Tags, string(e.Status), e.Sources, e.Actors
				d.Start, d.End, d.EDTF = e.Date.Earliest().Time(), e.Date.Latest().Time(), e.Date.String()
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// TestOrderIsDeterministic builds two clean indexes of the same generated
// notes, given to bleve in different orders as two runs may leave them,
// and compares the full ordered hit lists of queries whose hits share
// scores: equal scores must go by date, then id, in both.
func TestOrderIsDeterministic(t *testing.T) {
	docs := corpusDocs(t, 3000)
	shuffled := append([]search.Doc(nil), docs...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	var indexes []*search.Index
	for i, ds := range [][]search.Doc{docs, shuffled} {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("search%d.bleve", i))
		if err := search.Build(context.Background(), path, ds, 1, nil); err != nil {
			t.Fatal(err)
		}
		ix, err := search.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { ix.Close() })
		indexes = append(indexes, ix)
	}
	// list pages through the hits of r up to max, r.Limit at a time.
	list := func(ix *search.Index, r search.Request, max int) string {
		var b strings.Builder
		for r.Offset = 0; r.Offset < max; r.Offset += r.Limit {
			res, err := ix.Search(context.Background(), r)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				fmt.Fprintf(&b, "%s/%s %s %.6f\n", h.Kind, h.ID, h.Date, h.Score)
			}
			if len(res.Hits) < r.Limit {
				break
			}
		}
		return b.String()
	}
	for _, q := range []string{"tag:summit", "status:disputed", "kind:source", "treaty", "nato summit budget", "summit OR treaty"} {
		r := search.Request{Query: q, Limit: search.MaxLimit}
		a, b := list(indexes[0], r, search.MaxOffset), list(indexes[1], r, search.MaxOffset)
		if a == "" {
			t.Errorf("%s: no hits", q)
		}
		if a != b {
			t.Errorf("%s: two builds of the same notes order the hits differently:\n%s", q, firstDifference(a, b))
		}
		// Small pages end among equal scores more often: paging through
		// them must give the same list.
		r.Limit = 7
		if paged, whole := list(indexes[1], r, 140), list(indexes[1], search.Request{Query: q, Limit: 140}, 140); paged != whole {
			t.Errorf("%s: pages of 7 differ from one page:\n%s", q, firstDifference(paged, whole))
		}
	}
}

// firstDifference shows where two hit lists part.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("hit %d: %s\n   vs: %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d hits vs %d", len(la)-1, len(lb)-1)
}
