package index_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"annals.dev/annals/bench/benchdata"
	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/index"
)

// BenchmarkFullIndex measures a first index run: scan, parse, SQLite and
// bleve, from an empty data folder. Sizes come from ANNALS_BENCH_NOTES.
func BenchmarkFullIndex(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			content := benchdata.Corpus(b, n)
			ctx := context.Background()
			var total time.Duration
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				data := filepath.Join(b.TempDir(), fmt.Sprint(i))
				b.StartTimer()
				start := time.Now()
				lib, err := index.Open(ctx, data)
				if err != nil {
					b.Fatal(err)
				}
				rep, err := lib.Update(ctx, index.Options{Content: content})
				if err != nil || rep.Notes != n {
					b.Fatalf("update: %v, %d notes", err, rep.Notes)
				}
				lib.Close()
				total += time.Since(start)
				b.StopTimer()
				os.RemoveAll(data)
				b.StartTimer()
			}
			b.ReportMetric(float64(n*b.N)/total.Seconds(), "notes/s")
			// On a shared machine the wall clock also counts other work;
			// the CPU time spent is annals' own.
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// cpuTime returns the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// BenchmarkReindex measures runs after the first: with nothing changed, and
// with one note changed.
func BenchmarkReindex(b *testing.B) {
	for _, n := range benchdata.Sizes(b, 1000) {
		content := benchdata.Corpus(b, n)
		lib := benchdata.Library(b, n)
		ctx := context.Background()
		b.Run(fmt.Sprintf("unchanged/notes=%d", n), func(b *testing.B) {
			for b.Loop() {
				rep, err := lib.Update(ctx, index.Options{Content: content})
				if err != nil || rep.Parsed != 0 {
					b.Fatalf("update: %v, parsed %d", err, rep.Parsed)
				}
			}
		})
		// One note edited, found by a scan as "annals index" finds it, or
		// named by path as the watcher of "serve --watch" names it.
		for i, byPath := range []bool{false, true} {
			name := "one-changed"
			if byPath {
				name = "one-changed-path"
			}
			b.Run(fmt.Sprintf("%s/notes=%d", name, n), func(b *testing.B) {
				path := filepath.Join(content, "events", corpus.EventID(i)+".md")
				orig, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				// The corpus may be kept for other benchmarks: leave it as found.
				b.Cleanup(func() {
					os.WriteFile(path, orig, 0o644)
					lib.Update(ctx, index.Options{Content: content})
				})
				opts := index.Options{Content: content}
				if byPath {
					opts.Paths = []string{path}
				}
				for j := 0; b.Loop(); j++ {
					b.StopTimer()
					text := fmt.Sprintf("%s\nEdit %d.\n", orig, j)
					if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					rep, err := lib.Update(ctx, opts)
					if err != nil || rep.Parsed != 1 || byPath != (rep.Looked != nil) {
						b.Fatalf("update: %v, parsed %d, looked at %v", err, rep.Parsed, rep.Looked)
					}
				}
			})
		}
	}
}
