package web_test

import (
	"regexp"
	"strings"
	"testing"
)

var (
	controlRE = regexp.MustCompile(`<(input|select|textarea)\b[^>]*>`)
	idRE      = regexp.MustCompile(`\bid="([^"]+)"`)
	typeRE    = regexp.MustCompile(`\btype="([^"]+)"`)
)

// TestLandmarks checks what assistive technology relies on, page by page:
// the header, navigation, main and footer landmarks, exactly one h1, and a
// label for every form control.
func TestLandmarks(t *testing.T) {
	h := newServerWith(t, withNotes(map[string]string{
		"events/2022-headings.md": "---\ntitle: Headings in the body\ndate: 2022\n---\n# A body heading\n\nText.\n\n## Sub\n",
	}))
	paths := []string{
		"/", "/?tag=summits", "/?from=July",
		"/events/2018-07-summit", "/events/2022-headings", "/events/2020-hostile",
		"/sources", "/sources/memoir", "/actors/jens-stoltenberg", "/tags/summits",
		"/search", "/search?q=brussels", "/search?q=x&from=July",
		"/changes", "/changes?since=2000-01-01", "/changes?since=soon",
		"/events/no-such-event", "/no/such/page",
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			body := get(t, h, path).Body.String()
			for _, l := range []string{"<header>", `<nav aria-label="Site">`, "<main>", "</main>", "<footer>"} {
				if !strings.Contains(body, l) {
					t.Errorf("no %s", l)
				}
			}
			if n := strings.Count(body, "<h1"); n != 1 {
				t.Errorf("%d h1 elements, want 1", n)
			}
			for _, c := range controlRE.FindAllString(body, -1) {
				if m := typeRE.FindStringSubmatch(c); m != nil && (m[1] == "hidden" || m[1] == "submit") {
					continue
				}
				m := idRE.FindStringSubmatch(c)
				if m == nil {
					t.Errorf("control without id: %s", c)
					continue
				}
				if !strings.Contains(body, `<label for="`+m[1]+`">`) {
					t.Errorf("control without label: %s", c)
				}
			}
		})
	}
	// The body's own headings are moved down a level, not dropped.
	body := get(t, h, "/events/2022-headings").Body.String()
	for _, s := range []string{`<h2 id="a-body-heading">A body heading</h2>`, `<h3 id="sub">Sub</h3>`} {
		if !strings.Contains(body, s) {
			t.Errorf("event body lacks %q", s)
		}
	}
}
