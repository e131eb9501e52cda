package note_test

import (
	"reflect"
	"strings"
	"testing"

	"annals.dev/annals/internal/note"
)

func TestWikiLinks(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []note.Link
	}{
		{"Target", "See [[2018-07-summit]].", []note.Link{{Target: "2018-07-summit", Line: 6, Col: 5}}},
		{"Label", "See [[2018-07-summit|the summit]].", []note.Link{{Target: "2018-07-summit", Label: "the summit", Line: 6, Col: 5}}},
		{"SpacesTrimmed", "See [[ 2018-07-summit | the summit ]].", []note.Link{{Target: "2018-07-summit", Label: "the summit", Line: 6, Col: 5}}},
		{"Several", "[[a]] and\n[[b|B]]", []note.Link{{Target: "a", Line: 6, Col: 1}, {Target: "b", Label: "B", Line: 7, Col: 1}}},
		{"BesideCitation", "See [[a]] [@k].", []note.Link{{Target: "a", Line: 6, Col: 5}}},
		{"Blank", "See [[ ]].", nil},
		{"Empty", "See [[]].", nil},
		{"OnlyLabel", "See [[|label]].", nil},
		{"Unclosed", "See [[a].", nil},
		{"CodeSpan", "Write `[[a]]`.", nil},
		{"FencedCode", "```\n[[a]]\n```", nil},
		{"AcrossLines", "See [[a\nb]].", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := mustParseEvent(t, tt.body)
			if !reflect.DeepEqual(n.Links, tt.want) {
				t.Errorf("links of %q:\n got  %+v\n want %+v", tt.body, n.Links, tt.want)
			}
		})
	}
}

func TestRenderWikiLinks(t *testing.T) {
	links := linker{
		"2018-07-summit": {"/events/2018-07-summit", "Brussels summit"},
		"quoted":         {"/events/quoted", `<b>"Bold" & co</b>`},
		"js":             {"javascript:alert(1)", "Evil"},
		"js-upper":       {"JavaScript:alert(1)", "Evil"},
		"data":           {"data:text/html,<script>alert(1)</script>", "Evil"},
		"vb":             {"vbscript:msgbox(1)", "Evil"},
		"breakout":       {`/events/x" onclick="alert(1)`, "Evil"},
		"absolute":       {"https://example.com/events/y", "Elsewhere"},
	}
	tests := []struct {
		name     string
		body     string
		linker   note.Linker
		want     []string // substrings of the output
		wantNone []string // must not appear
	}{
		{"KnownTargetShowsTitle", "[[2018-07-summit]]", links,
			[]string{`<a class="note-link" href="/events/2018-07-summit">Brussels summit</a>`}, nil},
		{"LabelWinsOverTitle", "[[2018-07-summit|the summit]]", links,
			[]string{`<a class="note-link" href="/events/2018-07-summit">the summit</a>`}, []string{"Brussels summit"}},
		{"AbsoluteHTTPS", "[[absolute]]", links,
			[]string{`<a class="note-link" href="https://example.com/events/y">Elsewhere</a>`}, nil},
		{"UnknownTarget", "[[no-such-event]]", links,
			[]string{`<span class="broken-link"`, `>no-such-event</span>`}, []string{"<a "}},
		{"UnknownTargetKeepsLabel", "[[no-such-event|that day]]", links,
			[]string{`<span class="broken-link"`, `>that day</span>`}, []string{"<a "}},
		{"NilLinker", "[[2018-07-summit]]", nil,
			[]string{`<span class="broken-link"`}, []string{"<a "}},
		{"TitleEscaped", "[[quoted]]", links,
			[]string{`&lt;b&gt;&#34;Bold&#34; &amp; co&lt;/b&gt;`}, []string{"<b>"}},
		{"LabelEscaped", "[[2018-07-summit|<img src=x onerror=alert(1)>]]", links,
			[]string{"&lt;img src=x onerror=alert(1)&gt;"}, []string{"<img"}},
		{"TargetEscaped", `[[a" onclick="x]]`, links,
			[]string{`<span class="broken-link"`}, []string{`a" onclick`}},
		{"JavascriptHref", "[[js]]", links, []string{`<span class="broken-link"`}, []string{"href"}},
		{"JavascriptHrefUpperCase", "[[js-upper]]", links, []string{`<span class="broken-link"`}, []string{"href"}},
		{"DataHref", "[[data]]", links, []string{`<span class="broken-link"`}, []string{"href"}},
		{"VBScriptHref", "[[vb]]", links, []string{`<span class="broken-link"`}, []string{"href"}},
		{"AttributeBreakout", "[[breakout]]", links, nil, []string{`" onclick`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := note.RenderHTML(tt.body, tt.linker)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range tt.want {
				if !strings.Contains(h, s) {
					t.Errorf("RenderHTML(%q) = %q, want it to contain %q", tt.body, h, s)
				}
			}
			for _, s := range tt.wantNone {
				if strings.Contains(h, s) {
					t.Errorf("RenderHTML(%q) = %q, must not contain %q", tt.body, h, s)
				}
			}
			if why := unsafeHTML(h); why != "" {
				t.Errorf("RenderHTML(%q) is unsafe (%s): %s", tt.body, why, h)
			}
		})
	}
}
