package export_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/export"
)

// BenchmarkLoad measures loading a generated collection's public notes
// for export. Sizes come from ANNALS_BENCH_NOTES.
func BenchmarkLoad(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			lib := benchdata.Library(b, n)
			for b.Loop() {
				if _, err := export.Load(context.Background(), lib.DB, "http://127.0.0.1:8080"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkWrite measures writing each format from a loaded collection.
func BenchmarkWrite(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		lib := benchdata.Library(b, n)
		c, err := export.Load(context.Background(), lib.DB, "http://127.0.0.1:8080")
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range export.Formats {
			b.Run(fmt.Sprintf("notes=%d/%s", n, f.Name), func(b *testing.B) {
				for b.Loop() {
					if _, err := f.Write(io.Discard, c); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
