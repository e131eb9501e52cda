package search

import (
	"context"
	"errors"
	"fmt"
	stdregexp "regexp"
	"regexp/syntax"
	"slices"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/blevesearch/vellum/regexp"
)

// Request is a search: a query in bleve's query-string syntax plus filters.
type Request struct {
	Query    string    // "" matches everything the filters allow
	From, To time.Time // zero for no bound; an event matches if its dates overlap
	Kinds    []string
	Tags     []string
	Actors   []string
	Statuses []string
	Sources  []string
	SortBy   string // "relevance" (default) or "date"
	Offset   int
	Limit    int
	Facets   bool
}

// Limits on a request, so that no query can ask for unbounded work.
const (
	DefaultLimit = 20
	MaxLimit     = 500
	MaxOffset    = 10000
	maxQueryLen  = 1000
)

// Result is a page of hits.
type Result struct {
	Total uint64 `json:"total"`
	// AnyWords says no note has every word of the query, and the hits
	// are the notes with any of them.
	AnyWords bool               `json:"any_words,omitempty"`
	Hits     []Hit              `json:"hits"`
	Facets   map[string][]Count `json:"facets,omitempty"`
	Took     time.Duration      `json:"-"`
}

// Hit is one matching note.
type Hit struct {
	ID        string   `json:"id"`
	Kind      string   `json:"kind"`
	Title     string   `json:"title"`
	Date      string   `json:"date,omitempty"`    // EDTF
	Display   string   `json:"display,omitempty"` // the date as people read it
	Score     float64  `json:"score"`
	Fragments []string `json:"fragments"` // HTML: escaped text with <mark> around matches
}

// Count is one value of a facet and how many hits have it.
type Count struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// hitFields are the stored fields a hit shows.
var hitFields = []string{"title", "kind", "edtf", "display"}

// facetFields are the keyword fields counted for facets.
var facetFields = []string{"kind", "tag", "actor", "status"}

// ErrBadQuery wraps errors in a user's query, as opposed to index failures.
var ErrBadQuery = errors.New("bad query")

// Search runs r.
func (ix *Index) Search(ctx context.Context, r Request) (_ *Result, err error) {
	// Damaged index files can make bleve panic mid-search: report it as an
	// error rather than take down the server or the command.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("search %q: %w: %v", r.Query, ErrCorrupt, p)
		}
	}()
	q, relaxable, err := ix.buildQuery(r, true)
	if err != nil {
		return nil, err
	}
	limit := r.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	offset := min(max(r.Offset, 0), MaxOffset)
	var res *bleve.SearchResult
	if browsing(r) {
		res, err = ix.browse(ctx, r, offset, limit)
	} else {
		res, err = ix.find(ctx, r, q, offset, limit)
	}
	if err != nil {
		return nil, err
	}
	anyWords := false
	if relaxable && res.Total == 0 {
		// No note has every word: the notes with some of them are
		// better than nothing, and the result says so.
		if q, _, err = ix.buildQuery(r, false); err != nil {
			return nil, err
		}
		if res, err = ix.find(ctx, r, q, offset, limit); err != nil {
			return nil, err
		}
		anyWords = res.Total > 0
	}
	out := &Result{Total: res.Total, AnyWords: anyWords, Hits: make([]Hit, 0, len(res.Hits)), Took: res.Took}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hit(h))
	}
	if r.Facets {
		out.Facets = map[string][]Count{}
		for _, f := range facetFields {
			fr := res.Facets[f]
			counts := []Count{}
			if fr != nil && fr.Terms != nil {
				for _, t := range fr.Terms.Terms() {
					// Notes without the field (a source has no status)
					// are indexed with an empty term: not a value to offer.
					if t.Term != "" {
						counts = append(counts, Count{Value: t.Term, Count: t.Count})
					}
				}
			}
			out.Facets[f] = counts
		}
	}
	return out, nil
}

// find runs the bleve search for r with the query q, and returns the
// page r asks for.
func (ix *Index) find(ctx context.Context, r Request, q query.Query, offset, limit int) (*bleve.SearchResult, error) {
	// By score, one hit either side of the page is fetched, for settle to
	// see whether the page cuts through equal scores.
	byScore := r.SortBy != "date" && r.Query != ""
	from, size := offset, limit
	if byScore {
		from = max(offset-1, 0)
		size = limit + 1 + (offset - from)
	}
	req := bleve.NewSearchRequestOptions(q, size, from, false)
	req.Fields = hitFields
	if r.Query != "" {
		req.Highlight = bleve.NewHighlightWithStyle("html")
		req.Highlight.Fields = highlightFields
	}
	if !byScore {
		req.SortBy(dateOrder)
	}
	if r.Facets {
		for _, f := range facetFields {
			req.AddFacet(f, bleve.NewFacetRequest(f, 20))
		}
	}
	res, err := ix.run(ctx, r, req)
	if err != nil {
		return nil, err
	}
	if byScore {
		if page, ok := settle(res.Hits, offset-from, limit); ok {
			res.Hits = page
		} else {
			req.From, req.Size = offset, limit
			req.SortBy(scoreOrder)
			if res, err = ix.run(ctx, r, req); err != nil {
				return nil, err
			}
		}
	}
	return res, nil
}

// run runs req, the bleve search for r.
func (ix *Index) run(ctx context.Context, r Request, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := ix.idx.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("search %q: %w", r.Query, err)
	}
	return res, nil
}

func hit(h *search.DocumentMatch) Hit {
	str := func(f string) string { s, _ := h.Fields[f].(string); return s }
	kind, id, _ := strings.Cut(h.ID, "/")
	out := Hit{ID: id, Kind: kind, Title: str("title"), Date: str("edtf"), Display: str("display"), Score: h.Score, Fragments: []string{}}
	for _, f := range highlightFields {
		for _, frag := range h.Fragments[f] {
			if strings.Contains(frag, "<mark>") {
				out.Fragments = append(out.Fragments, frag)
			}
		}
	}
	return out
}

// buildQuery combines the query string with the filters. With all, every
// word of the query is required unless the query says OR; relaxable
// reports whether that made a difference, so that a search finding nothing
// can be run again accepting any of the words.
func (ix *Index) buildQuery(r Request, all bool) (_ query.Query, relaxable bool, _ error) {
	var must []query.Query
	if s := strings.TrimSpace(r.Query); s != "" {
		if len(s) > maxQueryLen {
			return nil, false, fmt.Errorf("%w: the query is %d characters long; keep it under %d", ErrBadQuery, len(s), maxQueryLen)
		}
		parsed, err := query.NewQueryStringQuery(s).Parse()
		if err != nil {
			return nil, false, fmt.Errorf("%w: %s (use words, \"a phrase\", +required, -excluded or field:value)", ErrBadQuery, cleanParseError(err))
		}
		if err := checkTerms(parsed); err != nil {
			return nil, false, fmt.Errorf("%w: %v", ErrBadQuery, err)
		}
		if all && !slices.Contains(strings.Fields(s), "OR") {
			relaxable = ix.requireAll(parsed)
		}
		must = append(must, fanOut(parsed))
	}
	for field, values := range map[string][]string{"kind": r.Kinds, "tag": r.Tags, "actor": r.Actors, "status": r.Statuses, "source": r.Sources} {
		if len(values) == 0 {
			continue
		}
		var any []query.Query
		for _, v := range values {
			t := query.NewTermQuery(v)
			t.SetField(field)
			any = append(any, t)
		}
		must = append(must, query.NewDisjunctionQuery(any))
	}
	inclusive := true
	if !r.To.IsZero() {
		q := query.NewDateRangeInclusiveQuery(time.Time{}, inDateRange(r.To), nil, &inclusive)
		q.SetField("start")
		must = append(must, q)
	}
	if !r.From.IsZero() {
		q := query.NewDateRangeInclusiveQuery(inDateRange(r.From), time.Time{}, &inclusive, nil)
		q.SetField("end")
		must = append(must, q)
	}
	if len(must) == 0 {
		return query.NewMatchAllQuery(), relaxable, nil
	}
	return query.NewConjunctionQuery(must), relaxable, nil
}

// inDateRange moves t into the years bleve can hold, 1677 to 2262 (it
// keeps dates as nanoseconds since 1970), rather than fail the search: no
// indexed date lies beyond them, so the bound means the same.
func inDateRange(t time.Time) time.Time {
	if t.Before(query.MinRFC3339CompatibleTime) {
		return query.MinRFC3339CompatibleTime
	}
	if t.After(query.MaxRFC3339CompatibleTime) {
		return query.MaxRFC3339CompatibleTime
	}
	return t
}

func cleanParseError(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "parse error: ")
	return strings.TrimSpace(msg)
}

// checkTerms finds what bleve would refuse only once the search runs, so
// that it reaches the user as a bad query rather than a failed search: a
// fuzziness over bleve's maximum, and a /regexp/ or wild*card that bleve's
// automaton cannot run (zero-width assertions, or too many states).
func checkTerms(q query.Query) error {
	var pattern string
	switch q := q.(type) {
	case *query.BooleanQuery:
		return errors.Join(checkTerms(q.Must), checkTerms(q.Should), checkTerms(q.MustNot))
	case *query.ConjunctionQuery:
		for _, c := range q.Conjuncts {
			if err := checkTerms(c); err != nil {
				return err
			}
		}
	case *query.DisjunctionQuery:
		for _, c := range q.Disjuncts {
			if err := checkTerms(c); err != nil {
				return err
			}
		}
	case *query.MatchQuery:
		return checkFuzziness(q.Match, q.Fuzziness)
	case *query.FuzzyQuery:
		return checkFuzziness(q.Term, q.Fuzziness)
	case *query.RegexpQuery:
		pattern = q.Regexp
	case *query.WildcardQuery:
		pattern = wildcardPattern(q.Wildcard)
	case *query.DateRangeQuery:
		return errors.Join(checkDate(q.Start.Time), checkDate(q.End.Time))
	}
	if pattern == "" {
		return nil
	}
	parsed, err := syntax.Parse(pattern, syntax.Perl)
	if err == nil {
		_, err = regexp.NewParsedWithLimit(pattern, parsed, regexp.DefaultLimit)
	}
	if err != nil {
		return fmt.Errorf("cannot search for the pattern %q: %v; use a simpler one", pattern, err)
	}
	return nil
}

// checkDate refuses a date in a query string (start:>"2018-07-12") that
// the search index cannot hold: bleve keeps dates as nanoseconds since
// 1970, about 1677 to 2262. The zero time is an open end.
func checkDate(t time.Time) error {
	if t.IsZero() || !t.Before(query.MinRFC3339CompatibleTime) && !t.After(query.MaxRFC3339CompatibleTime) {
		return nil
	}
	return fmt.Errorf("the date %s is outside the years the search index holds (%d to %d); use a date between them",
		t.Format(time.DateOnly), query.MinRFC3339CompatibleTime.Year()+1, query.MaxRFC3339CompatibleTime.Year()-1)
}

func checkFuzziness(term string, fuzziness int) error {
	if fuzziness < 0 || fuzziness > searcher.MaxFuzziness {
		return fmt.Errorf("%s~%d: fuzziness goes from ~0 to ~%d", term, fuzziness, searcher.MaxFuzziness)
	}
	return nil
}

// wildcardPattern is the regexp bleve runs for a wildcard term.
func wildcardPattern(w string) string {
	var b strings.Builder
	for _, r := range w {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(stdregexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// requireAll makes the optional clauses of a parsed query string (its
// plain words and phrases) required, leaving out words the analyzer drops
// ("the", "of"), which no note would match. It reports whether the query
// now asks for more than before: two or more clauses were optional, or one
// beside required ones.
func (ix *Index) requireAll(q query.Query) bool {
	b, ok := q.(*query.BooleanQuery)
	if !ok {
		return false
	}
	should, ok := b.Should.(*query.DisjunctionQuery)
	if !ok {
		return false
	}
	var kept []query.Query
	for _, c := range should.Disjuncts {
		if m, ok := c.(*query.MatchQuery); ok && m.FieldVal == "" && ix.dropped(m.Match) {
			continue
		}
		kept = append(kept, c)
	}
	if len(kept) == 0 {
		return false
	}
	required := len(kept) > 1 || b.Must != nil
	b.Should = nil
	// AddMust keeps the query string's rule that a clause matching
	// nothing by itself is ignored.
	b.AddMust(kept...)
	return required
}

// dropped reports whether the text analyzer leaves nothing of word.
func (ix *Index) dropped(word string) bool {
	a := ix.idx.Mapping().AnalyzerNamed(textAnalyzer)
	return a != nil && len(a.Analyze([]byte(word))) == 0
}

// fanOut sends each query term that names no field to every text field,
// weighted by textFields. Fielded terms (tag:norway) are left as written.
func fanOut(q query.Query) query.Query {
	switch q := q.(type) {
	case *query.BooleanQuery:
		if q.Must != nil {
			q.Must = fanOut(q.Must)
		}
		if q.Should != nil {
			q.Should = fanOut(q.Should)
		}
		if q.MustNot != nil {
			q.MustNot = fanOut(q.MustNot)
		}
		return q
	case *query.ConjunctionQuery:
		for i, c := range q.Conjuncts {
			q.Conjuncts[i] = fanOut(c)
		}
		return q
	case *query.DisjunctionQuery:
		for i, c := range q.Disjuncts {
			q.Disjuncts[i] = fanOut(c)
		}
		return q
	case *query.MatchQuery:
		return fan(q)
	case *query.MatchPhraseQuery:
		return fan(q)
	case *query.WildcardQuery:
		return fan(q)
	case *query.RegexpQuery:
		return fan(q)
	}
	return q
}

// fieldQuery is a query that can be pointed at a field and weighted.
type fieldQuery[T any] interface {
	*T
	query.FieldableQuery
	SetBoost(float64)
	Boost() float64
}

func fan[T any, P fieldQuery[T]](q P) query.Query {
	if q.Field() != "" {
		return q
	}
	alts := make([]query.Query, 0, len(textFields))
	for _, f := range textFields {
		c := P(new(T))
		*c = *q
		c.SetField(f.name)
		c.SetBoost(q.Boost() * f.boost)
		alts = append(alts, c)
	}
	return query.NewDisjunctionQuery(alts)
}
