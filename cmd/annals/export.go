package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"annals.dev/annals/internal/export"
)

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "export", "--format FORMAT [-o FILE] [--base-url URL] [--content DIR] [--data DIR]", `
Write the public notes in a format other tools read. The content folder is
indexed first if it changed. Drafts are never exported.

Formats:
`+formatList()+`
Citation keys are the sources' ids. Links back to the site are made from
--base-url. Notes a format cannot hold as they are (a key BibTeX cannot take,
a date no calendar can show) are reported as warnings on stderr.`)
	content, data := folderFlags(e, fs)
	format := fs.String("format", "", "the `format`: "+strings.Join(export.Names(), ", "))
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	base := fs.String("base-url", "http://127.0.0.1:8080", "the `URL` the site is served at, for links and feed ids")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals export: unexpected argument %q\n", rest[0])
		return errUsage
	}
	f, ok := export.Lookup(*format)
	if !ok {
		if *format == "" {
			fmt.Fprintf(e.stderr, "annals export: --format is required: one of %s\n", strings.Join(export.Names(), ", "))
		} else {
			fmt.Fprintf(e.stderr, "annals export: unknown format %q: use one of %s\n", *format, strings.Join(export.Names(), ", "))
		}
		return errUsage
	}
	if u, err := url.Parse(*base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		fmt.Fprintf(e.stderr, "annals export: --base-url must be an absolute http or https URL such as https://example.org, not %q\n", *base)
		return errUsage
	}

	df, _, err := openUpdated(ctx, e, "export", *content, *data, false)
	if err != nil {
		return err
	}
	defer df.Close()
	c, err := export.Load(ctx, df.lib.DB, *base)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	warnings, err := f.Write(&buf, c)
	if err != nil {
		return fmt.Errorf("export %s: %w", f.Name, err)
	}
	for _, w := range warnings {
		fmt.Fprintln(e.stderr, w.Error())
	}
	if *out == "" {
		_, err = e.stdout.Write(buf.Bytes())
		return err
	}
	return writeFile(*out, buf.Bytes())
}

// writeFile replaces path with data all at once: a failed export leaves
// the previous file as it was rather than half a file.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// formatList describes the export formats for the help text, one a line.
func formatList() string {
	var b strings.Builder
	for _, f := range export.Formats {
		fmt.Fprintf(&b, "  %-11s %s\n", f.Name, f.Summary)
	}
	return b.String()
}
