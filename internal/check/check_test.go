package check_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/check"
	"annals.dev/annals/internal/note"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestDiagnostics runs the check over a folder holding one of every
// problem and compares every diagnostic, with its line and column, against
// testdata/check.golden.
func TestDiagnostics(t *testing.T) {
	res, err := check.Run(context.Background(), filepath.Join("testdata", "content"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, d := range res.Diagnostics {
		b.WriteString(d.Error() + "\n")
	}
	golden := filepath.Join("testdata", "check.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		t.Errorf("diagnostics differ from %s (run with -update if the change is right):\n--- got\n%s--- want\n%s", golden, got, want)
	}
	// The notes and bibliography entries that broke no rule of their own
	// are all counted.
	if res.Notes != 21 {
		t.Errorf("Notes = %d, want 21", res.Notes)
	}
}

// TestEveryRule makes sure the fixture keeps exercising each rule the
// command's help promises, so the golden file cannot silently lose one.
func TestEveryRule(t *testing.T) {
	res, err := check.Run(context.Background(), filepath.Join("testdata", "content"))
	if err != nil {
		t.Fatal(err)
	}
	rules := []struct {
		sev  note.Severity
		text string
	}{
		{note.SeverityError, "invalid YAML"},
		{note.SeverityError, "missing title"},
		{note.SeverityError, "missing date"},
		{note.SeverityError, "invalid EDTF date"},
		{note.SeverityError, "unknown citation key @"},
		{note.SeverityError, "in sources: no source"},
		{note.SeverityError, "unknown link [["},
		{note.SeverityError, "names a source, and links name events"},
		{note.SeverityError, "related event"},
		{note.SeverityError, "via source"},
		{note.SeverityError, "claimed_by"},
		{note.SeverityError, "duplicate id"},
		{note.SeverityWarning, "cites no source"},
		{note.SeverityWarning, "no event cites this source"},
		{note.SeverityWarning, "should say who claims it"},
		{note.SeverityWarning, "issued before the event"},
		{note.SeverityWarning, "secondary source"},
		{note.SeverityWarning, "unknown key"},
		{note.SeverityWarning, "is used instead of this entry"},
		{note.SeverityError, "latitude 95 is out of range"},
		{note.SeverityError, "names no place: create content/places/"},
		{note.SeverityWarning, "is taken to be brussels"},
		{note.SeverityError, "first_reported names"},
		{note.SeverityError, "unknown source \"ghost\" for the value"},
		{note.SeverityError, "has no source: add sources:"},
		{note.SeverityError, "discrepancies must be a list"},
		{note.SeverityWarning, "has no preferred value"},
		{note.SeverityWarning, "has 2 preferred values"},
		{note.SeverityError, "a verdict reviews a claim"},
		{note.SeverityError, "verdict rating \"pants-on-fire\""},
		{note.SeverityError, "verdict reviewed must be the day"},
	}
	for _, r := range rules {
		found := false
		for _, d := range res.Diagnostics {
			found = found || d.Severity == r.sev && strings.Contains(d.Message, r.text)
		}
		if !found {
			t.Errorf("no %s containing %q", r.sev, r.text)
		}
	}
	quiet := map[string]bool{"events/good.md": true, "events/planned.md": true, "sources/report.md": true, "actors/jane-doe.md": true,
		"events/placed.md": true, "places/brussels.md": true, "events/provenance/quiet.md": true}
	for _, d := range res.Diagnostics {
		if quiet[strings.TrimPrefix(d.Path, "testdata/content/")] {
			t.Errorf("a note with nothing wrong was reported: %v", d)
		}
	}
}

// TestShippedContent keeps the collection that ships with annals free of
// errors.
func TestShippedContent(t *testing.T) {
	res, err := check.Run(context.Background(), filepath.Join("..", "..", "content"))
	if err != nil {
		t.Fatal(err)
	}
	if res.Notes < 20 {
		t.Fatalf("only %d notes checked", res.Notes)
	}
	for _, d := range res.Diagnostics {
		if d.Severity == note.SeverityError {
			t.Error(d)
		}
	}
}
