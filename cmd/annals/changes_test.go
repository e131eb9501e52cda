package main_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/history/historytest"
)

func TestChanges(t *testing.T) {
	content, data := filepath.Join(t.TempDir(), "content"), t.TempDir()
	if err := os.Mkdir(content, 0o755); err != nil {
		t.Fatal(err)
	}
	historytest.Init(t, filepath.Dir(content))
	old := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	note := func(title string, extra string) string {
		return "---\ntitle: " + title + "\ndate: 2018\n" + extra + "---\nText.\n"
	}
	historytest.Write(t, content, old, map[string]string{
		"events/alpha.md":   note("Alpha", ""),
		"events/bravo.md":   note("Bravo", ""),
		"actors/someone.md": "---\ntitle: Someone\n---\n",
	})
	historytest.Commit(t, content, time.Date(2024, 1, 10, 9, 0, 0, 0, time.UTC), "first notes")
	historytest.Write(t, content, old, map[string]string{
		"events/bravo.md": note("Bravo, revised", ""),
		"events/draft.md": note("Hidden draft", "draft: true\n"),
	})
	historytest.Commit(t, content, time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC), "revise bravo")

	r := annals(t, content, data, "changes", "--since", "2024-01-10", "--json")
	if r.code != 0 {
		t.Fatalf("changes: exit %d\n%s", r.code, r.stderr)
	}
	var got struct {
		Since   string
		Changes []struct{ Kind, ID, Title, Updated, URL string }
	}
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, r.stdout)
	}
	var lines []string
	for _, c := range got.Changes {
		lines = append(lines, c.Updated+" "+c.URL+" "+c.Title)
	}
	want := []string{
		"2024-03-05T09:00:00Z /events/bravo Bravo, revised",
		"2024-01-10T09:00:00Z /actors/someone Someone",
		"2024-01-10T09:00:00Z /events/alpha Alpha",
	}
	if got.Since != "2024-01-10T00:00:00Z" || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes since %s:\n%s\nwant since 2024-01-10T00:00:00Z:\n%s", got.Since, strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}

	r = annals(t, content, data, "changes", "--since", "2024-02-01T00:00:00Z")
	if r.code != 0 || !strings.Contains(r.stdout, "2024-03-05T09:00:00Z  event   /events/bravo  Bravo, revised\n1 note changed since 2024-02-01T00:00:00Z") {
		t.Errorf("changes --since 2024-02-01T00:00:00Z: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "draft") {
		t.Errorf("a draft is listed:\n%s", r.stdout)
	}

	r = annals(t, content, data, "changes", "--since", "01/02/2024")
	if r.code != 2 || !strings.Contains(r.stderr, `annals changes: --since "01/02/2024" is not a date: give a day as YYYY-MM-DD`) {
		t.Errorf("a bad date: exit %d\n%s", r.code, r.stderr)
	}
	r = annals(t, content, data, "changes", "--help")
	if r.code != 0 || !strings.Contains(r.stdout, "Usage: annals changes [--since DATE] [--json]") || !strings.Contains(r.stdout, "-since DATE") {
		t.Errorf("changes --help: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
