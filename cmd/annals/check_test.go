package main_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

func TestCheck(t *testing.T) {
	content := copyContent(t)
	data := t.TempDir()

	r := annals(t, content, data, "check")
	if r.code != 0 || !strings.Contains(r.stderr, "0 errors") {
		t.Fatalf("check of the shipped content: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}

	// A new event with an unknown key, a link to nowhere and a missing
	// claimant: exact positions on stdout, a count on stderr, exit 1.
	writeNote(t, content, "events/2019-new.md", `---
title: A new event
date: 2019-02
status: claimed
related: [2018-07-12-nato-summit-withdrawal-threat, nowhere]
---
Allies met again. [@no-such-source, p. 3]
`)
	r = annals(t, content, data, "check")
	path := filepath.ToSlash(filepath.Join(content, "events", "2019-new.md"))
	for _, want := range []string{
		path + ":4:9: warning: a claimed event should say who claims it",
		path + ":5:53: error: related event \"nowhere\" does not exist",
		path + ":7:19: error: unknown citation key @no-such-source",
	} {
		if !strings.Contains(r.stdout, want+"") {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 1 || !strings.Contains(r.stderr, "2 errors") {
		t.Errorf("exit %d, stderr %q; want 1 and a count of 2 errors", r.code, r.stderr)
	}
	// Lines are sorted by path: the new event comes before the sources.
	if i, j := strings.Index(r.stdout, "2019-new.md"), strings.Index(r.stdout, "sources/"); j >= 0 && i > j {
		t.Errorf("diagnostics not sorted by path:\n%s", r.stdout)
	}

	// check writes nothing into the data folder.
	if entries, _ := filepath.Glob(filepath.Join(data, "*")); len(entries) != 0 {
		t.Errorf("check wrote %v", entries)
	}

	r, out := checkJSON(t, content, data)
	if r.code != 1 || out.Errors != 2 || out.Notes != countNotes(t, content, "") || len(out.Diagnostics) != out.Errors+out.Warnings {
		t.Errorf("--json: exit %d, %+v", r.code, out)
	}
	found := false
	for _, d := range out.Diagnostics {
		found = found || d.Path == path && d.Line == 5 && d.Col == 53 && d.Severity == "error"
	}
	if !found {
		t.Errorf("--json lacks the related error at 5:53: %+v", out.Diagnostics)
	}
}

// checkReport is what "annals check --json" prints.
type checkReport struct {
	Notes, Errors, Warnings int
	Diagnostics             note.Diagnostics
}

// checkJSON runs "annals check --json" on content and reads what it prints.
func checkJSON(t *testing.T, content, data string) (result, checkReport) {
	t.Helper()
	r := annals(t, content, data, "check", "--json")
	var out checkReport
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("--json: %v\n%s", err, r.stdout)
	}
	return r, out
}
