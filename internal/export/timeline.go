package export

import (
	"bytes"
	"encoding/json"
	"io"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// TimelineJS 3's JSON format (NUKnightLab/TimelineJS3,
// website/docs/json-format.njk): a title slide and one slide per event.
type tlTimeline struct {
	Title  *tlSlide  `json:"title,omitempty"`
	Events []tlSlide `json:"events"`
	// Scale is "cosmological" when a year lies beyond what JavaScript
	// dates hold, about 271,821 BCE to 275,760 CE.
	Scale string `json:"scale,omitempty"`
}

type tlSlide struct {
	StartDate   *tlDate `json:"start_date,omitempty"`
	EndDate     *tlDate `json:"end_date,omitempty"`
	DisplayDate string  `json:"display_date,omitempty"`
	Text        tlText  `json:"text"`
	Group       string  `json:"group,omitempty"`
	UniqueID    string  `json:"unique_id,omitempty"`
	// Autolink is off: the text links what it means to link, and nothing
	// else in a note should become a link.
	Autolink *bool `json:"autolink,omitempty"`
}

// tlDate is a date at the precision it is known: month and day are left
// out when the date is less precise. Years are historical, negative for
// BCE.
type tlDate struct {
	Year  int `json:"year"`
	Month int `json:"month,omitempty"`
	Day   int `json:"day,omitempty"`
}

type tlText struct {
	Headline string `json:"headline"`
	Text     string `json:"text,omitempty"`
}

// tlPoint converts one end of a date; end picks the last year of a range
// written with X digits.
func tlPoint(p edtf.Point, end bool) *tlDate {
	if open(p) {
		return nil
	}
	switch detail(p) {
	case edtf.PrecisionUnknown:
		day := p.Earliest()
		if end {
			day = p.Latest()
		}
		return &tlDate{Year: historicalYear(day.Year)}
	case edtf.PrecisionYear, edtf.PrecisionSeason:
		return &tlDate{Year: historicalYear(p.Year)}
	case edtf.PrecisionMonth:
		return &tlDate{Year: historicalYear(p.Year), Month: p.Month}
	}
	return &tlDate{Year: historicalYear(p.Year), Month: p.Month, Day: p.Day}
}

// tlDates returns a slide's start and end. A date open at the start
// ("../2018") is placed at its end; one open at the end has no end date.
func tlDates(d edtf.Date) (start, end *tlDate) {
	start, end = tlPoint(d.Start, false), tlPoint(d.End, true)
	if start == nil {
		return end, nil
	}
	if end != nil && *start == *end {
		end = nil
	}
	return start, end
}

func writeTimeline(w io.Writer, c *Collection) (note.Diagnostics, error) {
	off := false
	t := tlTimeline{
		Title:  &tlSlide{Text: tlText{Headline: escText(c.Title), Text: "<p>A cited chronology.</p>"}},
		Events: []tlSlide{},
	}
	var diags note.Diagnostics
	for _, n := range c.Events {
		start, end := tlDates(n.Event.Date)
		if start == nil {
			diags = append(diags, warning(n, "date %q names no year, so the timeline leaves the event out", n.Event.Date))
			continue
		}
		s := tlSlide{
			StartDate: start, EndDate: end, DisplayDate: n.Event.Date.Display(),
			Text:     tlText{Headline: escText(n.Title), Text: c.eventHTML(n)},
			UniqueID: n.ID, Autolink: &off,
		}
		if len(n.Event.Tags) > 0 {
			s.Group = escText(n.Event.Tags[0])
		}
		for _, d := range []*tlDate{start, end} {
			if d != nil && (d.Year < -271820 || d.Year > 275759) {
				t.Scale = "cosmological"
			}
		}
		t.Events = append(t.Events, s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		return nil, err
	}
	_, err := w.Write(buf.Bytes())
	return diags, err
}
