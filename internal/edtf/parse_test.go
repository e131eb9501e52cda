package edtf_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"annals.dev/annals/internal/edtf"
)

// specExamples are the level 0 and level 1 examples of the Library of
// Congress EDTF specification (https://www.loc.gov/standards/datetime/),
// in the order the specification gives them.
var specExamples = []string{
	// Level 0: date.
	"1985-04-12", "1985-04", "1985",
	// Level 0: date and time.
	"1985-04-12T23:20:30", "1985-04-12T23:20:30Z", "1985-04-12T23:20:30-04", "1985-04-12T23:20:30+04:30",
	// Level 0: time interval.
	"1964/2008", "2004-06/2006-08", "2004-02-01/2005-02-08", "2004-02-01/2005-02", "2004-02-01/2005", "2005/2006-02",
	// Level 1: letter-prefixed calendar year.
	"Y170000002", "Y-170000002",
	// Level 1: seasons.
	"2001-21", "2001-22", "2001-23", "2001-24",
	// Level 1: qualification of a date (complete).
	"1984?", "2004-06~", "2004-06-11%",
	// Level 1: unspecified digit(s) from the right.
	"201X", "20XX", "2004-XX", "1985-04-XX", "1985-XX-XX",
	// Level 1: extended interval.
	"1985-04-12/..", "1985-04/..", "1985/..",
	"../1985-04-12", "../1985-04", "../1985",
	"1985-04-12/", "1985-04/", "1985/",
	"/1985-04-12", "/1985-04", "/1985",
	"1984~/2004-06", "1984/2004-06~", "1984~/2004~", "1984?/2004%",
	"1984-06?/2004-08?", "1984-06-02?/2004-08-08~", "1984-06-02?/",
	"2004-06~/2004-06-11%",
	// Level 1: negative calendar year.
	"-1985",
}

func TestParseSpecExamplesRoundTrip(t *testing.T) {
	for _, s := range specExamples {
		d, err := edtf.Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if got := d.String(); got != s {
			t.Errorf("Parse(%q).String() = %q, want the input back", s, got)
		}
		if again := edtf.MustParse(d.String()); again != d {
			t.Errorf("Parse(%q) = %+v, but re-parsing its String gives %+v", s, d, again)
		}
		if wantInterval := strings.Contains(s, "/"); d.Interval != wantInterval {
			t.Errorf("Parse(%q).Interval = %v, want %v", s, d.Interval, wantInterval)
		}
	}
}

// TestParseRoundTrip covers canonical forms beyond the specification's
// examples, including ones the fuzzer found mishandled.
func TestParseRoundTrip(t *testing.T) {
	for _, s := range []string{
		"-0001-XX", "-0043-03-XX", "-0043-XX-XX", "-0043-24~", "0000-02-29", "9999-12-31", "1XXX",
		"Y10000", "Y-10000%", "2001-24/2002-21", "2018-07-12T00:00:00-00:00", "-9999/Y10000",
	} {
		d, err := edtf.Parse(s)
		if err != nil {
			t.Errorf("Parse(%q): %v", s, err)
			continue
		}
		if got := d.String(); got != s {
			t.Errorf("Parse(%q).String() = %q, want the input back", s, got)
		}
	}
}

func TestParseFields(t *testing.T) {
	tests := []struct {
		in   string
		want edtf.Point // the start; End must equal it for single dates
	}{
		{"1985", edtf.Point{Year: 1985, Precision: edtf.PrecisionYear}},
		{"1985-04", edtf.Point{Year: 1985, Month: 4, Precision: edtf.PrecisionMonth}},
		{"1985-04-12", edtf.Point{Year: 1985, Month: 4, Day: 12, Precision: edtf.PrecisionDay}},
		{"1985-04-12T23:20:30", edtf.Point{Year: 1985, Month: 4, Day: 12, Hour: 23, Minute: 20, Second: 30,
			HasTime: true, Precision: edtf.PrecisionTime}},
		{"1985-04-12T23:20:30Z", edtf.Point{Year: 1985, Month: 4, Day: 12, Hour: 23, Minute: 20, Second: 30,
			HasTime: true, Zone: "Z", Precision: edtf.PrecisionTime}},
		{"1985-04-12T00:00:00+04:30", edtf.Point{Year: 1985, Month: 4, Day: 12,
			HasTime: true, Zone: "+04:30", Precision: edtf.PrecisionTime}},
		{"Y170000002", edtf.Point{Year: 170000002, Precision: edtf.PrecisionYear}},
		{"Y-170000002", edtf.Point{Year: -170000002, Precision: edtf.PrecisionYear}},
		{"2001-21", edtf.Point{Year: 2001, Month: 21, Precision: edtf.PrecisionSeason}},
		{"1984?", edtf.Point{Year: 1984, Precision: edtf.PrecisionYear, Uncertain: true}},
		{"2004-06~", edtf.Point{Year: 2004, Month: 6, Precision: edtf.PrecisionMonth, Approximate: true}},
		{"2004-06-11%", edtf.Point{Year: 2004, Month: 6, Day: 11, Precision: edtf.PrecisionDay,
			Uncertain: true, Approximate: true}},
		{"201X", edtf.Point{Year: 2010, Precision: edtf.PrecisionYear, Unspecified: "---X"}},
		{"20XX", edtf.Point{Year: 2000, Precision: edtf.PrecisionYear, Unspecified: "--XX"}},
		{"2004-XX", edtf.Point{Year: 2004, Precision: edtf.PrecisionMonth, Unspecified: "----XX"}},
		{"1985-04-XX", edtf.Point{Year: 1985, Month: 4, Precision: edtf.PrecisionDay, Unspecified: "------XX"}},
		{"1985-XX-XX", edtf.Point{Year: 1985, Precision: edtf.PrecisionDay, Unspecified: "----XXXX"}},
		{"-1985", edtf.Point{Year: -1985, Precision: edtf.PrecisionYear}},
		{"-0043-03-15", edtf.Point{Year: -43, Month: 3, Day: 15, Precision: edtf.PrecisionDay}},
		{"0000", edtf.Point{Year: 0, Precision: edtf.PrecisionYear}},
		{"-0001-XX", edtf.Point{Year: -1, Precision: edtf.PrecisionMonth, Unspecified: "----XX"}},
	}
	for _, tt := range tests {
		d, err := edtf.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if d.Interval || d.Start != tt.want || d.End != tt.want {
			t.Errorf("Parse(%q) = %+v, want Start = End = %+v and no interval", tt.in, d, tt.want)
		}
	}
}

func TestParseIntervalEnds(t *testing.T) {
	tests := []struct {
		in         string
		start, end edtf.Point
	}{
		{"1985/..", edtf.Point{Year: 1985, Precision: edtf.PrecisionYear}, edtf.Point{Open: true}},
		{"../1985", edtf.Point{Open: true}, edtf.Point{Year: 1985, Precision: edtf.PrecisionYear}},
		{"1985/", edtf.Point{Year: 1985, Precision: edtf.PrecisionYear}, edtf.Point{Unknown: true}},
		{"/1985", edtf.Point{Unknown: true}, edtf.Point{Year: 1985, Precision: edtf.PrecisionYear}},
		{"2004-06~/2004-06-11%",
			edtf.Point{Year: 2004, Month: 6, Precision: edtf.PrecisionMonth, Approximate: true},
			edtf.Point{Year: 2004, Month: 6, Day: 11, Precision: edtf.PrecisionDay, Uncertain: true, Approximate: true}},
	}
	for _, tt := range tests {
		d, err := edtf.Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		want := edtf.Date{Start: tt.start, End: tt.end, Interval: true}
		if d != want {
			t.Errorf("Parse(%q) = %+v, want %+v", tt.in, d, want)
		}
	}
}

func TestRange(t *testing.T) {
	tests := []struct {
		in                string
		earliest, latest  string
		precision         edtf.Precision
		uncertain, approx bool
	}{
		{"2018", "2018-01-01", "2018-12-31", edtf.PrecisionYear, false, false},
		{"2018-02", "2018-02-01", "2018-02-28", edtf.PrecisionMonth, false, false},
		{"2016-02", "2016-02-01", "2016-02-29", edtf.PrecisionMonth, false, false},
		{"2018-07-12", "2018-07-12", "2018-07-12", edtf.PrecisionDay, false, false},
		{"2018-07-12T23:59:59-11:00", "2018-07-12", "2018-07-12", edtf.PrecisionTime, false, false},
		{"201X", "2010-01-01", "2019-12-31", edtf.PrecisionYear, false, false},
		{"19XX", "1900-01-01", "1999-12-31", edtf.PrecisionYear, false, false},
		{"1XXX", "1000-01-01", "1999-12-31", edtf.PrecisionYear, false, false},
		{"2018-XX", "2018-01-01", "2018-12-31", edtf.PrecisionMonth, false, false},
		{"1985-04-XX", "1985-04-01", "1985-04-30", edtf.PrecisionDay, false, false},
		{"1985-XX-XX", "1985-01-01", "1985-12-31", edtf.PrecisionDay, false, false},
		{"2001-21", "2001-03-01", "2001-05-31", edtf.PrecisionSeason, false, false},
		{"2001-22", "2001-06-01", "2001-08-31", edtf.PrecisionSeason, false, false},
		{"2001-23", "2001-09-01", "2001-11-30", edtf.PrecisionSeason, false, false},
		{"2001-24", "2001-12-01", "2002-02-28", edtf.PrecisionSeason, false, false},
		{"2003-24", "2003-12-01", "2004-02-29", edtf.PrecisionSeason, false, false},
		{"1984?", "1984-01-01", "1984-12-31", edtf.PrecisionYear, true, false},
		{"2004-06~", "2004-06-01", "2004-06-30", edtf.PrecisionMonth, false, true},
		{"2004-06-11%", "2004-06-11", "2004-06-11", edtf.PrecisionDay, true, true},
		{"-0043-03-15", "-0043-03-15", "-0043-03-15", edtf.PrecisionDay, false, false},
		{"-1985", "-1985-01-01", "-1985-12-31", edtf.PrecisionYear, false, false},
		{"-0001-XX", "-0001-01-01", "-0001-12-31", edtf.PrecisionMonth, false, false},
		{"-0001-XX-XX", "-0001-01-01", "-0001-12-31", edtf.PrecisionDay, false, false},
		{"Y170000002", "+170000002-01-01", "+170000002-12-31", edtf.PrecisionYear, false, false},
		{"Y-170000002", "-170000002-01-01", "-170000002-12-31", edtf.PrecisionYear, false, false},
		{"2004-02-01/2005-02", "2004-02-01", "2005-02-28", edtf.PrecisionDay, false, false},
		{"1984?/2004-06~", "1984-01-01", "2004-06-30", edtf.PrecisionYear, true, true},
		{"1984-06-02?/", "1984-06-02", edtf.FarFuture.String(), edtf.PrecisionDay, true, false},
		{"1985/..", "1985-01-01", edtf.FarFuture.String(), edtf.PrecisionYear, false, false},
		{"../1985-04", edtf.FarPast.String(), "1985-04-30", edtf.PrecisionMonth, false, false},
		{"/2004-06~", edtf.FarPast.String(), "2004-06-30", edtf.PrecisionMonth, false, true},
	}
	for _, tt := range tests {
		d := edtf.MustParse(tt.in)
		if got := d.Earliest().String(); got != tt.earliest {
			t.Errorf("Parse(%q).Earliest() = %s, want %s", tt.in, got, tt.earliest)
		}
		if got := d.Latest().String(); got != tt.latest {
			t.Errorf("Parse(%q).Latest() = %s, want %s", tt.in, got, tt.latest)
		}
		if got := d.Precision(); got != tt.precision {
			t.Errorf("Parse(%q).Precision() = %v, want %v", tt.in, got, tt.precision)
		}
		if got := d.Uncertain(); got != tt.uncertain {
			t.Errorf("Parse(%q).Uncertain() = %v, want %v", tt.in, got, tt.uncertain)
		}
		if got := d.Approximate(); got != tt.approx {
			t.Errorf("Parse(%q).Approximate() = %v, want %v", tt.in, got, tt.approx)
		}
	}
}

func TestOpenEndsUseSentinels(t *testing.T) {
	for _, s := range []string{"2018/..", "2018/"} {
		if got := edtf.MustParse(s).Latest(); got != edtf.FarFuture {
			t.Errorf("Parse(%q).Latest() = %v, want FarFuture", s, got)
		}
	}
	for _, s := range []string{"../2018", "/2018"} {
		if got := edtf.MustParse(s).Earliest(); got != edtf.FarPast {
			t.Errorf("Parse(%q).Earliest() = %v, want FarPast", s, got)
		}
	}
	// The sentinels must lie beyond the largest years Parse accepts.
	for _, s := range []string{"Y-999999999999999999", "Y999999999999999999"} {
		d := edtf.MustParse(s)
		if d.Earliest().Compare(edtf.FarPast) <= 0 || d.Latest().Compare(edtf.FarFuture) >= 0 {
			t.Errorf("Parse(%q) spans %v..%v, which reaches a sentinel", s, d.Earliest(), d.Latest())
		}
	}
}

func TestPrecisionString(t *testing.T) {
	want := map[edtf.Precision]string{
		edtf.PrecisionUnknown: "unknown",
		edtf.PrecisionYear:    "year",
		edtf.PrecisionSeason:  "season",
		edtf.PrecisionMonth:   "month",
		edtf.PrecisionDay:     "day",
		edtf.PrecisionTime:    "time",
		edtf.Precision(9):     "Precision(9)",
	}
	for p, s := range want {
		if got := p.String(); got != s {
			t.Errorf("Precision(%d).String() = %q, want %q", int(p), got, s)
		}
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		in   string
		want string // part of the reason
	}{
		{"", "empty string"},
		{" 2018", "spaces"},
		{"2018 ", "spaces"},
		{"2018-13-01", "month 13 is out of range"},
		{"2018-00", "month 0 is out of range"},
		{"2001-25", "month 25 is out of range"},
		{"2018-07-32", "day 32 is out of range: July 2018 has 31 days"},
		{"2018-07-00", "day 0 is out of range"},
		{"2018-04-31", "April 2018 has 30 days"},
		{"2019-02-29", "2019 is not a leap year"},
		{"1900-02-29", "1900 is not a leap year"},
		{"2018-7-1", "month 7 must have two digits"},
		{"2018-07-1", "day 1 must have two digits"},
		{"2018-07-123", "day 123 must have two digits"},
		{"18-07-12", "year 18 must have four digits"},
		{"019", "year 019 must have four digits"},
		{"19850412", "separate year, month and day with hyphens"},
		{"20180", "Y prefix"},
		{"2018-07-12abc", `unexpected "abc"`},
		{"2018-07-12Z", `unexpected "Z"`},
		{"2018/", ""}, // valid: guards the cases below from passing by accident
		{"2008/1964", "the start 2008 is after the end 1964"},
		{"2018-07-12/2018-07-11", "the start 2018-07-12 is after the end 2018-07-11"},
		{"2018-08/2018-07-31", "is after the end"},
		{"/", "or .. for an open end, on at least one side"},
		{"..", "only appears in an interval"},
		{"1964/2008/2010", `exactly one "/"`},
		{"1964/2008-13", `interval end "2008-13": month 13`},
		{"1964-1/2008", `interval start "1964-1": month 1 must have two digits`},
		{"2018-", "must be followed by a month"},
		{"2018-07-", "must be followed by a day"},
		{"abc", "starts with a four-digit year"},
		{"+2018", "starts with a four-digit year"},
		{"199u", "capital X"},
		{"199x", "capital X"},
		{"2004-xx", "capital X"},
		{"1985-04-xx", "capital X"},
		{"Y17000x", "capital X"},
		{"y170000002", "capital Y"},
		{"Y1985", "only for years of more than four digits"},
		{"Y-0043", "only for years of more than four digits"},
		{"Y017000", "must not start with 0"},
		{"Y", "digits of a year"},
		{"Y17000X", "digits of a year"},
		{"Y1234567890123456789", "at most 18"},
		{"Y170000002-01", "stands alone"},
		{"1X8X", "rightmost digits"},
		{"X985", "rightmost digits"},
		{"XXXX", "first digit"},
		{"-0XXX", "needs a digit other than 0"},
		{"-00XX~", "needs a digit other than 0"},
		{"1985-04-12T23:20:30-13:00", "outside −12:00 to +14:00"},
		{"1985-04-12T23:20:30+15", "outside −12:00 to +14:00"},
		{"1985-04-12T23:20:30+14:30", "outside −12:00 to +14:00"},
		{"-0000", "year zero (1 BCE) is written 0000"},
		{"201X-05", "stands alone"},
		{"2004-1X", "either two digits or XX"},
		{"1985-04-1X", "either two digits or XX"},
		{"1985-XX-12", "cannot follow an unspecified month"},
		{"2001-21-05", "a season has no day"},
		{"1984?~", "single qualifier"},
		{"1984~?", "single qualifier"},
		{"1984??", "single qualifier"},
		{"?1984", "starts with a four-digit year"},
		{"1984?-06", `unexpected "-06"`},
		{"1985-04T23:20:30", "needs a complete date"},
		{"1985-04-XXT23:20:30", "needs a complete date"},
		{"1985-04-12T24:00:00", "24 is out of range 00–23"},
		{"1985-04-12T23:60:00", "60 is out of range 00–59"},
		{"1985-04-12T23:59:60", "60 is out of range 00–59"},
		{"1985-04-12T23:20", "needs seconds"},
		{"1985-04-12T23-20-30", "separated by a colon"},
		{"1985-04-12T2:20:30", "two digits per field"},
		{"1985-04-12T23:20:30+4", "two digits per field"},
		{"1985-04-12T23:20:30+04:3", "two digits per field"},
		{"1985-04-12T23:20:30+24", "24 is out of range 00–23"},
		{"1985-04-12T23:20:30.5", `unexpected ".5"`},
		{"1985-04-12T23:20:30~", "qualify dates, not date-times"},
		{"1985-04-12t23:20:30", `unexpected "t23:20:30"`},
		{"2004-02-01T10:00:00/2005", "without a time of day"},
		{"2004/2005-02-01T10:00:00", "without a time of day"},
	}
	for _, tt := range tests {
		_, err := edtf.Parse(tt.in)
		if tt.want == "" {
			if err != nil {
				t.Errorf("Parse(%q): %v, want success", tt.in, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want an error mentioning %q", tt.in, tt.want)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, fmt.Sprintf("%q", tt.in)) {
			t.Errorf("Parse(%q) error %q does not quote the input", tt.in, msg)
		}
		if !strings.Contains(msg, tt.want) {
			t.Errorf("Parse(%q) error %q does not mention %q", tt.in, msg, tt.want)
		}
		var pe *edtf.ParseError
		if !errors.As(err, &pe) || pe.Input != tt.in {
			t.Errorf("Parse(%q) error is %#v, want a *ParseError with that Input", tt.in, err)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	_, err := edtf.Parse("2018-13-01")
	const want = `invalid EDTF date "2018-13-01": month 13 is out of range (expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-07-12; seasons are 21 to 24)`
	if err == nil || err.Error() != want {
		t.Errorf("Parse error = %v, want %s", err, want)
	}
}

func TestLeapYears(t *testing.T) {
	tests := []struct {
		year string
		leap bool
	}{
		{"2020", true}, {"2019", false}, {"2000", true}, {"1900", false}, {"2100", false},
		{"1600", true}, {"0000", true}, {"-0004", true}, {"-0001", false}, {"-0100", false}, {"-0400", true},
	}
	for _, tt := range tests {
		_, err := edtf.Parse(tt.year + "-02-29")
		if ok := err == nil; ok != tt.leap {
			t.Errorf("Parse(%q): err = %v, want leap = %v", tt.year+"-02-29", err, tt.leap)
		}
		wantLast := "28"
		if tt.leap {
			wantLast = "29"
		}
		if got := edtf.MustParse(tt.year + "-02").Latest().String(); !strings.HasSuffix(got, "-02-"+wantLast) {
			t.Errorf("Parse(%q).Latest() = %s, want February %s", tt.year+"-02", got, wantLast)
		}
	}
}

func TestMustParsePanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil {
			t.Error("MustParse(\"2018-13\") did not panic")
		}
	}()
	edtf.MustParse("2018-13")
}

func BenchmarkParse(b *testing.B) {
	inputs := []string{"2018-07-12", "2004-06~/2004-06-11%", "1985-04-12T23:20:30+04:30", "201X", "2018-13-01"}
	for b.Loop() {
		for _, s := range inputs {
			_, _ = edtf.Parse(s)
		}
	}
}
