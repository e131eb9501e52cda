package web

import (
	"html/template"
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
	// Chicago's form for a page of a website: title, site, date, the day
	// it was read, address.
	c.Text = "“" + title + "” annals, " + n.Event.Date.Display() + ". Accessed " +
		now.UTC().Format("2 January 2006") + ". " + c.Permalink + "."
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

// The site cites sources in one style, Chicago notes-bibliography (The
// Chicago Manual of Style, 17th ed., chapter 14), built from the sources'
// CSL fields: footnotes use the note form, the bibliography on /sources
// the bibliography form. Dates are shown as EDTF says they are known:
// "c. September 2025", "2025?", "2010s"; a source with no date says
// "n.d.".

// standalone reports whether a CSL type is a whole work, whose title
// Chicago sets in italics; the titles of articles, chapters, web pages,
// speeches and other parts go in quotation marks.
func standalone(typ string) bool {
	switch typ {
	case "book", "classic", "report", "collection", "dataset", "map", "motion_picture",
		"pamphlet", "periodical", "software", "standard", "treaty", "legislation":
		return true
	}
	return false
}

// chicagoNote renders a footnote's citation of source s: "Jens
// Stoltenberg, <i>On My Watch</i> (Gyldendal, September 2025), 212." The
// title links to the source's page; every value is escaped.
func chicagoNote(s *note.Note, loc note.Locator, prefix, suffix string) template.HTML {
	src := s.Source
	var parts []string // joined with ", "
	if names := noteNames(src.Authors); names != "" {
		parts = append(parts, names)
	}
	title := sourceTitleLink(s)
	if standalone(src.Type) {
		title = "<i>" + title + "</i>"
		var pub []string
		if src.Publisher != "" {
			pub = append(pub, esc(src.Publisher))
		}
		pub = append(pub, esc(chicagoDate(src)))
		title += " (" + strings.Join(pub, ", ") + ")"
		parts = append(parts, title)
	} else {
		parts = append(parts, quoted(title, s.Title))
		if src.ContainerTitle != "" {
			parts = append(parts, "<i>"+esc(src.ContainerTitle)+"</i>")
		} else if src.Publisher != "" {
			parts = append(parts, esc(src.Publisher))
		}
		parts = append(parts, esc(chicagoDate(src)))
	}
	if l := chicagoLocator(loc); l != "" {
		parts = append(parts, esc(l))
	}
	out := joinParts(parts)
	if suffix != "" {
		out += " " + note.InlineHTML(suffix)
	}
	if u := chicagoURL(src); u != "" {
		out += ", " + u
	}
	if prefix != "" {
		out = note.InlineHTML(prefix) + " " + out
	}
	return template.HTML(out)
}

// chicagoBibliography renders source s as a bibliography entry: "Stoltenberg,
// Jens. <i>On My Watch</i>. Gyldendal, September 2025." An unsigned
// newspaper or magazine article is listed under the paper's name.
func chicagoBibliography(s *note.Note) template.HTML {
	src := s.Source
	var sentences []string
	title := sourceTitleLink(s)
	lead := bibliographyNames(src.Authors)
	unsigned := lead == "" && src.ContainerTitle != "" &&
		(src.Type == "article-newspaper" || src.Type == "article-magazine")
	if unsigned {
		lead = "<i>" + esc(src.ContainerTitle) + "</i>"
	}
	if lead != "" {
		sentences = append(sentences, lead)
	}
	date := esc(chicagoDate(src))
	switch {
	case standalone(src.Type):
		sentences = append(sentences, "<i>"+title+"</i>")
		if src.Publisher != "" {
			sentences = append(sentences, esc(src.Publisher)+", "+date)
		} else {
			sentences = append(sentences, date)
		}
	case unsigned:
		sentences = append(sentences, quotedSentence(title, s.Title), date)
	default:
		sentences = append(sentences, quotedSentence(title, s.Title))
		var in []string
		if src.ContainerTitle != "" {
			in = append(in, "<i>"+esc(src.ContainerTitle)+"</i>")
		} else if src.Publisher != "" {
			in = append(in, esc(src.Publisher))
		}
		sentences = append(sentences, strings.Join(append(in, date), ", "))
	}
	if u := chicagoURL(src); u != "" {
		sentences = append(sentences, u)
	}
	var b strings.Builder
	for i, p := range sentences {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p)
		if !endsSentence(p) {
			b.WriteByte('.')
		}
	}
	return template.HTML(b.String())
}

// sourceTitleLink is a source's title, linked to its page.
func sourceTitleLink(s *note.Note) string {
	return `<a href="/sources/` + esc(url.PathEscape(s.ID)) + `">` + esc(s.Title) + "</a>"
}

// quoted puts a title in quotation marks, the comma or period that
// follows it inside them, as Chicago does; the caller's separator is then
// left out. A title ending in "?" or "!" takes no comma.
func quoted(html, plain string) string {
	if strings.HasSuffix(plain, "?") || strings.HasSuffix(plain, "!") {
		return "“" + html + "”"
	}
	return "“" + html + ",”"
}

// quotedSentence puts a title in quotation marks as a sentence of its
// own, its period inside them.
func quotedSentence(html, plain string) string {
	if endsSentence(plain) {
		return "“" + html + "”"
	}
	return "“" + html + ".”"
}

// joinParts joins a note's parts with commas, except after a quoted title
// that already holds its comma (or ends in "?" or "!"). A quoted title is
// never the last part: a date always follows it.
func joinParts(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			if !strings.HasSuffix(parts[i-1], "”") {
				b.WriteByte(',')
			}
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	return b.String()
}

// endsSentence reports whether a bibliography part already ends its
// sentence.
func endsSentence(s string) bool {
	for {
		t := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(s, "</a>"), "</i>"), "”")
		if t == s {
			break
		}
		s = t
	}
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// chicagoDate is a source's date as readers should take it: its issued
// date at the precision known, "accessed …" for an undated page someone
// read on a given day, or "n.d.".
func chicagoDate(src *note.Source) string {
	switch {
	case !src.Issued.IsZero():
		return src.Issued.Display()
	case !src.Accessed.IsZero():
		return "accessed " + src.Accessed.Display()
	}
	return "n.d."
}

// chicagoLocator writes a locator as Chicago notes do: a page number bare,
// other locators with their abbreviation ("para. 4").
func chicagoLocator(l note.Locator) string {
	if l.Label == "page" {
		return l.Value
	}
	return l.String()
}

// chicagoURL is the source's URL as a Robust Link, with its archived copy
// when it has one. URLs that are not http or https are not linked.
func chicagoURL(src *note.Source) string {
	var out string
	if webURL(src.URL) {
		out = `<a class="url" href="` + esc(src.URL) + `"`
		if webURL(src.Archived) {
			out += ` data-versionurl="` + esc(src.Archived) + `"`
		}
		out += ">" + esc(src.URL) + "</a>"
	}
	if webURL(src.Archived) {
		if out != "" {
			out += " "
		}
		out += `(<a href="` + esc(src.Archived) + `">archived copy</a>)`
	}
	return out
}

// noteNames writes authors as a note does: "Jens Stoltenberg", "A and B",
// "A, B, and C", and for four or more "A et al.".
func noteNames(ns []note.Name) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		names[i] = esc(n.String())
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	case 3:
		return names[0] + ", " + names[1] + ", and " + names[2]
	}
	return names[0] + " et al."
}

// bibliographyNames writes authors as a bibliography does, the first
// inverted for alphabetising: "Stoltenberg, Jens, and Erna Solberg".
func bibliographyNames(ns []note.Name) string {
	names := make([]string, len(ns))
	for i, n := range ns {
		if i == 0 && n.Literal == "" && n.Given != "" {
			names[i] = esc(n.Family + ", " + n.Given)
		} else {
			names[i] = esc(n.String())
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	case 2:
		return names[0] + ", and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + ", and " + names[len(names)-1]
}

// esc escapes text for HTML.
func esc(s string) string { return template.HTMLEscapeString(s) }
