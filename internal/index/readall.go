package index

import (
	"context"
	"runtime"
	"sync"

	"annals.dev/annals/internal/note"
)

// ReadAll scans the content folder and parses every note, drafts included,
// and reads the sources' stored texts (by source id), without reading or
// writing a store: what "annals check" looks at. Notes that do not parse
// are left out and reported in the diagnostics, with the scan's own
// problems. Notes come back in path order, a bibliography's entries in
// file order.
func ReadAll(ctx context.Context, content string) ([]*note.Note, map[string]*note.SourceText, note.Diagnostics, error) {
	files, diags, err := scan(content)
	if err != nil {
		return nil, nil, nil, err
	}
	files, textFiles := splitTexts(files)
	texts, tdiags := readTexts(ctx, content, textFiles)
	diags = append(diags, tdiags...)
	results := make([]parseResult, len(files))
	parallel(ctx, len(files), func(i int) {
		results[i] = parseFile(content, files[i], nil, nil)
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	var notes []*note.Note
	for _, r := range results {
		diags = append(diags, r.diags...)
		for _, p := range r.puts {
			notes = append(notes, p.Note)
		}
	}
	return notes, texts, diags, nil
}

// parallel calls fn(i) for every i in [0, n) across all cores, and stops
// handing out work when ctx is done.
func parallel(ctx context.Context, n int, fn func(i int)) {
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range work {
				fn(i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		work <- i
	}
	close(work)
	wg.Wait()
}
