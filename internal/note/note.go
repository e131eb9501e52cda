// Package note reads annals notes: YAML front matter, a CommonMark body with
// Pandoc citations and [[wiki links]], and EDTF dates. It is the only package
// that knows the note format; everything downstream works with its types.
package note

import (
	"fmt"
	"strings"
	"time"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
)

// Kind says what a note describes. It comes from the folder a note lives in.
type Kind string

// The kinds of note, named after their folders under content/.
const (
	KindEvent  Kind = "event"
	KindSource Kind = "source"
	KindActor  Kind = "actor"
	KindPlace  Kind = "place"
)

// Kinds lists every kind with the folder that holds it, in display order.
var Kinds = []struct {
	Kind   Kind
	Folder string
}{
	{KindEvent, "events"},
	{KindSource, "sources"},
	{KindActor, "actors"},
	{KindPlace, "places"},
}

// KindOfFolder returns the kind of note kept in folder ("events" → KindEvent).
func KindOfFolder(folder string) (Kind, bool) {
	for _, k := range Kinds {
		if k.Folder == folder {
			return k.Kind, true
		}
	}
	return "", false
}

// Folder returns the content folder that holds notes of kind k.
func (k Kind) Folder() string {
	for _, x := range Kinds {
		if x.Kind == k {
			return x.Folder
		}
	}
	return ""
}

// Status says how well an event is established.
type Status string

// The statuses an event may have; StatusReported is the default.
const (
	StatusConfirmed Status = "confirmed"
	StatusReported  Status = "reported"
	StatusClaimed   Status = "claimed"
	StatusDisputed  Status = "disputed"
	StatusPlanned   Status = "planned"
)

// Statuses lists every valid status.
var Statuses = []Status{StatusConfirmed, StatusReported, StatusClaimed, StatusDisputed, StatusPlanned}

// Note is one parsed markdown file.
type Note struct {
	ID    string // the file name without .md; for a source, its citation key
	Kind  Kind
	Path  string // as given to Parse, used in diagnostics
	Title string
	Draft bool
	// Updated is when the note last changed: the time of the last git
	// commit that touched its file, or the file's modification time. The
	// store sets it; Parse leaves it zero.
	Updated time.Time

	Body     string // the markdown after the front matter
	BodyLine int    // the file line on which Body starts
	Text     string // the body as plain text, for search

	Citations []Citation
	Links     []Link

	// Lines records the file line of each front matter key, so later checks
	// can point at the key they complain about.
	Lines map[string]int
	// values records where each front matter value was written: "key" for
	// a single value, "key[i]" for the i-th item of a list as returned.
	values map[string]Pos

	// Warnings are problems that do not stop the note from being indexed.
	Warnings Diagnostics

	// Exactly one of these is set, matching Kind.
	Event  *Event
	Source *Source
	Actor  *Actor
	Place  *Place
}

// Pos is a position in a note's file, counting lines and columns from 1.
type Pos struct{ Line, Col int }

// ValuePos returns where item i of front matter key was written (i is 0
// for a single value), falling back to the key's line, then to line 1.
func (n *Note) ValuePos(key string, i int) Pos {
	if p, ok := n.values[fmt.Sprintf("%s[%d]", key, i)]; ok {
		return p
	}
	if l := n.Lines[key]; l > 0 {
		return Pos{Line: l, Col: 1}
	}
	return Pos{Line: 1, Col: 1}
}

// Event is what an event note adds to a Note.
type Event struct {
	Date      edtf.Date
	Place     string
	Actors    []string // actor ids or plain names
	Tags      []string
	Status    Status
	ClaimedBy string
	// DisputedBy lists who disputes the event: actor ids or plain names.
	DisputedBy []string
	Sources    []string // citation keys backing the whole event
	Related    []string // event ids
	Summary    string

	// FirstReported overrides the rule that picks the first report; its
	// Key is "" when the note does not set it.
	FirstReported annals.SourceRef
	Discrepancies []annals.Discrepancy
	Verdict       *annals.Verdict // only on claimed and disputed events
}

// Source is what a source note adds to a Note. Field names follow CSL-JSON.
type Source struct {
	Type           string
	Authors        []Name
	Editors        []Name
	ContainerTitle string
	Publisher      string
	Issued         edtf.Date
	Accessed       edtf.Date
	URL            string
	DOI            string // as written, without https://doi.org/
	Language       string
	Archived       string // URL of an archived copy
	Origin         string // "primary" or "secondary"
	Via            []string
}

// Name is a CSL name: either Family and Given, or a Literal such as an
// organisation.
type Name struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Literal string `json:"literal,omitempty"`
}

// ParseName reads "Family, Given" or a literal name.
func ParseName(s string) Name {
	s = strings.TrimSpace(s)
	if family, given, ok := strings.Cut(s, ","); ok && strings.TrimSpace(given) != "" {
		return Name{Family: strings.TrimSpace(family), Given: strings.TrimSpace(given)}
	}
	return Name{Literal: strings.TrimSuffix(s, ",")}
}

// String renders a name as it is read: "Jens Stoltenberg".
func (n Name) String() string {
	if n.Literal != "" {
		return n.Literal
	}
	return strings.TrimSpace(n.Given + " " + n.Family)
}

// Actor is what an actor note adds to a Note.
type Actor struct {
	Type    string // person, organisation or state
	Aliases []string
}

// Place is what a place note adds to a Note: where on Earth it is, in
// which country, and the other names events may give it.
type Place struct {
	Located  bool    // whether the note gives coordinates
	Lat, Lon float64 // WGS 84 degrees, north and east positive
	Country  string  // an ISO 3166 code: "BE", or "GB-WLS" for a subdivision
	Aliases  []string
}

// Citation is one cited item inside a [@…] cluster in a note's body.
type Citation struct {
	Number         int // the footnote number of its cluster, from 1
	Key            string
	Locator        Locator
	Prefix         string
	Suffix         string
	SuppressAuthor bool   // written as [-@key]
	InText         bool   // written as @key in running text, which names the author
	Sentence       string // the sentence the citation backs
	// Anchor is the id of that statement on the note's page, made from
	// its text: "s-1a2b3c4d".
	Anchor    string
	Line, Col int // position of the cluster in the file
}

// Link is a [[target]] or [[target|label]] link in a note's body.
type Link struct {
	Target    string
	Label     string
	Line, Col int
}

// Severity grades a diagnostic.
type Severity string

// Severities of diagnostics; an error keeps a note out of the index.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is a problem found in a note, located in its file.
type Diagnostic struct {
	Path     string   `json:"path"`
	Line     int      `json:"line"`
	Col      int      `json:"col"`
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

// Error formats d compiler-style: path:line:col: severity: message.
func (d Diagnostic) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.Path, max(d.Line, 1), max(d.Col, 1), d.Severity, d.Message)
}

// Diagnostics is a list of problems; as an error it reports them all.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}
