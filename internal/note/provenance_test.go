package note_test

import (
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/annals"
	"annals.dev/annals/internal/note"
)

// provenanceEvent is an event's front matter with extra lines from line 5
// on, before the closing "---".
func provenanceEvent(status, extra string) string {
	return "---\ntitle: Departure\ndate: 2024-10-01\nstatus: " + status + "\n" + extra + "---\nBody.\n"
}

func TestFirstReportedKey(t *testing.T) {
	tests := []struct {
		yaml string
		want annals.SourceRef
	}{
		{"first_reported: memoir\n", annals.SourceRef{Key: "memoir"}},
		{"first_reported: \"@memoir\"\n", annals.SourceRef{Key: "memoir"}},
		{"first_reported: \"[@memoir, para. 4]\"\n", annals.SourceRef{Key: "memoir", Locator: "para. 4"}},
		{"first_reported: [@memoir, para. 4]\n", annals.SourceRef{Key: "memoir", Locator: "para. 4"}},
		{"first_reported: [@memoir]  \n", annals.SourceRef{Key: "memoir"}},
		{"first_reported: [memoir, p. 212]\n", annals.SourceRef{Key: "memoir", Locator: "p. 212"}},
		{"first_reported: [\"@memoir\", paras. 3-4]\n", annals.SourceRef{Key: "memoir", Locator: "paras. 3-4"}},
	}
	for _, tt := range tests {
		n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(provenanceEvent("reported", tt.yaml)))
		if err != nil {
			t.Errorf("%q: %v", tt.yaml, err)
			continue
		}
		if n.Event.FirstReported != tt.want {
			t.Errorf("%q: FirstReported = %+v, want %+v", tt.yaml, n.Event.FirstReported, tt.want)
		}
	}
}

func TestDiscrepanciesParse(t *testing.T) {
	src := provenanceEvent("reported", `discrepancies:
  - about: when Stoltenberg left office
    values:
      - value: "2024-11"
        sources: [toutiao]
        rank: deprecated
        note: The article's single mention.
      - value: 2024-10-01
        sources: "@nato-page"
        rank: Preferred
`)
	n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []annals.Discrepancy{{About: "when Stoltenberg left office", Values: []annals.Value{
		{Value: "2024-11", Sources: []string{"toutiao"}, Rank: annals.RankDeprecated, Note: "The article's single mention."},
		{Value: "2024-10-01", Sources: []string{"nato-page"}, Rank: annals.RankPreferred},
	}}}
	if !reflect.DeepEqual(n.Event.Discrepancies, want) {
		t.Errorf("Discrepancies = %+v\nwant %+v", n.Event.Discrepancies, want)
	}
	if len(n.Warnings) != 0 {
		t.Errorf("warnings: %v", n.Warnings)
	}
	if v, s := n.DiscrepancyPos(0, 1, 0); v.Line != 12 || s.Line != 13 || s.Col != 18 {
		t.Errorf("DiscrepancyPos(0, 1, 0) = %v, %v; want line 12, and 13:18", v, s)
	}
}

func TestVerdictParse(t *testing.T) {
	src := provenanceEvent("claimed", "verdict:\n  rating: Mostly-False\n  reviewed: 2025-10-02\n  summary: The figures say otherwise.\n")
	n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	v := n.Event.Verdict
	if v == nil || v.Rating != annals.RatingMostlyFalse || v.Reviewed.String() != "2025-10-02" || v.Summary != "The figures say otherwise." {
		t.Errorf("Verdict = %+v", v)
	}
}

// TestProvenanceDiagnostics checks every problem the provenance keys can
// have on their own, with the line it is reported at: line 5 is the first
// extra line.
func TestProvenanceDiagnostics(t *testing.T) {
	tests := []struct {
		name, status, yaml string
		sev                note.Severity
		line               int
		msg                string
	}{
		{"FirstReportedTwo", "reported", "first_reported: \"[@a; @b]\"\n", note.SeverityError, 5, "first_reported must name one source"},
		{"FirstReportedMap", "reported", "first_reported:\n  key: a\n", note.SeverityError, 6, "first_reported must name one source"},
		{"FirstReportedLocator", "reported", "first_reported: [a, somewhere]\n", note.SeverityError, 5, `"somewhere" is not a locator`},
		{"DiscrepanciesNotList", "reported", "discrepancies: wrong\n", note.SeverityError, 5, "discrepancies must be a list"},
		{"DiscrepancyNotMap", "reported", "discrepancies:\n  - just text\n", note.SeverityError, 6, "discrepancy 1 must be a set of"},
		{"NoAbout", "reported", "discrepancies:\n  - values:\n      - value: x\n        sources: [a]\n        rank: preferred\n", note.SeverityError, 6, "has no about"},
		{"NoValues", "reported", "discrepancies:\n  - about: date\n", note.SeverityError, 6, `discrepancy "date" needs values`},
		{"NoSource", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        rank: preferred\n", note.SeverityError, 8, `the value "x" of discrepancy "date" has no source`},
		{"EmptySources", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        sources: []\n        rank: preferred\n", note.SeverityError, 8, "has no source"},
		{"BadRank", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        sources: [a]\n        rank: best\n", note.SeverityError, 10, `unknown rank "best"`},
		{"NoValueText", "reported", "discrepancies:\n  - about: date\n    values:\n      - sources: [a]\n", note.SeverityError, 8, "has no value"},
		{"UnknownValueKey", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        source: [a]\n        sources: [a]\n        rank: preferred\n", note.SeverityWarning, 9, `unknown key "source"`},
		{"NoPreferred", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        sources: [a]\n", note.SeverityWarning, 6, "has no preferred value"},
		{"TwoPreferred", "reported", "discrepancies:\n  - about: date\n    values:\n      - value: x\n        sources: [a]\n        rank: preferred\n      - value: y\n        sources: [b]\n        rank: preferred\n", note.SeverityWarning, 6, "has 2 preferred values"},
		{"VerdictOnReported", "reported", "verdict:\n  rating: false\n  reviewed: 2025-10-02\n  summary: No.\n", note.SeverityError, 5, "this event's status is reported"},
		{"VerdictBadRating", "claimed", "verdict:\n  rating: pants-on-fire\n  reviewed: 2025-10-02\n  summary: No.\n", note.SeverityError, 6, `verdict rating "pants-on-fire" is not one of`},
		{"VerdictNoRating", "disputed", "verdict:\n  reviewed: 2025-10-02\n  summary: No.\n", note.SeverityError, 6, `verdict rating "" is not one of`},
		{"VerdictMonth", "claimed", "verdict:\n  rating: false\n  reviewed: 2025-10\n  summary: No.\n", note.SeverityError, 7, "verdict reviewed must be the day"},
		{"VerdictNotMap", "claimed", "verdict: false\n", note.SeverityError, 5, "verdict must be a set of"},
		{"VerdictNoSummary", "claimed", "verdict:\n  rating: false\n  reviewed: 2025-10-02\n", note.SeverityWarning, 6, "the verdict has no summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(provenanceEvent(tt.status, tt.yaml)))
			var ds note.Diagnostics
			if tt.sev == note.SeverityError {
				if err == nil {
					t.Fatalf("no error")
				}
				ds = diagnostics(t, err)
			} else {
				if err != nil {
					t.Fatal(err)
				}
				ds = n.Warnings
			}
			for _, d := range ds {
				if d.Severity == tt.sev && d.Line == tt.line && strings.Contains(d.Message, tt.msg) {
					return
				}
			}
			t.Errorf("want %s at line %d containing %q; got\n%v", tt.sev, tt.line, tt.msg, ds)
		})
	}
}
