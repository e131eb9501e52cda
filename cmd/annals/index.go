package main

import (
	"context"
	"fmt"
	"io"
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
exit status is 1 if any note has an error.

While "annals serve" runs on the data folder, the server does the update.
While another command has the folder, index waits for it up to 10 s.`)
	content, data := folderFlags(e, fs)
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals index: unexpected argument %q\n", rest[0])
		return errUsage
	}
	lib, server, err := open(ctx, e, "index", *content, *data)
	if err != nil {
		return err
	}
	var rep index.Report
	if server != nil {
		fmt.Fprintf(e.stderr, "annals: %s has the data folder %s: it updates the index\n", server.holder, *data)
		if rep, err = server.update(ctx, e); err != nil {
			return err
		}
		printDiagnostics(e, rep)
	} else {
		defer lib.Close()
		if rep, err = update(ctx, e, lib, *content); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "%s\n", summary(rep))
	if rep.Errors() > 0 {
		return errReported
	}
	return nil
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
	printDiagnostics(e, rep)
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
