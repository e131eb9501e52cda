package annals_test

import (
	"testing"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/edtf"
)

func TestLag(t *testing.T) {
	tests := []struct {
		event, report, want string
	}{
		{"2018-07-11", "2018-07-11", "the same day"},
		{"2018-07-11", "2018-07-14", "3 days after the event"},
		{"2018-07-11", "2018-07-10", "1 day before the event"},
		{"2018-07-11/2018-07-12", "2018-07-12", "the same day"}, // the summit's last day
		{"2018-07-11/2018-07-12", "2018-07-13", "1 day after the event"},
		{"2018-07-11/2018-07-12", "2018-07-11", "during the event"}, // the declaration of a summit's first day
		{"2025-06-24/2025-06-25", "2025-06-24", "during the event"},
		{"2014/2024", "2018-05", "during the event"},
		{"2018-07-11", "2019-03-02", "8 months after the event"},
		{"2018-07-11", "2021-01-01", "3 years after the event"},
		{"2018-07", "2018-07-20", "the same month"},
		{"2018-07", "2018-09", "2 months after the event"},
		{"2018-07~", "2018-09", "about 2 months after the event"},
		{"2025-06", "2025-09-30?", "about 3 months after the event"},
		{"2018", "2025-09-30?", "about 7 years after the event"},
		{"2018", "2018-07-20", "the same year"},
		{"2035", "2025-06-25", "10 years before the event"},
		// Two half-year ranges are not known to the month.
		{"2025-01/2025-06", "2025-01/2025-06", "the same year"},
		{"2024-10/2025-03", "2024-10/2025-03", "about the same time"},
		{"2025-06", "2025-01/2025-06", "the same year"},
		{"201X", "2025", "about 6 years after the event"},
		{"201X", "2015", "about the same time"},
		{"201X", "2032", "about 13 years after the event"},
		{"2016", "2017-01-05", "1 year after the event"}, // a leap year is still a year
		{"2018-07~", "2018-07-20", "the same month"},
		{"2018-21", "2018-09", "about 4 months after the event"}, // spring 2018 ends in May
		{"2024-11", "2025-01/2025-06", "about 7 months after the event"},
		{"2024-11", "2025-03/2025-04", "about 5 months after the event"},
		{"2018?", "2018", "the same year"},
		// Open or unknown ends have no right end to count from.
		{"2025/..", "2025-09-30", ""},
		{"../2018", "2019", "1 year after the event"},
		{"2018", "../2019", ""},
	}
	for _, tt := range tests {
		t.Run(tt.event+"→"+tt.report, func(t *testing.T) {
			if got := annals.Lag(edtf.MustParse(tt.event), edtf.MustParse(tt.report)); got != tt.want {
				t.Errorf("Lag(%s, %s) = %q, want %q", tt.event, tt.report, got, tt.want)
			}
		})
	}
	if got := annals.Lag(edtf.MustParse("2018"), edtf.Date{}); got != "" {
		t.Errorf("Lag with an undated report = %q, want \"\"", got)
	}
}

func TestFirstReported(t *testing.T) {
	src := func(key, issued string) annals.Source {
		s := annals.Source{Key: key}
		if issued != "" {
			s.Issued = edtf.MustParse(issued)
		}
		return s
	}
	// The shipped collection's cases: a half-year article written before
	// the summit, a memoir of uncertain year, a dated news story.
	before := src("rutte-article", "2025-01/2025-06")
	memoir := src("memoir", "2025?")
	story := src("story", "2025-09-30?")
	undated := src("undated", "")
	tests := []struct {
		name     string
		event    annals.Event
		sources  []annals.Source
		want     string // the key, "" for none
		lag      string
		override bool
	}{
		{"SourceBeforeEventDoesNotReport", annals.Event{Date: edtf.MustParse("2025-06")},
			[]annals.Source{before, story}, "story", "about 3 months after the event", false},
		{"OnlySourcesBefore", annals.Event{Date: edtf.MustParse("2025-06")},
			[]annals.Source{before, undated}, "", "", false},
		{"EarliestOfThoseAfter", annals.Event{Date: edtf.MustParse("2018")},
			[]annals.Source{story, memoir}, "memoir", "about 7 years after the event", false},
		{"SameDayCounts", annals.Event{Date: edtf.MustParse("2025-09-30?")},
			[]annals.Source{before, story}, "story", "the same day", false},
		{"UncertainYearMayBeBefore", annals.Event{Date: edtf.MustParse("2025-03")},
			[]annals.Source{memoir}, "", "", false},
		{"ApproximateEventFromItsStart", annals.Event{Date: edtf.MustParse("2025-09~")},
			[]annals.Source{story}, "story", "the same month", false},
		{"UnspecifiedDigits", annals.Event{Date: edtf.MustParse("202X")},
			[]annals.Source{story, before}, "rutte-article", "about the same time", false},
		{"DayInsideMonthCannotBeBefore", annals.Event{Date: edtf.MustParse("2025-09")},
			[]annals.Source{story}, "story", "the same month", false},
		{"IntervalEventFromItsStart", annals.Event{Date: edtf.MustParse("2024-01/2025-12")},
			[]annals.Source{memoir, story}, "memoir", "the same year", false},
		{"PlannedAnyAnnouncement", annals.Event{Date: edtf.MustParse("2035"), Planned: true},
			[]annals.Source{story, before, undated}, "rutte-article", "10 years before the event", false},
		{"NotPlannedNoAnnouncement", annals.Event{Date: edtf.MustParse("2035")},
			[]annals.Source{story, before}, "", "", false},
		{"Undated", annals.Event{Date: edtf.MustParse("2018")}, []annals.Source{undated}, "", "", false},
		{"TieByKey", annals.Event{Date: edtf.MustParse("2018")},
			[]annals.Source{src("b", "2019"), src("a", "2019")}, "a", "1 year after the event", false},
		{"Override", annals.Event{Date: edtf.MustParse("2025-06"), FirstReported: annals.SourceRef{Key: "rutte-article", Locator: "para. 5"}},
			[]annals.Source{story, before}, "rutte-article", "the same year", true},
		{"OverrideUndated", annals.Event{Date: edtf.MustParse("2025-06"), FirstReported: annals.SourceRef{Key: "undated"}},
			[]annals.Source{story, undated}, "undated", "", true},
		{"OverrideNotAmongSources", annals.Event{Date: edtf.MustParse("2025-06"), FirstReported: annals.SourceRef{Key: "a-draft"}},
			[]annals.Source{story}, "story", "about 3 months after the event", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := annals.FirstReported(tt.event, tt.sources)
			if ok != (tt.want != "") || r.Source.Key != tt.want || r.Lag != tt.lag || r.Override != tt.override {
				t.Errorf("FirstReported = %q, %q, override %v, %v; want %q, %q, override %v",
					r.Source.Key, r.Lag, r.Override, ok, tt.want, tt.lag, tt.override)
			}
			if tt.override && r.Locator != tt.event.FirstReported.Locator {
				t.Errorf("Locator = %q, want %q", r.Locator, tt.event.FirstReported.Locator)
			}
		})
	}
}
