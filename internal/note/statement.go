package note

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// Statement is a sentence of a note's body, with the citations that back
// it: the clusters inside it and those between its end and the next
// sentence ("It was. [@a]"). Headings, tables and code hold no statements.
type Statement struct {
	Text      string
	Line, Col int // where the sentence starts in the file
	Backing   []Backing
	// EndLink is the target of a [[link]] that ends the sentence, if one
	// does: such a sentence points to the event that gives its sources.
	EndLink string
}

// Backing is one citation cluster backing a statement, and the quotations
// it vouches for: those of the statement written after the cluster before
// it (and, for the last cluster, those after it too), less any
// translation in parentheses right after a quotation.
type Backing struct {
	Number int // the cluster's footnote number
	Quotes []Quote
}

// Quote is a quotation of three words or more in double quotation marks.
type Quote struct {
	Text      string // without its quotation marks
	Line, Col int
}

// Statements splits the body of n into sentences.
func Statements(n *Note) []Statement {
	body := []byte(n.Body)
	doc := parseBody(body)
	lineOf := lineFinder(body, n.BodyLine)
	var out []Statement
	_ = ast.Walk(doc, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch node.Kind() {
		case ast.KindHeading, ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindParagraph, ast.KindTextBlock:
			var p passage
			p.read(node, body)
			out = append(out, p.statements(lineOf)...)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// QuotesByFootnote returns the quotations each citation cluster of n
// vouches for, by footnote number.
func QuotesByFootnote(n *Note) map[int][]Quote {
	m := map[int][]Quote{}
	for _, s := range Statements(n) {
		for _, b := range s.Backing {
			m[b.Number] = append(m[b.Number], b.Quotes...)
		}
	}
	return m
}

// passage is the plain text of one paragraph, with where each piece of it
// came from in the body and the places of its citations and links.
type passage struct {
	text   []byte
	pieces []piece // in order of start
	cites  []mark
	links  []mark
	code   []mark // code spans, where no sentence ends
}

// piece is a run of a passage's text written from the body: byte i of the
// run came from body offset offset+i, or from offset itself when the run
// was not copied from the body (a link's label, a line break).
type piece struct {
	start, offset int
	copied        bool
}

// mark is a citation cluster (at a point) or a link (a span) in a passage.
type mark struct {
	start, end int
	number     int
	target     string
}

func (p *passage) write(s string, offset int, copied bool) {
	if s == "" {
		return
	}
	p.pieces = append(p.pieces, piece{start: len(p.text), offset: offset, copied: copied})
	p.text = append(p.text, s...)
}

// offset returns the body offset that byte i of the text came from.
func (p *passage) offset(i int) int {
	k := sort.Search(len(p.pieces), func(k int) bool { return p.pieces[k].start > i }) - 1
	if k < 0 {
		return 0
	}
	pc := p.pieces[k]
	if pc.copied {
		return pc.offset + i - pc.start
	}
	return pc.offset
}

func (p *passage) lastOffset() int {
	if len(p.text) == 0 {
		return 0
	}
	return p.offset(len(p.text) - 1)
}

func (p *passage) read(block ast.Node, src []byte) {
	_ = ast.Walk(block, func(node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := node.(type) {
		case *citationNode:
			p.cites = append(p.cites, mark{start: len(p.text), end: len(p.text), number: n.number})
			return ast.WalkSkipChildren, nil
		case *wikiLinkNode:
			label := n.label
			if label == "" {
				label = n.target
			}
			start := len(p.text)
			p.write(label, n.offset, false)
			p.links = append(p.links, mark{start: start, end: len(p.text), target: n.target})
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			seg := n.Segment
			p.write(string(seg.Value(src)), seg.Start, true)
			if n.SoftLineBreak() || n.HardLineBreak() {
				p.write(" ", seg.Stop, false)
			}
		case *ast.String:
			p.write(string(n.Value), p.lastOffset(), false)
		case *ast.AutoLink:
			p.write(string(n.URL(src)), p.lastOffset(), false)
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			start := len(p.text)
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					p.write(string(t.Segment.Value(src)), t.Segment.Start, true)
				}
			}
			p.code = append(p.code, mark{start: start, end: len(p.text)})
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// statements splits the passage into sentences.
func (p *passage) statements(lineOf func(int) (int, int)) []Statement {
	var out []Statement
	bounds := sentenceStarts(p.text, p.code)
	ci, li := 0, 0 // the first citation and link not yet placed
	for i, start := range bounds {
		end := len(p.text)
		if i+1 < len(bounds) {
			end = bounds[i+1]
		}
		text := strings.TrimSpace(string(p.text[start:end]))
		if text == "" {
			continue
		}
		first := start
		for first < end && unicode.IsSpace(rune(p.text[first])) {
			first++
		}
		s := Statement{Text: text}
		s.Line, s.Col = lineOf(p.offset(first))
		from := start
		for ; ci < len(p.cites) && (p.cites[ci].start < end || end == len(p.text)); ci++ {
			c := p.cites[ci]
			s.Backing = append(s.Backing, Backing{Number: c.number, Quotes: p.quotes(from, c.start, lineOf)})
			from = c.start
		}
		// Quotations after the last citation of a sentence ("According
		// to [@a], he said "…".") are that citation's too.
		if n := len(s.Backing); n > 0 && from < end {
			s.Backing[n-1].Quotes = append(s.Backing[n-1].Quotes, p.quotes(from, end, lineOf)...)
		}
		// The sentence ends with a link when nothing but punctuation and
		// citations follow it.
		last := -1
		for ; li < len(p.links) && p.links[li].start < end; li++ {
			last = li
		}
		if last >= 0 {
			l := p.links[last]
			if l.start >= start && l.end <= end && strings.Trim(string(p.text[l.end:end]), " .,;:!?)\"”’") == "" {
				s.EndLink = l.target
			}
		}
		out = append(out, s)
	}
	return out
}

// quotes returns the quotations in text[from:to].
func (p *passage) quotes(from, to int, lineOf func(int) (int, int)) []Quote {
	var out []Quote
	for _, q := range quotations(string(p.text[from:to])) {
		text := string(p.text[from+q.start : from+q.end])
		line, col := lineOf(p.offset(from + q.start))
		out = append(out, Quote{Text: text, Line: line, Col: col})
	}
	return out
}

// span is a byte range.
type span struct{ start, end int }

// quotations finds the text of three words or more inside double quotation
// marks, straight or curly. A quotation in parentheses right after another
// is its translation, and is left out.
func quotations(s string) []span {
	var out []span
	afterQuote := -1 // where the last quotation closed
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(`"“„«`, r) {
			i += size
			continue
		}
		start := i + size
		end := strings.IndexFunc(s[start:], func(r rune) bool { return strings.ContainsRune(`"”“»`, r) })
		if end < 0 {
			break
		}
		end += start
		_, closeSize := utf8.DecodeRuneInString(s[end:])
		translation := afterQuote >= 0 && strings.TrimSpace(s[afterQuote:i]) == "("
		if !translation && len(strings.Fields(s[start:end])) >= 3 {
			out = append(out, span{start, end})
		}
		afterQuote = end + closeSize
		i = end + closeSize
	}
	return out
}

// maxAbbreviation bounds the length of a word taken for an abbreviation.
const maxAbbreviation = 16

// abbreviations end in a full stop without ending a sentence.
var abbreviations = []string{"mr", "mrs", "ms", "dr", "st", "vs", "etc", "e.g", "i.e", "no", "para", "paras",
	"p", "pp", "c", "ca", "cf", "jr", "sr", "gen", "col", "lt", "prof", "sen", "rep", "gov", "fig", "vol", "ch", "sec"}

// sentenceStarts returns the byte offsets where the sentences of text
// begin: at the first letter after ".", "!" or "?" (and any closing
// quotation marks or brackets) and a space, if it is a capital, a digit or an opening mark;
// never inside a quotation or code, nor after an abbreviation or an
// initial.
func sentenceStarts(text []byte, code []mark) []int {
	starts := []int{0}
	open := false // inside a quotation
	s := string(text)
	// Code spans come in order, as i does: one moving index suffices.
	next := 0
	inCode := func(i int) bool {
		for next < len(code) && code[next].end <= i {
			next++
		}
		return next < len(code) && code[next].start <= i
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '"':
			open = !open
		case r == '“' || r == '„':
			open = true
		case r == '”':
			open = false
		case strings.ContainsRune(".!?", r) && !inCode(i):
			j := i + size
			closed := open
			for j < len(s) {
				c, n := utf8.DecodeRuneInString(s[j:])
				if !strings.ContainsRune(`"”’')]`, c) {
					break
				}
				if c == '"' || c == '”' {
					closed = false
				}
				j += n
			}
			if closed || j == i+size && r == '.' && abbreviation(s[:i]) {
				break
			}
			k := j
			for k < len(s) && unicode.IsSpace(rune(s[k])) {
				k++
			}
			if k == j || k == len(s) {
				break
			}
			next, _ := utf8.DecodeRuneInString(s[k:])
			if unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune(`"“„«‘`, next) {
				// Citations in the space between belong to the sentence
				// they follow.
				starts = append(starts, k)
				open = false
				i = k
				continue
			}
		}
		i += size
	}
	return starts
}

// abbreviation reports whether the word ending before a full stop is an
// abbreviation or an initial ("U.S", "J", "e.g").
func abbreviation(before string) bool {
	// Abbreviations are short: a look back of a few bytes keeps a run of
	// "a.a.a.…" linear.
	if len(before) > maxAbbreviation {
		before = before[len(before)-maxAbbreviation:]
	}
	w := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })+1:]
	if w == "" {
		return false
	}
	if strings.Contains(w, ".") || utf8.RuneCountInString(w) == 1 {
		return true
	}
	return slices.Contains(abbreviations, strings.ToLower(w))
}
