package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

// newFlags returns a flag set for a subcommand whose --help prints the
// synopsis, description and flags.
func newFlags(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: annals %s %s\n\n%s\n", name, synopsis, strings.TrimSpace(description))
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses args, allowing flags after positional arguments
// ("annals search norway --json"). --help prints usage to stdout.
func parse(e *env, fs *flag.FlagSet, args []string) ([]string, error) {
	// Help is looked for first: the flag package would print the usage to
	// stderr itself, and asked-for help belongs on stdout, once.
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "-help" || a == "--help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return nil, flag.ErrHelp
		}
	}
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

// folderFlags adds --content and --data, defaulting to $ANNALS_CONTENT and
// $ANNALS_DATA, then ./content and ./.annals.
func folderFlags(e *env, fs *flag.FlagSet) (content, data *string) {
	content = fs.String("content", envOr(e, "ANNALS_CONTENT", "content"), "the folder of notes (env ANNALS_CONTENT)")
	data = fs.String("data", envOr(e, "ANNALS_DATA", ".annals"), "the folder for the database and search index (env ANNALS_DATA)")
	return content, data
}

func envOr(e *env, key, def string) string {
	if v := e.getenv(key); v != "" {
		return v
	}
	return def
}

// isTerminal reports whether w is an interactive terminal, where progress
// and colour help; in a pipe they are noise.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
