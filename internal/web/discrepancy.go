package web

import (
	"net/url"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// discrepancy is one fact sources disagree on, as an event page shows it:
// every value, the deprecated ones included, with their sources.
type discrepancy struct {
	About  string
	Values []discrepancyValue
}

// discrepancyValue is one value of a discrepancy. Text is the value as
// readers see it: a date in words when it is an EDTF date ("November
// 2024"), else as written.
type discrepancyValue struct {
	Text, Rank, Note string
	Deprecated       bool
	Sources          []sourceLink // Href is "" for a source with no public page
}

// discrepancyKeys lists the keys of the sources event n's discrepancies
// name.
func discrepancyKeys(n *note.Note) []string {
	var keys []string
	for _, d := range n.Event.Discrepancies {
		for _, v := range d.Values {
			keys = append(keys, v.Sources...)
		}
	}
	return keys
}

// discrepancies describes event n's discrepancies. A draft source is
// "an unpublished source", never named; an unknown key is shown as such.
func discrepancies(n *note.Note, set sourceSet) []discrepancy {
	var out []discrepancy
	for _, d := range n.Event.Discrepancies {
		view := discrepancy{About: d.About}
		for _, v := range d.Values {
			dv := discrepancyValue{Text: valueText(v.Value), Rank: string(v.Rank), Note: v.Note,
				Deprecated: v.Rank == annals.RankDeprecated}
			for _, k := range v.Sources {
				switch s, ok := set.public[k]; {
				case ok:
					dv.Sources = append(dv.Sources, sourceLink{Title: s.Title, Href: "/sources/" + url.PathEscape(k)})
				case set.drafts[k]:
					dv.Sources = append(dv.Sources, sourceLink{Title: "an unpublished source"})
				default:
					dv.Sources = append(dv.Sources, sourceLink{Title: k + " (unknown source)"})
				}
			}
			view.Values = append(view.Values, dv)
		}
		out = append(out, view)
	}
	return out
}

// valueText shows a value that is an EDTF date as a date.
func valueText(v string) string {
	if d, err := edtf.Parse(v); err == nil {
		return d.Display()
	}
	return v
}

// apiDiscrepancies is event n's discrepancies for the API, in the front
// matter's shape; drafts are left out of the sources.
func apiDiscrepancies(n *note.Note, set sourceSet) []annals.Discrepancy {
	out := []annals.Discrepancy{}
	for _, d := range n.Event.Discrepancies {
		ad := annals.Discrepancy{About: d.About, Values: []annals.Value{}}
		for _, v := range d.Values {
			av := v
			av.Sources = []string{}
			for _, k := range v.Sources {
				if !set.drafts[k] {
					av.Sources = append(av.Sources, k)
				}
			}
			ad.Values = append(ad.Values, av)
		}
		out = append(out, ad)
	}
	return out
}
