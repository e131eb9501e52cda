package export

import (
	"html"
	"strings"

	"annals.dev/annals/internal/note"
)

// eventHTML describes an event for formats that show HTML (TimelineJS
// slides, Atom entries): its summary, status, the sources it cites with
// their locators, and a link to its page. Every value from a note is
// escaped, and the only links are to the site's own pages.
func (c *Collection) eventHTML(n *note.Note) string {
	var b strings.Builder
	e := n.Event
	if e.Summary != "" {
		b.WriteString("<p>" + escText(e.Summary) + "</p>")
	}
	b.WriteString("<p>" + escText(capitalise(c.statusText(e))+". "+dateNote(n)) + "</p>")
	if cs := c.citations(n); len(cs) > 0 {
		b.WriteString("<p>Sources: ")
		for i, ct := range cs {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(`<a href="` + html.EscapeString(c.permalink(note.KindSource, ct.Source.ID)) + `">` +
				escText(ct.Source.Title) + "</a>")
			if len(ct.Locators) > 0 {
				b.WriteString(", " + escText(strings.Join(ct.Locators, ", ")))
			}
		}
		b.WriteString(".</p>")
	}
	b.WriteString(`<p><a href="` + html.EscapeString(c.permalink(note.KindEvent, n.ID)) + `">The cited event</a></p>`)
	return b.String()
}

// eventText is eventHTML as plain text, for calendars, with the date
// described as given.
func (c *Collection) eventText(n *note.Note, date string) string {
	var parts []string
	e := n.Event
	if e.Summary != "" {
		parts = append(parts, e.Summary)
	}
	parts = append(parts, capitalise(c.statusText(e))+". "+date)
	if cs := c.citations(n); len(cs) > 0 {
		refs := make([]string, len(cs))
		for i, ct := range cs {
			refs[i] = ct.Source.Title
			if len(ct.Locators) > 0 {
				refs[i] += ", " + strings.Join(ct.Locators, ", ")
			}
		}
		parts = append(parts, "Sources: "+strings.Join(refs, "; ")+".")
	}
	parts = append(parts, c.permalink(note.KindEvent, n.ID))
	return strings.Join(parts, "\n\n")
}

// dateNote gives an event's date as readers see it, saying when it is
// approximate or uncertain: "Date: c. 2018 (approximate)."
func dateNote(n *note.Note) string {
	d := n.Event.Date
	s := "Date: " + d.Display()
	if q := qualifier(d); q != "" {
		s += " (" + q + ")"
	}
	return s + "."
}

// escText escapes text between HTML tags. Quotes need no escaping there,
// and leaving them as they are keeps the JSON and feed readable;
// attribute values use html.EscapeString.
var escText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
