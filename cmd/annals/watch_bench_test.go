package main_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"annals.dev/annals/internal/corpus"
)

// BenchmarkWatchLatency measures, under "annals serve --watch", the time
// from an editor's save of one note to the note being found by
// /api/search, on a generated corpus of $ANNALS_BENCH_NOTES notes (1,000
// unless set). It reports the median and the slowest save.
//
//	ANNALS_BENCH_NOTES=10000 go test -run=NONE -bench=WatchLatency -benchtime=30x ./cmd/annals/
func BenchmarkWatchLatency(b *testing.B) {
	n := 1000
	if v := os.Getenv("ANNALS_BENCH_NOTES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("ANNALS_BENCH_NOTES=%q: %v", v, err)
		}
	}
	content := b.TempDir()
	if err := corpus.Generate(content, n, 1); err != nil {
		b.Fatal(err)
	}
	s := startServer(b, content, b.TempDir(), "--watch")
	path := filepath.Join(content, "events", corpus.EventID(0)+".md")
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		word := fmt.Sprintf("watchword%d", i)
		start := time.Now()
		saveAtomically(b, path, "---\ntitle: Edited "+word+"\ndate: 2019-02\n---\nNew text with "+word+". [@"+corpus.SourceID(0)+", p. 3]\n")
		for searchTotal(b, s.base, word) == 0 {
			if time.Since(start) > 30*time.Second {
				b.Fatalf("save %d not searchable after 30 s\nstderr: %s", i, s.stderr)
			}
			time.Sleep(time.Millisecond)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-p50")
	b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "ms-max")
}
