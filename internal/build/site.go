// Package build writes the public site as static files: every page rendered
// by the web server, with links rewritten to relative file paths so the copy
// works on any static host and when opened from disk, plus a search page
// that runs in the browser over an index generated here.
package build

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// page is one URL of the site and the file that holds it in the build.
type page struct {
	url  string // as requested, escaped: /tags/a%2Fb
	path string // decoded, as links resolve to it: /tags/a/b
	file string // slash-separated, relative to the build folder
}

// Fixed files of the static search.
const (
	searchPath      = "/search"
	searchIndexPath = "/static/search-index.js"
	searchJSPath    = "/static/search.js"
	stylePath       = "/static/style.css"
	sitemapPath     = "/sitemap.xml"
	robotsPath      = "/robots.txt"
)

// pagePath returns the page whose URL has the given segments, unescaped
// ("tags", "a/b" is /tags/a%2Fb). A page is a
// folder holding index.html, so /events/x is events/x/index.html: static
// hosts then serve it at /events/x/ too.
func pagePath(segments ...string) page {
	if len(segments) == 0 {
		return page{url: "/", path: "/", file: "index.html"}
	}
	var esc, dirs []string
	for _, s := range segments {
		esc = append(esc, url.PathEscape(s))
		dirs = append(dirs, fileName(s))
	}
	return page{
		url:  "/" + strings.Join(esc, "/"),
		path: "/" + strings.Join(segments, "/"),
		file: strings.Join(append(dirs, "index.html"), "/"),
	}
}

// filePath returns a URL served as the file of the same path, such as
// /static/style.css.
func filePath(p string) page {
	return page{url: p, path: p, file: strings.TrimPrefix(p, "/")}
}

// fileName returns a name safe as one file name on every common system for
// a URL segment (a note id or a tag). Ordinary names are kept; others get a
// name derived from their hash.
func fileName(s string) string {
	ok := s != "" && len(s) <= 120 && utf8.ValidString(s) && s[0] != '.' && s[0] != '-'
	for _, r := range s {
		if r < 0x20 || strings.ContainsRune(`/\:*?"<>|%#`, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	sum := sha256.Sum256([]byte(s))
	return "x" + hex.EncodeToString(sum[:8])
}

// site is every page and file of the build, by the decoded URL path links
// resolve to.
type site struct {
	pages  []page
	byPath map[string]page
	byFile map[string]page
}

func (s *site) add(p page) {
	if _, dup := s.byPath[p.path]; dup {
		return
	}
	s.pages = append(s.pages, p)
	s.byPath[p.path] = p
	s.byFile[p.file] = p
}

// enumerate lists the site's pages from the store: the timeline, the
// bibliography, the map, and a page for every public event, source, actor,
// place and tag.
// Drafts are not public, so no page of theirs is listed.
func enumerate(ctx context.Context, db *store.DB) (*site, []*note.Note, error) {
	notes, err := db.Notes(ctx, store.Filter{})
	if err != nil {
		return nil, nil, err
	}
	s := &site{byPath: map[string]page{}, byFile: map[string]page{}}
	s.add(pagePath())
	s.add(pagePath("sources"))
	s.add(pagePath("changes"))
	s.add(pagePath("map"))
	var tags []string
	for _, n := range notes {
		if n.Draft {
			continue
		}
		s.add(notePage(n))
		if n.Event != nil {
			tags = append(tags, n.Event.Tags...)
		}
	}
	slices.Sort(tags)
	for _, t := range slices.Compact(tags) {
		s.add(pagePath("tags", t))
	}
	return s, notes, nil
}

// notePage returns the page of a note.
func notePage(n *note.Note) page {
	return pagePath(string(n.Kind)+"s", n.ID)
}

// rel returns a relative link from file from to file to, both relative to
// the build folder, with each segment escaped for a URL.
func rel(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if fromDir[0] == "." {
		fromDir = nil
	}
	target := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(target)-1 && fromDir[i] == target[i] {
		i++
	}
	parts := slices.Repeat([]string{".."}, len(fromDir)-i)
	for _, t := range target[i:] {
		parts = append(parts, url.PathEscape(t))
	}
	// fileName keeps colons out of names, so no link reads as a scheme.
	return strings.Join(parts, "/")
}
