package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/export"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// verdict is the collection's review of a claim, shown beside its status.
type verdict struct {
	Rating   string // "mostly-false", for the class
	Text     string // "Mostly false"
	Reviewed string // "2 October 2025"
	Summary  string
}

func newVerdict(n *note.Note) *verdict {
	v := n.Event.Verdict
	if v == nil {
		return nil
	}
	return &verdict{Rating: string(v.Rating), Text: v.Rating.Text(), Reviewed: v.Reviewed.Display(), Summary: v.Summary}
}

// claimReview is the ClaimReview of event n's verdict, for the page's
// JSON-LD; nil when n has no verdict. The template escapes it as JSON
// inside its script element.
func claimReview(ctx context.Context, db *store.DB, r *http.Request, n *note.Note, first *firstReport) (*export.ClaimReview, error) {
	if n.Event.Verdict == nil {
		return nil, nil
	}
	// A claimant written as an id names an actor note; one that is a
	// draft (or missing) is left out rather than named by its id.
	var by export.Claimant
	if id := n.Event.ClaimedBy; id != "" {
		a, err := db.Note(ctx, note.KindActor, id)
		switch {
		case err == nil:
			by = export.Claimant{Name: a.Title, Type: a.Actor.Type}
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		case !annals.LooksLikeID(id):
			by.Name = id
		}
	}
	var fa export.FirstAppearance
	if first != nil {
		fa = export.FirstAppearance{URL: first.url, Issued: first.issued}
	}
	cr := export.NewClaimReview(n, absURL(r, "/events/"+url.PathEscape(n.ID)),
		export.Thing{Type: "Organization", Name: "annals", URL: absURL(r, "/")}, by, fa)
	return &cr, nil
}
