package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"annals.dev/annals/internal/build"
)

func runBuild(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "build", "-o DIR [flags]", `
Write the whole public site as static files into DIR, after updating the
index of the content folder: every page the server shows, the exports, and
a search page that runs in the browser. Links are relative and name their
files, so the folder works on any static host and opened from disk.
Drafts appear nowhere.

The site is written beside DIR and moved into place when complete, so a
failed build leaves DIR as it was. DIR must be new, empty, or an earlier
build (it holds a `+build.Marker+` file); any other folder is left alone.`)
	content, data := folderFlags(e, fs)
	out := fs.String("o", "", "write the site into the folder `DIR` (required)")
	baseURL := fs.String("base-url", "", "the `URL` the site will be published at, for the permalinks of events (default: relative)")
	serverURL := fs.String("server-url", "", "an annals server `URL` whose search the search page offers to readers without JavaScript")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals build: unexpected argument %q\n", rest[0])
		return errUsage
	}
	if *out == "" {
		fmt.Fprintln(e.stderr, "annals build: say where to write the site: annals build -o DIR")
		return errUsage
	}
	df, rep, err := openUpdated(ctx, e, "build", *content, *data, true)
	if err != nil {
		return err
	}
	defer df.Close()
	if n := rep.Errors(); n > 0 {
		fmt.Fprintf(e.stderr, "annals: %d notes have errors and were left out of the site (their last good version is kept)\n", n)
	}
	opts := build.Options{Dir: *out, BaseURL: *baseURL, ServerURL: *serverURL}
	if isTerminal(e.stderr) {
		opts.Progress = buildProgress(e.stderr)
	}
	b, err := build.Build(ctx, df.lib, opts)
	if opts.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return fmt.Errorf("build %s: %w", *out, err)
	}
	for _, w := range b.Warnings {
		fmt.Fprintln(e.stderr, w.Error())
	}
	fmt.Fprintf(e.stdout, "built %s: %d pages, %d files, %s in %s\n", *out, b.Pages, b.Files, size(b.Bytes), b.Duration.Round(time.Millisecond))
	return nil
}

// buildProgress draws the build's progress line, at most ten times a
// second, in the style of the index's.
func buildProgress(w io.Writer) func(stage string, done, total int) {
	var last time.Time
	return func(stage string, done, total int) {
		if done != total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		const width = 30
		filled := width * done / max(total, 1)
		bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
		fmt.Fprintf(w, "\r\033[K%-8s %s %d/%d files", stage, bar, done, total)
	}
}

// size formats a byte count for people: 512 B, 1.3 MB.
func size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1000/1000)
	}
}
