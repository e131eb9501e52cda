package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/search"
)

// busyWait is how long a command waits for another one to finish with the
// data folder before it gives up.
const busyWait = 10 * time.Second

// folder is a command's way into the data folder: a library of its own,
// or, while "annals serve" has the folder, that server, which does the
// updates and searches, and the database opened read-only.
type folder struct {
	lib    *index.Library
	server *peer // nil unless a server has the folder
}

// openUpdated opens the data folder for command and brings it in step with
// the content folder, as every command that reads the notes does first.
// With list, the notes' problems are printed one by one (and progress on a
// terminal); otherwise a single line counts the notes left out, so that
// what the user asked for (hits, an export) is not lost among them.
func openUpdated(ctx context.Context, e *env, command, content, data string, list bool) (*folder, index.Report, error) {
	lib, server, err := open(ctx, e, command, content, data)
	if err != nil {
		return nil, index.Report{}, err
	}
	var rep index.Report
	switch {
	case server != nil:
		rep, err = server.update(ctx, e)
		if err == nil {
			lib, err = index.OpenReadOnly(ctx, data)
		}
	case list:
		rep, err = update(ctx, e, lib, content)
	default:
		rep, err = lib.Update(ctx, index.Options{Content: content})
	}
	if err != nil {
		if lib != nil {
			lib.Close()
		}
		return nil, rep, err
	}
	if list {
		if server != nil {
			printDiagnostics(e, rep)
		}
	} else {
		// What the run did to the data folder itself (a damaged file set
		// aside, every note read again for a new annals) is said in any
		// case: it explains a slow run.
		for _, d := range rep.Diagnostics {
			if filepath.Dir(d.Path) == filepath.Clean(data) {
				fmt.Fprintln(e.stderr, d.Error())
			}
		}
		if n := rep.Errors(); n > 0 {
			fmt.Fprintf(e.stderr, "annals: %d notes have errors and were left out; run \"annals check\" to see them\n", n)
		}
	}
	return &folder{lib: lib, server: server}, rep, nil
}

// search runs req where the search index is open: here, or in the server.
func (f *folder) search(ctx context.Context, e *env, req search.Request) (*search.Result, error) {
	if f.server != nil {
		return f.server.search(ctx, e, req)
	}
	return f.lib.Search().Search(ctx, req)
}

func (f *folder) Close() error { return f.lib.Close() }

// open opens the data folder data for command. When another process has it,
// open waits for it (saying so) up to busyWait, unless that process is a
// server, which the command then uses: it returns the server and no
// library. Only one process at a time may have a data folder open.
func open(ctx context.Context, e *env, command, content, data string) (*index.Library, *peer, error) {
	abs := absPath(content)
	deadline := time.Now().Add(busyWait)
	said := ""
	for {
		lib, err := index.Open(ctx, data)
		if err == nil {
			if err := lib.Announce(index.Holder{Command: command, Content: abs}); err != nil {
				lib.Close()
				return nil, nil, err
			}
			return lib, nil, nil
		}
		var busy *index.BusyError
		if !errors.As(err, &busy) {
			return nil, nil, err
		}
		h := busy.Holder
		if h.URL != "" {
			if command == "serve" {
				return nil, nil, fmt.Errorf("%s already serves the data folder %s at %s: use that one, stop it first (Ctrl-C where it runs, or kill %d), or give this one another --data folder", h, data, h.URL, h.PID)
			}
			if h.Content != abs {
				return nil, nil, fmt.Errorf("%s at %s uses the data folder %s for the notes in %s, not %s: give this command the same --content, another --data folder, or stop the server", h, h.URL, data, h.Content, abs)
			}
			return nil, &peer{holder: h, data: data}, nil
		}
		if time.Now().After(deadline) {
			if h.Command == "serve" {
				return nil, nil, fmt.Errorf("%s is still indexing the data folder %s after %s: run this command again once it prints \"serving on\", or give this one another --data folder", h, data, busyWait)
			}
			return nil, nil, fmt.Errorf("%s after %s: wait for it to finish and run this command again, or give this one another --data folder", busy, busyWait)
		}
		// Say what is awaited, again if the answer changes (a holder
		// that had not yet said who it is).
		if msg := busy.Error(); msg != said {
			fmt.Fprintf(e.stderr, "annals: %s; waiting up to %s for it (Ctrl-C to stop)\n", msg, busyWait)
			said = msg
		}
		select {
		case <-ctx.Done():
			return nil, nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// absPath is path made absolute, with symbolic links resolved where it
// exists, so that two commands naming one folder differently agree.
func absPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// printDiagnostics prints every problem a run reported, one per line.
func printDiagnostics(e *env, rep index.Report) {
	for _, d := range rep.Diagnostics {
		fmt.Fprintln(e.stderr, d.Error())
	}
}
