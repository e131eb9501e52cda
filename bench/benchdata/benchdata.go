// Package benchdata gives annals' benchmarks a generated corpus and an
// indexed library of a size chosen when they run, so the same benchmarks
// measure a thousand notes in a quick check and a hundred thousand in
// bench/run.sh.
//
// ANNALS_BENCH_NOTES is a comma-separated list of corpus sizes (default:
// the benchmark's own). ANNALS_BENCH_DIR, if set, keeps corpora and indexed
// data folders there between runs; otherwise they live in the benchmark's
// temporary folder.
package benchdata

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"annals.dev/annals/internal/corpus"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/search"
)

// Sizes returns the corpus sizes to benchmark: those in ANNALS_BENCH_NOTES,
// or def.
func Sizes(tb testing.TB, def ...int) []int {
	tb.Helper()
	env := os.Getenv("ANNALS_BENCH_NOTES")
	if env == "" {
		return def
	}
	var sizes []int
	for _, s := range strings.Split(env, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			tb.Fatalf("ANNALS_BENCH_NOTES=%q: want sizes such as 10000,100000", env)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// roots holds each benchmark's temporary folder when ANNALS_BENCH_DIR is
// not set, so that its corpus and data folder are made once.
var roots sync.Map // testing.TB → string

// root is where corpora and data folders are kept.
func root(tb testing.TB) string {
	if d := os.Getenv("ANNALS_BENCH_DIR"); d != "" {
		return d
	}
	if d, ok := roots.Load(tb); ok {
		return d.(string)
	}
	d := tb.TempDir()
	roots.Store(tb, d)
	tb.Cleanup(func() { roots.Delete(tb) })
	return d
}

// Corpus returns a content folder of n generated notes (seed 1), generating
// it unless a complete one is kept under ANNALS_BENCH_DIR.
func Corpus(tb testing.TB, n int) string {
	tb.Helper()
	dir := filepath.Join(root(tb), fmt.Sprintf("corpus-%d", n))
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err == nil {
		return dir
	}
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := corpus.Generate(dir, n, 1); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Library returns a library indexed from Corpus(n), closed when tb ends.
// A data folder kept under ANNALS_BENCH_DIR is brought up to date rather
// than built again.
func Library(tb testing.TB, n int) *index.Library {
	tb.Helper()
	lib := update(tb, n)
	tb.Cleanup(func() { lib.Close() })
	return lib
}

// Search returns the search index of Library(n), open on its own and
// closed when tb ends.
func Search(tb testing.TB, n int) *search.Index {
	tb.Helper()
	if err := update(tb, n).Close(); err != nil {
		tb.Fatal(err)
	}
	ix, err := search.Open(filepath.Join(dataDir(tb, n), "search.bleve"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { ix.Close() })
	return ix
}

func dataDir(tb testing.TB, n int) string {
	return filepath.Join(root(tb), fmt.Sprintf("data-%d", n))
}

// update opens the data folder of n notes and brings it up to date.
func update(tb testing.TB, n int) *index.Library {
	tb.Helper()
	content := Corpus(tb, n)
	ctx := context.Background()
	lib, err := index.Open(ctx, dataDir(tb, n))
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := lib.Update(ctx, index.Options{Content: content})
	if err == nil && rep.Notes != n {
		err = fmt.Errorf("indexed %d notes of %d", rep.Notes, n)
	}
	if err != nil {
		lib.Close()
		tb.Fatal(err)
	}
	return lib
}

// Latencies collects the duration of each operation of a benchmark and
// reports percentiles as custom metrics.
type Latencies []time.Duration

// Time runs fn and records how long it took.
func (l *Latencies) Time(fn func()) {
	start := time.Now()
	fn()
	*l = append(*l, time.Since(start))
}

// Report adds p50-ms and p99-ms to b's results.
func (l Latencies) Report(b *testing.B) {
	if len(l) == 0 {
		return
	}
	sort.Slice(l, func(i, j int) bool { return l[i] < l[j] })
	at := func(p float64) float64 {
		i := min(int(p*float64(len(l))), len(l)-1)
		return float64(l[i].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}
