package edtf

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"time"
)

// Day is a civil date in the proleptic Gregorian calendar. Year is
// astronomical: 0 is 1 BCE and -43 is 44 BCE.
type Day struct {
	Year, Month, Day int
}

// FarPast and FarFuture stand in for the missing side of an open or unknown
// interval ("../2018", "2018/"). They lie beyond every day a parsed Date can
// name, so such intervals sort first or last and match every range filter
// on their open side. Do not modify them.
var (
	FarPast   = Day{Year: math.MinInt, Month: 1, Day: 1}
	FarFuture = Day{Year: math.MaxInt, Month: 12, Day: 31}
)

// Compare returns -1 if d is before o, +1 if it is after, and 0 if they are
// the same day.
func (d Day) Compare(o Day) int {
	return cmp.Or(
		cmp.Compare(d.Year, o.Year),
		cmp.Compare(d.Month, o.Month),
		cmp.Compare(d.Day, o.Day),
	)
}

// String returns d as YYYY-MM-DD: "2018-07-12", "-0043-03-15". Years beyond
// four digits carry an explicit sign, "+170000002-01-01", as in ISO 8601's
// expanded form.
func (d Day) String() string {
	var y string
	switch {
	case d.Year > 9999:
		y = "+" + strconv.Itoa(d.Year)
	case d.Year < -9999:
		y = strconv.Itoa(d.Year)
	case d.Year < 0:
		y = fmt.Sprintf("-%04d", -d.Year)
	default:
		y = fmt.Sprintf("%04d", d.Year)
	}
	return fmt.Sprintf("%s-%02d-%02d", y, d.Month, d.Day)
}

// Time returns midnight UTC at the start of d. Years outside 1–9999 are
// clamped to 0001-01-01 and 9999-12-31, the range that date-time fields in
// search indexes and databases accept; order is preserved, precision at the
// extremes is not.
func (d Day) Time() time.Time {
	switch {
	case d.Year < 1:
		return time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)
	case d.Year > 9999:
		return time.Date(9999, time.December, 31, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

// isLeap reports whether year is a leap year in the proleptic Gregorian
// calendar, which counts year 0 and every fourth year before it as leap.
func isLeap(year int) bool {
	return year%4 == 0 && (year%100 != 0 || year%400 == 0)
}

// daysIn returns the number of days in month of year.
func daysIn(year, month int) int {
	switch month {
	case 2:
		if isLeap(year) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
