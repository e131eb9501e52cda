package note

import (
	"bytes"
	"fmt"
	"math"
	"net/url"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"annals.dev/annals/internal/edtf"
)

// MaxSize is the largest note Parse accepts. Real notes are kilobytes; a
// note of megabytes is almost always a pasted document or a wrong file.
const MaxSize = 4 << 20

// ID returns the id of the note at path: its file name without ".md".
func ID(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".md")
}

// Parse reads the note of the given kind in src. path is used for the id
// and in diagnostics. On failure the error is a Diagnostics listing every
// problem found, each with its file line.
func Parse(path string, kind Kind, src []byte) (*Note, error) {
	if d, ok := CheckText(path, src, noteText); !ok {
		return nil, Diagnostics{d}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	yml, body, bodyLine, err := splitFrontMatter(src)
	if err != nil {
		return nil, Diagnostics{{Path: path, Line: 1, Col: 1, Severity: SeverityError, Message: err.Error()}}
	}
	fm, diags := parseFrontMatter(path, yml)
	if fm == nil {
		return nil, diags
	}
	n := &Note{ID: ID(path), Kind: kind, Path: path, Body: string(body), BodyLine: bodyLine, Lines: fm.lines}
	r := &reader{path: path, fm: fm, used: map[string]bool{}, diags: diags, pos: map[string]Pos{}}
	n.values = r.pos
	n.Title = r.scalar("title")
	if n.Title == "" {
		r.diags = append(r.diags, Diagnostic{Path: path, Line: 1, Col: 1, Severity: SeverityError,
			Message: fmt.Sprintf("missing title: add a line \"title: …\" to the front matter of this %s", kind)})
	}
	n.Draft = r.boolean("draft")
	switch kind {
	case KindEvent:
		n.Event = readEvent(r)
		r.unknownKeys(kind, eventKeys)
	case KindSource:
		n.Source = readSource(r)
		r.unknownKeys(kind, sourceKeys)
	case KindActor:
		n.Actor = readActor(r)
		r.unknownKeys(kind, actorKeys)
	case KindPlace:
		n.Place = readPlace(r)
		r.unknownKeys(kind, placeKeys)
	default:
		return nil, Diagnostics{{Path: path, Line: 1, Col: 1, Severity: SeverityError,
			Message: fmt.Sprintf("unknown kind of note %q", kind)}}
	}

	if d, ok := checkNesting(path, body, bodyLine); !ok {
		return nil, append(r.diags, d)
	}
	doc := parseBody(body)
	lineOf := lineFinder(body, bodyLine)
	n.Citations, n.Links, n.Text = extract(doc, body, lineOf)
	if c := n.Citations; len(c) > 0 && c[len(c)-1].Number > maxCitations {
		last := c[len(c)-1]
		return nil, append(r.diags, Diagnostic{Path: path, Line: last.Line, Col: last.Col, Severity: SeverityError,
			Message: fmt.Sprintf("the note has more than %d citations: split it into smaller notes", maxCitations)})
	}

	failed := false
	for _, d := range r.diags {
		if d.Severity == SeverityError {
			failed = true
		} else {
			n.Warnings = append(n.Warnings, d)
		}
	}
	if failed {
		// The warnings go with the errors, so the author fixes both at once.
		return nil, r.diags
	}
	return n, nil
}

// Text names a kind of file in CheckText's messages.
type Text struct {
	Name   string // "note": "note is 5000000 bytes, over the limit"
	Pieces string // "notes": "split it into smaller notes"
	Kind   string // "a markdown note": "it looks binary, not a markdown note"
	SaveAs string // "save the note": "save the note as UTF-8"
}

// noteText is how CheckText speaks of a markdown note.
var noteText = Text{Name: "note", Pieces: "notes", Kind: "a markdown note", SaveAs: "save the note"}

// CheckText rejects what cannot be a text file of the content folder: one
// over MaxSize, with a NUL byte, or not UTF-8, saying where the problem is.
func CheckText(path string, src []byte, t Text) (Diagnostic, bool) {
	d := Diagnostic{Path: path, Line: 1, Col: 1, Severity: SeverityError}
	if len(src) > MaxSize {
		d.Message = fmt.Sprintf("%s is %d bytes, over the limit of %d: split it into smaller %s", t.Name, len(src), MaxSize, t.Pieces)
		return d, false
	}
	at := func(i int) {
		d.Line = 1 + bytes.Count(src[:i], []byte("\n"))
		d.Col = i - (bytes.LastIndexByte(src[:i], '\n') + 1) + 1
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		at(i)
		d.Message = fmt.Sprintf("file contains a NUL byte: it looks binary, not %s; remove it or move it out of the content folder", t.Kind)
		return d, false
	}
	if !utf8.Valid(src) {
		i := 0
		for i < len(src) {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				break
			}
			i += size
		}
		at(i)
		d.Message = fmt.Sprintf("invalid UTF-8 (byte 0x%02x): %s as UTF-8", src[i], t.SaveAs)
		return d, false
	}
	return d, true
}

// maxNesting bounds how deep lists, block quotes and brackets may nest.
// Real notes nest a few levels; the markdown parser's time grows with the
// square of the depth, so a line nesting tens of thousands deep would
// stall the index for minutes.
const maxNesting = 100

// checkNesting rejects a body nesting deeper than maxNesting, pointing at
// the line where it does.
func checkNesting(path string, body []byte, bodyLine int) (Diagnostic, bool) {
	open := 0 // brackets open in the current paragraph
	for i, line := range bytes.Split(body, []byte("\n")) {
		d := Diagnostic{Path: path, Line: bodyLine + i, Col: 1, Severity: SeverityError}
		if len(bytes.TrimSpace(line)) == 0 {
			open = 0
			continue
		}
		if n := containers(line); n > maxNesting {
			d.Message = fmt.Sprintf("this line nests %d lists or block quotes; annals reads at most %d levels: flatten it", n, maxNesting)
			return d, false
		}
		for j := 0; j < len(line); j++ {
			switch line[j] {
			case '\\':
				j++
			case '[':
				if open++; open > maxNesting {
					d.Col = j + 1
					d.Message = fmt.Sprintf("more than %d brackets are open here; annals reads at most %d: close them, or escape them as \\[", maxNesting, maxNesting)
					return d, false
				}
			case ']':
				open = max(open-1, 0)
			}
		}
	}
	return Diagnostic{}, true
}

// containers counts the block quote and list markers that open line.
func containers(line []byte) int {
	n := 0
	for {
		line = bytes.TrimLeft(line, " \t")
		switch {
		case len(line) > 0 && line[0] == '>':
			line = line[1:]
		case len(line) > 1 && bytes.IndexByte([]byte("-*+"), line[0]) >= 0 && (line[1] == ' ' || line[1] == '\t'):
			line = line[2:]
		default:
			digits := 0
			for digits < len(line) && digits < 9 && line[digits] >= '0' && line[digits] <= '9' {
				digits++
			}
			if digits == 0 || digits+1 >= len(line) || line[digits] != '.' && line[digits] != ')' || line[digits+1] != ' ' && line[digits+1] != '\t' {
				return n
			}
			line = line[digits+2:]
		}
		n++
	}
}

var eventKeys = append([]string{"title", "date", "place", "actors", "tags", "status", "claimed_by", "disputed_by", "sources", "related", "summary", "draft"}, provenanceKeys...)

func readEvent(r *reader) *Event {
	e := &Event{
		Place:      r.scalar("place"),
		Actors:     r.list("actors"),
		Tags:       normaliseTags(r.list("tags")),
		ClaimedBy:  r.scalar("claimed_by"),
		DisputedBy: r.list("disputed_by"),
		Sources:    r.list("sources"),
		Related:    r.list("related"),
		Summary:    r.scalar("summary"),
	}
	raw := r.scalar("date")
	if raw == "" {
		r.diags = append(r.diags, Diagnostic{Path: r.path, Line: 1, Col: 1, Severity: SeverityError,
			Message: `missing date: add a line such as "date: 2018-07-12" (EDTF: 2018, 2018-07, 2018-07~, 2018-07-11/2018-07-12)`})
	} else if d, err := edtf.Parse(raw); err != nil {
		r.errorf("date", "%v", err)
	} else {
		e.Date = d
	}
	e.Status = StatusReported
	if s := r.scalar("status"); s != "" {
		e.Status = Status(strings.ToLower(s))
		if !slices.Contains(Statuses, e.Status) {
			r.errorf("status", "unknown status %q: use one of %s", s, joinStatuses())
		}
	}
	readProvenance(r, e)
	return e
}

func joinStatuses() string {
	s := make([]string, len(Statuses))
	for i, st := range Statuses {
		s[i] = string(st)
	}
	return strings.Join(s, ", ")
}

// normaliseTags lower-cases tags and joins words with hyphens, so "Defence
// Spending" and "defence-spending" are one tag and one URL.
func normaliseTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		t = strings.Join(strings.Fields(strings.ToLower(t)), "-")
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

var sourceKeys = []string{"title", "type", "author", "editor", "DOI", "container-title", "publisher", "issued", "accessed", "URL", "language", "archived", "origin", "via", "draft"}

func readSource(r *reader) *Source {
	s := &Source{
		Type:           r.scalar("type"),
		ContainerTitle: r.scalar("container-title"),
		Publisher:      r.scalar("publisher"),
		URL:            r.scalar("URL"),
		Language:       r.scalar("language"),
		Archived:       r.scalar("archived"),
		Origin:         strings.ToLower(r.scalar("origin")),
		Via:            r.list("via"),
	}
	if s.Type == "" {
		s.Type = "document"
	}
	for _, a := range r.list("author") {
		s.Authors = append(s.Authors, ParseName(a))
	}
	for _, a := range r.list("editor") {
		s.Editors = append(s.Editors, ParseName(a))
	}
	s.DOI = DOI(r.scalar("DOI"))
	for _, key := range []string{"issued", "accessed"} {
		raw := r.scalar(key)
		if raw == "" {
			continue
		}
		d, err := edtf.Parse(raw)
		if err != nil {
			// Name the key: "invalid EDTF date" alone reads as if it
			// were about the event's date.
			r.errorf(key, "%s: %v", key, err)
			continue
		}
		if key == "issued" {
			s.Issued = d
		} else {
			s.Accessed = d
		}
	}
	for _, key := range []string{"URL", "archived"} {
		if u := r.scalar(key); u != "" && !webURL(u) {
			r.errorf(key, "%s %q is not a web address: use a full http:// or https:// URL", key, u)
		}
	}
	if s.Origin != "" && s.Origin != "primary" && s.Origin != "secondary" {
		r.errorf("origin", "origin must be primary or secondary, not %q", s.Origin)
	}
	return s
}

// webURL accepts only absolute http(s) URLs: a source link is followed by
// readers, so javascript:, data: and the like are refused at the door.
func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

var actorKeys = []string{"title", "type", "aliases", "draft"}

func readActor(r *reader) *Actor {
	a := &Actor{Type: strings.ToLower(r.scalar("type")), Aliases: r.list("aliases")}
	if a.Type != "" && a.Type != "person" && a.Type != "organisation" && a.Type != "state" {
		r.errorf("type", "actor type must be person, organisation or state, not %q", a.Type)
	}
	return a
}

var placeKeys = []string{"title", "coordinates", "country", "aliases", "draft"}

// countryCode is an ISO 3166-1 alpha-2 code, optionally with an ISO 3166-2
// subdivision: "NO", "GB-WLS".
var countryCode = regexp.MustCompile(`^[A-Z]{2}(-[A-Z0-9]{1,3})?$`)

func readPlace(r *reader) *Place {
	p := &Place{Country: r.scalar("country"), Aliases: r.list("aliases")}
	if p.Country != "" && !countryCode.MatchString(p.Country) {
		r.errorf("country", "country must be an ISO 3166 code such as BE or GB-WLS, not %q", p.Country)
	}
	c := r.list("coordinates")
	if c == nil {
		return p
	}
	const how = "write coordinates as [latitude, longitude] in decimal degrees (WGS 84), e.g. [50.8503, 4.3517]"
	if len(c) != 2 {
		r.errorf("coordinates", "coordinates must be two numbers, not %d: %s", len(c), how)
		return p
	}
	lat, errLat := strconv.ParseFloat(c[0], 64)
	lon, errLon := strconv.ParseFloat(c[1], 64)
	switch {
	case errLat != nil || errLon != nil:
		r.errorf("coordinates", "coordinates %q, %q are not numbers: %s", c[0], c[1], how)
	case math.IsNaN(lat) || lat < -90 || lat > 90:
		r.errorf("coordinates", "latitude %s is out of range: it must lie between -90 and 90 (%s)", c[0], how)
	case math.IsNaN(lon) || lon < -180 || lon > 180:
		r.errorf("coordinates", "longitude %s is out of range: it must lie between -180 and 180 (%s)", c[1], how)
	default:
		p.Located, p.Lat, p.Lon = true, lat, lon
	}
	return p
}

// lineFinder returns the file line and column of a byte offset in body,
// which starts on file line bodyLine. Line starts are found once, so each
// position is a binary search rather than a count from the top.
func lineFinder(body []byte, bodyLine int) func(offset int) (line, col int) {
	starts := []int{0}
	for i, b := range body {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(offset int) (int, int) {
		i := sort.SearchInts(starts, offset+1) - 1
		return bodyLine + i, offset - starts[i] + 1
	}
}
