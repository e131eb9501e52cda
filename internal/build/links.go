package build

import (
	"bytes"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html"
)

// linkAttrs are the attributes holding a URL that the build rewrites.
var linkAttrs = map[string]bool{"href": true, "src": true, "action": true}

// rewrite copies the page at file, rewriting every link to the site into a
// relative link to the file that holds it. Links to what exists only on a
// server (a filtered timeline, a faceted search, the API) point to the
// nearest static page, or lose their target when there is none; forms
// other than the search are dropped, since no static page can answer them.
// Tags left alone are copied byte for byte.
func (s *site) rewrite(w io.Writer, file string, src []byte) error {
	z := html.NewTokenizer(bytes.NewReader(src))
	skipForm := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return nil
			}
			return z.Err()
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			if skipForm {
				continue
			}
			if tok.Data == "form" && !s.keepForm(tok) {
				skipForm = tt == html.StartTagToken
				continue
			}
			if s.rewriteAttrs(&tok, file) {
				if _, err := io.WriteString(w, tok.String()); err != nil {
					return err
				}
				continue
			}
		case html.EndTagToken:
			if skipForm {
				if name, _ := z.TagName(); string(name) == "form" {
					skipForm = false
				}
				continue
			}
		default:
			if skipForm {
				continue
			}
		}
		if _, err := w.Write(z.Raw()); err != nil {
			return err
		}
	}
}

// keepForm reports whether a form can work in the static site: only the
// search form can, answered by the search page's script.
func (s *site) keepForm(tok html.Token) bool {
	for _, a := range tok.Attr {
		if a.Key == "action" {
			u, err := url.Parse(a.Val)
			return err == nil && u.Scheme == "" && u.Host == "" && u.Path == searchPath
		}
	}
	return false
}

// rewriteAttrs rewrites the links of one tag, reporting whether it changed.
func (s *site) rewriteAttrs(tok *html.Token, file string) bool {
	changed := false
	attrs := tok.Attr[:0]
	for _, a := range tok.Attr {
		if linkAttrs[a.Key] && a.Namespace == "" {
			v, ok := s.link(file, a.Val)
			if v != a.Val || !ok {
				changed = true
			}
			if !ok {
				continue
			}
			a.Val = v
		}
		attrs = append(attrs, a)
	}
	tok.Attr = attrs
	return changed
}

// link returns what a link on the page at file becomes in the static site,
// or false when nothing there can stand for its target. Links to other
// sites and links within the page are kept.
func (s *site) link(file, raw string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", false
	}
	if u.Scheme != "" || u.Host != "" || (u.Path == "" && u.RawQuery == "") {
		return raw, true
	}
	if !strings.HasPrefix(u.Path, "/") {
		// A relative link in a note's body: resolve it as the server would.
		p, ok := s.byFile[file]
		if !ok {
			return "", false
		}
		base, _ := url.Parse(p.url)
		u = base.ResolveReference(u)
	}
	target, query, ok := s.target(u)
	if !ok {
		return "", false
	}
	out := rel(file, target.file)
	if query != "" {
		out += "?" + query
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, true
}

// target finds the static page for a URL of the server, and the query it
// keeps: the search page reads q, nothing else reads a query.
func (s *site) target(u *url.URL) (page, string, bool) {
	q := u.Query()
	switch u.Path {
	case "/", searchPath:
		// Filters by tag or actor have pages of their own.
		if t := q.Get("tag"); t != "" && len(q) == 1 {
			if p, ok := s.byPath["/tags/"+t]; ok {
				return p, "", true
			}
		}
		if a := q.Get("actor"); a != "" && len(q) == 1 {
			if p, ok := s.byPath["/actors/"+a]; ok {
				return p, "", true
			}
		}
		if u.Path == searchPath && q.Get("q") != "" {
			return s.byPath[searchPath], url.Values{"q": {q.Get("q")}}.Encode(), true
		}
	}
	p, ok := s.byPath[u.Path]
	return p, "", ok
}
