// Command annals indexes a folder of markdown notes about events, sources
// and actors, and serves, searches and exports the cited chronology.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	returned := make(chan struct{})
	go func() {
		<-ctx.Done()
		// A second signal ends the process at once.
		stop()
		// The first asks the command to stop, and it is ended if it has
		// not within stopGrace: not all work looks at the context (bleve
		// writes a batch of documents in one call), and whatever a
		// command writes survives being stopped at any point, for the
		// next run to repair.
		select {
		case <-returned:
		case <-time.After(stopGrace):
			fmt.Fprintln(os.Stderr, "annals: interrupted")
			os.Exit(130)
		}
	}()
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	close(returned)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// stopGrace is how long a command has to stop cleanly after Ctrl-C.
const stopGrace = 500 * time.Millisecond

// commands maps each subcommand to its implementation.
var commands = []struct {
	name, summary string
	run           func(ctx context.Context, env *env, args []string) error
}{
	{"build", "write the whole public site as static files", runBuild},
	{"changes", "list the notes changed since a date (from git history)", runChanges},
	{"check", "report problems in the notes as path:line:col diagnostics", runCheck},
	{"export", "write the sources or events as CSL-JSON, BibTeX, TimelineJS, iCalendar or Atom", runExport},
	{"index", "build or update the index of the content folder", runIndex},
	{"new", "write a new event, source or actor note from a template", runNew},
	{"search", "search the notes and print ranked hits", runSearch},
	{"serve", "index if stale, then serve the site on 127.0.0.1", runServe},
}

// env is what a command may use of the world outside it.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
}

const usage = `annals keeps a cited chronology from markdown notes.

Usage:
  annals COMMAND [flags] [arguments]

Commands:
%s
Run "annals COMMAND --help" for a command's flags.
`

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	e := &env{getenv: getenv, stdout: stdout, stderr: stderr}
	var list string
	for _, c := range commands {
		list += fmt.Sprintf("  %-8s %s\n", c.name, c.summary)
	}
	if len(args) == 0 {
		fmt.Fprintf(stderr, usage, list)
		return errUsage
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprintf(stdout, usage, list)
		return nil
	}
	for _, c := range commands {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "annals: unknown command %q\n\n"+usage, args[0], list)
	return errUsage
}

// errUsage reports a mistake in the command line; the usage is already shown.
var errUsage = errors.New("usage")

// errReported is returned when the errors were already printed in full
// (diagnostics) and the exit status alone remains to be set.
var errReported = errors.New("errors reported")

func exitCode(err error, stderr io.Writer) int {
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errReported):
		return 1
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "annals: interrupted")
		return 130
	default:
		fmt.Fprintf(stderr, "annals: %v\n", err)
		return 1
	}
}
