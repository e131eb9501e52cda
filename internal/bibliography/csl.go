package bibliography

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"annals.dev/annals/internal/note"
)

// readCSL reads a CSL-JSON array of items (citation-style-language/schema,
// csl-data.json), as Zotero exports it.
func readCSL(path string, src []byte) ([]*entry, note.Diagnostics) {
	lines := newLineIndex(string(src))
	// Check the whole file first: a syntax error then has an exact
	// offset, and no entry is read from a file that is not JSON.
	var whole json.RawMessage
	if err := json.Unmarshal(src, &whole); err != nil {
		at, msg := len(src), "unexpected end of file"
		var se *json.SyntaxError
		if errors.As(err, &se) && !strings.Contains(se.Error(), "unexpected end") {
			at, msg = int(se.Offset)-1, strings.TrimPrefix(se.Error(), "json: ")
		}
		line, col := lines.pos(at)
		return nil, note.Diagnostics{{Path: path, Line: line, Col: col, Severity: note.SeverityError,
			Message: "invalid CSL-JSON: " + msg + "; export the bibliography again as CSL JSON"}}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, note.Diagnostics{{Path: path, Line: 1, Col: 1, Severity: note.SeverityError,
			Message: "invalid CSL-JSON: " + err.Error()}}
	}
	if tok != json.Delim('[') {
		line, col := lines.pos(skipSpace(src, 0))
		return nil, note.Diagnostics{{Path: path, Line: line, Col: col, Severity: note.SeverityError,
			Message: "a CSL-JSON bibliography must be an array of items, [{\"id\": …, \"type\": …, \"title\": …}, …]"}}
	}
	var entries []*entry
	for dec.More() {
		start := skipSpace(src, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// Not reached: the file was checked above.
			return nil, note.Diagnostics{{Path: path, Line: 1, Col: 1, Severity: note.SeverityError,
				Message: "invalid CSL-JSON: " + err.Error()}}
		}
		line, col := lines.pos(start)
		e := &entry{path: path, line: line, col: col, fields: map[string]int{}, keyLines: keyLines(raw, start, lines)}
		var item map[string]json.RawMessage
		if err := json.Unmarshal(raw, &item); err != nil || item == nil {
			e.errorf(line, "each item of a CSL-JSON bibliography must be an object, {\"id\": …, \"title\": …}")
			e.broken = true
		} else {
			e.readCSLItem(item)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// keyLines returns the line of each key of the JSON object raw, which
// starts at offset start of the file, so that a problem with a variable
// is reported on its line.
func keyLines(raw []byte, start int, lines *lineIndex) map[string]int {
	out := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return out
	}
	for dec.More() {
		at := skipSpace(raw, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		if k, ok := tok.(string); ok {
			out[k], _ = lines.pos(start + at)
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			return out
		}
	}
	return out
}

// at returns the line of CSL variable k, or the entry's line.
func (e *entry) at(k string) int {
	if l := e.keyLines[k]; l > 0 {
		return l
	}
	return e.line
}

// skipSpace returns the offset of the first byte from i on that is not
// JSON white space or the comma between two array items.
func skipSpace(src []byte, i int) int {
	for i < len(src) && strings.IndexByte(" \t\r\n,", src[i]) >= 0 {
		i++
	}
	return i
}

// cslString reads a CSL variable that must be text; numbers are taken as
// their digits, as CSL processors do.
func (e *entry) cslString(item map[string]json.RawMessage, k string) string {
	raw, ok := item[k]
	if !ok || string(raw) == "null" {
		return ""
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String()
	}
	if k == "id" || k == "citation-key" {
		e.errorf(e.at(k), "%s must be text, not %s", k, raw)
		e.broken = true
		return ""
	}
	e.warnf(e.at(k), "%s must be text, not %s: it is left out", k, raw)
	e.untitled = e.untitled || k == "title"
	return ""
}

// cslCustom is where the CSL-JSON export of annals keeps its own fields.
type cslCustom struct {
	// Issued and Accessed, as EDTF, keep what date-parts cannot: "?"
	// and a time of day.
	Issued   string   `json:"issued"`
	Accessed string   `json:"accessed"`
	Archived string   `json:"archived"`
	Origin   string   `json:"origin"`
	Via      []string `json:"via"`
	Draft    *bool    `json:"draft"`
}

func (e *entry) readCSLItem(item map[string]json.RawMessage) {
	for k := range item {
		if nk, ok := cslKeys[k]; ok {
			e.set(nk, e.at(k))
		}
	}
	e.key = e.cslString(item, "citation-key")
	if e.key == "" {
		e.key = e.cslString(item, "id")
	}
	e.title = cslRichText(e.cslString(item, "title"))
	e.typ = strings.ToLower(e.cslString(item, "type"))
	if genre := e.cslString(item, "genre"); e.typ == "document" && genre != "" {
		// The annals export writes a type CSL does not know as a
		// document of that genre.
		e.typ = genre
	}
	e.container = cslRichText(e.cslString(item, "container-title"))
	e.publisher = e.cslString(item, "publisher")
	e.url, e.urlAt = e.cslString(item, "URL"), "URL"
	e.language = e.cslString(item, "language")
	if loc := e.cslString(item, "archive_location"); note.WebURL(loc) {
		e.archived, e.archivedAt = loc, "archive_location"
	}
	for _, role := range []struct {
		k  string
		to *[]note.Name
	}{{"author", &e.authors}, {"editor", &e.editors}} {
		raw, ok := item[role.k]
		if !ok || string(raw) == "null" {
			continue
		}
		var names []cslName
		if err := json.Unmarshal(raw, &names); err != nil {
			e.warnf(e.at(role.k), `%s must be a list of names, [{"family": "Stoltenberg", "given": "Jens"}] or [{"literal": "NATO"}]: they are left out`, role.k)
		}
		for _, n := range names {
			*role.to = append(*role.to, n.name())
		}
	}
	e.doi = e.cslString(item, "DOI")
	for _, d := range []struct {
		k       string
		raw, at *string
	}{{"issued", &e.issued, &e.issuedAt}, {"accessed", &e.accessed, &e.accessedAt}} {
		if raw, ok := item[d.k]; ok && string(raw) != "null" {
			*d.raw, *d.at = e.cslDate(d.k, raw), d.k
		}
	}
	var text []string
	if a := e.cslString(item, "abstract"); a != "" {
		text = append(text, a)
	}
	if n := e.readNote(e.cslString(item, "note"), "note", e.at("note")); n != "" {
		text = append(text, n)
	}
	e.text = strings.Join(text, "\n\n")
	if raw, ok := item["custom"]; ok {
		var cu cslCustom
		if err := json.Unmarshal(raw, &cu); err != nil {
			e.warnf(e.at("custom"), `custom must be an object such as {"origin": "primary", "via": ["key"], "archived": "https://…"}: it is left out`)
		}
		if cu.Archived != "" {
			e.set("archived", e.at("custom"))
			e.archived, e.archivedAt = strings.TrimSpace(cu.Archived), "custom.archived"
		}
		if cu.Issued != "" {
			e.set("issued", e.at("custom"))
			e.issued, e.issuedAt = strings.TrimSpace(cu.Issued), "custom.issued"
		}
		if cu.Accessed != "" {
			e.set("accessed", e.at("custom"))
			e.accessed, e.accessedAt = strings.TrimSpace(cu.Accessed), "custom.accessed"
		}
		if cu.Draft != nil {
			e.set("draft", e.at("custom"))
			e.draft, e.draftAt = strconv.FormatBool(*cu.Draft), "custom.draft"
		}
		if cu.Origin != "" {
			e.set("origin", e.at("custom"))
			e.origin = strings.TrimSpace(cu.Origin)
		}
		if len(cu.Via) > 0 {
			// The keys are exact; the titles the note repeats them as
			// are not needed.
			e.set("via", e.at("custom"))
			e.via, e.viaTitles = cu.Via, nil
		}
	}
}

// cslName is a CSL name with the parts a source note's Name has no place
// for: particles and a suffix.
type cslName struct {
	Family              string `json:"family"`
	Given               string `json:"given"`
	Literal             string `json:"literal"`
	DroppingParticle    string `json:"dropping-particle"`
	NonDroppingParticle string `json:"non-dropping-particle"`
	Suffix              string `json:"suffix"`
}

// name joins the particles to the family name, as a source note writes
// "van der Berg, Anna", and the suffix to the given name, as
// note.ParseName reads "King, Martin Luther, Jr.".
func (n cslName) name() note.Name {
	join := func(parts ...string) string {
		var out []string
		for _, p := range parts {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
		return strings.Join(out, " ")
	}
	given := join(n.Given)
	if s := strings.TrimSpace(n.Suffix); s != "" {
		given = strings.TrimPrefix(given+", "+s, ", ")
	}
	return note.Name{
		Family:  join(n.DroppingParticle, n.NonDroppingParticle, n.Family),
		Given:   given,
		Literal: strings.TrimSpace(n.Literal),
	}
}

// cslKeys maps CSL variables to the front matter keys of a source note.
var cslKeys = map[string]string{
	"title": "title", "type": "type", "author": "author", "editor": "editor", "DOI": "DOI", "container-title": "container-title",
	"publisher": "publisher", "issued": "issued", "accessed": "accessed", "URL": "URL", "language": "language",
}

// cslDate returns a CSL date as EDTF text: date-parts as precise as they
// are given, two for a range (a year 0 or an empty end is an open end, as
// citeproc-js writes "1987/.."), circa as approximate, a season (given as
// season, or as the pseudo-months 13–16 citeproc-js accepts) as EDTF's
// 21–24; a date given as text ("raw", "literal" or a plain string, as
// Pandoc and citeproc-js accept) is taken as EDTF, and is what is left
// when date-parts cannot be read.
func (e *entry) cslDate(k string, raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var d struct {
		DateParts [][]json.RawMessage `json:"date-parts"`
		Season    json.RawMessage     `json:"season"`
		Circa     json.RawMessage     `json:"circa"`
		Raw       string              `json:"raw"`
		Literal   string              `json:"literal"`
	}
	if err := json.Unmarshal(raw, &d); err != nil {
		e.warnf(e.at(k), `%s must be a CSL date such as {"date-parts": [[2018, 7, 11]]}: it is left out`, k)
		return ""
	}
	text := strings.TrimSpace(d.Raw)
	if text == "" {
		text = strings.TrimSpace(d.Literal)
	}
	if len(d.DateParts) == 0 {
		return text
	}
	fallback := func(format string, args ...any) string {
		msg := fmt.Sprintf(format, args...)
		if text != "" {
			e.warnf(e.at(k), "%s: %s: its text %q is read instead", k, msg, text)
			return text
		}
		e.warnf(e.at(k), "%s: %s: the entry has no %s date", k, msg, k)
		return ""
	}
	if len(d.DateParts) > 2 {
		return fallback("%d date-parts: give one for a date or two for a range", len(d.DateParts))
	}
	circa := false
	switch c := strings.Trim(string(d.Circa), `"`); c {
	case "", "null", "false", "0":
	default:
		circa = true
	}
	var points []string
	for i, parts := range d.DateParts {
		p, err := cslPoint(parts, i > 0 || len(d.DateParts) == 2)
		if err != nil {
			return fallback("%v", err)
		}
		if circa && p != ".." {
			p += "~"
		}
		points = append(points, p)
	}
	// A season applies to a date given as a year only, as in
	// citeproc-js: a month in date-parts wins.
	if len(d.Season) > 0 && string(d.Season) != "null" && len(d.DateParts) == 1 && !strings.Contains(points[0], "-") {
		n, err := strconv.Atoi(strings.Trim(string(d.Season), `"`))
		if err != nil || n < 1 || n > 4 {
			e.warnf(e.at(k), "%s: season must be 1 to 4 (spring to winter), not %s: it is left out", k, d.Season)
		} else {
			points[0] = strings.Replace(points[0], "~", "", 1) + fmt.Sprintf("-%02d", 20+n)
			if circa {
				points[0] += "~"
			}
		}
	}
	if len(points) == 2 && points[0] == points[1] {
		points = points[:1]
	}
	return strings.Join(points, "/")
}

// cslPoint writes one date-parts array as EDTF. CSL years are historical
// (-1 is 1 BCE), EDTF's astronomical (0 is 1 BCE). Zotero writes parts as
// strings, and empty strings for parts not known, so numbers in strings
// are accepted and empty ones end the date. In a range, year 0 is an open
// end.
func cslPoint(parts []json.RawMessage, inRange bool) (string, error) {
	var ns []int
	for _, p := range parts {
		v := strings.TrimSpace(strings.Trim(string(p), `"`))
		if v == "" || v == "null" {
			break
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			return "", fmt.Errorf("date-parts must be numbers, not %s", p)
		}
		ns = append(ns, n)
	}
	if len(ns) == 0 && inRange {
		return "..", nil
	}
	if len(ns) == 0 || len(ns) > 3 {
		return "", errors.New("date-parts must be [year], [year, month] or [year, month, day]")
	}
	y := ns[0]
	if y == 0 && inRange {
		return "..", nil
	}
	if y < 0 {
		y++
	}
	var b strings.Builder
	switch {
	case y > 9999 || y < -9999:
		fmt.Fprintf(&b, "Y%d", y)
	case y < 0:
		fmt.Fprintf(&b, "-%04d", -y)
	default:
		fmt.Fprintf(&b, "%04d", y)
	}
	if len(ns) > 1 {
		m := ns[1]
		if m >= 13 && m <= 16 {
			// citeproc-js's seasons: 13 is spring … 16 winter.
			if len(ns) > 2 {
				return "", fmt.Errorf("a season (month %d) has no day", m)
			}
			m += 8
		}
		fmt.Fprintf(&b, "-%02d", m)
	}
	if len(ns) > 2 {
		fmt.Fprintf(&b, "-%02d", ns[2])
	}
	return b.String(), nil
}

// cslRichText reads the HTML-like markup CSL-JSON allows in titles (<i>,
// <b>, <sup>, <sub>, <span class="nocase">, <span style="font-variant:
// small-caps;">) as the plain text it marks up: a title is shown as text,
// and no markup from a bibliography reaches a page as HTML. A tag that
// opens or closes nothing is text, as citeproc-js shows it.
func cslRichText(s string) string {
	if !strings.Contains(s, "<") && !strings.Contains(s, "&") {
		return s
	}
	tags := cslTags.FindAllStringSubmatchIndex(s, -1)
	drop := make([]bool, len(tags))
	var open []int
	for i, m := range tags {
		name := strings.ToLower(s[m[4]:m[5]])
		if s[m[2]:m[3]] == "" {
			open = append(open, i)
			continue
		}
		// A closing tag closes the innermost open tag of its name.
		for j := len(open) - 1; j >= 0; j-- {
			if o := tags[open[j]]; strings.ToLower(s[o[4]:o[5]]) == name {
				drop[open[j]], drop[i] = true, true
				open = append(open[:j], open[j+1:]...)
				break
			}
		}
	}
	var b strings.Builder
	last := 0
	for i, m := range tags {
		if drop[i] {
			b.WriteString(s[last:m[0]])
			last = m[1]
		}
	}
	b.WriteString(s[last:])
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

var cslTags = regexp.MustCompile(`(?i)<(/?)(i|b|sup|sub|span|sc)(?:\s[^<>]*)?>`)
