package store

import (
	"context"
	"encoding/json"
	"fmt"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// putProvenance stores what event e says of its provenance, if anything.
func (w *writer) putProvenance(ctx context.Context, rowid int64, e *note.Event) error {
	if e.FirstReported.Key == "" && len(e.Discrepancies) == 0 && e.Verdict == nil {
		return nil
	}
	var discrepancies string
	if len(e.Discrepancies) > 0 {
		b, err := json.Marshal(e.Discrepancies)
		if err != nil {
			return err
		}
		discrepancies = string(b)
	}
	var v annals.Verdict
	if e.Verdict != nil {
		v = *e.Verdict
	}
	return w.exec(ctx, "event_provenance", rowid, e.FirstReported.Key, e.FirstReported.Locator, discrepancies,
		string(v.Rating), dateText(v.Reviewed), v.Summary)
}

// provenance fills in the events' provenance keys.
func (l *loader) provenance() error {
	var ref annals.SourceRef
	var discrepancies, rating, reviewed, summary string
	var failed error
	err := l.each(`SELECT note, first_reported, first_reported_locator, discrepancies, verdict_rating, verdict_reviewed, verdict_summary
		FROM event_provenance WHERE `+selected,
		[]any{&ref.Key, &ref.Locator, &discrepancies, &rating, &reviewed, &summary},
		func(n *note.Note) {
			if n.Event == nil {
				return
			}
			n.Event.FirstReported = ref
			if discrepancies != "" {
				if err := json.Unmarshal([]byte(discrepancies), &n.Event.Discrepancies); err != nil && failed == nil {
					failed = fmt.Errorf("%s: stored discrepancies: %w", n.Path, err)
				}
			}
			if rating != "" {
				d, err := edtf.Parse(reviewed)
				if err != nil && failed == nil {
					failed = fmt.Errorf("%s: stored verdict date %q: %w", n.Path, reviewed, err)
				}
				n.Event.Verdict = &annals.Verdict{Rating: annals.Rating(rating), Reviewed: d, Summary: summary}
			}
		})
	if err != nil {
		return fmt.Errorf("event provenance: %w", err)
	}
	return failed
}
