package export_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals.dev/annals/internal/export"
)

type feed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Author  string   `xml:"author>name"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary    string `xml:"summary"`
		Content    string `xml:"content"`
		Categories []struct {
			Term string `xml:"term,attr"`
		} `xml:"category"`
	} `xml:"entry"`
}

func TestAtomFeed(t *testing.T) {
	content := t.TempDir()
	// Outside git, a note's last change is its file's time.
	changed := map[string]time.Time{
		"a": time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC),
		"b": time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC),
		"c": time.Date(2024, 1, 1, 12, 0, 0, 0, time.UTC),
		"d": time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC),
	}
	for id, text := range map[string]string{
		"a": event("Oldest", "2016-11-18", "summary: First contact.\n"),
		"b": event("Middle", "2018", "tags: [summits, norway]\n"),
		"c": event("Newest & <latest>", "2035", "summary: \"A deadline with <b>markup</b> & \\u0001 a control character.\"\n"),
		"d": event("Same year, later id", "2018", ""),
	} {
		p := filepath.Join(content, "events", id+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, changed[id], changed[id]); err != nil {
			t.Fatal(err)
		}
	}
	c := loadDir(t, content)
	out, _ := write(t, export.Atom, c)
	var f feed
	if err := xml.Unmarshal([]byte(out), &f); err != nil {
		t.Fatalf("the feed is not XML: %v\n%s", err, out)
	}
	var titles []string
	for _, e := range f.Entries {
		titles = append(titles, e.Title)
	}
	// The latest change first; of two changed at once, the latest event.
	want := []string{"Oldest", "Same year, later id", "Newest & <latest>", "Middle"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("entries %q, want the latest change first %q", titles, want)
	}
	if f.Updated != "2024-03-01T12:00:00Z" || f.Entries[0].Updated != "2024-03-01T12:00:00Z" || f.Entries[3].Updated != "2024-01-01T12:00:00Z" {
		t.Errorf("feed updated %q, entries %q … %q: want the notes' last changes", f.Updated, f.Entries[0].Updated, f.Entries[3].Updated)
	}
	if f.ID != base+"/" || f.Title == "" || f.Author == "" {
		t.Errorf("feed id %q, title %q, author %q", f.ID, f.Title, f.Author)
	}
	self := false
	for _, l := range f.Links {
		self = self || (l.Rel == "self" && l.Href == base+"/export/feed.atom")
	}
	if !self {
		t.Errorf("no self link to %s/export/feed.atom: %+v", base, f.Links)
	}
	feedUpdated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil {
		t.Errorf("feed updated %q: %v", f.Updated, err)
	}
	ids := map[string]bool{}
	for _, e := range f.Entries {
		up, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("%s: updated %q: %v", e.Title, e.Updated, err)
		}
		if up.After(feedUpdated) {
			t.Errorf("%s updated %s, after the feed's %s", e.Title, up, feedUpdated)
		}
		if !strings.HasPrefix(e.ID, base+"/events/") || e.Link.Href != e.ID || ids[e.ID] {
			t.Errorf("%s: id %q, link %q: want a unique permalink", e.Title, e.ID, e.Link.Href)
		}
		ids[e.ID] = true
	}
	newest := f.Entries[2]
	if !strings.Contains(newest.Content, "<p>A deadline with &lt;b&gt;markup&lt;/b&gt; &amp;") {
		t.Errorf("content does not carry the summary as escaped HTML: %q", newest.Content)
	}
	if newest.Summary != "2035. A deadline with <b>markup</b> & \uFFFD a control character." {
		t.Errorf("summary = %q", newest.Summary)
	}
	if len(f.Entries[3].Categories) != 2 || f.Entries[3].Categories[0].Term != "summits" {
		t.Errorf("categories of %q = %+v, want its tags", f.Entries[3].Title, f.Entries[3].Categories)
	}

	// The same notes give the same feed: ids and dates do not change
	// between exports.
	again, _ := write(t, export.Atom, c)
	if again != out {
		t.Errorf("a second export differs:\n%s\nfirst:\n%s", again, out)
	}
}
