package export_test

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/export"
)

// csvNotes has cells a spreadsheet would misread: formulas, separators,
// quotes, line breaks, and dates of every shape.
var csvNotes = map[string]string{
	"events/summit.md": event("Brussels summit, day two", "2018-07-11/2018-07-12",
		"place: brussels\nactors: [jens, Donald Trump]\ntags: [summits, defence-spending]\nstatus: claimed\nclaimed_by: jens\n"+
			"sources: [report]\nsummary: \"He said \\\"pay\\\",\\nthen left.\"\n"),
	"events/formula.md":  event(`=HYPERLINK("http://evil.example","click")`, "2019", "summary: \"+1+cmd|' /C calc'!A0\"\ntags: [\"@SUM(A1)\"]\n"),
	"events/minus.md":    event("-2+3", "2020-05~", ""),
	"events/bce.md":      event("Ides of March", "-0043-03-15", ""),
	"events/open.md":     event("Open-ended", "2025/..", ""),
	"events/decade.md":   event("A decade", "201X", ""),
	"sources/report.md":  "---\ntitle: A report\ntype: report\n---\n",
	"actors/jens.md":     "---\ntitle: Jens Stoltenberg\ntype: person\n---\n",
	"places/brussels.md": "---\ntitle: Brussels\ncoordinates: [50.8467, 4.3525]\ncountry: BE\n---\n",
	"events/drafted.md":  event("Secret", "2018", "draft: true\n"),
	"sources/hidden.md":  "---\ntitle: Hidden\ntype: report\ndraft: true\n---\n",
	"events/citer.md":    event("Cites a draft", "2021", "sources: [hidden, report]\n"),
	"events/unicode.md":  event("Møte i Oslo – «Kan vi sparke dem ut?»", "2018-05-17", "place: Oslo\n"),
}

func TestCSV(t *testing.T) {
	c := load(t, csvNotes)
	out, diags := write(t, export.CSV, c)
	if len(diags) > 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	if !strings.HasSuffix(out, "\r\n") || strings.Count(out, "\r\n") < len(c.Events)+1 {
		t.Errorf("rows do not end in CRLF as RFC 4180 says:\n%q", out)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the export: %v\n%s", err, out)
	}
	header := []string{"id", "title", "date", "start", "end", "display", "place", "latitude", "longitude", "actors", "tags",
		"status", "claimed_by", "sources", "summary", "url"}
	if !reflect.DeepEqual(rows[0], header) {
		t.Fatalf("header = %q, want %q", rows[0], header)
	}
	byID := map[string]map[string]string{}
	var order []string
	for _, r := range rows[1:] {
		if len(r) != len(header) {
			t.Fatalf("row has %d cells, want %d: %q", len(r), len(header), r)
		}
		m := map[string]string{}
		for i, h := range header {
			m[h] = r[i]
		}
		byID[m["id"]] = m
		order = append(order, m["id"])
	}
	wantOrder := []string{"bce", "decade", "unicode", "summit", "formula", "minus", "citer", "open"}
	if !reflect.DeepEqual(order, wantOrder) {
		t.Errorf("rows in order %q, want date order %q", order, wantOrder)
	}
	tests := []struct{ id, col, want string }{
		{"summit", "title", "Brussels summit, day two"},
		{"summit", "date", "2018-07-11/2018-07-12"},
		{"summit", "start", "2018-07-11"},
		{"summit", "end", "2018-07-12"},
		{"summit", "display", "11–12 July 2018"},
		{"summit", "place", "Brussels"},
		{"summit", "latitude", "50.8467"},
		{"summit", "longitude", "4.3525"},
		{"unicode", "place", "Oslo"},
		{"unicode", "latitude", ""},
		{"summit", "actors", "Jens Stoltenberg; Donald Trump"},
		{"summit", "tags", "summits; defence-spending"},
		{"summit", "status", "claimed"},
		{"summit", "claimed_by", "Jens Stoltenberg"},
		{"summit", "sources", "report"},
		{"summit", "summary", "He said \"pay\", then left."},
		{"summit", "url", base + "/events/summit"},
		{"minus", "status", "reported"},
		{"minus", "start", "2020-05-01"},
		{"minus", "end", "2020-05-31"},
		{"decade", "start", "2010-01-01"},
		{"decade", "end", "2019-12-31"},
		{"open", "start", "2025-01-01"},
		{"open", "end", ""},
		{"bce", "start", "'-0043-03-15"},
		{"bce", "date", "'-0043-03-15"},
		{"citer", "sources", "report"},
		{"unicode", "title", "Møte i Oslo – «Kan vi sparke dem ut?»"},
		// Formula-looking cells come back as text that starts with an
		// apostrophe, which spreadsheets show and never evaluate.
		{"formula", "title", `'=HYPERLINK("http://evil.example","click")`},
		{"formula", "summary", "'+1+cmd|' /C calc'!A0"},
		{"formula", "tags", "'@sum(a1)"},
		{"minus", "title", "'-2+3"},
	}
	for _, tt := range tests {
		if got := byID[tt.id][tt.col]; got != tt.want {
			t.Errorf("%s %s = %q, want %q", tt.id, tt.col, got, tt.want)
		}
	}
	for _, s := range []string{"drafted", "Secret", "hidden"} {
		if strings.Contains(out, s) {
			t.Errorf("the export mentions the draft %q", s)
		}
	}

	// A reader other than Go's: Python's csv module, as spreadsheet
	// scripts and pandas' python engine read files, must see the same rows.
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed")
	}
	file := filepath.Join(t.TempDir(), "events.csv")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    json.dump(list(csv.reader(f)), sys.stdout)`
	cmd := exec.Command(python, "-c", script, file)
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var pyRows [][]string
	if err := json.Unmarshal(got, &pyRows); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pyRows, rows) {
		t.Errorf("Python's csv module reads other rows than encoding/csv:\n%q\n%q", pyRows, rows)
	}
}
