// Package edtf parses, orders and displays the dates that annals events carry,
// written in the Library of Congress Extended Date/Time Format (EDTF, ISO
// 8601-2) levels 0 and 1: "2018-07-12", "2018-07~", "201X", "2001-21",
// "2004-06/2006-08", "1985/..", "-0043-03-15".
//
// An EDTF value stands for a span of possible days rather than an instant, so
// every Date can report the earliest and latest day it might mean. Sorting,
// range filters and the search index work on those two days; Display turns a
// Date into the short English text readers see.
//
// Qualifiers ("?" uncertain, "~" approximate, "%" both) are kept and shown but
// never widen Earliest or Latest: EDTF does not say how far "approximately"
// reaches, and inventing a margin would make filters disagree with the text.
package edtf

import "strconv"

// Precision is how finely a Point is written down.
type Precision int

// The precisions, from coarsest to finest. PrecisionUnknown belongs to an
// open or unknown interval end, which names no date at all.
const (
	PrecisionUnknown Precision = iota
	PrecisionYear
	PrecisionSeason
	PrecisionMonth
	PrecisionDay
	PrecisionTime
)

var precisionNames = [...]string{"unknown", "year", "season", "month", "day", "time"}

// String returns the precision's lower-case name, such as "month".
func (p Precision) String() string {
	if p < 0 || int(p) >= len(precisionNames) {
		return "Precision(" + strconv.Itoa(int(p)) + ")"
	}
	return precisionNames[p]
}

// Point is one date: a whole single Date, or one end of an interval.
//
// Month is 1–12, or 21–24 for the seasons spring, summer, autumn and winter
// (northern hemisphere: March–May, June–August, September–November and
// December–February of the following year). Month and Day are 0 when not
// written or written as XX, and year digits written as X are stored as 0, so
// "201X" has Year 2010 and Unspecified "---X".
type Point struct {
	Year, Month, Day     int
	Hour, Minute, Second int
	HasTime              bool
	Zone                 string // as written: "", "Z", "+04:30", "-04"

	Precision   Precision
	Uncertain   bool // "?" or "%"
	Approximate bool // "~" or "%"

	// Unspecified marks which digits of YYYY, YYYYMM or YYYYMMDD were
	// written as X, one character per digit: "X" where the digit was X, "-"
	// where it was given. "1985-04-XX" gives "------XX". It is empty when no
	// digit was X.
	Unspecified string

	Open    bool // ".." in an interval: the interval has no end on this side
	Unknown bool // an empty interval end: it exists but is not known
}

// Earliest returns the first day p could mean: "201X" → 2010-01-01,
// "2018-XX" → 2018-01-01, "2001-21" → 2001-03-01. An open or unknown end
// returns FarPast.
func (p Point) Earliest() Day {
	lo, _ := p.bounds()
	return lo
}

// Latest returns the last day p could mean: "201X" → 2019-12-31, "2018-02" →
// 2018-02-28, "2001-24" → 2002-02-28. An open or unknown end returns
// FarFuture.
func (p Point) Latest() Day {
	_, hi := p.bounds()
	return hi
}

func (p Point) bounds() (lo, hi Day) {
	switch {
	case p.Precision == PrecisionUnknown:
		return FarPast, FarFuture
	case p.Precision == PrecisionYear && p.Year < 0:
		// -20XX counts back from -2000: 2100 BCE to 2001 BCE.
		return Day{p.Year - p.yearSpan() + 1, 1, 1}, Day{p.Year, 12, 31}
	case p.Precision == PrecisionYear:
		return Day{p.Year, 1, 1}, Day{p.Year + p.yearSpan() - 1, 12, 31}
	case p.Precision == PrecisionSeason:
		first := 3 * (p.Month - 20) // 21 → March … 24 → December
		lastYear, last := p.Year, first+2
		if last > 12 {
			lastYear, last = lastYear+1, last-12
		}
		return Day{p.Year, first, 1}, Day{lastYear, last, daysIn(lastYear, last)}
	case p.monthUnspecified():
		return Day{p.Year, 1, 1}, Day{p.Year, 12, 31}
	case p.Precision == PrecisionMonth || p.dayUnspecified():
		return Day{p.Year, p.Month, 1}, Day{p.Year, p.Month, daysIn(p.Year, p.Month)}
	}
	d := Day{p.Year, p.Month, p.Day}
	return d, d
}

// yearSpan is how many years the written year covers: 10 for "201X".
func (p Point) yearSpan() int {
	span := 1
	for range p.yearX() {
		span *= 10
	}
	return span
}

// yearX counts the year digits written as X, which are always the rightmost.
func (p Point) yearX() int {
	n := 0
	for n < 4 && p.unspecified(3-n) {
		n++
	}
	return n
}

// unspecified reports whether digit i of YYYYMMDD was written as X.
func (p Point) unspecified(i int) bool {
	return i < len(p.Unspecified) && p.Unspecified[i] == 'X'
}

func (p Point) monthUnspecified() bool { return p.unspecified(4) }
func (p Point) dayUnspecified() bool   { return p.unspecified(6) }

// Date is a parsed EDTF value: a single date, or an interval from Start to
// End. The zero Date is "no date"; Parse never returns it without an error.
type Date struct {
	Start    Point
	End      Point // equal to Start for a single date
	Interval bool
}

// IsZero reports whether d is the zero Date, as for an unset field.
func (d Date) IsZero() bool {
	return d == Date{}
}

// Earliest returns the first day d could include. An open or unknown start
// returns FarPast, so such intervals sort first.
func (d Date) Earliest() Day {
	return d.Start.Earliest()
}

// Latest returns the last day d could include. An open or unknown end
// returns FarFuture.
func (d Date) Latest() Day {
	return d.End.Latest()
}

// Precision returns the precision of the start, or of the end when the start
// is open or unknown.
func (d Date) Precision() Precision {
	if d.Start.Precision == PrecisionUnknown {
		return d.End.Precision
	}
	return d.Start.Precision
}

// Uncertain reports whether either end is marked uncertain ("?" or "%").
func (d Date) Uncertain() bool {
	return d.Start.Uncertain || d.End.Uncertain
}

// Approximate reports whether either end is marked approximate ("~" or "%").
func (d Date) Approximate() bool {
	return d.Start.Approximate || d.End.Approximate
}
