package web_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/history/historytest"
	"annals.dev/annals/internal/index"
	"annals.dev/annals/internal/web"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func historyEvent(title, date string, extra string) string {
	return "---\ntitle: " + title + "\ndate: \"" + date + "\"\n" + extra + "---\n" + title + ".\n"
}

// openLibrary indexes the content folder as it is.
func openLibrary(t *testing.T, content string) *index.Library {
	t.Helper()
	lib, err := index.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { lib.Close() })
	update(t, lib, content)
	return lib
}

func update(t *testing.T, lib *index.Library, content string) {
	t.Helper()
	rep, err := lib.Update(context.Background(), index.Options{Content: content})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Errors() > 0 {
		t.Fatalf("notes have errors:\n%s", rep.Diagnostics.Error())
	}
}

// apiUpdated returns the "updated" of /api/events/{id}.
func apiUpdated(t *testing.T, h http.Handler, id string) string {
	t.Helper()
	w := get(t, h, "/api/events/"+id)
	if w.Code != http.StatusOK {
		t.Fatalf("/api/events/%s: %d %s", id, w.Code, w.Body)
	}
	var e struct{ Updated string }
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatal(err)
	}
	return e.Updated
}

// changesList returns the links /changes lists, in order.
func changesList(t *testing.T, h http.Handler, query string) []string {
	t.Helper()
	w := get(t, h, "/changes"+query)
	if w.Code != http.StatusOK {
		t.Fatalf("/changes%s: %d %s", query, w.Code, w.Body)
	}
	list := w.Body.String()
	if i := strings.Index(list, `<ol class="changes">`); i >= 0 {
		list = list[i:]
	} else {
		return nil
	}
	var out []string
	for _, m := range regexp.MustCompile(`<time datetime="([^"]+)">[^<]*</time> · <span class="kind">\w+</span> · <a href="([^"]+)">`).FindAllStringSubmatch(list, -1) {
		out = append(out, m[2]+" "+m[1])
	}
	return out
}

func feedEntries(t *testing.T, h http.Handler) []string {
	t.Helper()
	var f struct {
		Updated string `xml:"updated"`
		Entries []struct {
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal(get(t, h, "/export/feed.atom").Body.Bytes(), &f); err != nil {
		t.Fatal(err)
	}
	out := []string{"feed " + f.Updated}
	for _, e := range f.Entries {
		out = append(out, e.ID[strings.LastIndex(e.ID, "/")+1:]+" "+e.Updated)
	}
	return out
}

// TestGitHistory reads notes' last changes back from commits made at
// known times: a note's last commit, or its file's time while it has
// changes not committed.
func TestGitHistory(t *testing.T) {
	content := t.TempDir()
	historytest.Init(t, content)
	old := day("2020-01-01")
	historytest.Write(t, content, old, map[string]string{
		"events/a.md":     historyEvent("Alpha", "2018", ""),
		"events/b.md":     historyEvent("Bravo", "2019", ""),
		"places/hague.md": "---\ntitle: The Hague\n---\n",
	})
	historytest.Commit(t, content, day("2024-01-10"), "add alpha and bravo")
	historytest.Write(t, content, old, map[string]string{"events/a.md": historyEvent("Alpha, revised", "2018", "")})
	historytest.Commit(t, content, day("2024-05-01"), "revise alpha")
	historytest.Write(t, content, old, map[string]string{"events/d.md": historyEvent("Draft", "2021", "draft: true\n")})
	historytest.Commit(t, content, day("2024-06-10"), "a draft")
	// Charlie is written but not committed: its file's time counts.
	historytest.Write(t, content, day("2024-06-01"), map[string]string{"events/c.md": historyEvent("Charlie", "2020", "")})

	lib := openLibrary(t, content)
	h := web.NewServer(lib, web.Options{})
	for id, want := range map[string]string{"a": "2024-05-01T00:00:00Z", "b": "2024-01-10T00:00:00Z", "c": "2024-06-01T00:00:00Z"} {
		if got := apiUpdated(t, h, id); got != want {
			t.Errorf("/api/events/%s updated %q, want %q", id, got, want)
		}
	}
	page := get(t, h, "/events/a").Body.String()
	if !strings.Contains(page, `<dt>Last updated</dt><dd><time datetime="2024-05-01T00:00:00Z">1 May 2024</time></dd>`) {
		t.Errorf("the event page does not say when it was last updated:\n%s", page)
	}

	wantFeed := []string{"feed 2024-06-01T00:00:00Z", "c 2024-06-01T00:00:00Z", "a 2024-05-01T00:00:00Z", "b 2024-01-10T00:00:00Z"}
	if got := feedEntries(t, h); strings.Join(got, "|") != strings.Join(wantFeed, "|") {
		t.Errorf("feed %q, want the latest change first %q", got, wantFeed)
	}

	wantChanges := []string{"/events/c 2024-06-01T00:00:00Z", "/events/a 2024-05-01T00:00:00Z"}
	if got := changesList(t, h, "?since=2024-02-01"); strings.Join(got, "|") != strings.Join(wantChanges, "|") {
		t.Errorf("/changes?since=2024-02-01 lists %q, want %q", got, wantChanges)
	}
	// The day counts from its start; the place, changed then too, links
	// to its page.
	if got := changesList(t, h, "?since=2024-01-10"); len(got) != 4 || got[2] != "/events/b 2024-01-10T00:00:00Z" || got[3] != "/places/hague 2024-01-10T00:00:00Z" {
		t.Errorf("/changes?since=2024-01-10 lists %q, want c, a, b and the place hague", got)
	}
	if body := get(t, h, "/changes?since=2000-01-01").Body.String(); strings.Contains(body, "Draft") || strings.Contains(body, "/events/d") {
		t.Errorf("/changes lists a draft:\n%s", body)
	}

	// Committing Charlie changes no file, yet dates it by the commit; a
	// new commit to Bravo moves it to the top.
	historytest.Commit(t, content, day("2024-08-01"), "add charlie")
	historytest.Write(t, content, old, map[string]string{"events/b.md": historyEvent("Bravo, revised", "2019", "")})
	historytest.Commit(t, content, day("2024-09-01"), "revise bravo")
	update(t, lib, content)
	wantFeed = []string{"feed 2024-09-01T00:00:00Z", "b 2024-09-01T00:00:00Z", "c 2024-08-01T00:00:00Z", "a 2024-05-01T00:00:00Z"}
	if got := feedEntries(t, h); strings.Join(got, "|") != strings.Join(wantFeed, "|") {
		t.Errorf("after two commits the feed is %q, want %q", got, wantFeed)
	}

	// A history rewritten (the last commit undone, its change kept in
	// the file) dates Bravo by its file again.
	historytest.Git(t, content, time.Time{}, "reset", "-q", "--soft", "HEAD~1")
	update(t, lib, content)
	if got := apiUpdated(t, h, "b"); got != "2020-01-01T00:00:00Z" {
		t.Errorf("after the commit was undone Bravo is updated %q, want its file's time", got)
	}
}

// TestNoGit dates notes by their files when git is not installed, even in
// a repository, and does not fail.
func TestNoGit(t *testing.T) {
	content := t.TempDir()
	historytest.Init(t, content)
	historytest.Write(t, content, day("2023-03-03"), map[string]string{"events/a.md": historyEvent("Alpha", "2018", "")})
	historytest.Commit(t, content, day("2024-01-10"), "add alpha")
	lib := openLibrary(t, content)
	h := web.NewServer(lib, web.Options{})
	if got := apiUpdated(t, h, "a"); got != "2024-01-10T00:00:00Z" {
		t.Fatalf("with git, updated %q, want the commit's time", got)
	}

	t.Setenv("PATH", t.TempDir())
	update(t, lib, content)
	if got := apiUpdated(t, h, "a"); got != "2023-03-03T00:00:00Z" {
		t.Errorf("without git, updated %q, want the file's time", got)
	}
	if got := changesList(t, h, "?since=2023-01-01"); len(got) != 1 {
		t.Errorf("without git, /changes lists %q", got)
	}
	fresh := openLibrary(t, content)
	if got := apiUpdated(t, web.NewServer(fresh, web.Options{}), "a"); got != "2023-03-03T00:00:00Z" {
		t.Errorf("a first index without git: updated %q, want the file's time", got)
	}
}

func TestChangesBadSince(t *testing.T) {
	h := newServer(t)
	w := get(t, h, "/changes?since=last+week")
	if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "&#34;last week&#34; is not a date: give a day as YYYY-MM-DD") {
		t.Errorf("/changes?since=last+week: %d\n%s", w.Code, w.Body)
	}
	if !strings.Contains(w.Body.String(), `<form action="/changes"`) {
		t.Errorf("the page with the error has no form to try again")
	}
}
