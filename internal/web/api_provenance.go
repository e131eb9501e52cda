package web

import (
	"context"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// apiEventDetail is a single event in the JSON API: what the list gives,
// and what the event records of its provenance.
type apiEventDetail struct {
	apiEvent
	FirstReported *apiFirstReport      `json:"first_reported"` // null when no source can have reported it
	Discrepancies []annals.Discrepancy `json:"discrepancies"`
	Verdict       *apiVerdict          `json:"verdict"`
}

// apiFirstReport is the source that first reported an event in this
// collection: its key, its issued date (EDTF, "" when undated) and the
// lag in words.
type apiFirstReport struct {
	Source  string `json:"source"`
	Issued  string `json:"issued"`
	Locator string `json:"locator,omitempty"`
	Lag     string `json:"lag"`
}

type apiVerdict struct {
	Rating   string `json:"rating"`
	Reviewed string `json:"reviewed"` // EDTF day
	Summary  string `json:"summary"`
}

// withProvenance adds event n's first report, discrepancies and verdict
// to e. Draft sources are neither named nor counted.
func withProvenance(ctx context.Context, db *store.DB, n *note.Note, e apiEvent) (apiEventDetail, error) {
	set, err := loadSources(ctx, db, append(reportKeys(n), discrepancyKeys(n)...))
	if err != nil {
		return apiEventDetail{}, err
	}
	out := apiEventDetail{apiEvent: e, Discrepancies: apiDiscrepancies(n, set)}
	if f := firstReported(n, set.public); f != nil {
		out.FirstReported = &apiFirstReport{Source: f.Key, Issued: edtfString(f.issued), Locator: f.Locator, Lag: f.Lag}
	}
	if v := n.Event.Verdict; v != nil {
		out.Verdict = &apiVerdict{Rating: string(v.Rating), Reviewed: v.Reviewed.String(), Summary: v.Summary}
	}
	return out, nil
}
