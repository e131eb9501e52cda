package search

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2/search"

	"annals.dev/annals/internal/edtf"
)

// Hits of equal score go by date, then id, then kind (ids are unique only
// within a kind); notes without a date (sources, actors) after events.
// Without this, equal scores come in bleve's internal document order,
// which differs between two builds of the same notes. The fields are read
// from doc values: "_id" would decompress each matching document's stored
// fields just to compare.
var (
	dateOrder  = []string{"start", "end", "id", "kind"}
	scoreOrder = append([]string{"-_score"}, dateOrder...)
)

// settle orders a page of hits found in bleve's plain score order, which
// is cheap: sorting by scoreOrder reads the doc values of every match. hits
// holds lead hits before the page (0 or 1) and, when there are more, one
// after it, so that settle can tell whether the page's edges cut through
// hits of equal score. When they do, which of the tied notes belong on the
// page is known only to a search in scoreOrder, and settle reports false.
// Otherwise it returns the page sorted as scoreOrder would sort it.
func settle(hits search.DocumentMatchCollection, lead, limit int) (search.DocumentMatchCollection, bool) {
	if lead > 0 && len(hits) > lead && hits[lead-1].Score == hits[lead].Score {
		return nil, false
	}
	end := min(lead+limit, len(hits))
	if end < len(hits) && hits[end-1].Score == hits[end].Score {
		return nil, false
	}
	if lead > len(hits) {
		return nil, true
	}
	page := hits[lead:end]
	keys := make(map[*search.DocumentMatch]orderKey, len(page))
	for _, h := range page {
		keys[h] = keyOf(h)
	}
	slices.SortStableFunc(page, func(a, b *search.DocumentMatch) int {
		if c := cmp.Compare(b.Score, a.Score); c != 0 {
			return c
		}
		return keys[a].compare(keys[b])
	})
	return page, true
}

// orderKey is what dateOrder compares.
type orderKey struct {
	dated      bool
	start, end time.Time
	id, kind   string
}

func keyOf(h *search.DocumentMatch) orderKey {
	kind, id, _ := strings.Cut(h.ID, "/")
	k := orderKey{id: id, kind: kind}
	// Only events index a date (start and end), from the EDTF stored
	// beside it.
	if s, _ := h.Fields["edtf"].(string); kind == "event" && s != "" {
		if d, err := edtf.Parse(s); err == nil {
			k.dated, k.start, k.end = true, d.Earliest().Time(), d.Latest().Time()
		}
	}
	return k
}

func (a orderKey) compare(b orderKey) int {
	switch {
	case a.dated && !b.dated:
		return -1
	case !a.dated && b.dated:
		return 1
	}
	return cmp.Or(a.start.Compare(b.start), a.end.Compare(b.end), cmp.Compare(a.id, b.id), cmp.Compare(a.kind, b.kind))
}
