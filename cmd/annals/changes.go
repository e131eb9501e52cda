package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"annals.dev/annals/internal/web"
)

func runChanges(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "changes", "[--since DATE] [--json]", `
List the notes changed since a date, the most recent first, with the address
of each one's page. The content folder is indexed first if it changed.

A note's last change is the time of the last git commit that touched its
file when the content folder is in a git repository; a file with changes not
yet committed (or never committed), or a folder outside git, counts from the
file's modification time. Drafts are never listed.`)
	content, data := folderFlags(e, fs)
	since := fs.String("since", "", "list changes from this `DATE` on: a day (2025-10-01, from midnight UTC) or an RFC 3339 time; the default is 30 days ago")
	asJSON := fs.Bool("json", false, `print JSON: {"since", "changes": [{"kind", "id", "title", "updated", "url"}]}`)
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fmt.Fprintf(e.stderr, "annals changes: unexpected argument %q\n", rest[0])
		return errUsage
	}
	from, err := web.ParseSince(*since, time.Now())
	if errors.Is(err, web.ErrBadSince) {
		fmt.Fprintf(e.stderr, "annals changes: --since %v\n", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	df, _, err := openUpdated(ctx, e, "changes", *content, *data, false)
	if err != nil {
		return err
	}
	defer df.Close()
	cs, err := df.lib.DB.Changes(ctx, from)
	if err != nil {
		return err
	}
	type change struct {
		Kind    string `json:"kind"`
		ID      string `json:"id"`
		Title   string `json:"title"`
		Updated string `json:"updated"`
		URL     string `json:"url,omitempty"` // the page's path on the site, if the note has one
	}
	out := make([]change, len(cs))
	for i, c := range cs {
		out[i] = change{Kind: string(c.Kind), ID: c.ID, Title: c.Title, Updated: c.Updated.Format(time.RFC3339),
			URL: web.NotePath(c.Kind, c.ID)}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			Since   string   `json:"since"`
			Changes []change `json:"changes"`
		}{from.Format(time.RFC3339), out})
	}
	if len(out) == 0 {
		fmt.Fprintf(e.stdout, "no note changed since %s\n", from.Format(time.RFC3339))
		return nil
	}
	for _, c := range out {
		where := c.URL
		if where == "" {
			where = c.ID
		}
		fmt.Fprintf(e.stdout, "%s  %-6s  %s  %s\n", c.Updated, c.Kind, where, c.Title)
	}
	noun := "notes"
	if len(out) == 1 {
		noun = "note"
	}
	fmt.Fprintf(e.stdout, "%d %s changed since %s\n", len(out), noun, from.Format(time.RFC3339))
	return nil
}
