package store_test

import (
	"context"
	"fmt"
	"testing"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// BenchmarkRead measures the reads behind the pages: every event (the
// timeline), one event, the actors, and the events linking to one.
func BenchmarkRead(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		db := benchdata.Library(b, n).DB
		ctx := context.Background()
		id := corpus.EventID(n / 3)
		for _, r := range []struct {
			name string
			read func() error
		}{
			{"all-events", func() error { _, err := db.Notes(ctx, store.Filter{Kind: note.KindEvent}); return err }},
			{"one-event", func() error { _, err := db.Note(ctx, note.KindEvent, id); return err }},
			{"actors", func() error { _, err := db.Notes(ctx, store.Filter{Kind: note.KindActor}); return err }},
			{"links-to", func() error { _, err := db.LinksTo(ctx, corpus.EventID(1)); return err }},
			{"files", func() error { _, err := db.Files(ctx); return err }},
		} {
			b.Run(fmt.Sprintf("%s/notes=%d", r.name, n), func(b *testing.B) {
				for b.Loop() {
					if err := r.read(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
