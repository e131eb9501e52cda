package search_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/search"
)

// openShipped indexes the shipped collection into a data folder of tb's:
// a real index of real notes.
func openShipped(tb testing.TB) *index.Library {
	tb.Helper()
	lib, err := index.Open(context.Background(), tb.TempDir())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { lib.Close() })
	if _, err := lib.Update(context.Background(), index.Options{Content: "../../content"}); err != nil {
		tb.Fatal(err)
	}
	return lib
}

// searchBudget is the longest any one search may take on the shipped
// collection. Real ones take milliseconds; the margin is for a busy machine.
const searchBudget = 2 * time.Second

// FuzzSearch runs arbitrary query strings, limits and offsets against a real
// index. Every search must come back, within searchBudget, with either a
// result that respects the limits or an error that is the user's (bad
// query), never an internal error or a panic.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{
		"norway", `"Swedish model"`, "summit -brussels", "+defence spending", "tag:norway", "actor:donald-trump",
		"status:claimed", "title:memoir^3", "stoltenb*", "*berg", "?ato", "/.*/", "/[a-z]+/", "/(a+)+$/",
		"trump~2", "trump~100", "nato~", `"two percent"~5`, "start:>2018-01-01", `start:>"2018-01-01"`,
		"start:<x", "(", ")", `"`, "+", "-", "^", "~", ":", "\\", "a:b:c", "field:", "+-a", "a^-1",
		"a^1e308", "NOT", "a AND OR b", "*", "**", strings.Repeat("a ", 400), strings.Repeat("(", 300),
		strings.Repeat("x", 999), strings.Repeat("é", 600), "\x00", "\xff\xfe", "title:/.*/ body:*",
	} {
		f.Add(q, 20, 0, false)
	}
	f.Add("nato", 100000000, 0, true)
	f.Add("", -1, -5, true)
	f.Add("nato", 1, 1<<30, false)

	lib := openShipped(f)
	f.Fuzz(func(t *testing.T, q string, limit, offset int, byDate bool) {
		req := search.Request{Query: q, Limit: limit, Offset: offset, Facets: true}
		if byDate {
			req.SortBy = "date"
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*searchBudget)
		defer cancel()
		start := time.Now()
		res, err := lib.Search().Search(ctx, req)
		if took := time.Since(start); took > searchBudget {
			t.Errorf("search %q took %v, over %v", q, took, searchBudget)
		}
		if err != nil {
			if !errors.Is(err, search.ErrBadQuery) {
				t.Fatalf("search %q: %v is not a bad query: an internal error for the user's input", q, err)
			}
			if len(err.Error()) > 2000 {
				t.Errorf("search %q: error of %d bytes", q, len(err.Error()))
			}
			return
		}
		want := limit
		if want <= 0 {
			want = search.DefaultLimit
		}
		if n := len(res.Hits); n > min(want, search.MaxLimit) || uint64(n) > res.Total {
			t.Errorf("search %q limit %d: %d hits of %d", q, limit, n, res.Total)
		}
		for _, h := range res.Hits {
			for _, frag := range h.Fragments {
				if why := onlyMarks(frag); why != "" {
					t.Errorf("search %q: fragment %q: %s", q, frag, why)
				}
			}
		}
	})
}

// onlyMarks says what is wrong with a highlighted fragment, if anything: it
// may hold text and <mark> elements, nothing else.
func onlyMarks(frag string) string {
	z := html.NewTokenizer(strings.NewReader(frag))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			if name, _ := z.TagName(); string(name) != "mark" {
				return "element <" + string(name) + ">"
			}
		case html.CommentToken, html.DoctypeToken:
			return "markup in a fragment"
		}
	}
}

func TestHostileQueries(t *testing.T) {
	lib := openShipped(t)
	tests := []struct {
		name string
		req  search.Request
		bad  string // what the error says, "" for a result
	}{
		// Found by FuzzSearch: bleve refused these only while searching,
		// which the site reported as an internal error.
		{"FuzzinessOverMax", search.Request{Query: "trump~100"}, "fuzziness goes from ~0 to ~2"},
		{"ZeroWidthRegexp", search.Request{Query: "/(a+)+$/"}, "cannot search for the pattern"},
		{"RepeatCount", search.Request{Query: "/(a|b){10000}/"}, "cannot search for the pattern"},
		{"LongRepeat", search.Request{Query: "/(a|b|c|d){1000}/"}, ""},
		{"HugeQuery", search.Request{Query: strings.Repeat("nato ", 40000)}, "keep it under 1000"},
		{"FuzzinessTwo", search.Request{Query: "trump~2"}, ""},
		{"LeadingWildcard", search.Request{Query: "*berg"}, ""},
		{"AllTermsRegexp", search.Request{Query: "/.*/"}, ""},
		{"HugeLimit", search.Request{Query: "nato", Limit: 100000000}, ""},
		{"DeepOffset", search.Request{Query: "nato", Offset: 1 << 40}, ""},
		{"NegativeLimitAndOffset", search.Request{Limit: -1, Offset: -1}, ""},
		// Found by FuzzHandler: dates bleve cannot hold made a 500.
		{"FromYearTwo", search.Request{From: time.Date(2, 1, 1, 0, 0, 0, 0, time.UTC)}, ""},
		{"ToYear2263", search.Request{To: time.Date(2263, 12, 31, 0, 0, 0, 0, time.UTC)}, ""},
		{"FromFarFuture", search.Request{From: time.Date(170000002, 1, 1, 0, 0, 0, 0, time.UTC)}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			res, err := lib.Search().Search(context.Background(), tc.req)
			if took := time.Since(start); took > searchBudget {
				t.Errorf("took %v, over %v", took, searchBudget)
			}
			if tc.bad != "" {
				if !errors.Is(err, search.ErrBadQuery) || !strings.Contains(err.Error(), tc.bad) {
					t.Fatalf("error = %v, want a bad query saying %q", err, tc.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) > search.MaxLimit {
				t.Errorf("%d hits, over the limit of %d", len(res.Hits), search.MaxLimit)
			}
		})
	}
	t.Run("MatchesFound", func(t *testing.T) {
		for q, id := range map[string]string{"stoltenb*": "jens-stoltenberg", "*toltenberg": "jens-stoltenberg", "stoltenbrg~1": "jens-stoltenberg"} {
			res, err := lib.Search().Search(context.Background(), search.Request{Query: q, Limit: 100})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			found := false
			for _, h := range res.Hits {
				found = found || h.ID == id
			}
			if !found {
				t.Errorf("%s did not find %s: %v", q, id, ids(res))
			}
		}
	})
}
