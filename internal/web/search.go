package web

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/search"
)

// pageSize is the number of hits on a search page.
const pageSize = 20

// searchRequest reads a search from the URL's query: q, from, to, tag,
// actor, status and page. Mistakes wrap search.ErrBadQuery.
func searchRequest(q url.Values) (search.Request, int, error) {
	req := search.Request{Query: q.Get("q"), Limit: pageSize}
	for _, v := range q["tag"] {
		if v = strings.TrimSpace(v); v != "" {
			req.Tags = append(req.Tags, v)
		}
	}
	for _, v := range q["actor"] {
		if v = strings.TrimSpace(v); v != "" {
			req.Actors = append(req.Actors, v)
		}
	}
	for _, v := range q["status"] {
		if v = strings.TrimSpace(v); v != "" {
			req.Statuses = append(req.Statuses, v)
		}
	}
	var err error
	if req.From, err = dateParam("from", q.Get("from"), edtf.Date.Earliest); err != nil {
		return req, 1, err
	}
	if req.To, err = dateParam("to", q.Get("to"), edtf.Date.Latest); err != nil {
		return req, 1, err
	}
	page := 1
	if s := q.Get("page"); s != "" {
		page, err = strconv.Atoi(s)
		if err != nil || page < 1 {
			return req, 1, fmt.Errorf("%w: page must be a number from 1, not %q", search.ErrBadQuery, s)
		}
	}
	req.Offset = (page - 1) * pageSize
	if req.Offset > search.MaxOffset {
		return req, page, fmt.Errorf("%w: page %d is beyond the last page that can be shown; narrow the search", search.ErrBadQuery, page)
	}
	return req, page, nil
}

func dateParam(name, value string, bound func(edtf.Date) edtf.Day) (time.Time, error) {
	value = strings.TrimSpace(value)
	if value == "" {
		return time.Time{}, nil
	}
	d, err := edtf.Parse(value)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %s: %v", search.ErrBadQuery, name, err)
	}
	return bound(d).Time(), nil
}

type hitView struct {
	Href, Title, Display, Kind string
	Fragments                  []template.HTML
}

type statusOption struct {
	Value    string
	Selected bool
}

type searchPage struct {
	Query, From, To, Tag, Actor string
	Statuses                    []statusOption
	Problem                     string
	Searched                    bool
	Total                       uint64
	Start                       int
	Hits                        []hitView
	Prev, Next                  string
}

func handleSearch(lib *index.Library, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p := searchPage{Query: q.Get("q"), From: q.Get("from"), To: q.Get("to"), Tag: q.Get("tag"), Actor: q.Get("actor")}
		for _, s := range note.Statuses {
			p.Statuses = append(p.Statuses, statusOption{string(s), q.Get("status") == string(s)})
		}
		if len(q) == 0 {
			v.render(w, r, http.StatusOK, "search", p)
			return
		}
		req, page, err := searchRequest(q)
		var res *search.Result
		if err == nil {
			res, err = run(r, lib, req)
		}
		if errors.Is(err, search.ErrBadQuery) {
			p.Problem = err.Error()
			v.render(w, r, http.StatusBadRequest, "search", p)
			return
		}
		if err != nil {
			v.Error(w, r, err)
			return
		}
		p.Searched, p.Total, p.Start = true, res.Total, req.Offset+1
		for _, h := range res.Hits {
			p.Hits = append(p.Hits, newHitView(h))
		}
		if page > 1 {
			p.Prev = pageURL(q, page-1)
		}
		if uint64(req.Offset+len(res.Hits)) < res.Total && req.Offset+pageSize <= search.MaxOffset {
			p.Next = pageURL(q, page+1)
		}
		v.render(w, r, http.StatusOK, "search", p)
	}
}

// run searches, failing cleanly if the search index is missing.
func run(r *http.Request, lib *index.Library, req search.Request) (*search.Result, error) {
	if lib.Search == nil {
		return nil, errors.New("search index is not open")
	}
	return lib.Search.Search(r.Context(), req)
}

func pageURL(q url.Values, page int) string {
	c := url.Values{}
	for k, vs := range q {
		c[k] = vs
	}
	c.Set("page", strconv.Itoa(page))
	return "/search?" + c.Encode()
}

func newHitView(h search.Hit) hitView {
	hv := hitView{Title: h.Title, Display: h.Display, Kind: h.Kind, Href: hitHref(h)}
	for _, f := range h.Fragments {
		hv.Fragments = append(hv.Fragments, fragment(f))
	}
	return hv
}

func hitHref(h search.Hit) string {
	id := url.PathEscape(h.ID)
	switch note.Kind(h.Kind) {
	case note.KindSource:
		return "/sources/" + id
	case note.KindActor:
		return "/actors/" + id
	default:
		return "/events/" + id
	}
}

// fragment trusts a highlighted fragment as HTML only if it is escaped
// text with <mark> and </mark> and no other markup. Anything else is shown
// as plain text, highlights dropped.
func fragment(f string) template.HTML {
	bare := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(f)
	if !strings.ContainsAny(bare, "<>") && balancedMarks(f) {
		return template.HTML(f)
	}
	return template.HTML(template.HTMLEscapeString(html.UnescapeString(bare)))
}

// balancedMarks reports whether every <mark> is closed before the next
// opens, so a fragment cannot leave a tag open across the page.
func balancedMarks(f string) bool {
	open := false
	for f != "" {
		i := strings.IndexByte(f, '<')
		if i < 0 {
			break
		}
		f = f[i:]
		switch {
		case strings.HasPrefix(f, "<mark>"):
			if open {
				return false
			}
			open, f = true, f[len("<mark>"):]
		case strings.HasPrefix(f, "</mark>"):
			if !open {
				return false
			}
			open, f = false, f[len("</mark>"):]
		default:
			return false
		}
	}
	return !open
}
