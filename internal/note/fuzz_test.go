package note_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

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
	f.Add("---\ntitle: T\ndate: 2018\nstatus: claimed\nfirst_reported: [@m, para. 4]\ndiscrepancies:\n  - about: d\n    values:\n      - value: \"2018-11\"\n        sources: [m]\n        rank: deprecated\n        note: n\nverdict:\n  rating: mixed\n  reviewed: 2019-01-02\n  summary: s\n---\nx [@m]", uint8(0))
	kinds := []note.Kind{note.KindEvent, note.KindSource, note.KindActor}
	links := linker{"x": {"/events/x", "X"}, "js": {"javascript:alert(1)", "J"}}

	f.Fuzz(func(t *testing.T, src string, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		n, err := note.Parse("content/x/fuzz.md", kind, []byte(src))
		if err != nil {
			// Warnings come with the errors, so the author fixes both at
			// once; at least one must be an error.
			ds := diagnostics(t, err)
			errs := 0
			for _, d := range ds {
				if d.Severity == note.SeverityError {
					errs++
				}
				if d.Line < 1 || d.Message == "" || d.Severity != note.SeverityError && d.Severity != note.SeverityWarning {
					t.Errorf("bad diagnostic %+v", d)
				}
			}
			if errs == 0 {
				t.Fatalf("error with no error diagnostic: %v", err)
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

// FuzzFrontMatter feeds arbitrary YAML between the "---" lines of each kind
// of note. Whatever the YAML, Parse must not panic, must point every
// diagnostic at a line of the file, and must place every value it read
// inside the front matter.
func FuzzFrontMatter(f *testing.F) {
	for _, name := range []string{"2018-07-brussels-summit.md", "stoltenberg-memoir.md"} {
		yml, _, _ := strings.Cut(strings.TrimPrefix(string(readTestdata(f, name)), "---\n"), "\n---\n")
		f.Add(yml, uint8(0))
		f.Add(yml, uint8(1))
	}
	for _, yml := range []string{
		"title: Jens Stoltenberg\ntype: person\naliases: [Stoltenberg, \"Jens\"]",
		"title: [unclosed\ndate: 2018",
		"title: T\ntitle: again\ndate: 2018",
		"title: T\ndate: {a: 1}\ntags: [[x], {y: z}]",
		"- a\n- b",
		"title: &a [*a]\ndate: 2018",
		"a: &a [x]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\ntitle: t\ndate: 2018",
		"title: !!binary aGVsbG8=\ndate: !!int 2018\ndraft: maybe",
		"title: |\n  many\n  lines\ndate: 2018?\nrelated: x",
		"title: T\ndate: 2018\nsources: ~\nactors: null\n? complex key\n: v",
		"title: \"\\u0000\"\ndate: 2018-07-11/..",
		"%YAML 1.2\n---\ntitle: T",
		"\ttitle: tab",
		"title: T\nissued: 2018-02-30\nURL: javascript:alert(1)\narchived: \"http://[::1\"",
		strings.Repeat("[", 200) + strings.Repeat("]", 200),
		"title: T\ndate: 2018\n" + strings.Repeat("  ", 100) + "deep: x",
	} {
		f.Add(yml, uint8(0))
	}
	kinds := []note.Kind{note.KindEvent, note.KindSource, note.KindActor}

	f.Fuzz(func(t *testing.T, yml string, k uint8) {
		kind := kinds[int(k)%len(kinds)]
		src := "---\n" + yml + "\n---\nBody [@key] [[link]].\n"
		lines := strings.Count(src, "\n") + 1
		n, err := note.Parse("content/x/fuzz.md", kind, []byte(src))
		if err != nil {
			for _, d := range diagnostics(t, err) {
				if d.Line < 1 || d.Line > lines || d.Col < 1 || d.Message == "" || d.Path != "content/x/fuzz.md" {
					t.Errorf("diagnostic %+v is outside the %d-line file or says nothing", d, lines)
				}
			}
			return
		}
		if n.Title == "" {
			t.Error("a note without a title parsed")
		}
		if n.BodyLine < 3 || n.BodyLine > lines {
			t.Errorf("body on line %d of a %d-line file", n.BodyLine, lines)
		}
		for key, line := range n.Lines {
			if line < 2 || line >= n.BodyLine {
				t.Errorf("key %q on line %d, outside the front matter (body on line %d)", key, line, n.BodyLine)
			}
			if p := n.ValuePos(key, 0); p.Line < 2 || p.Line >= n.BodyLine || p.Col < 1 {
				t.Errorf("value of %q at %+v, outside the front matter", key, p)
			}
		}
		for _, w := range n.Warnings {
			if w.Severity != note.SeverityWarning || w.Line < 1 || w.Line > lines {
				t.Errorf("bad warning %+v", w)
			}
		}
		if (kind == note.KindEvent) != (n.Event != nil) || (kind == note.KindSource) != (n.Source != nil) || (kind == note.KindActor) != (n.Actor != nil) {
			t.Errorf("a %s note came back as %+v", kind, n)
		}
	})
}

// FuzzCitationsAndLinks parses arbitrary bodies and checks that every
// citation and link it reports starts where the file has its "[" or "[[",
// so that diagnostics and footnotes point at what the author wrote.
func FuzzCitationsAndLinks(f *testing.F) {
	_, body, _ := strings.Cut(strings.TrimPrefix(string(readTestdata(f, "2018-07-brussels-summit.md")), "---\n"), "\n---\n")
	f.Add(body)
	for _, s := range []string{
		"[@a] [@b, p. 3] [see @c, pp. 3-5, emphasis added; -@d, para. 4] [@{odd key}, ch. xii]",
		"[[x]] [[x|label]] [[ |]] [[a|b|c]] [[[@k]]] [@k][[x]]",
		"mail me@example.com [x @y] [@] [@-] [@k](http://x) [@k][ref]",
		"`[@code]` \\[@escaped] [@k\\]] [@{a[b]c}]",
		"> quote [@q, ¶ 4]\n>\n> - item [[l]]\n\n    code [@c]\n\n| t [@t] |\n|---|\n| [[cell]] |",
		"é[@é, § 2] 𝔸[[𝔸|ü]] \t[@k, at 01:02:03]",
		"line one\r\nline two [@k]\r\n[[crlf]]",
		strings.Repeat("[@k] ", 200),
		strings.Repeat("[", 100) + "@k" + strings.Repeat("]", 100),
		"@k says, @k [p. 33] says, -@k, (@k), \\@NATO, [see @k](http://x/@k) [see @a,\np. 3]",
		"[@a p. 30] [see @a chap. 3] [@a, {pp. iv, vi-xi}] [@a, pp. iv, vi-xi] [@a, op. 5] [@a, no. 7]",
		"[@a,\n\n" + strings.Repeat("x\n", 10) + "]" + strings.Repeat("[@k,\n", 50),
	} {
		f.Add(s)
	}
	if src, err := os.ReadFile("../../testdata/conformance/pandoc/citations.md"); err == nil {
		f.Add(string(src))
	}

	f.Fuzz(func(t *testing.T, body string) {
		src := eventFront + body
		n, err := note.Parse("content/events/fuzz.md", note.KindEvent, []byte(src))
		if err != nil {
			for _, d := range diagnostics(t, err) {
				if d.Line < 1 || d.Message == "" {
					t.Errorf("bad diagnostic %+v", d)
				}
			}
			return
		}
		lines := strings.Split(src, "\n")
		at := func(line, col int) string {
			if line < 1 || line > len(lines) || col < 1 || col > len(lines[line-1]) {
				return ""
			}
			return lines[line-1][col-1:]
		}
		last := 0
		for _, c := range n.Citations {
			if c.Key == "" || c.Number < last || c.Number > last+1 {
				t.Errorf("citation %+v after footnote %d", c, last)
			}
			last = c.Number
			if opens := map[bool]string{false: "[", true: "@"}[c.InText]; !strings.HasPrefix(at(c.Line, c.Col), opens) {
				t.Errorf("citation %q at %d:%d, where the file has %.20q", c.Key, c.Line, c.Col, at(c.Line, c.Col))
			}
			if c.Locator.Value != "" && c.Locator.Label == "" {
				t.Errorf("locator %+v has a value but no label", c.Locator)
			}
		}
		for _, l := range n.Links {
			if strings.TrimSpace(l.Target) != l.Target || l.Target == "" || strings.ContainsAny(l.Target, "[]\n") {
				t.Errorf("link target %q", l.Target)
			}
			if !strings.HasPrefix(at(l.Line, l.Col), "[[") {
				t.Errorf("link %q at %d:%d, where the file has %.20q", l.Target, l.Line, l.Col, at(l.Line, l.Col))
			}
		}
	})
}

// FuzzRenderHTML renders arbitrary bodies, with a linker whose URLs are
// fuzzed too, and reads the output as a browser would: no script element,
// no event handler attribute and no script or data URL may come out.
func FuzzRenderHTML(f *testing.F) {
	_, body, _ := strings.Cut(strings.TrimPrefix(string(readTestdata(f, "2018-07-brussels-summit.md")), "---\n"), "\n---\n")
	f.Add(body, "/events/x")
	for _, s := range []struct{ body, href string }{
		{"<script>alert(1)</script> <img src=x onerror=alert(1)>", "/events/x"},
		{"[x](javascript:alert(1)) [y](JaVa\tScRiPt:1) [z](vbscript:1) [d](data:text/html,x)", "/events/x"},
		{"![i](data:image/png;base64,iVBORw0KGgo=) ![j](data:image/svg+xml,<svg onload=alert(1)>)", "/"},
		{"[[x]] [[x|label\" onclick=\"alert(1)]]", "javascript:alert(1)"},
		{"[[x]]", " javascript:alert(1)"},
		{"[[x]]", "\x01javascript:alert(1)"},
		{"[[x]]", "java\nscript:alert(1)"},
		{"[[x]]", "data:text/html;base64,PHNjcmlwdD4="},
		{"[[x]]", "https://example.org/\" onmouseover=\"alert(1)"},
		{"[r][r]\n\n[r]: <javascript:alert(1)> \"t\"", "/"},
		{"<javascript:alert(1)> <data:text/html,x> www.example.org/?q=<script>", "/"},
		{"```\"><script>\nx\n```\n\n<!-- <script> -->", "/"},
		{"[a](&#x6A;avascript:alert(1)) [b](&#0000106avascript:alert(1))", "/"},
		{"# h {onclick=alert(1)}\n\n| <b onclick=x> |\n|--|\n| ~~<svg/onload=x>~~ |", "/"},
	} {
		f.Add(s.body, s.href)
	}

	f.Fuzz(func(t *testing.T, body, href string) {
		h, err := note.RenderHTML(body, linker{"x": {href, "X"}})
		if err != nil {
			t.Fatalf("RenderHTML: %v", err)
		}
		if why := scriptRisk(h); why != "" {
			t.Errorf("RenderHTML(%q) with link %q is unsafe (%s):\n%s", body, href, why, h)
		}
	})
}

// scriptRisk parses h as the body of a page and returns why it could run
// script or load a script or data URL, or "" when it cannot.
func scriptRisk(h string) string {
	nodes, err := html.ParseFragment(strings.NewReader(h), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return "does not parse: " + err.Error()
	}
	var walk func(n *html.Node) string
	walk = func(n *html.Node) string {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Iframe, atom.Object, atom.Embed, atom.Svg, atom.Math, atom.Style, atom.Base, atom.Form:
				return "element <" + n.Data + ">"
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if strings.HasPrefix(key, "on") {
					return "event handler attribute " + key + " on <" + n.Data + ">"
				}
				if key == "href" || key == "src" || key == "srcset" || key == "action" || key == "formaction" {
					if scheme := scriptScheme(a.Val); scheme != "" {
						return key + " with " + scheme + " URL on <" + n.Data + ">"
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if why := walk(c); why != "" {
				return why
			}
		}
		return ""
	}
	for _, n := range nodes {
		if why := walk(n); why != "" {
			return why
		}
	}
	return ""
}

// scriptScheme returns the dangerous scheme a URL attribute value uses, as
// a browser reads it: ignoring case, whitespace and control characters.
func scriptScheme(v string) string {
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, v))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:"} {
		if strings.HasPrefix(v, scheme) {
			return scheme
		}
	}
	return ""
}

func TestScriptRiskChecker(t *testing.T) {
	// The checker must be able to fail, or FuzzRenderHTML proves nothing.
	for _, tc := range []struct {
		html string
		want bool
	}{
		{`<p>javascript:alert(1) and onerror=x and &lt;script&gt;</p>`, false},
		{`<p><a href="/events/x" title="x&quot; onclick=&quot;y">x</a></p>`, false},
		{`<p><a href="https://example.org/?u=javascript:1">x</a></p>`, false},
		{`<script>alert(1)</script>`, true},
		{`<p>x<img src=x onerror=alert(1)></p>`, true},
		{`<a href=" JaVa&#x09;Script:alert(1)">x</a>`, true},
		{`<img src="data:image/png;base64,AAAA">`, true},
		{`<a href="vbscript:x">x</a>`, true},
		{`<svg><a href="/x">x</a></svg>`, true},
	} {
		if got := scriptRisk(tc.html) != ""; got != tc.want {
			t.Errorf("scriptRisk(%q) found risk = %v, want %v", tc.html, got, tc.want)
		}
	}
}

// TestPathologicalBodies parses bodies built to make a parser slow: deep
// nesting, long runs of brackets, citations in a row. Each must be read,
// or refused with a located error, in bounded time. Before the bounds, a
// 160 kB line of "- " took minutes.
func TestPathologicalBodies(t *testing.T) {
	const n = 80000
	tests := []struct {
		name, body string
		line, col  int    // where the error points, 0 if the note parses
		says       string // what the error says
	}{
		{"NestedLists", strings.Repeat("- ", n) + "x", 6, 1, "this line nests 80000 lists or block quotes; annals reads at most 100 levels: flatten it"},
		{"NestedQuotes", "Intro.\n\n" + strings.Repeat("> ", n) + "x", 8, 1, "nests 80000 lists or block quotes"},
		{"QuoteMarkers", strings.Repeat(">", n) + "x", 6, 1, "nests 80000 lists or block quotes"},
		{"NumberedLists", strings.Repeat("1. ", n) + "x", 6, 1, "nests 80000 lists"},
		{"OpenBrackets", strings.Repeat("[", n) + "x" + strings.Repeat("]", n), 6, 101, "more than 100 brackets are open here"},
		{"OpenBracketsAcrossLines", strings.Repeat("[a\n", n), 106, 1, "more than 100 brackets are open here"},
		{"BracesInClusters", strings.Repeat("[{", n), 6, 201, "brackets are open"},
		{"ListsAtTheLimit", strings.Repeat("- ", 100) + "x\n\n" + strings.Repeat("[", 100) + "x" + strings.Repeat("]", 100), 0, 0, ""},
		{"BracketsClosedInTurn", strings.Repeat("[a] [[b]] ", n), 0, 0, ""},
		{"CitationsInARow", strings.Repeat("[@a] ", n), 6, 50001, "the note has more than 10000 citations: split it into smaller notes"},
		{"CitationsAfterParentheses", strings.Repeat("[@a])", n), 6, 50001, "more than 10000 citations"},
		{"CitationsAtTheLimit", strings.Repeat("Claim [@a]).\n", 10000), 0, 0, ""},
		{"Emphasis", strings.Repeat("*", n) + "x" + strings.Repeat("*", n), 0, 0, ""},
		{"Links", strings.Repeat("[a](", n) + "x" + strings.Repeat(")", n), 0, 0, ""},
		{"TableRows", "| a |\n|---|\n" + strings.Repeat("| x |\n", n), 0, 0, ""},
		{"Tags", strings.Repeat("<a ", n), 0, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(eventFront+tc.body))
			if err == nil {
				_, err = note.RenderHTML(n.Body, nil)
			}
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			if tc.says == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			ds := diagnostics(t, err)
			if len(ds) != 1 || ds[0].Line != tc.line || ds[0].Col != tc.col || !strings.Contains(ds[0].Message, tc.says) {
				t.Errorf("got %v, want %d:%d: %s", err, tc.line, tc.col, tc.says)
			}
		})
	}
}
