package export_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/export"
)

// timelineNotes has an event of every kind of date and a hostile one.
var timelineNotes = map[string]string{
	"events/day.md": event("Brussels summit", "2018-07-11/2018-07-12",
		"tags: [summits, defence-spending]\nsources: [report]\nsummary: Trump demands 2% at once.\n"),
	"events/month.md":   event("A month", "2017-05", "status: confirmed\n"),
	"events/year.md":    event("A claimed year", "2018", "status: claimed\nclaimed_by: jens\n"),
	"events/circa.md":   event("Approximately", "2018-07~", ""),
	"events/season.md":  event("A season", "2001-21", ""),
	"events/decade.md":  event("A decade", "201X", ""),
	"events/open.md":    event("Open-ended", "2025/..", ""),
	"events/until.md":   event("Until", "../1990", ""),
	"events/bce.md":     event("Ides of March", "-0043-03-15", ""),
	"events/ybc.md":     event("Year 1 BCE", "0000", ""),
	"events/far.md":     event("Far future", "Y170000002", ""),
	"events/hostile.md": event(`<script>alert(1)</script> & "quotes"`, "2020", "tags: [\"<b>bold</b>\"]\nsummary: \"<img src=x onerror=alert(1)>\"\n"),
	"sources/report.md": "---\ntitle: A <b>report</b>\ntype: report\n---\n",
	"actors/jens.md":    "---\ntitle: Jens Stoltenberg\ntype: person\n---\n",
}

func TestTimelineJSGolden(t *testing.T) {
	notes := map[string]string{}
	for k, v := range timelineNotes {
		notes[k] = v
	}
	notes["events/day.md"] = strings.Replace(notes["events/day.md"], "Body.", "Demanded [@report, p. 4]. Again [@report, pp. 5-6].", 1)
	c := load(t, notes)
	out, _ := write(t, export.TimelineJS, c)
	golden := filepath.Join("testdata", "timeline.golden.json")
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if out != string(want) {
		t.Errorf("TimelineJS export differs from %s (run go test -update if the change is right):\n%s", golden, out)
	}
}

// The fields TimelineJS 3 documents (website/docs/json-format.njk).
var (
	tlTop   = []string{"events", "title", "eras", "scale"}
	tlSlide = []string{"start_date", "end_date", "text", "media", "group", "display_date", "background", "autolink", "unique_id"}
	tlDate  = []string{"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date", "format"}
	tlText  = []string{"headline", "text"}
)

func TestTimelineJSFields(t *testing.T) {
	c := load(t, timelineNotes)
	out, _ := write(t, export.TimelineJS, c)
	var tl map[string]any
	if err := json.Unmarshal([]byte(out), &tl); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	checkFields(t, "timeline", tl, tlTop)
	slides := tl["events"].([]any)
	if len(slides) != len(c.Events) {
		t.Errorf("%d slides for %d events", len(slides), len(c.Events))
	}
	byID := map[string]map[string]any{}
	for _, s := range slides {
		s := s.(map[string]any)
		checkFields(t, "slide", s, tlSlide)
		checkFields(t, "text", s["text"].(map[string]any), tlText)
		for _, k := range []string{"start_date", "end_date"} {
			if d, ok := s[k].(map[string]any); ok {
				checkFields(t, k, d, tlDate)
			}
		}
		byID[s["unique_id"].(string)] = s
	}
	tests := []struct {
		id         string
		start, end string // the date objects as JSON with sorted keys; "" for none
		group      string
	}{
		{"day", `{"day":11,"month":7,"year":2018}`, `{"day":12,"month":7,"year":2018}`, "summits"},
		{"month", `{"month":5,"year":2017}`, "", ""},
		{"year", `{"year":2018}`, "", ""},
		{"circa", `{"month":7,"year":2018}`, "", ""},
		{"season", `{"year":2001}`, "", ""},
		{"decade", `{"year":2010}`, `{"year":2019}`, ""},
		{"open", `{"year":2025}`, "", ""},
		{"until", `{"year":1990}`, "", ""},
		{"bce", `{"day":15,"month":3,"year":-44}`, "", ""},
		{"ybc", `{"year":-1}`, "", ""},
	}
	for _, tt := range tests {
		s, ok := byID[tt.id]
		if !ok {
			t.Errorf("no slide %s", tt.id)
			continue
		}
		for _, d := range []struct{ key, want string }{{"start_date", tt.start}, {"end_date", tt.end}} {
			got := ""
			if v, ok := s[d.key]; ok {
				b, _ := json.Marshal(v)
				got = string(b)
			}
			if got != d.want {
				t.Errorf("%s: %s = %s, want %s", tt.id, d.key, got, d.want)
			}
		}
		if g, _ := s["group"].(string); g != tt.group {
			t.Errorf("%s: group = %q, want %q", tt.id, g, tt.group)
		}
	}
	if tl["scale"] != "cosmological" {
		t.Errorf("scale = %v, want cosmological for a year beyond JavaScript's dates", tl["scale"])
	}
	h := byID["hostile"]
	text := h["text"].(map[string]any)
	for _, v := range []string{text["headline"].(string), text["text"].(string), h["group"].(string)} {
		if strings.Contains(v, "<script") || strings.Contains(v, "<img") || strings.Contains(v, "<b>") {
			t.Errorf("note markup reaches TimelineJS unescaped: %q", v)
		}
	}
}

func checkFields(t *testing.T, what string, obj map[string]any, documented []string) {
	t.Helper()
	for k := range obj {
		found := false
		for _, d := range documented {
			found = found || d == k
		}
		if !found {
			t.Errorf("%s has %q, which TimelineJS does not document", what, k)
		}
	}
}
