package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// stamp is a moment as pages show it: the day for readers, the exact time
// for machines (a <time datetime>).
type stamp struct{ Date, ISO string }

func newStamp(t time.Time) stamp {
	t = t.UTC()
	return stamp{Date: t.Format("2 January 2006"), ISO: t.Format(time.RFC3339)}
}

// DefaultChanges is how far back /changes and "annals changes" look when
// no date is given.
const DefaultChanges = 30 * 24 * time.Hour

// ErrBadSince is returned for a "since" that is not a date.
var ErrBadSince = errors.New("not a date")

// ParseSince reads the date a list of changes starts from: a day
// (2025-10-01, from its start in UTC) or an RFC 3339 time. Empty means
// DefaultChanges before now.
func ParseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return now.Add(-DefaultChanges).UTC(), nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("%q is %w: give a day as YYYY-MM-DD (2025-10-01) or a time in RFC 3339 (2025-10-01T09:30:00Z)", s, ErrBadSince)
}

// NotePath is the path of a note's page, or "" for a kind of note the site
// has no pages for.
func NotePath(kind note.Kind, id string) string {
	switch kind {
	case note.KindEvent, note.KindSource, note.KindActor, note.KindPlace:
		return "/" + kind.Folder() + "/" + url.PathEscape(id)
	}
	return ""
}

// changeItem is a note in the list of recent changes.
type changeItem struct {
	Kind, Title, Href string
	Updated           stamp
}

type changesPage struct {
	Since   string // as the form shows it: YYYY-MM-DD
	From    stamp
	Error   string
	Changes []changeItem
}

// handleChanges lists the public notes changed since a day (?since=, by
// default the last 30 days), most recent first.
func handleChanges(db *store.DB, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		since, err := ParseSince(r.URL.Query().Get("since"), time.Now())
		status := http.StatusOK
		var p changesPage
		if err != nil {
			status, p.Error = http.StatusBadRequest, "Since: "+err.Error()+"."
			since, _ = ParseSince("", time.Now())
		}
		p.Since, p.From = since.Format(time.DateOnly), newStamp(since)
		cs, err := db.Changes(r.Context(), since)
		if err != nil {
			v.Error(w, r, err)
			return
		}
		for _, c := range cs {
			p.Changes = append(p.Changes, changeItem{
				Kind: string(c.Kind), Title: c.Title, Updated: newStamp(c.Updated), Href: NotePath(c.Kind, c.ID),
			})
		}
		v.render(w, r, status, "changes", p)
	}
}
