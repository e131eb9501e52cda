package export

import (
	"encoding/json"
	"io"
	"strings"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// ClaimReview is a schema.org ClaimReview, the markup fact-checkers publish
// so that search engines and Google's Fact Check Explorer find their
// reviews, with the fields Google reads.
type ClaimReview struct {
	Context       string    `json:"@context"`
	Type          string    `json:"@type"`
	URL           string    `json:"url"`
	ClaimReviewed string    `json:"claimReviewed"`
	DatePublished string    `json:"datePublished"`
	Author        Thing     `json:"author"`
	ReviewRating  Rating    `json:"reviewRating"`
	ItemReviewed  ClaimItem `json:"itemReviewed"`
	ReviewBody    string    `json:"reviewBody,omitempty"`
}

// Thing is a schema.org Person or Organization.
type Thing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

// Rating is a ClaimReview's verdict: alternateName is the verdict in
// words; a rating that has a place on the scale from 1 (false) to 5 (true)
// gives it too.
type Rating struct {
	Type          string `json:"@type"`
	RatingValue   int    `json:"ratingValue,omitempty"`
	BestRating    int    `json:"bestRating,omitempty"`
	WorstRating   int    `json:"worstRating,omitempty"`
	AlternateName string `json:"alternateName"`
}

// ClaimItem is the Claim a ClaimReview reviews: who made it and where it
// first appeared.
type ClaimItem struct {
	Type            string         `json:"@type"`
	Author          *Thing         `json:"author,omitempty"`
	DatePublished   string         `json:"datePublished,omitempty"`
	Appearance      []CreativeWork `json:"appearance,omitempty"`
	FirstAppearance *CreativeWork  `json:"firstAppearance,omitempty"`
}

// CreativeWork is where a claim appeared.
type CreativeWork struct {
	Type string `json:"@type"`
	URL  string `json:"url"`
}

// Claimant is who makes a claim: a name, and the type of its actor note
// ("person", "organisation", "state"; "" for a plain name).
type Claimant struct {
	Name, Type string
}

// FirstAppearance is the first report of a claim: its source's address
// ("" when it has none) and when it was issued.
type FirstAppearance struct {
	URL    string
	Issued edtf.Date
}

// NewClaimReview describes the verdict on event n, which must have one.
// pageURL is the event's page; reviewer names the collection that reviews
// it. A claimant with an empty name or an unknown first appearance is left
// out, as ClaimReview allows.
func NewClaimReview(n *note.Note, pageURL string, reviewer Thing, by Claimant, first FirstAppearance) ClaimReview {
	v := n.Event.Verdict
	r := ClaimReview{
		Context: "https://schema.org", Type: "ClaimReview", URL: pageURL,
		ClaimReviewed: n.Title, DatePublished: v.Reviewed.String(), Author: reviewer,
		ReviewRating: Rating{Type: "Rating", AlternateName: v.Rating.Text()},
		ItemReviewed: ClaimItem{Type: "Claim"},
		ReviewBody:   v.Summary,
	}
	if score, ok := v.Rating.Score(); ok {
		r.ReviewRating.RatingValue, r.ReviewRating.BestRating, r.ReviewRating.WorstRating = score, 5, 1
	}
	if by.Name != "" {
		t := "Person"
		if by.Type == "organisation" || by.Type == "state" {
			t = "Organization"
		}
		r.ItemReviewed.Author = &Thing{Type: t, Name: by.Name}
	}
	if first.URL != "" {
		w := CreativeWork{Type: "CreativeWork", URL: first.URL}
		r.ItemReviewed.Appearance = []CreativeWork{w}
		r.ItemReviewed.FirstAppearance = &w
	}
	r.ItemReviewed.DatePublished = isoDate(first.Issued)
	return r
}

// isoDate writes a single, unqualified date as ISO 8601 at its precision
// ("2025-09-30", "2025-09", "2025"); "" for anything less certain, which
// schema.org has no way to say.
func isoDate(d edtf.Date) string {
	p := d.Start
	if d.IsZero() || d.Interval || d.Uncertain() || d.Approximate() || p.Unspecified != "" ||
		p.Precision == edtf.PrecisionSeason || p.Precision == edtf.PrecisionUnknown || p.Year < 1 || p.Year > 9999 {
		return ""
	}
	s := d.String()
	if p.HasTime {
		s, _, _ = strings.Cut(s, "T")
	}
	return s
}

// claimReview describes the verdict on event n, which must have one, as
// the collection publishes it.
func (c *Collection) claimReview(n *note.Note) ClaimReview {
	e := n.Event
	var by Claimant
	if a, ok := c.actorNotes[e.ClaimedBy]; ok {
		by = Claimant{Name: a.Title, Type: a.Actor.Type}
	} else if !annals.LooksLikeID(e.ClaimedBy) {
		by.Name = e.ClaimedBy
	}
	var first FirstAppearance
	if r, ok := c.firstReport(n); ok {
		s := c.sources[r.Source.Key]
		first.Issued = s.Source.Issued
		if note.WebURL(s.Source.URL) {
			first.URL = s.Source.URL
		}
	}
	return NewClaimReview(n, c.permalink(note.KindEvent, n.ID), Thing{Type: "Organization", Name: c.Title, URL: c.BaseURL + "/"}, by, first)
}

// firstReport finds the first report of event n among the public sources
// (see annals.FirstReported).
func (c *Collection) firstReport(n *note.Note) (annals.FirstReport, bool) {
	var cands []annals.Source
	add := func(k string) {
		if s, ok := c.sources[k]; ok {
			cands = append(cands, annals.Source{Key: k, Issued: s.Source.Issued})
		}
	}
	for _, k := range n.Event.Sources {
		add(k)
	}
	for _, ct := range n.Citations {
		add(ct.Key)
	}
	add(n.Event.FirstReported.Key)
	e := annals.Event{Date: n.Event.Date, Planned: n.Event.Status == note.StatusPlanned, FirstReported: n.Event.FirstReported}
	return annals.FirstReported(e, cands)
}

// writeClaimReview writes every verdict as a JSON-LD list of ClaimReview
// objects, in the events' date order.
func writeClaimReview(w io.Writer, c *Collection) (note.Diagnostics, error) {
	out := []ClaimReview{}
	for _, n := range c.Events {
		if n.Event.Verdict != nil {
			out = append(out, c.claimReview(n))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return nil, enc.Encode(out)
}
