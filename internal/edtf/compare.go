package edtf

// Compare orders dates for timelines: by Earliest, then by Latest, so of two
// dates starting on the same day the shorter comes first ("2018-01" before
// "2018"). It returns 0 for dates covering the same days, however written;
// callers break such ties themselves, for example by id.
func Compare(a, b Date) int {
	if c := a.Earliest().Compare(b.Earliest()); c != 0 {
		return c
	}
	return a.Latest().Compare(b.Latest())
}

// Overlaps reports whether any day d could include lies between from and to
// inclusive, which is how date-range filters match: "2018" overlaps
// 2018-06-01..2018-06-30, and "2010/.." overlaps every range after 2010.
// The zero Date, an event without a date, overlaps nothing.
func (d Date) Overlaps(from, to Day) bool {
	return !d.IsZero() && d.Earliest().Compare(to) <= 0 && d.Latest().Compare(from) >= 0
}

// Contains reports whether day is one of the days d could include.
func (d Date) Contains(day Day) bool {
	return d.Overlaps(day, day)
}
