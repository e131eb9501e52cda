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
// actor, status, kind, sort and page. Mistakes wrap search.ErrBadQuery.
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
	for _, v := range q["kind"] {
		if v = strings.TrimSpace(v); v != "" {
			req.Kinds = append(req.Kinds, v)
		}
	}
	switch s := strings.TrimSpace(q.Get("sort")); s {
	case "", "relevance":
	case "date":
		req.SortBy = "date"
	default:
		return req, 1, fmt.Errorf("%w: sort must be relevance or date, not %q", search.ErrBadQuery, s)
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
	Statuses, Kinds, Sorts      []statusOption
	// Hidden carries the filters the form has no visible field for: the
	// second and later values of a facet clicked into the query.
	Hidden     []hiddenField
	Active     []facetLink // filters in force, each linking to its removal
	Facets     []facetGroup
	Problem    string
	Searched   bool
	Total      uint64
	Start      int
	Page       int
	Pages      int
	Hits       []hitView
	Prev, Next string
}

type hiddenField struct{ Name, Value string }

// facetGroup is one facet's counts, each a link that narrows the search.
type facetGroup struct {
	Name, Label string
	Links       []facetLink
}

type facetLink struct {
	Field, Value, Label string
	Count               int
	Href                string
	Active              bool // the value is already a filter; Href removes it
}

// facetLabels names the facets, in the order the page shows them.
var facetLabels = []struct{ Name, Label string }{
	{"tag", "Tags"}, {"actor", "Actors"}, {"status", "Status"}, {"kind", "Kind"},
}

func handleSearch(lib *index.Library, cat *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		p := newSearchPage(q)
		if len(q) == 0 {
			v.render(w, r, http.StatusOK, "search", p)
			return
		}
		req, page, err := searchRequest(q)
		req.Facets = true
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
		p.Searched, p.Total, p.Start, p.Page = true, res.Total, req.Offset+1, page
		p.Pages = int((res.Total + pageSize - 1) / pageSize)
		names, err := cat.refNames(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		p.Facets = facetGroups(q, res.Facets, names)
		p.Active = activeFilters(q, names)
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

// newSearchPage fills the search form from the query.
func newSearchPage(q url.Values) searchPage {
	p := searchPage{Query: q.Get("q"), From: q.Get("from"), To: q.Get("to"), Tag: q.Get("tag"), Actor: q.Get("actor")}
	for _, s := range note.Statuses {
		p.Statuses = append(p.Statuses, statusOption{string(s), q.Get("status") == string(s)})
	}
	for _, k := range []note.Kind{note.KindEvent, note.KindSource, note.KindActor} {
		p.Kinds = append(p.Kinds, statusOption{string(k), q.Get("kind") == string(k)})
	}
	byDate := q.Get("sort") == "date"
	p.Sorts = []statusOption{{"relevance", !byDate}, {"date", byDate}}
	for _, name := range []string{"tag", "actor", "status", "kind"} {
		if vs := q[name]; len(vs) > 1 {
			for _, v := range vs[1:] {
				p.Hidden = append(p.Hidden, hiddenField{name, v})
			}
		}
	}
	return p
}

// facetGroups turns facet counts into links: each adds its value to the
// current query, or removes it if it is already there.
func facetGroups(q url.Values, facets map[string][]search.Count, names *names) []facetGroup {
	var out []facetGroup
	for _, f := range facetLabels {
		counts := facets[f.Name]
		if len(counts) == 0 {
			continue
		}
		g := facetGroup{Name: f.Name, Label: f.Label}
		for _, c := range counts {
			l := facetLink{Field: f.Name, Value: c.Value, Label: c.Value, Count: c.Count}
			if f.Name == "actor" {
				l.Label = actorName(c.Value, names)
			}
			l.Active = hasValue(q[f.Name], c.Value)
			if l.Active {
				l.Href = withoutValue(q, f.Name, c.Value)
			} else {
				l.Href = filterURL("/search", q, f.Name, c.Value)
			}
			g.Links = append(g.Links, l)
		}
		out = append(out, g)
	}
	return out
}

// activeFilters lists the facet filters in force, each linking to the
// search without it.
func activeFilters(q url.Values, names *names) []facetLink {
	var out []facetLink
	for _, f := range facetLabels {
		for _, v := range q[f.Name] {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			l := facetLink{Field: f.Name, Value: v, Label: v, Active: true, Href: withoutValue(q, f.Name, v)}
			// The reader typed the value: it is shown as typed unless it
			// names a public actor.
			if name := actorName(v, names); f.Name == "actor" && name != "" {
				l.Label = name
			}
			out = append(out, l)
		}
	}
	return out
}

func hasValue(vs []string, v string) bool {
	for _, x := range vs {
		if strings.TrimSpace(x) == v {
			return true
		}
	}
	return false
}

// withoutValue returns the search URL for q without name=value, back on
// the first page.
func withoutValue(q url.Values, name, value string) string {
	c := url.Values{}
	for k, vs := range q {
		if k == "page" {
			continue
		}
		for _, v := range vs {
			if k != name || strings.TrimSpace(v) != value {
				c.Add(k, v)
			}
		}
	}
	return "/search?" + c.Encode()
}

// run searches, failing cleanly if the search index is missing.
func run(r *http.Request, lib *index.Library, req search.Request) (*search.Result, error) {
	ix := lib.Search()
	if ix == nil {
		return nil, errors.New("search index is not open")
	}
	return ix.Search(r.Context(), req)
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
