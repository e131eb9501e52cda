package edtf_test

import (
	"testing"

	"annals.dev/annals/internal/edtf"
)

func TestDisplay(t *testing.T) {
	tests := []struct{ in, want string }{
		// Single dates at each precision.
		{"2018", "2018"},
		{"2018-07", "July 2018"},
		{"2018-07-12", "12 July 2018"},
		{"2018-07-02", "2 July 2018"},
		{"2018-07-12T09:30:00", "12 July 2018, 09:30"},
		{"2018-07-12T09:30:15", "12 July 2018, 09:30:15"},
		{"2018-07-12T09:30:00Z", "12 July 2018, 09:30 UTC"},
		{"2018-07-12T09:30:00+04:30", "12 July 2018, 09:30 +04:30"},
		{"1985-04-12T23:20:30-04", "12 April 1985, 23:20:30 -04"},
		{"2001-21", "spring 2001"},
		{"2001-22", "summer 2001"},
		{"2001-23", "autumn 2001"},
		{"2001-24", "winter 2001"},

		// Qualifiers.
		{"2006~", "c. 2006"},
		{"2025-09~", "c. September 2025"},
		{"2018?", "2018?"},
		{"2018-07?", "July 2018?"},
		{"2018%", "c. 2018?"},
		{"2004-06-11%", "c. 11 June 2004?"},
		{"2001-21~", "c. spring 2001"},

		// Unspecified digits.
		{"201X", "2010s"},
		{"19XX", "1900s"},
		{"190X", "1900s"},
		{"1XXX", "1000–1999"},
		{"000X", "1 BCE – 9"},
		{"001X", "10s"},
		{"201X~", "c. 2010s"},
		{"2018-XX", "2018 (month unknown)"},
		{"1985-04-XX", "April 1985 (day unknown)"},
		{"1985-XX-XX", "1985 (month and day unknown)"},
		{"1985-04-XX?", "April 1985? (day unknown)"},

		// Year numbering.
		{"-0043", "44 BCE"},
		{"-0043-03-15", "15 March 44 BCE"},
		{"0000", "1 BCE"},
		{"0001", "1"},
		{"0079", "79"},
		{"-1985", "1986 BCE"},
		{"Y170000002", "170000002"},
		{"Y-170000002", "170000003 BCE"},

		// Intervals: shared parts collapse.
		{"2018-07-11/2018-07-12", "11–12 July 2018"},
		{"2018-06-30/2018-07-02", "30 June – 2 July 2018"},
		{"2017-12-30/2018-01-02", "30 December 2017 – 2 January 2018"},
		{"2018-07/2018-08", "July–August 2018"},
		{"2017-11/2018-02", "November 2017 – February 2018"},
		{"2001-21/2001-23", "spring–autumn 2001"},
		{"2017/2018", "2017–2018"},
		{"1964/2008", "1964–2008"},
		{"-0043/-0010", "44 BCE – 11 BCE"},
		{"2018-07-12/2018-07-12", "12 July 2018"},
		{"2018/2018", "2018"},

		// Intervals: mixed precision does not collapse.
		{"2004-02-01/2005-02", "1 February 2004 – February 2005"},
		{"2018-07/2018-07-20", "July 2018 – 20 July 2018"},
		{"2005/2006-02", "2005 – February 2006"},

		// Intervals: qualifiers belong to their own end, so nothing collapses.
		{"2004~/2006?", "c. 2004 – 2006?"},
		{"1984?/2004%", "1984? – c. 2004?"},
		{"2018-07-11~/2018-07-12", "c. 11 July 2018 – 12 July 2018"},
		{"2004-06~/2004-06-11%", "c. June 2004 – c. 11 June 2004?"},
		{"2018-XX/2018-12", "2018 (month unknown) – December 2018"},

		// Intervals: open and unknown ends.
		{"2025/..", "2025 onwards"},
		{"2025-09~/..", "c. September 2025 onwards"},
		{"../2018", "until 2018"},
		{"../2018-07-12", "until 12 July 2018"},
		{"2025/", "2025 – unknown"},
		{"/2018", "unknown – 2018"},
	}
	for _, tt := range tests {
		if got := edtf.MustParse(tt.in).Display(); got != tt.want {
			t.Errorf("Parse(%q).Display() = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisplayZero(t *testing.T) {
	if got := (edtf.Date{}).Display(); got != "" {
		t.Errorf("Date{}.Display() = %q, want empty", got)
	}
}

func TestDisplayHandBuiltPoint(t *testing.T) {
	// A Point built in code can hold values Parse rejects; Display must
	// still return text rather than panic while a page renders.
	p := edtf.Point{Year: 2018, Month: 13, Precision: edtf.PrecisionMonth}
	if got := (edtf.Date{Start: p, End: p}).Display(); got != "month 13 2018" {
		t.Errorf("Display of month 13 = %q", got)
	}
	p = edtf.Point{Year: 2018, Month: 5, Precision: edtf.PrecisionSeason}
	if got := (edtf.Date{Start: p, End: p}).Display(); got != "season 5 2018" {
		t.Errorf("Display of season 5 = %q", got)
	}
	open := edtf.Point{Open: true}
	if got := (edtf.Date{Start: open, End: open, Interval: true}).Display(); got != "open-ended" {
		t.Errorf("Display of ../.. = %q", got)
	}
}
