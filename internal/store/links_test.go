package store_test

import (
	"context"
	"reflect"
	"testing"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

func TestLinksTo(t *testing.T) {
	db := mustOpen(t)
	ctx := context.Background()
	notes := map[string]struct {
		kind note.Kind
		src  string
	}{
		"target": {note.KindEvent, "---\ntitle: Target\ndate: 2018\n---\nSelf [[target]].\n"},
		"later":  {note.KindEvent, "---\ntitle: Later\ndate: 2020\n---\nSee [[target|it]].\n"},
		"early":  {note.KindEvent, "---\ntitle: Early\ndate: 2010\n---\nBefore [[target]] and [[other]].\n"},
		"draft":  {note.KindEvent, "---\ntitle: Draft\ndate: 2011\ndraft: true\n---\n[[target]]\n"},
		"nolink": {note.KindEvent, "---\ntitle: None\ndate: 2012\n---\nNothing.\n"},
		"actor":  {note.KindActor, "---\ntitle: Actor\n---\n[[target]]\n"},
	}
	var puts []store.Put
	for id, n := range notes {
		path := string(n.kind) + "s/" + id + ".md"
		puts = append(puts, store.Put{
			File: store.File{Path: path, Size: 1, MTime: 1, Hash: id},
			Note: mustParse(t, "content/"+path, n.kind, n.src),
		})
	}
	if _, err := db.Apply(ctx, store.Changes{Put: puts}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		want   []string
	}{
		{"target", []string{"early", "later"}},
		{"other", []string{"early"}},
		{"nobody", nil},
	}
	for _, tt := range tests {
		got, err := db.LinksTo(ctx, tt.target)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("LinksTo(%q) = %v, want %v", tt.target, got, tt.want)
		}
	}
}
