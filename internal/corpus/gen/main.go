// Command gen writes a deterministic corpus of notes for benchmarks:
//
//	go run ./internal/corpus/gen -n 10000 -o /tmp/corpus
package main

import (
	"flag"
	"fmt"
	"os"

	"annals.dev/annals/internal/corpus"
)

func main() {
	n := flag.Int("n", 10000, "number of notes")
	out := flag.String("o", "", "output folder (required)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed gives the same notes")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -o DIR is required")
		flag.Usage()
		os.Exit(2)
	}
	if err := corpus.Generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	e, s, a := corpus.Counts(*n)
	fmt.Printf("wrote %d notes to %s: %d events, %d sources, %d actors\n", *n, *out, e, s, a)
}
