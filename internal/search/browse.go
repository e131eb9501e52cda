package search

import (
	"context"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// dateList is every document's id in dateOrder, kept so that browsing by
// date reads one page rather than sorting every note for each request.
type dateList struct {
	ids   []string
	epoch uint64 // the Index's epoch it was made at
}

// browsing reports whether r lists every note by date, with nothing to
// match, filter or count: what the sorted list answers.
func browsing(r Request) bool {
	return r.Query == "" && !r.Facets && r.From.IsZero() && r.To.IsZero() &&
		len(r.Kinds)+len(r.Tags)+len(r.Actors)+len(r.Statuses)+len(r.Sources) == 0
}

// browse answers a request for which browsing holds, from the sorted list:
// the page's documents are fetched by id.
func (ix *Index) browse(ctx context.Context, r Request, offset, limit int) (*bleve.SearchResult, error) {
	ids, err := ix.byDate(ctx, r)
	if err != nil {
		return nil, err
	}
	page := ids[min(offset, len(ids)):min(offset+limit, len(ids))]
	if len(page) == 0 {
		return &bleve.SearchResult{Total: uint64(len(ids))}, nil
	}
	req := bleve.NewSearchRequestOptions(query.NewDocIDQuery(slices.Clone(page)), len(page), 0, false)
	req.Fields = hitFields
	req.SortBy(dateOrder)
	res, err := ix.run(ctx, r, req)
	if err != nil {
		return nil, err
	}
	res.Total = uint64(len(ids))
	return res, nil
}

// byDate returns the sorted list, making it when the index has changed
// since it was last made.
func (ix *Index) byDate(ctx context.Context, r Request) ([]string, error) {
	ix.mu.Lock()
	list, epoch := ix.dates, ix.epoch
	ix.mu.Unlock()
	if list != nil && list.epoch == epoch {
		return list.ids, nil
	}
	n, err := ix.idx.DocCount()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(query.NewMatchAllQuery(), int(n), 0, false)
	req.SortBy(dateOrder)
	res, err := ix.run(ctx, r, req)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	ix.mu.Lock()
	// An update that ended meanwhile may have changed the documents: the
	// list is then not kept, and the next browse makes it again.
	if ix.epoch == epoch {
		ix.dates = &dateList{ids: ids, epoch: epoch}
	}
	ix.mu.Unlock()
	return ids, nil
}

// changed marks the sorted list out of date; updates call it before and
// after they write.
func (ix *Index) changed() {
	ix.mu.Lock()
	ix.epoch++
	ix.dates = nil
	ix.mu.Unlock()
}
