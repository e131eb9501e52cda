package export

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"
	"strings"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// cslItem is a source as a CSL-JSON item (citation-style-language/schema,
// csl-data.json). annals' own fields go under custom, which the schema
// keeps for key-value pairs CSL has no variable for, and, for people
// reading them in Zotero's Extra field, into note.
type cslItem struct {
	ID             string      `json:"id"`
	Type           string      `json:"type"`
	Title          string      `json:"title,omitempty"`
	Author         []note.Name `json:"author,omitempty"`
	Editor         []note.Name `json:"editor,omitempty"`
	ContainerTitle string      `json:"container-title,omitempty"`
	Publisher      string      `json:"publisher,omitempty"`
	Genre          string      `json:"genre,omitempty"`
	Issued         *cslDate    `json:"issued,omitempty"`
	Accessed       *cslDate    `json:"accessed,omitempty"`
	URL            string      `json:"URL,omitempty"`
	DOI            string      `json:"DOI,omitempty"`
	Language       string      `json:"language,omitempty"`
	Note           string      `json:"note,omitempty"`
	Custom         *cslCustom  `json:"custom,omitempty"`
}

type cslCustom struct {
	Archived string   `json:"archived,omitempty"`
	Origin   string   `json:"origin,omitempty"`
	Via      []string `json:"via,omitempty"`
}

// cslDate is a CSL date: one date-parts array for a date, two for a
// range, each as precise as the date is known.
type cslDate struct {
	DateParts [][]int `json:"date-parts,omitempty"`
	Season    int     `json:"season,omitempty"`
	Circa     bool    `json:"circa,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// cslTypes are the item types of CSL 1.0.2.
var cslTypes = []string{
	"article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
	"chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
	"entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
	"manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
	"performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
	"review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
}

// cslType returns the CSL type of a source and, for a type CSL does not
// know, the type as written, kept as the genre.
func cslType(s *note.Source) (typ, genre string) {
	t := strings.ToLower(strings.TrimSpace(s.Type))
	switch {
	case slices.Contains(cslTypes, t):
		return t, ""
	case t == "":
		return "document", ""
	}
	return "document", s.Type
}

func (c *Collection) cslItem(n *note.Note) cslItem {
	s := n.Source
	typ, genre := cslType(s)
	it := cslItem{
		ID: n.ID, Type: typ, Genre: genre, Title: n.Title, Author: s.Authors, Editor: s.Editors, DOI: s.DOI,
		ContainerTitle: s.ContainerTitle, Publisher: s.Publisher,
		Issued: cslDateOf(s.Issued), Accessed: cslDateOf(s.Accessed),
		URL: s.URL, Language: s.Language,
	}
	cu := cslCustom{Archived: s.Archived, Origin: s.Origin, Via: c.via(s)}
	if cu.Archived != "" || cu.Origin != "" || len(cu.Via) > 0 {
		it.Custom = &cu
	}
	it.Note = c.provenance(s)
	return it
}

// via returns the public sources s reports from, as ids.
func (c *Collection) via(s *note.Source) []string {
	var out []string
	for _, id := range s.Via {
		if _, ok := c.sources[id]; ok && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// provenance describes annals' own fields of a source in a sentence or
// three: "Primary source. Reports from: My Tenure. Archived copy: URL."
func (c *Collection) provenance(s *note.Source) string {
	var parts []string
	switch s.Origin {
	case "primary":
		parts = append(parts, "Primary source.")
	case "secondary":
		parts = append(parts, "Secondary source.")
	}
	if via := c.via(s); len(via) > 0 {
		titles := make([]string, len(via))
		for i, id := range via {
			titles[i] = c.sources[id].Title
		}
		parts = append(parts, "Reports from: "+strings.Join(titles, "; ")+".")
	}
	if s.Archived != "" {
		parts = append(parts, "Archived copy: "+s.Archived+".")
	}
	return strings.Join(parts, " ")
}

// cslDateOf converts an EDTF date. Qualifiers become circa; X digits widen
// the date to the range they allow ("201X" is 2010–2019); an open or
// unknown end, which CSL cannot express as date-parts, gives the date as
// readers see it in literal.
func cslDateOf(d edtf.Date) *cslDate {
	if d.IsZero() {
		return nil
	}
	out := &cslDate{Circa: d.Approximate() || d.Uncertain()}
	if d.Interval && (open(d.Start) || open(d.End)) {
		out.Literal = d.Display()
		return out
	}
	first, firstSeason := cslParts(d.Start, false)
	last, lastSeason := cslParts(d.End, true)
	switch {
	case !d.Interval && detail(d.Start) != edtf.PrecisionUnknown:
		out.DateParts, out.Season = [][]int{first}, firstSeason
	case slices.Equal(first, last) && firstSeason == lastSeason:
		out.DateParts, out.Season = [][]int{first}, firstSeason
	default:
		// A season has no place in a range's date-parts: the range keeps
		// the seasons' years.
		out.DateParts = [][]int{first, last}
	}
	return out
}

// cslParts returns the date-parts of one point as finely as it is known,
// and its CSL season (1–4) if it names one. For a range of years written
// with X, end picks the last year rather than the first.
func cslParts(p edtf.Point, end bool) ([]int, int) {
	y := historicalYear(p.Year)
	switch detail(p) {
	case edtf.PrecisionUnknown:
		day := p.Earliest()
		if end {
			day = p.Latest()
		}
		return []int{historicalYear(day.Year)}, 0
	case edtf.PrecisionYear:
		return []int{y}, 0
	case edtf.PrecisionSeason:
		return []int{y}, p.Month - 20
	case edtf.PrecisionMonth:
		return []int{y, p.Month}, 0
	}
	return []int{y, p.Month, p.Day}, 0
}

func writeCSL(w io.Writer, c *Collection) (note.Diagnostics, error) {
	items := make([]cslItem, len(c.Sources))
	for i, n := range c.Sources {
		items[i] = c.cslItem(n)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(items); err != nil {
		return nil, err
	}
	_, err := w.Write(buf.Bytes())
	return nil, err
}
