package export_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-ical"

	"annals.dev/annals/internal/export"
)

// event returns an event note with the given date and extra front matter.
func event(title, date, extra string) string {
	return fmt.Sprintf("---\ntitle: %q\ndate: %q\n%s---\nBody.\n", title, date, extra)
}

func TestICSDates(t *testing.T) {
	tests := []struct {
		id, date   string
		start, end string // DTSTART and DTEND (exclusive), YYYYMMDD
		describes  string // in DESCRIPTION
	}{
		{"day", "2018-07-12", "20180712", "20180713", "Date: 12 July 2018."},
		{"month", "2018-02", "20180201", "20180301", "Date: February 2018."},
		{"leap-month", "2020-02", "20200201", "20200301", ""},
		{"december", "2018-12", "20181201", "20190101", ""},
		{"year", "2020", "20200101", "20210101", "Date: 2020."},
		{"interval", "2018-07-11/2018-07-12", "20180711", "20180713", "Date: 11–12 July 2018."},
		{"month-interval", "2025-01/2025-06", "20250101", "20250701", ""},
		{"season", "2001-21", "20010301", "20010601", "spring 2001"},
		{"winter", "2001-24", "20011201", "20020301", "winter 2001"},
		{"decade", "201X", "20100101", "20200101", "2010s"},
		{"day-unknown", "2018-07-XX", "20180701", "20180801", "day unknown"},
		{"approximate", "2018-07~", "20180701", "20180801", "Date: c. July 2018 (approximate)."},
		{"uncertain", "2025-09-30?", "20250930", "20251001", "(uncertain)"},
		{"both", "2018%", "20180101", "20190101", "(approximate and uncertain)"},
		{"open-end", "2025/..", "20250101", "20260101", "open-ended: only its start is on the calendar"},
		{"open-start", "../2018-07", "20180701", "20180801", "open-ended: only its end is on the calendar"},
		{"unknown-end", "2025-06-01/", "20250601", "20250602", "open-ended"},
	}
	notes := map[string]string{}
	for _, tt := range tests {
		notes["events/"+tt.id+".md"] = event("Event "+tt.id, tt.date, "")
	}
	notes["events/far.md"] = event("Far future", "Y170000002", "")
	notes["events/bce.md"] = event("Caesar", "-0043-03-15", "")
	c := load(t, notes)
	out, diags := write(t, export.ICS, c)
	cal, err := ical.NewDecoder(strings.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, out)
	}
	events := map[string]ical.Event{}
	for _, e := range cal.Events() {
		uid, err := e.Props.Text(ical.PropUID)
		if err != nil {
			t.Fatal(err)
		}
		events[uid] = e
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			e, ok := events[tt.id+"@annals"]
			if !ok {
				t.Fatalf("no event with UID %s@annals", tt.id)
			}
			for _, p := range []struct{ name, want string }{{ical.PropDateTimeStart, tt.start}, {ical.PropDateTimeEnd, tt.end}} {
				prop := e.Props.Get(p.name)
				if prop == nil {
					t.Fatalf("no %s", p.name)
				}
				if prop.ValueType() != ical.ValueDate {
					t.Errorf("%s is a %s, want an all-day DATE", p.name, prop.ValueType())
				}
				got, err := prop.DateTime(time.UTC)
				if err != nil {
					t.Fatal(err)
				}
				if got.Format("20060102") != p.want {
					t.Errorf("%s = %s, want %s", p.name, got.Format("20060102"), p.want)
				}
			}
			desc, err := e.Props.Text(ical.PropDescription)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(desc, tt.describes) {
				t.Errorf("DESCRIPTION %q lacks %q", desc, tt.describes)
			}
		})
	}
	for _, id := range []string{"far", "bce"} {
		if _, ok := events[id+"@annals"]; ok {
			t.Errorf("event %s has no calendar date but is on the calendar", id)
		}
		found := false
		for _, d := range diags {
			found = found || strings.Contains(d.Path, id+".md")
		}
		if !found {
			t.Errorf("leaving out %s was not reported: %v", id, diags)
		}
	}
}

// TestICSText checks escaping and folding: what a note writes comes back
// the same from a real parser, and every line obeys RFC 5545.
func TestICSText(t *testing.T) {
	title := `Commas, semicolons; back\slashes and a very long title with ünïcödé — “quotes” and 北大西洋公约组织 that must fold`
	summary := "Line one,\nline two; with \\ and a long tail of multi-byte text: ååååååååååååååååååååååååååååååååååååååååå 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"
	c := load(t, map[string]string{
		"events/2018-hostile.md": fmt.Sprintf("---\ntitle: %q\ndate: 2018-07-12\nplace: \"Brussels, Belgium; NATO HQ\"\ntags: [a-tag, \"b,tag\"]\nsummary: %q\n---\nBody.\n", title, summary),
	})
	out, _ := write(t, export.ICS, c)
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") {
		t.Errorf("calendar does not end with END:VCALENDAR and CRLF: %q", out[max(0, len(out)-30):])
	}
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
	}
	cal, err := ical.NewDecoder(strings.NewReader(out)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot read the calendar: %v\n%s", err, out)
	}
	if len(cal.Events()) != 1 {
		t.Fatalf("%d events, want 1", len(cal.Events()))
	}
	e := cal.Events()[0]
	for _, p := range []struct{ name, want string }{
		{ical.PropSummary, title},
		{ical.PropLocation, "Brussels, Belgium; NATO HQ"},
	} {
		got, err := e.Props.Text(p.name)
		if err != nil {
			t.Fatal(err)
		}
		if got != p.want {
			t.Errorf("%s = %q, want %q", p.name, got, p.want)
		}
	}
	if u, err := e.Props.URI(ical.PropURL); err != nil || u.String() != base+"/events/2018-hostile" {
		t.Errorf("URL = %v (%v), want the event's permalink", u, err)
	}
	desc, _ := e.Props.Text(ical.PropDescription)
	if !strings.HasPrefix(desc, summary+"\n\n") {
		t.Errorf("DESCRIPTION = %q, want it to start with the summary %q", desc, summary)
	}
	cats, err := e.Props.Get(ical.PropCategories).TextList()
	if err != nil || len(cats) != 2 || cats[1] != "b,tag" {
		t.Errorf("CATEGORIES = %q (%v), want [a-tag b,tag]", cats, err)
	}
	for _, p := range []string{ical.PropProductID, ical.PropVersion} {
		if cal.Props.Get(p) == nil {
			t.Errorf("calendar has no %s", p)
		}
	}
	if _, err := e.Props.DateTime(ical.PropDateTimeStamp, time.UTC); err != nil {
		t.Errorf("DTSTAMP: %v", err)
	}
}
