package note_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

func TestRenderHTMLSafety(t *testing.T) {
	bodies := []string{
		"<script>alert(1)</script>",
		"Text <script>alert(1)</script> inline.",
		"<img src=x onerror=alert(1)>",
		"Inline <img src=x onerror=alert(1)> image.",
		"<div onclick=\"alert(1)\">block</div>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<a href=\"javascript:alert(1)\">x</a>",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](java&#x73;cript:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](<java\tscript:alert(1)>)",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html,<script>alert(1)</script>)",
		"![x](javascript:alert(1))",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"<javascript:alert(1)>",
		"[x](/ok \"t\" onclick=\"alert(1)\")",
		"[x](/ok 'a\" onclick=\"alert(1)')",
		"```js\" onclick=\"alert(1)\ncode\n```",
		"| a |\n|---|\n| <script>alert(1)</script> |",
		"~~<img src=x onerror=alert(1)>~~",
		"# Heading onclick=alert(1)",
		"[@x\" onmouseover=\"alert(1)]",
	}
	for _, body := range bodies {
		h, err := note.RenderHTML(body, nil)
		if err != nil {
			t.Fatalf("RenderHTML(%q): %v", body, err)
		}
		if why := unsafeHTML(h); why != "" {
			t.Errorf("RenderHTML(%q) is unsafe (%s):\n%s", body, why, h)
		}
	}
}

func TestRenderHTML(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"Citation", "Trump spoke [@reuters].",
			[]string{`<p>Trump spoke <sup class="cite"><a href="#fn-1" id="fnref-1" role="doc-noteref">1</a> <a class="statement" id="s-cfea2173" href="#s-cfea2173" aria-label="Link to this statement" title="Link to this statement">¶</a></sup>.</p>`}},
		{"CitationsNumbered", "One [@a]. Two [@b; @c].\n\nThree [@a].", []string{
			`<a href="#fn-1" id="fnref-1" role="doc-noteref">1</a>`,
			`<a href="#fn-2" id="fnref-2" role="doc-noteref">2</a>`,
			`<a href="#fn-3" id="fnref-3" role="doc-noteref">3</a>`,
		}},
		{"Emphasis", "*a* **b**", []string{"<p><em>a</em> <strong>b</strong></p>"}},
		{"Link", "[NATO](https://www.nato.int/)", []string{`<a href="https://www.nato.int/">NATO</a>`}},
		{"Linkify", "See https://www.nato.int/ now.", []string{`<a href="https://www.nato.int/">https://www.nato.int/</a>`}},
		{"HeadingID", "## The Hague 2025", []string{`<h2 id="the-hague-2025">The Hague 2025</h2>`}},
		{"Table", "| Ally | GDP |\n|---|---|\n| Norway | 1.6% |", []string{"<table>", "<th>Ally</th>", "<td>Norway</td>"}},
		// The Content-Security-Policy forbids style attributes.
		{"TableAlignment", "| Ally | GDP |\n|:---|---:|\n| Norway | 1.6% |", []string{`<th align="left">Ally</th>`, `<td align="right">1.6%</td>`}},
		{"Strikethrough", "~~4%~~ 5%", []string{"<del>4%</del> 5%"}},
		{"RawHTMLOmitted", "a <b>b</b>", []string{"<!-- raw HTML omitted -->"}},
		{"JavascriptLinkKeepsText", "[x](javascript:alert(1))", []string{`<a href="">x</a>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := note.RenderHTML(tt.body, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.want {
				if !strings.Contains(h, s) {
					t.Errorf("RenderHTML(%q) =\n%s\nwant it to contain %q", tt.body, h, s)
				}
			}
		})
	}
}

// TestRenderMatchesParse checks that footnote numbers in the HTML agree
// with the Citation numbers Parse reports for the same body.
func TestRenderMatchesParse(t *testing.T) {
	n, err := note.Parse("content/events/2018-07-brussels-summit.md", note.KindEvent, readTestdata(t, "2018-07-brussels-summit.md"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := note.RenderHTML(n.Body, nil)
	if err != nil {
		t.Fatal(err)
	}
	last := n.Citations[len(n.Citations)-1].Number
	if got := strings.Count(h, `<sup class="cite">`); got != last {
		t.Errorf("HTML has %d footnote marks, Parse numbered %d clusters", got, last)
	}
}

func TestRenderHTMLKeepsOnlyWebURLs(t *testing.T) {
	// Found by FuzzRenderHTML: goldmark lets data: images through, so a
	// note could embed content in a page that no source backs.
	for _, tc := range []struct{ body, want, not string }{
		{"![i](data:image/png;base64,iVBORw0KGgo=)", `<img src="" alt="i">`, "data:"},
		{"[x](data:image/gif;base64,R0lGOD==)", `<a href="">x</a>`, "data:"},
		{"[r]\n\n[r]: data:image/png;base64,AAAA", `<a href="">r</a>`, "data:"},
		{"<data:image/png;base64,AAAA>", `data:image/png;base64,AAAA</p>`, "href"},
		{"[x](ftp://example.org/f)", `<a href="">x</a>`, "ftp:"},
		{"[x](https://example.org/a?b=c)", `<a href="https://example.org/a?b=c">x</a>`, ""},
		{"![i](/static/i.png) [m](mailto:desk@example.org)", `<img src="/static/i.png" alt="i"> <a href="mailto:desk@example.org">m</a>`, ""},
	} {
		h, err := note.RenderHTML(tc.body, nil)
		if err != nil {
			t.Fatalf("RenderHTML(%q): %v", tc.body, err)
		}
		if !strings.Contains(h, tc.want) || tc.not != "" && strings.Contains(h, tc.not) {
			t.Errorf("RenderHTML(%q) = %q, want %q and no %q", tc.body, h, tc.want, tc.not)
		}
	}
}

// citer names the sources of in-text citations, as the site does.
type citer map[string]string

func (citer) Link(string) (string, string, bool) { return "", "", false }

func (c citer) CiteName(key string) (string, bool) {
	name, ok := c[key]
	return name, ok
}

// TestInTextCitations renders "@key says" with the author named in the
// text and a footnote, as Pandoc does with a note style, and leaves an
// "@handle" that names no source as the text it is, without a footnote
// and without a gap in the numbering after it.
func TestInTextCitations(t *testing.T) {
	body := "@memoir [p. 33] says so, as @NATO said [@memoir]. Mail me@example.org or see [the memoir](https://x.org/@memoir)."
	got, err := note.RenderHTML(body, citer{"memoir": "Stoltenberg"})
	if err != nil {
		t.Fatal(err)
	}
	// Each footnote mark carries its statement's anchor.
	mark := regexp.MustCompile(` <a class="statement" id="s-[0-9a-f]{8}" href="#s-[0-9a-f]{8}" aria-label="Link to this statement" title="Link to this statement">¶</a>`)
	if n := len(mark.FindAllString(got, -1)); n != 2 {
		t.Errorf("%d statement anchors, want 2: %s", n, got)
	}
	want := `<p>Stoltenberg<sup class="cite"><a href="#fn-1" id="fnref-1" role="doc-noteref">1</a></sup> says so, as @NATO said <sup class="cite"><a href="#fn-2" id="fnref-2" role="doc-noteref">2</a></sup>.`
	if got := mark.ReplaceAllString(got, ""); !strings.HasPrefix(got, want) {
		t.Errorf("got  %s\nwant %s…", got, want)
	}
	n, err := note.Parse("e.md", note.KindEvent, []byte("---\ntitle: T\ndate: 2018\n---\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, c := range note.Footnoted(n.Citations, func(k string) bool { return k == "memoir" }) {
		keys = append(keys, fmt.Sprintf("%d:%s:%v:%s", c.Number, c.Key, c.InText, c.Locator))
	}
	if want := []string{"1:memoir:true:p. 33", "3:memoir:false:"}; !reflect.DeepEqual(keys, want) {
		t.Errorf("footnotes %v, want %v", keys, want)
	}
	// The anchors rendered are those the footnoted citations link to.
	for _, c := range note.Footnoted(n.Citations, func(k string) bool { return k == "memoir" }) {
		if !strings.Contains(got, `id="`+c.Anchor+`"`) {
			t.Errorf("citation %d links to #%s, which the body does not have: %s", c.Number, c.Anchor, got)
		}
	}
}

// TestInlineHTML renders the markdown of a prefix or suffix, safely.
func TestInlineHTML(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"*see*", "<em>see</em>"},
		{"emphasis <b>added</b> & more", "emphasis <!-- raw HTML omitted -->added<!-- raw HTML omitted --> &amp; more"},
		{"[x](javascript:alert(1))", `<a href="">x</a>`},
		{"# not a heading", "# not a heading"},
		{"see @a", "see @a"},
	} {
		if got := note.InlineHTML(tt.in); got != tt.want {
			t.Errorf("InlineHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
