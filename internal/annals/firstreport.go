package annals

import (
	"strconv"

	"annals.dev/annals/internal/edtf"
)

// Source is what the first-report rule needs of a source: its citation key
// and when it was issued (zero when unknown).
type Source struct {
	Key    string
	Issued edtf.Date
}

// SourceRef names a source and, optionally, where in it: the value of an
// event's first_reported key.
type SourceRef struct {
	Key     string
	Locator string // "para. 4", or ""
}

// Event is what the first-report rule needs of an event.
type Event struct {
	Date    edtf.Date
	Planned bool
	// FirstReported is the author's answer, overriding the rule; its Key
	// is "" when the note does not give one.
	FirstReported SourceRef
}

// FirstReport is the source that first reported an event in a collection.
type FirstReport struct {
	Source   Source
	Locator  string // from the event's first_reported, else ""
	Override bool   // the event's first_reported chose it
	// Lag says how long after the event the source was issued ("3 days
	// after the event", "the same month"); "" when either date is open or
	// the source is undated.
	Lag string
}

// Reports says whether a source issued at issued can have reported an
// event dated date: it cannot have been issued before the event began,
// that is, the earliest day its date can mean is no earlier than the
// earliest day the event's can. A source announcing a planned event
// reports it whenever it was issued. An undated source reports nothing.
func Reports(date, issued edtf.Date, planned bool) bool {
	if issued.IsZero() {
		return false
	}
	if planned {
		return true
	}
	return issued.Earliest().Compare(date.Earliest()) >= 0
}

// FirstReported finds the first report of event e among sources, the
// sources it cites (in any order, repeats allowed). When e names its first
// report and that source is among sources, it is the answer whatever its
// date. Otherwise it is the source issued first (by earliest day, then
// latest, then key) among those that can have reported e (see Reports).
// ok is false when no source qualifies.
func FirstReported(e Event, sources []Source) (r FirstReport, ok bool) {
	if e.FirstReported.Key != "" {
		for _, s := range sources {
			if s.Key == e.FirstReported.Key {
				return FirstReport{Source: s, Locator: e.FirstReported.Locator, Override: true,
					Lag: Lag(e.Date, s.Issued)}, true
			}
		}
	}
	var best *Source
	for i := range sources {
		s := &sources[i]
		if !Reports(e.Date, s.Issued, e.Planned) {
			continue
		}
		if best == nil {
			best = s
			continue
		}
		if c := edtf.Compare(s.Issued, best.Issued); c < 0 || c == 0 && s.Key < best.Key {
			best = s
		}
	}
	if best == nil {
		return FirstReport{}, false
	}
	return FirstReport{Source: *best, Lag: Lag(e.Date, best.Issued)}, true
}

// Lag says how long after an event a report appeared, counted between the
// last days each date can mean, in the unit both are known to: days when
// the event ends on a known day and the report is dated to the day (up to
// two months), months when both are known to half a year or better (up to
// two years), years otherwise. An event's date may span days it lasted, so
// only its end's precision counts; a report dated to a range of months
// ("2025-01/2025-06") is known only to that range.
//
// A lag of less than one unit is "the same day", "the same month" or "the
// same year" only when both dates lie within that one day, month or year
// (so two half-year ranges are at best "the same year"); otherwise it is
// "about the same time", as is a report whose last day falls before the
// event's by less than the dates leave open (2015 against an event in the
// 2010s). A qualified date (2018?, 2018~) or a date wider than its unit (a
// half-year counted in months, 201X in years) makes the count "about". An
// open or missing date gives "".
func Lag(event, report edtf.Date) string {
	if event.IsZero() || report.IsZero() {
		return ""
	}
	e, r := event.Latest(), report.Latest()
	if e == edtf.FarFuture || r == edtf.FarFuture || report.Earliest() == edtf.FarPast {
		return ""
	}
	// An event's date may be a span of time, of which the end counts; a
	// source was issued once, so a span there is all uncertainty.
	width := max(span(event.End.Earliest(), event.End.Latest()), span(report.Earliest(), report.Latest()))
	n, unit := r.Year-e.Year, "year"
	switch {
	case width <= 1:
		if days := daysBetween(e, r); abs(days) < 60 {
			n, unit = days, "day"
			break
		}
		fallthrough
	case width <= 186:
		if months := (r.Year-e.Year)*12 + r.Month - e.Month; abs(months) < 24 {
			n, unit = months, "month"
		}
	}
	if n == 0 {
		switch {
		case within(event, report, unit):
			return "the same " + unit
		case within(event, report, "year"):
			return "the same year"
		}
		return "about the same time"
	}
	// A report issued after an interval began and before it ended came
	// while the event went on: a count back from its end would read as if
	// the report came first.
	if n < 0 && event.Interval && report.Earliest().Compare(event.Earliest()) >= 0 {
		return "during the event"
	}
	// A report whose last day falls before the event's, by less than the
	// dates leave open (2015, for an event in the 2010s), may have come
	// just after it: no count says that.
	if n < 0 && -n*unitDays[unit] < width {
		return "about the same time"
	}
	about := ""
	if event.Approximate() || event.Uncertain() || report.Approximate() || report.Uncertain() || width > unitDays[unit] {
		about = "about "
	}
	when := "after"
	if n < 0 {
		when = "before"
	}
	units := unit
	if abs(n) != 1 {
		units += "s"
	}
	return about + strconv.Itoa(abs(n)) + " " + units + " " + when + " the event"
}

// span counts the days from lo to hi, both included.
func span(lo, hi edtf.Day) int {
	return daysBetween(lo, hi) + 1
}

func daysBetween(a, b edtf.Day) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// within reports whether the event's end and the report lie wholly inside
// one calendar day, month or year.
func within(a, b edtf.Date, unit string) bool {
	lo, hi := a.End.Earliest(), a.End.Latest()
	for _, d := range []edtf.Day{b.Earliest(), b.Latest()} {
		if lo.Compare(d) > 0 {
			lo = d
		}
		if hi.Compare(d) < 0 {
			hi = d
		}
	}
	same := lo.Year == hi.Year
	switch unit {
	case "day":
		return same && lo.Month == hi.Month && lo.Day == hi.Day
	case "month":
		return same && lo.Month == hi.Month
	}
	return same
}

// unitDays is the most days one unit of a lag can span.
var unitDays = map[string]int{"day": 1, "month": 31, "year": 366}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
