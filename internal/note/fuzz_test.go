package note_test

import (
	"testing"

	"annals.dev/annals/internal/note"
)

// FuzzParse checks that no input makes Parse panic, that failures are
// located diagnostics, and that whatever parses renders to HTML that cannot
// run script.
func FuzzParse(f *testing.F) {
	f.Add(string(readTestdata(f, "2018-07-brussels-summit.md")), uint8(0))
	f.Add(string(readTestdata(f, "stoltenberg-memoir.md")), uint8(1))
	f.Add("---\ntitle: Jens Stoltenberg\ntype: person\naliases: [Stoltenberg]\n---\nNorwegian.\n", uint8(2))
	f.Add(eventFront+"<img src=x onerror=alert(1)> [x](javascript:alert(1)) <javascript:alert(1)>", uint8(0))
	f.Add(eventFront+"[see @a, pp. 3-5, emphasis added; -@b, para. 4] [[x|y]] `[@c]` \\[@d]", uint8(0))
	f.Add("\ufeff---\r\ntitle: [unclosed\r\ndate: 2018-13-45\r\n---\r\n", uint8(0))
	f.Add("---\ntitle: T\ndate: 2018\n---\n| a |\n|---|\n| <script> |\n\n~~x~~ www.nato.int", uint8(0))
	kinds := []note.Kind{note.KindEvent, note.KindSource, note.KindActor}
	links := linker{"x": {"/events/x", "X"}, "js": {"javascript:alert(1)", "J"}}

	f.Fuzz(func(t *testing.T, src string, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		n, err := note.Parse("content/x/fuzz.md", kind, []byte(src))
		if err != nil {
			ds := diagnostics(t, err)
			if len(ds) == 0 {
				t.Fatal("error with no diagnostics")
			}
			for _, d := range ds {
				if d.Line < 1 || d.Message == "" || d.Severity != note.SeverityError {
					t.Errorf("bad diagnostic %+v", d)
				}
			}
			return
		}
		for _, c := range n.Citations {
			if c.Key == "" || c.Number < 1 || c.Line < n.BodyLine || c.Col < 1 {
				t.Errorf("bad citation %+v (body on line %d)", c, n.BodyLine)
			}
		}
		for _, l := range n.Links {
			if l.Target == "" || l.Line < n.BodyLine || l.Col < 1 {
				t.Errorf("bad link %+v (body on line %d)", l, n.BodyLine)
			}
		}
		h, err := note.RenderHTML(n.Body, links)
		if err != nil {
			t.Fatalf("RenderHTML: %v", err)
		}
		if why := unsafeHTML(h); why != "" {
			t.Errorf("RenderHTML(%q) is unsafe (%s):\n%s", n.Body, why, h)
		}
	})
}
