package note

import (
	"bytes"
	"fmt"
	"html"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Linker resolves a [[target]] for rendering. It returns the target's URL
// and title, or ok=false when no public note has that id.
type Linker interface {
	Link(target string) (href, title string, ok bool)
}

// Citer is what a Linker may also do: name, for running text, the source
// an in-text citation ("@stoltenberg-memoir writes") cites, such as
// "Stoltenberg". ok is false when no source has the key; the citation is
// then shown as the text it was written as, without a footnote, as a
// handle such as "@NATO" must be.
type Citer interface {
	CiteName(key string) (name string, ok bool)
}

// Footnoted returns the citations that get a footnote: all but the
// in-text ones whose key known says no source has. They keep the numbers
// Parse gave them; RenderHTML numbers its footnote marks 1, 2, … in order,
// skipping the others, so the nth cluster returned is footnote n.
func Footnoted(cs []Citation, known func(key string) bool) []Citation {
	var out []Citation
	for _, c := range cs {
		if !c.InText || known(c.Key) {
			out = append(out, c)
		}
	}
	return out
}

// markdown is built once; goldmark parsers and renderers are safe for
// concurrent use. Raw HTML is never enabled: notes cannot inject markup.
var markdown = goldmark.New(
	goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithInlineParsers(
			util.Prioritized(wikiLinkParser{}, 198),
			util.Prioritized(citationParser{}, 199),
			util.Prioritized(inTextParser{}, 200),
		),
		parser.WithASTTransformers(util.Prioritized(urlPolicy{}, 100)),
	),
)

// urlPolicy keeps only web and relative URLs in links and images, and
// mailto: in links. goldmark's own check only blocks known script schemes
// and lets data: images through; a note has no business embedding either.
type urlPolicy struct{}

func (urlPolicy) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	var unsafe []*ast.AutoLink
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := node.(type) {
		case *ast.Link:
			if !safeHref(string(n.Destination)) && !isMailto(n.Destination) {
				n.Destination = nil
			}
		case *ast.Image:
			if !safeHref(string(n.Destination)) {
				n.Destination = nil
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !safeHref(string(n.URL(reader.Source()))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	// An autolink's URL comes from the source text and cannot be blanked:
	// an unsafe one is shown as the text it is.
	for _, n := range unsafe {
		n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(reader.Source())))
	}
}

// inLink reports whether node is inside a link's text.
func inLink(node ast.Node) bool {
	for p := node.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindLink {
			return true
		}
	}
	return false
}

func isMailto(dest []byte) bool {
	return len(dest) > len("mailto:") && strings.EqualFold(string(dest[:len("mailto:")]), "mailto:")
}

// parseBody parses a body and numbers its citation clusters in document
// order, the order readers meet the footnotes.
func parseBody(body []byte) ast.Node {
	doc := markdown.Parser().Parse(text.NewReader(body))
	n := 0
	var inLinks []*citationNode
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		c, ok := node.(*citationNode)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		if c.items[0].InText && inLink(c) {
			// "[see @a](url)" is a link's text, not a citation.
			inLinks = append(inLinks, c)
			return ast.WalkContinue, nil
		}
		n++
		c.number = n
		return ast.WalkContinue, nil
	})
	for _, c := range inLinks {
		c.Parent().ReplaceChild(c.Parent(), c, ast.NewString([]byte(c.text)))
	}
	return doc
}

// RenderHTML renders a note body to HTML. Citations become numbered
// footnote references (#fn-N); the page supplies the footnotes themselves.
func RenderHTML(body string, links Linker) (string, error) {
	src := []byte(body)
	doc := parseBody(src)
	if bytes.IndexByte(src, '@') >= 0 {
		// The statements' anchors come from the text before each
		// citation; a body with no "@" has no citation.
		extract(doc, src, func(int) (int, int) { return 0, 0 })
	}
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(ghtml.NewRenderer(), 1000),
		// The extensions' renderers must be listed again: this renderer is
		// built per call, not taken from markdown, so tables and ~~strike~~
		// would otherwise lose their tags.
		// Column alignment as the align attribute, not a style attribute:
		// the site's Content-Security-Policy forbids inline styles.
		util.Prioritized(extension.NewTableHTMLRenderer(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(&nodeRenderer{links: links}, 100),
	))
	var buf bytes.Buffer
	if err := r.Render(&buf, src, doc); err != nil {
		return "", fmt.Errorf("render markdown: %w", err)
	}
	return buf.String(), nil
}

type nodeRenderer struct {
	links    Linker
	skipped  int             // in-text citations shown as text, which have no footnote
	anchored map[string]bool // statements whose anchor is written
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindCitation, r.citation)
	reg.Register(kindWikiLink, r.wikiLink)
}

func (r *nodeRenderer) citation(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	c := node.(*citationNode)
	if c.items[0].InText {
		// "@key says": the author is named in the sentence, and the
		// footnote gives the rest, as Pandoc does with a note style.
		citer, ok := r.links.(Citer)
		name, known := "", false
		if ok {
			name, known = citer.CiteName(c.items[0].Key)
		}
		if !known {
			r.skipped++
			_, _ = w.WriteString(html.EscapeString(c.text))
			return ast.WalkSkipChildren, nil
		}
		_, _ = w.WriteString(html.EscapeString(name))
	}
	n := c.number - r.skipped
	fmt.Fprintf(w, `<sup class="cite"><a href="#fn-%d" id="fnref-%d" role="doc-noteref">%d</a>`, n, n, n)
	if c.anchor != "" && !r.anchored[c.anchor] {
		// The statement's permalink, on its first footnote mark (an
		// in-text key shown as text has none); its id is made of hex
		// digits.
		if r.anchored == nil {
			r.anchored = map[string]bool{}
		}
		r.anchored[c.anchor] = true
		fmt.Fprintf(w, ` <a class="statement" id="%s" href="#%s" aria-label="Link to this statement" title="Link to this statement">¶</a>`, c.anchor, c.anchor)
	}
	_, _ = w.WriteString("</sup>")
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) wikiLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	l := node.(*wikiLinkNode)
	href, title, ok := "", "", false
	if r.links != nil {
		href, title, ok = r.links.Link(l.target)
	}
	label := l.label
	if label == "" {
		label = title
	}
	if label == "" {
		label = l.target
	}
	if !ok || !safeHref(href) {
		fmt.Fprintf(w, `<span class="broken-link" title="no note %s">%s</span>`, html.EscapeString(l.target), html.EscapeString(label))
		return ast.WalkSkipChildren, nil
	}
	fmt.Fprintf(w, `<a class="note-link" href="%s">%s</a>`, html.EscapeString(href), html.EscapeString(label))
	return ast.WalkSkipChildren, nil
}

// inline renders the markdown of a citation's prefix or suffix: the same
// rules as a body (no raw HTML, only safe link targets), without
// citations.
var inline = goldmark.New(
	goldmark.WithExtensions(extension.Strikethrough),
	goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(urlPolicy{}, 100))),
)

// InlineHTML renders s, a citation's prefix or suffix such as "*see*", as
// inline HTML that is safe to insert: text is escaped, raw HTML dropped,
// unsafe link targets blanked. Text that is not a single paragraph of
// markdown is returned escaped as it is.
func InlineHTML(s string) string {
	var buf bytes.Buffer
	if err := inline.Convert([]byte(s), &buf); err != nil {
		return html.EscapeString(s)
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	inner, ok := strings.CutPrefix(out, "<p>")
	if inner, ok2 := strings.CutSuffix(inner, "</p>"); ok && ok2 && !strings.Contains(inner, "<p>") {
		return inner
	}
	return html.EscapeString(s)
}

// safeHref allows only relative URLs and http(s) ones.
func safeHref(href string) bool {
	u, err := url.Parse(href)
	if err != nil {
		return false
	}
	return u.Scheme == "" || u.Scheme == "http" || u.Scheme == "https"
}

// extract walks a parsed body for its citations, links and plain text.
// lineOf maps a body offset to a file line and column.
func extract(doc ast.Node, src []byte, lineOf func(int) (int, int)) (cites []Citation, links []Link, plain string) {
	var buf strings.Builder
	var para strings.Builder // text of the current block, for sentences
	var stmts statements
	block := 0 // blocks ended so far
	space := func() {
		if buf.Len() > 0 && !strings.HasSuffix(buf.String(), " ") {
			buf.WriteByte(' ')
		}
	}
	write := func(s string) {
		buf.WriteString(s)
		// Between citations in a row there is only space: keep one, so
		// that each citation's look back for its sentence stays short.
		if p := para.String(); p != "" && isBlank(p[len(p)-1:]) && isBlank(s) {
			return
		}
		para.WriteString(s)
	}
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := node.(type) {
		case *citationNode:
			if entering {
				line, col := lineOf(n.offset)
				if n.number > maxCitations {
					// Parse refuses the note: excerpts past the limit
					// would only cost time and memory.
					cites = append(cites, Citation{Number: n.number, Key: n.items[0].Key, Line: line, Col: col})
					return ast.WalkStop, nil
				}
				// A copy: a slice would keep the whole paragraph buffer
				// alive for as long as the citation lives.
				sentence := strings.Clone(lastSentence(para.String()))
				n.anchor, _ = stmts.anchor(sentence, block)
				for _, c := range n.items {
					c.Number, c.Line, c.Col, c.Sentence, c.Anchor = n.number, line, col, sentence, n.anchor
					cites = append(cites, c)
				}
			}
			return ast.WalkSkipChildren, nil
		case *wikiLinkNode:
			if entering {
				line, col := lineOf(n.offset)
				links = append(links, Link{Target: n.target, Label: n.label, Line: line, Col: col})
				label := n.label
				if label == "" {
					label = n.target
				}
				write(label)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering {
				write(string(n.Segment.Value(src)))
				if n.SoftLineBreak() || n.HardLineBreak() {
					write(" ")
				}
			}
		case *ast.String:
			if entering {
				write(string(n.Value))
			}
		case *ast.AutoLink:
			if entering {
				write(string(n.URL(src)))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				space()
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					buf.Write(seg.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		default:
			if node.Type() == ast.TypeBlock && !entering {
				space()
				para.Reset()
				block++
			}
		}
		return ast.WalkContinue, nil
	})
	// A copy of just the text: the builder's buffer has grown by doubling.
	return cites, links, strings.Clone(strings.TrimSpace(buf.String()))
}

// maxCitations bounds the citation clusters of one note. Real notes have
// dozens; each keeps an excerpt of up to maxSentence bytes, so a note of
// nothing but citations would otherwise cost seconds and hundreds of MB.
const maxCitations = 10000

// maxSentence bounds how far back a citation looks for the start of its
// sentence: the sentence is an excerpt for display, and an unbounded scan
// would make a paragraph of many citations quadratic.
const maxSentence = 500

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

// trimRightWithin trims the runes that match f from the end of s, but no
// more than limit bytes of them: a paragraph of a thousand ")" before a
// citation must not be rescanned for every citation.
func trimRightWithin(s string, limit int, f func(rune) bool) string {
	end := len(s)
	for end > 0 && len(s)-end < limit {
		r, size := utf8.DecodeLastRuneInString(s[:end])
		if !f(r) {
			break
		}
		end -= size
	}
	return s[:end]
}

// lastSentence returns the sentence that ends text: a citation backs the
// sentence before it, whether it stands before or after the full stop.
func lastSentence(text string) string {
	text = trimRightWithin(text, maxSentence, unicode.IsSpace)
	body := trimRightWithin(text, maxSentence, func(r rune) bool { return strings.ContainsRune(".!?\"”’)", r) })
	floor := max(len(body)-maxSentence, 0)
	start := -1
	for i := len(body) - 1; i > floor; i-- {
		if strings.ContainsRune(".!?", rune(body[i-1])) && unicode.IsSpace(rune(body[i])) {
			start = i
			break
		}
	}
	if start < 0 && floor == 0 {
		start = 0
	}
	if start < 0 {
		// No sentence start within reach: begin at a word boundary.
		start = floor + strings.IndexFunc(text[floor:], unicode.IsSpace) + 1
		if start <= floor {
			start = floor
		}
		for start < len(text) && !utf8.RuneStart(text[start]) {
			start++
		}
		return "…" + strings.TrimSpace(text[start:])
	}
	return strings.TrimSpace(text[start:])
}
