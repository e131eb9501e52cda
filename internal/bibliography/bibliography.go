// Package bibliography reads the bibliographies citation managers export —
// CSL-JSON (.json) and BibTeX or biblatex (.bib), as Zotero and Better
// BibTeX write them — into source notes, so that a collection can keep its
// sources in one exported file instead of one markdown note each.
//
// Every entry becomes the *note.Note that note.Parse would return for a
// source note saying the same thing, checked by the same rules: a title is
// required, dates are EDTF, links must be http(s). Problems are reported per
// entry at the entry's line in the file, and the other entries are still
// read.
//
// annals' own source fields — archived, origin, via and draft — have no
// place in either format. They are read from CSL-JSON's custom object and
// from biblatex fields of those names (what Better BibTeX writes for
// "tex.origin: primary" lines in Zotero's Extra field), from "origin:
// primary" lines of the note (Zotero exports Extra as the note; an
// "issued:" line there gives a date Zotero cannot hold, such as "2025?"),
// and from the sentences the exports of annals write into the note.
package bibliography

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// Parse reads a bibliography file, choosing the format by the extension of
// path: ".json" is CSL-JSON, ".bib" BibTeX or biblatex. It returns one
// source note per entry that has no error, in file order; an entry with an
// error is left out. The diagnostics are the errors, each at the line of the
// entry (or field) it is about, and the warnings of the entries left out;
// the warnings of an entry returned are in its note's Warnings, as with
// note.Parse.
func Parse(path string, src []byte) ([]*note.Note, note.Diagnostics) {
	if d, ok := note.CheckText(path, src, bibliographyText); !ok {
		return nil, note.Diagnostics{d}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	var entries []*entry
	var diags note.Diagnostics
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".json":
		entries, diags = readCSL(path, src)
	case ".bib":
		entries, diags = readBibTeX(path, src)
	default:
		return nil, note.Diagnostics{{Path: path, Line: 1, Col: 1, Severity: note.SeverityError,
			Message: fmt.Sprintf("unknown kind of bibliography %q: use .json for CSL-JSON or .bib for BibTeX", ext)}}
	}
	resolveVia(entries)
	seen := map[string]int{}
	var notes []*note.Note
	for _, e := range entries {
		if e.key != "" {
			if first, dup := seen[e.key]; dup {
				e.errorf(e.line, "citation key %q is already used by the entry on line %d: give each entry its own key", e.key, first)
			} else {
				seen[e.key] = e.line
			}
		}
		n := e.note(path)
		failed := false
		for _, d := range e.diags {
			failed = failed || d.Severity == note.SeverityError
		}
		if failed {
			diags = append(diags, e.diags...)
			continue
		}
		n.Warnings = e.diags
		notes = append(notes, n)
	}
	return notes, diags
}

// looseDates are the ways of writing a date in words that citeproc-js
// reads from a CSL date's raw text: "Oct 28, 1958", "28 October 1958",
// "October 1958".
var looseDates = []*regexp.Regexp{
	regexp.MustCompile(`^(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$`),
	regexp.MustCompile(`^(?P<day>\d{1,2})\.?\s+(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})$`),
	regexp.MustCompile(`^(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})$`),
}

// looseDate reads a date written in words, in English or one of the
// languages monthNumber knows.
func looseDate(s string) (edtf.Date, bool) {
	for _, re := range looseDates {
		m := re.FindStringSubmatch(strings.TrimSpace(s))
		if m == nil {
			continue
		}
		var month, day int
		var year string
		for i, name := range re.SubexpNames() {
			switch name {
			case "month":
				month = monthNumber(m[i])
			case "day":
				day, _ = strconv.Atoi(m[i])
			case "year":
				year = m[i]
			}
		}
		text := fmt.Sprintf("%s-%02d", year, month)
		if day > 0 {
			text += fmt.Sprintf("-%02d", day)
		}
		if d, err := edtf.Parse(text); err == nil && month > 0 {
			return d, true
		}
	}
	return edtf.Date{}, false
}

// yearIn finds the first year in a date annals cannot read.
var yearIn = regexp.MustCompile(`(?:^|[^0-9])([0-9]{4})(?:[^0-9]|$)`)

// bibliographyText is how note.CheckText speaks of a bibliography.
var bibliographyText = note.Text{Name: "bibliography", Pieces: "files", Kind: "a bibliography", SaveAs: "export the bibliography"}

// lineIndex finds the line and column of an offset in a file without
// counting from the top each time. Offsets asked for in increasing order
// on one line (items of a minified JSON file) are counted from the last.
type lineIndex struct {
	src    string
	starts []int // offset of the start of each line
	last   struct{ i, line, col int }
}

func newLineIndex(src string) *lineIndex {
	x := &lineIndex{src: src, starts: []int{0}}
	for i := 0; i < len(src); i++ {
		if src[i] == '\n' {
			x.starts = append(x.starts, i+1)
		}
	}
	return x
}

// pos returns the line and column of offset i, counting from 1.
func (x *lineIndex) pos(i int) (line, col int) {
	i = min(max(i, 0), len(x.src))
	l := sort.SearchInts(x.starts, i+1) - 1
	from, col := x.starts[l], 1
	if x.last.line == l+1 && x.last.i <= i {
		from, col = x.last.i, x.last.col
	}
	col += utf8.RuneCountInString(x.src[from:i])
	x.last.i, x.last.line, x.last.col = i, l+1, col
	return l + 1, col
}

// lineStart returns the offset of the start of the line holding offset i.
func (x *lineIndex) lineStart(i int) int {
	return x.starts[sort.SearchInts(x.starts, i+1)-1]
}

// entry is one bibliography entry read from either format, before it is
// checked and made a note. Dates are EDTF text, field names as written in
// the file, for messages.
type entry struct {
	line, col int
	key       string
	fields    map[string]int // file line of each note key given, for Note.Lines
	keyLines  map[string]int // CSL-JSON: the line of each variable

	title, typ           string
	authors, editors     []note.Name
	doi                  string
	container, publisher string
	issued, accessed     string
	issuedAt, accessedAt string // the field each date came from
	url, urlAt           string
	archived, archivedAt string
	language, origin     string
	draft, draftAt       string // as written: "true" keeps the entry out of everything public
	via                  []string
	viaTitles            []string // "Reports from: …" titles, resolved to keys by resolveVia
	text                 string
	path                 string
	diags                note.Diagnostics
	// broken is set when the entry's key could not be read at all, and
	// untitled when its title could not, which is reported already:
	// saying that it is missing would only repeat it.
	broken, untitled bool
}

// errorf reports a problem on line, at the entry's column if line is the
// entry's own.
func (e *entry) errorf(line int, format string, args ...any) {
	e.report(note.SeverityError, line, fmt.Sprintf(format, args...))
}

func (e *entry) warnf(line int, format string, args ...any) {
	e.report(note.SeverityWarning, line, fmt.Sprintf(format, args...))
}

func (e *entry) report(sev note.Severity, line int, msg string) {
	col := 1
	if line == e.line {
		col = e.col
	}
	e.diags = append(e.diags, note.Diagnostic{Path: e.path, Line: line, Col: col, Severity: sev, Message: msg})
}

// lineOf returns the line of note key k's field, or the entry's line.
func (e *entry) lineOf(k string) int {
	if l := e.fields[k]; l > 0 {
		return l
	}
	return e.line
}

// set records that note key k was given on line l.
func (e *entry) set(k string, l int) {
	if _, ok := e.fields[k]; !ok {
		e.fields[k] = l
	}
}

// note checks e by the rules note.Parse applies to a source note and
// returns the note; the problems found are in e.diags.
func (e *entry) note(path string) *note.Note {
	switch {
	case e.key == "" && !e.broken:
		e.errorf(e.line, "entry has no citation key: give it one, as the id that notes cite it by ([@key])")
	case e.key != "" && !note.PlainKey(e.key):
		e.warnf(e.line, "citation key %q can only be cited in braces, [@{%s}]: give the item a key of letters, digits and -_:./ (in Zotero, a Citation Key)", e.key, e.key)
	}
	if e.title == "" && e.key != "" {
		// Kept, as the sources a note cites must not vanish for want of
		// a title: titled after what it is part of, or its key.
		e.title = e.container
		if e.title == "" {
			e.title = e.key
		}
		if !e.untitled {
			e.warnf(e.line, "entry %q has no title: it is shown as %q; give it a title", e.key, e.title)
		}
	}
	s := &note.Source{
		Type: e.typ, Authors: e.authors, Editors: e.editors, DOI: note.DOI(e.doi), ContainerTitle: e.container, Publisher: e.publisher,
		URL: e.url, Language: e.language, Archived: e.archived, Origin: strings.ToLower(e.origin), Via: e.via,
	}
	if s.Type == "" {
		s.Type = "document"
	}
	for _, d := range []struct {
		k, raw, at string
		to         *edtf.Date
	}{{"issued", e.issued, e.issuedAt, &s.Issued}, {"accessed", e.accessed, e.accessedAt, &s.Accessed}} {
		if d.raw == "" {
			continue
		}
		parsed, err := edtf.Parse(d.raw)
		if err == nil {
			*d.to = parsed
			continue
		}
		if loose, ok := looseDate(d.raw); ok {
			*d.to = loose
			continue
		}
		// One unreadable date does not lose the entry: its year is
		// enough to cite it by.
		if m := yearIn.FindStringSubmatch(d.raw); m != nil {
			y := m[1]
			*d.to = edtf.MustParse(y)
			e.warnf(e.lineOf(d.k), "%s %q is not a date annals can read (%v): read as the year %s; write it as EDTF, such as 2018-07-12 or 1988/1992", d.at, d.raw, err, y)
			continue
		}
		e.warnf(e.lineOf(d.k), "%s %q is not a date annals can read (%v): the entry has no %s date; write it as EDTF, such as 2018-07-12 or 1988/1992", d.at, d.raw, err, d.k)
	}
	for _, u := range []struct {
		k, v, at string
		to       *string
	}{{"URL", e.url, e.urlAt, &s.URL}, {"archived", e.archived, e.archivedAt, &s.Archived}} {
		if u.v != "" && !note.WebURL(u.v) {
			*u.to = ""
			e.warnf(e.lineOf(u.k), "%s %q is not a web address, so it is left out: use a full http:// or https:// URL", u.at, u.v)
		}
	}
	if s.Origin != "" && s.Origin != "primary" && s.Origin != "secondary" {
		e.warnf(e.lineOf("origin"), "origin must be primary or secondary, not %q: it is left out", s.Origin)
		s.Origin = ""
	}
	draft := false
	switch strings.ToLower(e.draft) {
	case "", "false", "no", "off":
	case "true", "yes", "on":
		draft = true
	default:
		e.errorf(e.lineOf("draft"), "%s must be true or false, not %q", e.draftAt, e.draft)
	}
	lines := map[string]int{}
	for k, l := range e.fields {
		lines[k] = l
	}
	return &note.Note{
		ID: e.key, Kind: note.KindSource, Path: path, Title: e.title, Draft: draft,
		Text: e.text, Lines: lines, Source: s,
	}
}

// resolveVia turns the titles of "Reports from: …" (how the exports of
// annals write via) into the keys of the entries with those titles.
func resolveVia(entries []*entry) {
	byTitle := map[string]string{}
	for _, e := range entries {
		if _, ok := byTitle[e.title]; !ok && e.key != "" {
			byTitle[e.title] = e.key
		}
	}
	for _, e := range entries {
		for _, t := range e.viaTitles {
			key, ok := byTitle[t]
			if !ok {
				e.warnf(e.lineOf("via"), "reports from %q, which is not an entry of this bibliography: add it, or cite it by key in a line \"via: key\" of the note", t)
				continue
			}
			if !slices.Contains(e.via, key) {
				e.via = append(e.via, key)
			}
		}
	}
}
