package web

import (
	"context"

	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// quoteCheck is what a footnote says of one quotation it vouches for,
// checked against the cited source's stored text: the paragraph and the
// source's own words when the quotation is there, else that it is not.
type quoteCheck struct {
	Found   bool
	Para    int
	Passage string
}

// quoteChecker checks the quotations of one note's citations against the
// stored texts of its public sources.
type quoteChecker struct {
	quotes map[int][]note.Quote // by footnote number
	texts  map[string]*note.SourceText
}

// loadQuoteChecker reads what checking n's quotations needs: its
// quotations, and the stored texts of the public sources it cites. A
// draft source's text is never read, so nothing of it can reach a page.
func loadQuoteChecker(ctx context.Context, db *store.DB, n *note.Note, set sourceSet) (quoteChecker, error) {
	var ids []string
	for _, c := range n.Citations {
		if _, ok := set.public[c.Key]; ok {
			ids = append(ids, c.Key)
		}
	}
	if len(ids) == 0 {
		return quoteChecker{}, nil
	}
	texts, err := db.SourceTexts(ctx, uniq(ids))
	if err != nil || len(texts) == 0 {
		return quoteChecker{}, err
	}
	return quoteChecker{quotes: note.QuotesByFootnote(n), texts: texts}, nil
}

// check returns what the footnote item of citation c says of the
// quotations its cluster vouches for; nothing when its source has no
// stored text.
func (q quoteChecker) check(c note.Citation) []quoteCheck {
	t := q.texts[c.Key]
	if t == nil {
		return nil
	}
	var out []quoteCheck
	for _, quote := range q.quotes[c.Number] {
		r := t.Check(quote.Text, c.Locator)
		if r.Found {
			out = append(out, quoteCheck{Found: true, Para: r.Para, Passage: r.Passage})
		} else {
			out = append(out, quoteCheck{})
		}
	}
	return out
}
