package note_test

import (
	"errors"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

// eventFront is the front matter of a valid event in five lines, so the body
// that follows it starts on file line 6.
const eventFront = "---\ntitle: Brussels summit\ndate: 2018-07-12\nstatus: reported\n---\n"

// mustParseEvent parses an event note with the given body.
func mustParseEvent(tb testing.TB, body string) *note.Note {
	tb.Helper()
	n, err := note.Parse("content/events/x.md", note.KindEvent, []byte(eventFront+body))
	if err != nil {
		tb.Fatalf("Parse(%q): %v", body, err)
	}
	return n
}

// diagnostics returns the Diagnostics inside err, failing if it is anything else.
func diagnostics(tb testing.TB, err error) note.Diagnostics {
	tb.Helper()
	var ds note.Diagnostics
	if !errors.As(err, &ds) {
		tb.Fatalf("error %v (%T) is not a note.Diagnostics", err, err)
	}
	return ds
}

func readTestdata(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// linker is a note.Linker backed by a map of target → {href, title}.
type linker map[string][2]string

func (l linker) Link(target string) (href, title string, ok bool) {
	v, ok := l[target]
	return v[0], v[1], ok
}

// allowedTags are the elements RenderHTML may produce: CommonMark, tables,
// strikethrough, citations and wiki links. Anything else is leaked markup.
var allowedTags = map[string]bool{
	"p": true, "a": true, "em": true, "strong": true, "code": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true, "br": true,
	"img": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true,
	"td": true, "del": true, "sup": true, "span": true,
}

// urlAttrs are attributes a browser follows or loads.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "xlink:href": true, "srcset": true, "poster": true}

// unsafeHTML returns why the rendered HTML s could run script, or "". It
// reads tags and their attributes, so text that merely mentions
// "javascript:" or "onerror=" (escaped by the renderer) is not flagged.
func unsafeHTML(s string) string {
	if strings.Contains(strings.ToLower(s), "<script") {
		return "contains <script"
	}
	for i := 0; i < len(s); i++ {
		if s[i] != '<' {
			continue
		}
		if strings.HasPrefix(s[i:], "<!--") {
			end := strings.Index(s[i:], "-->")
			if end < 0 {
				return "unclosed comment"
			}
			i += end + 2
			continue
		}
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		start := j
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		name := strings.ToLower(s[start:j])
		if name == "" {
			return "bare '<' in output at " + s[i:min(len(s), i+20)]
		}
		if !allowedTags[name] {
			return "unexpected element <" + name + ">"
		}
		// Attributes.
		for {
			for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '/') {
				j++
			}
			if j >= len(s) {
				return "unclosed tag <" + name
			}
			if s[j] == '>' {
				break
			}
			as := j
			for j < len(s) && !strings.ContainsRune(" \n\t/>=", rune(s[j])) {
				j++
			}
			attr := strings.ToLower(s[as:j])
			var val string
			if j < len(s) && s[j] == '=' {
				j++
				if j < len(s) && (s[j] == '"' || s[j] == '\'') {
					q := s[j]
					end := strings.IndexByte(s[j+1:], q)
					if end < 0 {
						return "unclosed attribute value"
					}
					val = s[j+1 : j+1+end]
					j += end + 2
				} else {
					vs := j
					for j < len(s) && !strings.ContainsRune(" \n\t>", rune(s[j])) {
						j++
					}
					val = s[vs:j]
				}
			}
			if strings.HasPrefix(attr, "on") {
				return "event handler attribute " + attr
			}
			if attr == "style" {
				return "style attribute"
			}
			if urlAttrs[attr] {
				v := strings.Map(func(r rune) rune {
					if r <= ' ' {
						return -1 // browsers drop tabs, newlines and controls
					}
					return r
				}, strings.ToLower(html.UnescapeString(val)))
				for _, scheme := range []string{"javascript:", "vbscript:", "data:text"} {
					if strings.HasPrefix(v, scheme) {
						return attr + " with " + scheme
					}
				}
			}
		}
		i = j
	}
	return ""
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func TestUnsafeHTMLChecker(t *testing.T) {
	// The checker itself must be able to fail, or the safety tests prove nothing.
	for _, tc := range []struct {
		html   string
		unsafe bool
	}{
		{`<p>javascript:alert(1) and onerror=x and &lt;script&gt;</p>`, false},
		{`<p><a href="/events/x" title="x&quot; onclick=&quot;y">x</a></p>`, false},
		{`<!-- raw HTML omitted --><p>ok</p>`, false},
		{`<p><a href="AjAvAsCript:">AjAvAsCript:</a></p>`, false}, // found by FuzzParse: scheme "ajavascript"
		{`<p><a href="/x?q=javascript:1">x</a></p>`, false},
		{`<script>alert(1)</script>`, true},
		{`<img src=x onerror=alert(1)>`, true},
		{`<a href="javascript:alert(1)">x</a>`, true},
		{`<a href="java&#115;cript:alert(1)">x</a>`, true},
		{`<a href="java	script:alert(1)">x</a>`, true},
		{`<a href="/x" onclick="y">x</a>`, true},
		{`<iframe src="/x"></iframe>`, true},
		{`<p>a < b</p>`, true},
	} {
		if got := unsafeHTML(tc.html) != ""; got != tc.unsafe {
			t.Errorf("unsafeHTML(%q) unsafe = %v, want %v", tc.html, got, tc.unsafe)
		}
	}
}
