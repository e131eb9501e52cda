package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/search"
)

// listFlag collects a repeatable flag: --tag a --tag b.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runSearch(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "search", "[flags] QUERY", `
Search the notes and print ranked hits. The content folder is indexed first
if it changed. QUERY uses bleve's query-string syntax: words (all of them, unless OR
stands between them or no note has them all), "a phrase",
+required, -excluded, prefix*, field:value (fields: title, summary, body,
place, names, tag, actor, status, kind, source). An empty QUERY ("") lists
everything the filters allow, in date order.`)
	content, data := folderFlags(e, fs)
	asJSON := fs.Bool("json", false, "print JSON: {total, any_words, hits: [{id, kind, title, date, score, fragments}], facets}")
	limit := fs.Int("limit", 10, fmt.Sprintf("show at most `N` hits (up to %d)", search.MaxLimit))
	offset := fs.Int("offset", 0, "skip the first `N` hits")
	sortBy := fs.String("sort", "relevance", "order hits by relevance or date")
	from := fs.String("from", "", "only events overlapping this EDTF date or later, e.g. 2018 or 2018-07")
	to := fs.String("to", "", "only events overlapping this EDTF date or earlier")
	var tags, actors, statuses, kinds listFlag
	fs.Var(&tags, "tag", "only notes with this `tag` (repeatable: any of them)")
	fs.Var(&actors, "actor", "only events involving this actor `id` (repeatable)")
	fs.Var(&statuses, "status", "only events with this `status`: confirmed, reported, claimed, disputed, planned (repeatable)")
	fs.Var(&kinds, "kind", "only notes of this `kind`: event, source, actor (repeatable)")
	rest, err := parse(e, fs, args)
	if err != nil {
		return err
	}
	if *sortBy != "relevance" && *sortBy != "date" {
		fmt.Fprintf(e.stderr, "annals search: --sort must be relevance or date, not %q\n", *sortBy)
		return errUsage
	}
	req := search.Request{
		Query: strings.Join(rest, " "), Limit: *limit, Offset: *offset, SortBy: *sortBy,
		Tags: tags, Actors: actors, Statuses: statuses, Kinds: kinds, Facets: *asJSON,
	}
	if req.From, err = dateFlag("from", *from, edtf.Date.Earliest); err != nil {
		fmt.Fprintf(e.stderr, "annals search: %v\n", err)
		return errUsage
	}
	if req.To, err = dateFlag("to", *to, edtf.Date.Latest); err != nil {
		fmt.Fprintf(e.stderr, "annals search: %v\n", err)
		return errUsage
	}

	df, _, err := openUpdated(ctx, e, "search", *content, *data, false)
	if err != nil {
		return err
	}
	defer df.Close()
	res, err := df.search(ctx, e, req)
	if errors.Is(err, search.ErrBadQuery) {
		fmt.Fprintf(e.stderr, "annals search: %v\n", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	printHits(e.stdout, req, res, isTerminal(e.stdout))
	return nil
}

func dateFlag(name, value string, bound func(edtf.Date) edtf.Day) (time.Time, error) {
	if value == "" {
		return time.Time{}, nil
	}
	d, err := edtf.Parse(value)
	if err != nil {
		return time.Time{}, fmt.Errorf("--%s: %w", name, err)
	}
	return bound(d).Time(), nil
}

// printHits writes a readable ranked list; on a terminal, matches are bold.
func printHits(w io.Writer, req search.Request, res *search.Result, tty bool) {
	if res.Total == 0 {
		fmt.Fprintln(w, "no hits")
		return
	}
	if res.AnyWords {
		fmt.Fprintln(w, "no note has all the words; these have some of them")
	}
	mark, unmark := "", ""
	if tty {
		mark, unmark = "\033[1m", "\033[0m"
	}
	for i, h := range res.Hits {
		date := h.Display
		if date == "" {
			date = h.Kind
		}
		fmt.Fprintf(w, "%3d. %s%s%s  (%s)\n", req.Offset+i+1, mark, h.Title, unmark, date)
		fmt.Fprintf(w, "     %s %s  score %.3f\n", h.Kind, h.ID, h.Score)
		for _, f := range h.Fragments {
			f = strings.NewReplacer("<mark>", mark, "</mark>", unmark, "\n", " ").Replace(f)
			fmt.Fprintf(w, "     %s\n", html.UnescapeString(strings.TrimSpace(f)))
		}
	}
	shown := uint64(req.Offset + len(res.Hits))
	if shown < res.Total {
		fmt.Fprintf(w, "%d of %d hits; --offset %d for more\n", len(res.Hits), res.Total, shown)
	} else {
		fmt.Fprintf(w, "%d hits\n", res.Total)
	}
}
