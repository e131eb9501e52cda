package note

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SourceText is the captured text of a source, kept beside its note as
// sources/<id>.txt: paragraphs separated by blank lines, numbered from 1,
// so that "para. 4" is the fourth. It serves to check the quotations and
// paragraph locators that cite the source; pages show only the passages
// quoted, never the whole text.
type SourceText struct {
	ID         string // the source's id: the file name without .txt
	Path       string // as given to ParseSourceText, for diagnostics
	Paragraphs []string
}

// TextID returns the id of the source whose stored text is at path: its
// file name without ".txt".
func TextID(path string) string {
	return strings.TrimSuffix(filepath.Base(path), ".txt")
}

// sourceTextText is how CheckText speaks of a stored source text.
var sourceTextText = Text{Name: "stored text", Pieces: "texts", Kind: "a source's text", SaveAs: "save the text"}

// ParseSourceText reads the stored text at path. A text that cannot serve
// (too large, binary, not UTF-8, empty) gives a warning instead, since it
// only turns off the quote checks of its source.
func ParseSourceText(path string, src []byte) (*SourceText, *Diagnostic) {
	id := TextID(path)
	if d, ok := CheckText(path, src, sourceTextText); !ok {
		d.Severity = SeverityWarning
		d.Message += fmt.Sprintf("; until then the quotations citing @%s are not checked", id)
		return nil, &d
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	t := &SourceText{ID: id, Path: path}
	var para []string
	flush := func() {
		if len(para) > 0 {
			t.Paragraphs = append(t.Paragraphs, strings.Join(para, "\n"))
			para = nil
		}
	}
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimRightFunc(line, unicode.IsSpace)
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		para = append(para, line)
	}
	flush()
	if len(t.Paragraphs) == 0 {
		return nil, &Diagnostic{Path: path, Line: 1, Col: 1, Severity: SeverityWarning,
			Message: fmt.Sprintf("the stored text is empty: paste the source's text, paragraphs separated by blank lines, or remove the file; until then the quotations citing @%s are not checked", id)}
	}
	return t, nil
}

// Paragraphs returns the paragraph numbers a "para." locator names:
// "4", "1, 18", "2-11", "5-6, 9". ok is false when the locator is not
// one of paragraphs.
func Paragraphs(l Locator) (paras []int, ok bool) {
	if l.Label != "paragraph" || l.Value == "" {
		return nil, false
	}
	for _, part := range strings.Split(l.Value, ",") {
		part = strings.TrimSpace(part)
		from, to, isRange := strings.Cut(strings.NewReplacer("–", "-", "—", "-").Replace(part), "-")
		a, err := strconv.Atoi(strings.TrimSpace(from))
		if err != nil {
			return nil, false
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimSpace(to)); err != nil {
				return nil, false
			}
		}
		if b < a {
			a, b = b, a
		}
		// A range is bounded by the text it names; a typo such as
		// "2-20000" must not allocate more than a reader could mean.
		for p := a; p <= b && p <= a+maxParagraphRange; p++ {
			paras = append(paras, p)
		}
	}
	return paras, true
}

// maxParagraphRange bounds how many paragraphs one range in a locator may
// span.
const maxParagraphRange = 10000

// QuoteCheck is what a search of a source's stored text found for one
// quotation.
type QuoteCheck struct {
	Found bool
	// Elsewhere is set when the quotation is in the text, but not in the
	// paragraphs the locator names; Para then says where it is.
	Elsewhere bool
	Para      int    // the paragraph of the match, or of the nearest passage
	Passage   string // the text's own words: the match, or the nearest passage
}

// Check looks for quote in the text, within the paragraphs loc names when
// it is a "para." locator. Whitespace, quotation marks, dashes and case do
// not count; "…" and "[…]" in a quotation stand for words left out, and
// the words around them must come in order within one paragraph.
func (t *SourceText) Check(quote string, loc Locator) QuoteCheck {
	parts := quoteParts(quote)
	if len(parts) == 0 {
		return QuoteCheck{Found: true}
	}
	within, limited := Paragraphs(loc)
	search := func(p int) (QuoteCheck, bool) {
		if p < 1 || p > len(t.Paragraphs) {
			return QuoteCheck{}, false
		}
		if start, end, ok := findParts(t.Paragraphs[p-1], parts); ok {
			return QuoteCheck{Found: true, Para: p, Passage: t.Paragraphs[p-1][start:end]}, true
		}
		return QuoteCheck{}, false
	}
	if limited {
		for _, p := range within {
			if c, ok := search(p); ok {
				return c
			}
		}
	}
	for p := 1; p <= len(t.Paragraphs); p++ {
		if c, ok := search(p); ok {
			c.Elsewhere = limited
			c.Found = !limited
			return c
		}
	}
	return t.nearest(strings.Join(parts, " "))
}

// quoteParts splits a quotation at the marks of words left out ("…",
// "...", "[…]", "[he]") into normalised pieces, dropping the punctuation
// that quoting adds at its ends.
func quoteParts(quote string) []string {
	var parts []string
	var cur strings.Builder
	flush := func() {
		s, _ := normalise(cur.String())
		s = strings.Trim(s, " ,.;:")
		if s != "" {
			parts = append(parts, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(quote); {
		switch {
		case strings.HasPrefix(quote[i:], "…"):
			flush()
			i += len("…")
		case strings.HasPrefix(quote[i:], "..."):
			flush()
			i += 3
		case quote[i] == '[':
			end := strings.IndexByte(quote[i:], ']')
			if end < 0 {
				cur.WriteByte('[')
				i++
				continue
			}
			flush()
			i += end + 1
		default:
			r, size := utf8.DecodeRuneInString(quote[i:])
			cur.WriteRune(r)
			i += size
		}
	}
	flush()
	return parts
}

// findParts finds the normalised parts in order within para, returning the
// byte range of the passage in para that holds them.
func findParts(para string, parts []string) (start, end int, ok bool) {
	norm, at := normalise(para)
	from := 0
	for i, p := range parts {
		j := strings.Index(norm[from:], p)
		if j < 0 {
			return 0, 0, false
		}
		j += from
		if i == 0 {
			start = at[j]
		}
		from = j + len(p)
		end = at[from-1] + 1
	}
	// Extend end to the whole of the last rune.
	for end < len(para) && !utf8.RuneStart(para[end]) {
		end++
	}
	return start, end, true
}

// normalise folds the differences a quotation may have from its source:
// case, runs of whitespace, double quotation marks (dropped), curly and
// straight apostrophes, and the kinds of dash (with any space around
// them). at maps each byte of the
// result to the offset of the byte of s it came from.
func normalise(s string) (string, []int) {
	var b strings.Builder
	at := make([]int, 0, len(s))
	space := false // a space is pending
	write := func(r rune, from int) {
		if space {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") {
				b.WriteByte(' ')
				at = append(at, from)
			}
			space = false
		}
		n := utf8.RuneLen(r)
		b.WriteRune(r)
		for range n {
			at = append(at, from)
		}
	}
	for i, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
		case strings.ContainsRune("\"“”„‟«»″", r):
			// Quotation marks inside a passage are the source's, not
			// the words quoted: a quotation may leave them out.
		case strings.ContainsRune("'‘’‚‛′", r):
			write('\'', i)
		case strings.ContainsRune("-‐‑‒–—―−", r):
			space = false
			write('-', i)
		default:
			write(unicode.ToLower(r), i)
		}
	}
	return b.String(), at
}

// maxNearest bounds the length of a quotation searched approximately: the
// search costs its length times the text's.
const maxNearest = 300

// nearest finds the passage of the text closest to a quotation that is not
// in it, by edit distance, so the author can see what the source says.
func (t *SourceText) nearest(quote string) QuoteCheck {
	q := []rune(quote)
	if len(q) > maxNearest {
		q = q[:maxNearest]
	}
	best := QuoteCheck{}
	bestCost := len(q) + 1
	for _, p := range t.likeliest(quote) {
		para := t.Paragraphs[p]
		norm, at := normalise(para)
		text := []rune(norm)
		// Byte offset in norm of each rune, to map back through at.
		offs := make([]int, len(text)+1)
		o := 0
		for i, r := range text {
			offs[i] = o
			o += utf8.RuneLen(r)
		}
		offs[len(text)] = o
		cost, start, end := approximate(q, text)
		if cost < bestCost && end > start {
			bestCost = cost
			from, to := at[offs[start]], at[offs[end]-1]+1
			for to < len(para) && !utf8.RuneStart(para[to]) {
				to++
			}
			best = QuoteCheck{Para: p + 1, Passage: wordsAround(para, from, to)}
		}
	}
	return best
}

// maxCandidates is how many paragraphs nearest compares closely.
const maxCandidates = 5

// likeliest returns the indexes of the paragraphs sharing the most words
// with quote, best first: the close comparison costs the quotation's
// length times the paragraph's, too much to spend on a whole book.
func (t *SourceText) likeliest(quote string) []int {
	words := map[string]bool{}
	for _, w := range strings.Fields(quote) {
		words[w] = true
	}
	type score struct{ para, shared int }
	scores := make([]score, len(t.Paragraphs))
	for i, para := range t.Paragraphs {
		norm, _ := normalise(para)
		shared := 0
		for _, w := range strings.Fields(norm) {
			if words[w] {
				shared++
			}
		}
		scores[i] = score{i, shared}
	}
	slices.SortStableFunc(scores, func(a, b score) int { return b.shared - a.shared })
	out := make([]int, 0, maxCandidates)
	for _, s := range scores[:min(maxCandidates, len(scores))] {
		out = append(out, s.para)
	}
	return out
}

// approximate returns the smallest edit distance between q and any
// substring of text, and that substring's rune range (Sellers' algorithm).
func approximate(q, text []rune) (cost, start, end int) {
	prev := make([]int, len(q)+1)
	cur := make([]int, len(q)+1)
	prevStart := make([]int, len(q)+1)
	curStart := make([]int, len(q)+1)
	for i := range prev {
		prev[i] = i
	}
	cost, start, end = len(q), 0, 0
	for j := 1; j <= len(text); j++ {
		cur[0], curStart[0] = 0, j
		for i := 1; i <= len(q); i++ {
			sub := prev[i-1]
			if q[i-1] != text[j-1] {
				sub++
			}
			c, s := sub, prevStart[i-1]
			if prev[i]+1 < c {
				c, s = prev[i]+1, prevStart[i]
			}
			if cur[i-1]+1 < c {
				c, s = cur[i-1]+1, curStart[i-1]
			}
			cur[i], curStart[i] = c, s
		}
		if cur[len(q)] < cost {
			cost, start, end = cur[len(q)], curStart[len(q)], j
		}
		prev, cur = cur, prev
		prevStart, curStart = curStart, prevStart
	}
	return cost, start, end
}

// wordsAround widens para[from:to] to whole words.
func wordsAround(para string, from, to int) string {
	for from > 0 {
		r, size := utf8.DecodeLastRuneInString(para[:from])
		if unicode.IsSpace(r) {
			break
		}
		from -= size
	}
	for to < len(para) {
		r, size := utf8.DecodeRuneInString(para[to:])
		if unicode.IsSpace(r) {
			break
		}
		to += size
	}
	return strings.Trim(para[from:to], " \t\n\"“”„«».,;:")
}
