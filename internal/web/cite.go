package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"annals.dev/annals/internal/note"
)

// citation is the "Cite this event" box: where the event lives for good,
// a ready reference to paste, and its sources as Pandoc citations.
type citation struct {
	Permalink string
	Text      string
	Keys      []string // "[@memoir]"
}

// citeEvent builds the citation of event n as read at now. keys are the
// citation keys the event uses, in order and possibly repeated; only keys
// of public sources are offered, as Pandoc could not resolve the others.
func citeEvent(r *http.Request, n *note.Note, keys []string, sources map[string]*note.Note, now time.Time) citation {
	c := citation{Permalink: absURL(r, "/events/"+url.PathEscape(n.ID))}
	title := strings.TrimSpace(n.Title)
	if !strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "?") && !strings.HasSuffix(title, "!") {
		title += "."
	}
	c.Text = "“" + title + "” annals, " + n.Event.Date.Display() + ". " + c.Permalink +
		" (accessed " + now.UTC().Format(time.DateOnly) + ")."
	seen := map[string]bool{}
	for _, k := range keys {
		if _, ok := sources[k]; ok && !seen[k] {
			seen[k] = true
			c.Keys = append(c.Keys, "[@"+k+"]")
		}
	}
	return c
}

// absURL makes path absolute on the host the request was sent to: https
// when the connection is TLS, http otherwise.
func absURL(r *http.Request, path string) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return (&url.URL{Scheme: scheme, Host: r.Host}).String() + path
}
