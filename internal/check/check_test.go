package check_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
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
	if res.Notes != 35 {
		t.Errorf("Notes = %d, want 35", res.Notes)
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
		{note.SeverityError, "unknown citation key @no-such-atlas"},
		{note.SeverityError, "first_reported names"},
		{note.SeverityError, "unknown source \"ghost\" for the value"},
		{note.SeverityError, "has no source: add sources:"},
		{note.SeverityError, "discrepancies must be a list"},
		{note.SeverityWarning, "has no preferred value"},
		{note.SeverityWarning, "has 2 preferred values"},
		{note.SeverityError, "a verdict reviews a claim"},
		{note.SeverityError, "verdict rating \"pants-on-fire\""},
		{note.SeverityError, "verdict reviewed must be the day"},
		{note.SeverityError, "is not in the stored text of @memo"},
		{note.SeverityError, "not in para. 2: fix the locator"},
		{note.SeverityError, "is past the end of the stored text"},
		{note.SeverityError, "via cycle: cycle-a → cycle-b → cycle-a"},
		{note.SeverityWarning, "this citation says nowhere in it"},
		{note.SeverityWarning, "cites no source, while others in this event do"},
		{note.SeverityWarning, "is no longer only jane-doe's claim"},
		{note.SeverityWarning, "should say who disputes it"},
		{note.SeverityWarning, "rests on one account"},
		{note.SeverityWarning, "should say when it was read"},
		{note.SeverityWarning, "invalid UTF-8 (byte 0xe9): save the text as UTF-8; until then the quotations citing @web-page are not checked"},
		{note.SeverityWarning, "so this stored text checks nothing"},
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
		"events/placed.md": true, "places/brussels.md": true, "events/provenance/quiet.md": true,
		"events/disputed-by.md": true, "events/confirmed-twice.md": true, "sources/memo.md": true, "sources/memo.txt": true,
		"sources/web-page-read.md": true}
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

// TestDisputedWithDiscrepancies: a disputed event that records where the
// dispute lies, in discrepancies, need not name who disputes it.
func TestDisputedWithDiscrepancies(t *testing.T) {
	parse := func(path string, kind note.Kind, src string) *note.Note {
		t.Helper()
		n, err := note.Parse(path, kind, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	source := parse("content/sources/memo.md", note.KindSource, "---\ntitle: Memo\nissued: 2020\n---\n")
	for _, tc := range []struct {
		front string
		warn  bool
	}{
		{"status: disputed\n", true},
		{"status: disputed\ndiscrepancies:\n  - about: when\n    values:\n      - value: \"2019\"\n        sources: [memo]\n        rank: preferred\n", false},
		{"status: disputed\ndisputed_by: [A Minister]\n", false},
		{"status: reported\n", false},
	} {
		ev := parse("content/events/e.md", note.KindEvent, "---\ntitle: E\ndate: 2019\n"+tc.front+"---\nIt happened. [@memo, p. 1]\n")
		warned := false
		for _, d := range check.Notes([]*note.Note{ev, source}, nil) {
			warned = warned || strings.Contains(d.Message, "should say who disputes it")
		}
		if warned != tc.warn {
			t.Errorf("%q: warned = %v, want %v", tc.front, warned, tc.warn)
		}
	}
}

// TestInTextCitationNamingNoSource checks that an in-text @word naming no
// source, such as a handle, is a warning, while a bracketed citation
// naming no source stays an error.
func TestInTextCitationNamingNoSource(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"events/e.md":     "---\ntitle: E\ndate: 2018\n---\nAs @NATO said, @memo [p. 3] agrees [@lost].\n",
		"sources/memo.md": "---\ntitle: Memo\n---\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := check.Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diagnostics {
		if strings.Contains(d.Message, "@") {
			got = append(got, fmt.Sprintf("%d:%d: %s: %.40s", d.Line, d.Col, d.Severity, d.Message))
		}
	}
	want := []string{
		"5:4: warning: @NATO names no source, so it is shown as",
		"5:36: error: unknown citation key @lost: no source ha",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
