package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
	"annals.dev/annals/internal/store"
)

// timelineFilter is what the timeline's filter form asks for, as typed.
type timelineFilter struct {
	From, To, Tag, Actor, Status string
}

// newTimelineFilter reads the filter form's fields from a query.
func newTimelineFilter(q url.Values) timelineFilter {
	return timelineFilter{
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Tag: strings.TrimSpace(q.Get("tag")), Actor: strings.TrimSpace(q.Get("actor")),
		Status: strings.TrimSpace(q.Get("status")),
	}
}

// statusOptions lists the statuses for the form, the one asked for
// selected.
func (f timelineFilter) statusOptions() []statusOption {
	var out []statusOption
	for _, s := range note.Statuses {
		out = append(out, statusOption{string(s), f.Status == string(s)})
	}
	return out
}

// keptBy returns the events of ns that keep, a filter's matcher, keeps.
func keptBy(ns []*note.Note, names *names, keep func(*note.Note, *names) bool) []*note.Note {
	var out []*note.Note
	for _, n := range ns {
		if keep(n, names) {
			out = append(out, n)
		}
	}
	return out
}

// active reports whether any filter is set.
func (f timelineFilter) active() bool {
	return f.From != "" || f.To != "" || f.Tag != "" || f.Actor != "" || f.Status != ""
}

type timelinePage struct {
	timelineFilter
	Statuses []statusOption
	Problem  string
	Filtered bool
	Shown    int
	Chart    *chart
	Years    []year
	// Sort is "" for the order of events, "reported" for the order in
	// which they were first reported; ByDate and ByReported link to each
	// order with the same filters.
	Sort               string
	ByDate, ByReported string
}

func handleTimeline(db *catalog, v *views) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f := newTimelineFilter(q)
		p := timelinePage{timelineFilter: f, Statuses: f.statusOptions(), Filtered: f.active(), Sort: q.Get("sort"),
			ByDate: sortURL(q, ""), ByReported: sortURL(q, "reported")}
		keep, err := f.matcher()
		if err == nil && p.Sort != "" && p.Sort != "date" && p.Sort != "reported" {
			err = fmt.Errorf("sort: use date or reported, not %q", p.Sort)
		}
		if p.Sort == "date" {
			p.Sort = ""
		}
		if err != nil {
			p.Problem = err.Error()
			v.render(w, r, http.StatusBadRequest, "timeline", p)
			return
		}
		ns, names, err := db.events(r.Context())
		if err != nil {
			v.Error(w, r, err)
			return
		}
		kept := keptBy(ns, names, keep)
		p.Shown = len(kept)
		if p.Sort == "reported" {
			srcs, err := db.Notes(r.Context(), store.Filter{Kind: note.KindSource})
			if err != nil {
				v.Error(w, r, err)
				return
			}
			p.Years = byReport(kept, names, srcs)
		} else {
			p.Years = byYear(kept, names)
			p.Chart = newChart(kept)
		}
		v.render(w, r, http.StatusOK, "timeline", p)
	}
}

// sortURL links to the timeline with the same filters in another order.
func sortURL(q url.Values, sort string) string {
	c := url.Values{}
	for k, vs := range q {
		if k != "sort" {
			c[k] = append([]string(nil), vs...)
		}
	}
	if sort != "" {
		c.Set("sort", sort)
	}
	if len(c) == 0 {
		return "/"
	}
	return "/?" + c.Encode()
}

// byReport orders events, already in date order, by when they were
// first reported in this collection (see firstReported), "when we learned
// of them", and groups them under the year of that first report. Events
// no dated public source reports come last, in date order.
func byReport(ns []*note.Note, names *names, srcs []*note.Note) []year {
	sources := make(map[string]*note.Note, len(srcs))
	for _, s := range srcs {
		sources[s.ID] = s
	}
	type reported struct {
		n     *note.Note
		first *firstReport
	}
	rs := make([]reported, len(ns))
	for i, n := range ns {
		rs[i] = reported{n, firstReported(n, sources)}
	}
	dated := func(r reported) bool { return r.first != nil && !r.first.issued.IsZero() }
	slices.SortStableFunc(rs, func(a, b reported) int {
		switch {
		case !dated(a) && !dated(b):
			return 0
		case !dated(a):
			return 1
		case !dated(b):
			return -1
		}
		return edtf.Compare(a.first.issued, b.first.issued)
	})
	var out []year
	for _, x := range rs {
		label, anchor := "Not yet reported by a dated source", "unreported"
		if dated(x) {
			l, a := yearOf(x.first.issued)
			label, anchor = "Reported in "+l, "r"+strings.TrimPrefix(a, "y")
		}
		if len(out) == 0 || out[len(out)-1].Anchor != anchor {
			out = append(out, year{Label: label, Anchor: anchor})
		}
		it := newEventItem(x.n, names)
		if f := x.first; f != nil {
			it.Reported = "First reported in this collection: "
			if f.Date != "" {
				it.Reported += f.Date + ", "
			}
			it.Reported += "in " + f.Source.Title
			if f.Lag != "" {
				it.Reported += ", " + f.Lag
			}
			it.Reported += "."
		}
		y := &out[len(out)-1]
		y.Events = append(y.Events, it)
	}
	return out
}

// matcher turns the filter into a test on events. An event is kept when
// its dates overlap [from, to], it has the tag, involves the actor (by id
// or name, as actor or claimant) and has the status.
func (f timelineFilter) matcher() (func(*note.Note, *names) bool, error) {
	from, to := edtf.FarPast, edtf.FarFuture
	if f.From != "" {
		d, err := edtf.Parse(f.From)
		if err != nil {
			return nil, fmt.Errorf("from: %v", err)
		}
		from = d.Earliest()
	}
	if f.To != "" {
		d, err := edtf.Parse(f.To)
		if err != nil {
			return nil, fmt.Errorf("to: %v", err)
		}
		to = d.Latest()
	}
	if f.Status != "" && !validStatus(f.Status) {
		return nil, fmt.Errorf("status: unknown status %q", f.Status)
	}
	dated := f.From != "" || f.To != ""
	return func(n *note.Note, names *names) bool {
		e := n.Event
		if dated && !e.Date.Overlaps(from, to) {
			return false
		}
		if f.Status != "" && string(status(e)) != f.Status {
			return false
		}
		if f.Tag != "" && !anyFold(e.Tags, f.Tag, nil) {
			return false
		}
		if f.Actor != "" {
			refs := e.Actors
			if e.ClaimedBy != "" {
				refs = append(append([]string{}, refs...), e.ClaimedBy)
			}
			if !anyFold(refs, f.Actor, names) {
				return false
			}
		}
		return true
	}, nil
}

func validStatus(s string) bool {
	for _, st := range note.Statuses {
		if string(st) == s {
			return true
		}
	}
	return false
}

// anyFold reports whether one of refs is want, ignoring case; with names
// given, an actor id also matches by its title.
func anyFold(refs []string, want string, names *names) bool {
	for _, r := range refs {
		if strings.EqualFold(r, want) || (names != nil && strings.EqualFold(actorName(r, names), want)) {
			return true
		}
	}
	return false
}

// chart is the SVG bar chart above the timeline: one bar per year, or per
// decade (century, …) when the span is too long for one bar a year.
type chart struct {
	Width, Height int
	Label         string
	Bars          []bar
}

// bar is one bucket of the chart. Coordinates are in the SVG's user units;
// Planned events are drawn as a separate rectangle stacked on top.
type bar struct {
	Label, Title, Href string
	X, Width           int
	Y, H               int // the events that are not planned
	PY, PH             int // the planned ones
	TextX              int
	ShowLabel          bool
}

const (
	chartMaxBars = 200
	chartWidth   = 800
	chartBars    = 100 // height of the tallest bar
	chartText    = 16  // room under the bars for year labels
)

// newChart counts events, already in date order, by the year they go under
// on the timeline. Undated events have no bar.
func newChart(ns []*note.Note) *chart {
	type bucket struct{ all, planned int }
	counts := map[int]*bucket{}
	first, last, seen := 0, 0, false
	anchors := map[int]string{} // year → section anchor
	for _, n := range ns {
		y, ok := eventYear(n.Event.Date)
		if !ok {
			continue
		}
		if !seen || y < first {
			first = y
		}
		if !seen || y > last {
			last = y
		}
		seen = true
		_, anchors[y] = yearOf(n.Event.Date)
		b := counts[y]
		if b == nil {
			b = &bucket{}
			counts[y] = b
		}
		b.all++
		if status(n.Event) == note.StatusPlanned {
			b.planned++
		}
	}
	if !seen {
		return nil
	}
	step := 1
	for (floorDiv(last, step)-floorDiv(first, step))+1 > chartMaxBars {
		step *= 10
	}
	lo, hi := floorDiv(first, step), floorDiv(last, step)
	n := hi - lo + 1
	buckets := make([]bucket, n)
	hrefs := make([]string, n)
	firstYear := make([]int, n)
	for i := range firstYear {
		firstYear[i] = last + 1
	}
	for y, b := range counts {
		i := floorDiv(y, step) - lo
		buckets[i].all += b.all
		buckets[i].planned += b.planned
		if y < firstYear[i] {
			firstYear[i], hrefs[i] = y, "#"+anchors[y]
		}
	}
	tallest := 1
	for _, b := range buckets {
		if b.all > tallest {
			tallest = b.all
		}
	}
	c := &chart{Width: chartWidth, Height: chartBars + chartText}
	slot := chartWidth / n
	if slot < 1 {
		slot = 1
	}
	c.Width = slot * n
	gap := slot / 5
	every := (n + 9) / 10 // at most about ten labels
	for i, b := range buckets {
		start := (lo + i) * step
		label := yearLabel(start)
		if step > 1 {
			label = yearLabel(start) + "s"
		}
		total := b.all * chartBars / tallest
		if b.all > 0 && total == 0 {
			total = 1
		}
		ph := b.planned * chartBars / tallest
		if b.planned > 0 && ph == 0 {
			ph = 1
		}
		h := total - ph
		bb := bar{
			Label: label, Href: hrefs[i],
			Title: fmt.Sprintf("%s: %d %s", label, b.all, plural(b.all, "event", "events")),
			X:     i*slot + gap/2, Width: slot - gap,
			Y: chartBars - h, H: h,
			PY: chartBars - total, PH: ph,
			TextX:     i*slot + slot/2,
			ShowLabel: i%every == 0 || i == n-1,
		}
		if b.planned > 0 {
			bb.Title += fmt.Sprintf(" (%d planned)", b.planned)
		}
		if bb.Width < 1 {
			bb.Width = 1
		}
		c.Bars = append(c.Bars, bb)
	}
	unit := "year"
	switch step {
	case 1:
	case 10:
		unit = "decade"
	case 100:
		unit = "century"
	default:
		unit = strconv.Itoa(step) + " years"
	}
	c.Label = fmt.Sprintf("Events per %s, %s to %s", unit, c.Bars[0].Label, c.Bars[n-1].Label)
	return c
}

// eventYear is the year an event goes under on the timeline, false for
// undated events.
func eventYear(d edtf.Date) (int, bool) {
	day := d.Earliest()
	if day == edtf.FarPast {
		day = d.Latest()
	}
	if day == edtf.FarPast || day == edtf.FarFuture {
		return 0, false
	}
	return day.Year, true
}

func yearLabel(y int) string {
	if y <= 0 {
		return fmt.Sprintf("%d BCE", 1-y)
	}
	return strconv.Itoa(y)
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// filterURL returns path with q's parameters plus name=value, dropping
// page so that a new filter starts on the first page.
func filterURL(path string, q url.Values, name, value string) string {
	c := url.Values{}
	for k, vs := range q {
		if k != "page" {
			c[k] = append([]string(nil), vs...)
		}
	}
	for _, v := range c[name] {
		if v == value {
			return path + "?" + c.Encode()
		}
	}
	if len(c[name]) == 1 && c[name][0] == "" {
		c.Del(name)
	}
	c.Add(name, value)
	return path + "?" + c.Encode()
}
