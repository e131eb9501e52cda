package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
)

func runIndex(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "index", "[--content DIR] [--data DIR]", `
Build or update the index of the content folder: the SQLite database and the
search index in the data folder, with the sources' stored texts
(sources/<id>.txt) that pages check quotations against. Only new and
changed notes are parsed.
Problems are printed as path:line:col: severity: message; a broken note is
skipped (its last good version is kept) and the rest are still indexed. The
exit status is 1 if any note has an error.`)
	content, data := folderFlags(e, fs)
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals index: unexpected argument %q\n", rest[0])
		return errUsage
	}
	lib, err := index.Open(ctx, *data)
	if err != nil {
		return err
	}
	defer lib.Close()
	rep, err := update(ctx, e, lib, *content)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", summary(rep))
	if rep.Errors() > 0 {
		return errReported
	}
	return nil
}

// openUpdated opens the data folder and brings it in step with the content
// folder, as every command that reads the notes does first. With list, the
// notes' problems are printed one by one (and progress on a terminal);
// otherwise a single line counts the notes left out, so that what the user
// asked for (hits, an export) is not lost among them.
func openUpdated(ctx context.Context, e *env, content, data string, list bool) (*index.Library, index.Report, error) {
	lib, err := index.Open(ctx, data)
	if err != nil {
		return nil, index.Report{}, err
	}
	var rep index.Report
	if list {
		rep, err = update(ctx, e, lib, content)
	} else {
		rep, err = lib.Update(ctx, index.Options{Content: content})
		// What the run did to the data folder itself (a damaged file set
		// aside, every note read again for a new annals) is said in any
		// case: it explains a slow run.
		for _, d := range rep.Diagnostics {
			if filepath.Dir(d.Path) == filepath.Clean(data) {
				fmt.Fprintln(e.stderr, d.Error())
			}
		}
		if n := rep.Errors(); err == nil && n > 0 {
			fmt.Fprintf(e.stderr, "annals: %d notes have errors and were left out; run \"annals check\" to see them\n", n)
		}
	}
	if err != nil {
		lib.Close()
		return nil, rep, err
	}
	return lib, rep, nil
}

// update runs an index update, printing progress on a terminal and every
// diagnostic to stderr.
func update(ctx context.Context, e *env, lib *index.Library, content string) (index.Report, error) {
	opts := index.Options{Content: content}
	if isTerminal(e.stderr) {
		opts.Progress = progress(e.stderr)
	}
	rep, err := lib.Update(ctx, opts)
	if opts.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return rep, err
	}
	for _, d := range rep.Diagnostics {
		fmt.Fprintln(e.stderr, d.Error())
	}
	return rep, nil
}

// progress returns a callback drawing a progress line once a run has taken
// longer than a moment, then at most ten times a second so that drawing
// never slows the work.
func progress(w io.Writer) func(stage string, done, total int) {
	start := time.Now()
	var last time.Time
	var lastStage string
	return func(stage string, done, total int) {
		if time.Since(start) < 250*time.Millisecond {
			return
		}
		if stage == lastStage && done != total && time.Since(last) < 100*time.Millisecond {
			return
		}
		last, lastStage = time.Now(), stage
		if total == 0 {
			fmt.Fprintf(w, "\r\033[K%s…", stage)
			return
		}
		const width = 30
		filled := width * done / total
		bar := strings.Repeat("█", filled) + strings.Repeat("░", width-filled)
		fmt.Fprintf(w, "\r\033[K%-8s %s %d/%d notes", stage, bar, done, total)
	}
}

func summary(r index.Report) string {
	var errs, warns int
	for _, d := range r.Diagnostics {
		if d.Severity == note.SeverityError {
			errs++
		} else {
			warns++
		}
	}
	s := fmt.Sprintf("indexed %d notes: %d parsed, %d unchanged, %d deleted", r.Notes, r.Parsed, r.Scanned-r.Parsed, r.Deleted)
	if r.Rebuilt {
		s += ", search index rebuilt"
	}
	s += fmt.Sprintf("; %d errors, %d warnings (%s)", errs, warns, r.Duration.Round(time.Millisecond))
	return s
}
