package edtf_test

import (
	"slices"
	"testing"

	"annals.dev/annals/internal/edtf"
)

func TestCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		// Earliest start decides first.
		{"2018", "2018-07-12", -1},
		{"2018-07-12", "2018", +1},
		{"2017-12-31", "2018", -1},
		{"-0043-03-15", "0000", -1},
		{"Y-170000002", "-9999", -1},
		{"../1900", "1066", -1},
		{"/1900", "1066", -1},
		// Same earliest start: the one that ends first comes first.
		{"2018-01-01", "2018", -1},
		{"2018-01", "2018", -1},
		{"2018", "2018-01", +1},
		{"2018-01-01", "2018-01", -1},
		{"2018/2019", "2018", +1},
		{"2018/..", "2018/2030", +1},
		{"2018/", "2018/..", 0},
		// Same days however written: callers break the tie.
		{"2018", "2018?", 0},
		{"2018", "2018-XX", 0},
		{"2018-01-01/2018-12-31", "2018", 0},
		{"2010/2019", "201X", 0},
		{"2018-07-12T09:30:00Z", "2018-07-12", 0},
	}
	for _, tt := range tests {
		if got := edtf.Compare(edtf.MustParse(tt.a), edtf.MustParse(tt.b)); got != tt.want {
			t.Errorf("Compare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSortTimeline(t *testing.T) {
	want := []string{
		"../1900",
		"Y-170000002",
		"-0043-03-15",
		"0000",
		"1985-01-01",
		"1985-01",
		"1985",
		"1985/..",
		"1985-04",
		"1985-04-12",
		"201X",
		"2018-01-01",
		"2018-01",
		"2018-21",
		"2018-07-11/2018-07-12",
		"2018-07-12",
		"2018-24",
	}
	dates := make([]edtf.Date, len(want))
	for i, s := range want {
		dates[len(want)-1-i] = edtf.MustParse(s)
	}
	slices.SortStableFunc(dates, edtf.Compare)
	got := make([]string, len(dates))
	for i, d := range dates {
		got[i] = d.String()
	}
	if !slices.Equal(got, want) {
		t.Errorf("sorted timeline =\n%q\nwant\n%q", got, want)
	}
}

func TestOverlaps(t *testing.T) {
	day := func(y, m, d int) edtf.Day { return edtf.Day{Year: y, Month: m, Day: d} }
	tests := []struct {
		date     string
		from, to edtf.Day
		want     bool
	}{
		{"2018", day(2018, 6, 1), day(2018, 6, 30), true},
		{"2018", day(2017, 1, 1), day(2017, 12, 31), false},
		{"2018", day(2017, 1, 1), day(2018, 1, 1), true},
		{"2018", day(2018, 12, 31), day(2019, 1, 1), true},
		{"2018", day(2019, 1, 1), day(2019, 12, 31), false},
		{"2018-07-12", day(2018, 7, 12), day(2018, 7, 12), true},
		{"2018-07-12", day(2018, 7, 13), day(2018, 7, 31), false},
		{"2001-24", day(2002, 2, 1), day(2002, 2, 10), true},
		{"2001-24", day(2002, 3, 1), day(2002, 3, 10), false},
		{"2010/..", day(2300, 1, 1), day(2300, 12, 31), true},
		{"2010/..", day(2009, 1, 1), day(2009, 12, 31), false},
		{"../2010", day(-5000, 1, 1), day(-5000, 1, 1), true},
		{"../2010", day(2011, 1, 1), day(2011, 1, 1), false},
		{"201X", day(2019, 12, 31), day(2020, 1, 1), true},
		{"201X", day(2020, 1, 1), day(2029, 12, 31), false},
	}
	for _, tt := range tests {
		if got := edtf.MustParse(tt.date).Overlaps(tt.from, tt.to); got != tt.want {
			t.Errorf("Parse(%q).Overlaps(%v, %v) = %v, want %v", tt.date, tt.from, tt.to, got, tt.want)
		}
	}
	if (edtf.Date{}).Overlaps(edtf.FarPast, edtf.FarFuture) {
		t.Error("the zero Date overlaps a range; an undated event must match no date filter")
	}
}

func TestContains(t *testing.T) {
	d := edtf.MustParse("2018-06-30/2018-07-02")
	for _, tt := range []struct {
		day  edtf.Day
		want bool
	}{
		{edtf.Day{Year: 2018, Month: 6, Day: 29}, false},
		{edtf.Day{Year: 2018, Month: 6, Day: 30}, true},
		{edtf.Day{Year: 2018, Month: 7, Day: 1}, true},
		{edtf.Day{Year: 2018, Month: 7, Day: 2}, true},
		{edtf.Day{Year: 2018, Month: 7, Day: 3}, false},
	} {
		if got := d.Contains(tt.day); got != tt.want {
			t.Errorf("%v.Contains(%v) = %v, want %v", d, tt.day, got, tt.want)
		}
	}
}
