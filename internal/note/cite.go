package note

import (
	"bytes"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// kindCitation is the AST node kind of a Pandoc citation cluster.
var kindCitation = ast.NewNodeKind("Citation")

// citationNode is a cluster such as [@a; @b, para. 4]. It is one footnote.
type citationNode struct {
	ast.BaseInline
	items  []Citation
	number int
	offset int    // byte offset of "[" (or "@" in running text) in the body
	text   string // as written, shown as it is when an in-text key names no source
	anchor string
}

func (n *citationNode) Kind() ast.NodeKind { return kindCitation }

func (n *citationNode) Dump(source []byte, level int) {
	keys := make([]string, len(n.items))
	for i, c := range n.items {
		keys[i] = c.Key
	}
	ast.DumpHelper(n, source, level, map[string]string{"Keys": strings.Join(keys, ";")}, nil)
}

// citationParser reads Pandoc bracketed citations. It runs before
// goldmark's link parser, and goldmark never offers it text inside code
// spans or escaped brackets, so `[@x]` and \[@x] stay literal.
type citationParser struct{}

func (citationParser) Trigger() []byte { return []byte{'['} }

func (citationParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] == '[' {
		return nil
	}
	// A cluster may run over a few lines of its paragraph, as Pandoc
	// allows: "[see @a,\np. 3]". Each line break reads as a space.
	startLine, startSeg := block.Position()
	var cluster []byte
	for lines := 0; ; lines++ {
		end := closingBracket(line)
		if end >= 0 {
			if end+1 < len(line) && (line[end+1] == '(' || line[end+1] == '[') {
				// [@key](url) and [@key][ref] are links, not citations.
				block.SetPosition(startLine, startSeg)
				return nil
			}
			cluster = append(cluster, line[:end]...)
			items, ok := parseCluster(string(cluster[1:]))
			if !ok {
				block.SetPosition(startLine, startSeg)
				return nil
			}
			block.Advance(end + 1)
			return &citationNode{items: items, offset: seg.Start}
		}
		if end == -1 || lines >= maxClusterLines || len(cluster)+len(line) > maxCluster {
			block.SetPosition(startLine, startSeg)
			return nil
		}
		cluster = append(append(cluster, bytes.TrimRight(line, "\r\n")...), ' ')
		block.AdvanceLine()
		if line, _ = block.PeekLine(); len(line) == 0 {
			block.SetPosition(startLine, startSeg)
			return nil
		}
	}
}

// maxClusterLines bounds how many lines one citation cluster may run over.
const maxClusterLines = 5

// maxCluster bounds the length of a citation cluster. Real ones are a few
// dozen bytes; without a bound, a line of "[{[{[{…" is rescanned from
// every "[".
const maxCluster = 1000

// closingBracket finds the "]" ending the cluster that opens line,
// allowing brackets inside {braced keys} but no nested clusters. It returns
// -2 when the line ends first, so the cluster may go on on the next line,
// and -1 when this is no cluster.
func closingBracket(line []byte) int {
	braces := 0
	for i := 1; i < len(line) && i < maxCluster; i++ {
		switch line[i] {
		case '\\':
			i++
		case '{':
			braces++
		case '}':
			braces--
		case '[':
			if braces == 0 {
				return -1
			}
		case ']':
			if braces == 0 {
				return i
			}
		case '\n', '\r':
			return -2
		}
	}
	if len(line) >= maxCluster {
		return -1
	}
	return -2
}

// inTextParser reads Pandoc's in-text citations, "@key says" and "@key
// [p. 33] says", which name the author in the sentence. An "@" inside a
// word, as in an e-mail address, is not one.
type inTextParser struct{}

func (inTextParser) Trigger() []byte { return []byte{'@'} }

func (inTextParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	// Nor is one right after "[", a bracketed citation that did not
	// parse, such as the escaped \[@key] of a note about the syntax.
	if r := block.PrecendingCharacter(); r == '_' || r == '[' || unicode.IsLetter(r) || unicode.IsDigit(r) {
		return nil
	}
	line, seg := block.PeekLine()
	key, n := readKey(string(line[1:]))
	if key == "" {
		return nil
	}
	n++ // the "@"
	c := Citation{Key: key, InText: true}
	// "@key [p. 33]": a locator and suffix in brackets after a space.
	if rest := line[n:]; len(rest) > 2 && rest[0] == ' ' && rest[1] == '[' {
		if end := closingBracket(rest[1:]); end > 0 && (end+2 >= len(rest) || (rest[end+2] != '(' && rest[end+2] != '[')) {
			inner := string(rest[2 : end+1])
			if !strings.Contains(inner, "@") {
				c.Locator, c.Suffix = parseLocator(inner)
				n += end + 2
			}
		}
	}
	text := string(line[:n])
	block.Advance(n)
	return &citationNode{items: []Citation{c}, offset: seg.Start, text: text}
}

// parseCluster reads "see @a, p. 3; -@b" into items. Every item must name
// a key, as in Pandoc; otherwise the brackets are ordinary text.
func parseCluster(s string) ([]Citation, bool) {
	var items []Citation
	for _, part := range strings.Split(s, ";") {
		c, ok := parseItem(part)
		if !ok {
			return nil, false
		}
		items = append(items, c)
	}
	return items, len(items) > 0
}

func parseItem(s string) (Citation, bool) {
	at := -1
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		// An "@" inside a word (an e-mail address) does not start a key.
		if i > 0 && s[i-1] != ' ' && s[i-1] != '-' && s[i-1] != '\t' {
			continue
		}
		at = i
		break
	}
	if at < 0 {
		return Citation{}, false
	}
	key, n := readKey(s[at+1:])
	if key == "" {
		return Citation{}, false
	}
	c := Citation{Key: key}
	prefix := s[:at]
	if strings.HasSuffix(prefix, "-") {
		c.SuppressAuthor = true
		prefix = prefix[:len(prefix)-1]
	}
	c.Prefix = strings.TrimSpace(prefix)
	c.Locator, c.Suffix = parseLocator(s[at+1+n:])
	return c, true
}

// readKey reads a citation key: it starts with a letter, digit or "_", and
// may contain internal punctuation (:.#$%&-+?<>~/) followed by a letter or
// digit. "{…}" allows any key.
func readKey(s string) (string, int) {
	if strings.HasPrefix(s, "{") {
		end := strings.IndexByte(s, '}')
		if end <= 1 {
			return "", 0
		}
		return s[1:end], end + 1
	}
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			i += size
		case i > 0 && strings.ContainsRune(":.#$%&-+?<>~/", r):
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			if i+size < len(s) && (next == '_' || unicode.IsLetter(next) || unicode.IsDigit(next)) {
				i += size
				continue
			}
			return s[:i], i
		default:
			return s[:i], i
		}
	}
	return s[:i], i
}

// Locator says where in a source a citation points: Label is a CSL locator
// type ("page", "paragraph", …) and Value the place ("212", "4–6").
type Locator struct {
	Label string
	Value string
}

// String renders the locator in the short form used in notes: "p. 212".
func (l Locator) String() string {
	if l.Value == "" {
		return ""
	}
	for _, t := range locatorTerms {
		if t.label == l.Label {
			abbr := t.terms[0]
			if strings.ContainsAny(l.Value, "-–—,") && t.plural != "" {
				abbr = t.plural
			}
			return abbr + " " + l.Value
		}
	}
	return l.Value
}

// locatorTerms maps Pandoc's English locator terms to CSL locator types.
// The first term is the one String uses.
var locatorTerms = []struct {
	label  string
	terms  []string
	plural string
}{
	{"page", []string{"p.", "p", "page", "pp.", "pp", "pages"}, "pp."},
	{"paragraph", []string{"para.", "para", "paragraph", "paras.", "paras", "paragraphs", "¶", "¶¶"}, "paras."},
	{"chapter", []string{"chap.", "chap", "ch.", "ch", "chapter", "chapters", "chaps."}, "chaps."},
	{"section", []string{"sec.", "sec", "section", "sections", "secs.", "§", "§§"}, "secs."},
	{"line", []string{"l.", "line", "lines", "ll."}, "ll."},
	{"figure", []string{"fig.", "fig", "figure", "figures", "figs."}, "figs."},
	{"volume", []string{"vol.", "vol", "volume", "volumes", "vols."}, "vols."},
	{"note", []string{"n.", "note", "notes", "nn."}, "nn."},
	{"column", []string{"col.", "column", "columns", "cols."}, "cols."},
	{"part", []string{"pt.", "part", "parts", "pts."}, "pts."},
	{"book", []string{"bk.", "book", "books", "bks."}, "bks."},
	{"verse", []string{"v.", "verse", "verses", "vv."}, "vv."},
	{"folio", []string{"fol.", "folio", "folios", "fols."}, "fols."},
	// "no." is an issue, as citeproc's English terms have it.
	{"issue", []string{"no.", "nos.", "iss.", "issue", "issues"}, "nos."},
	{"number", []string{"number", "numbers"}, ""},
	{"opus", []string{"op.", "opus", "opera", "opp."}, "opp."},
	{"sub-verbo", []string{"s.v.", "s.vv.", "sub verbo", "sub verbis"}, "s.vv."},
	{"timestamp", []string{"at", "time"}, ""},
}

// locatorValue is a page-like value: numbers or roman numerals, ranges and
// comma-separated lists of them ("212", "4–6", "xii", "3, 7-9", "01:02:03").
var locatorValue = regexp.MustCompile(`^(?:[0-9]+(?::[0-9]+)*[a-z]?\b|[ivxlcdmIVXLCDM]+\b)(?:\s*[-–—]+\s*(?:[0-9]+[a-z]?\b|[ivxlcdm]+\b))?(?:\s*,\s*(?:[0-9]+[a-z]?\b|[ivxlcdm]+\b)(?:\s*[-–—]+\s*(?:[0-9]+[a-z]?\b|[ivxlcdm]+\b))?)*`)

// parseLocator splits the text after a key into a locator and the rest of
// the suffix, as Pandoc and citeproc do: ", p. 212, emphasis added" → page
// 212, "emphasis added". A bare number after the comma is a page; a term
// and a value need no comma ("p. 30"); a locator in braces is taken whole
// ("{pp. iv, vi-xi}").
func parseLocator(s string) (Locator, string) {
	rest := strings.TrimSpace(s)
	comma := strings.HasPrefix(rest, ",")
	if comma {
		rest = strings.TrimSpace(rest[1:])
	}
	if strings.HasPrefix(rest, "{") {
		if end := strings.IndexByte(rest, '}'); end > 1 {
			inner := strings.TrimSpace(rest[1:end])
			label, value := "page", inner
			if l, v, ok := locatorTermAny(inner); ok {
				label, value = l, v
			}
			return Locator{Label: label, Value: value}, strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(rest[end+1:]), ","))
		}
	}
	label, after := locatorTerm(rest)
	if !comma && after == rest {
		// Without a comma only a term makes a locator: "[@a p. 30]".
		return Locator{}, rest
	}
	v := locatorValue.FindString(after)
	if v == "" {
		return Locator{}, rest
	}
	suffix := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(after[len(v):]), ","))
	return Locator{Label: label, Value: strings.TrimSpace(v)}, suffix
}

// locatorTermAny strips a leading locator term from a braced locator,
// whose value may be anything.
func locatorTermAny(s string) (label, value string, ok bool) {
	for _, t := range locatorTerms {
		for _, term := range t.terms {
			if after, found := strings.CutPrefix(s, term); found && (strings.HasPrefix(after, " ") || strings.HasSuffix(term, ".")) {
				if v := strings.TrimSpace(after); v != "" {
					return t.label, v, true
				}
			}
		}
	}
	return "", "", false
}

// locatorTerm strips a leading locator term ("para. ") that is followed by a
// value, returning its CSL label; otherwise it returns "page" and s.
func locatorTerm(s string) (label, rest string) {
	for _, t := range locatorTerms {
		for _, term := range t.terms {
			after, ok := strings.CutPrefix(s, term)
			if !ok {
				continue
			}
			// "p" must not match the start of "paragraph 4" or "pages".
			wordEnd := strings.HasPrefix(after, " ") || strings.HasSuffix(term, ".") ||
				strings.HasPrefix(term, "§") || strings.HasPrefix(term, "¶")
			if candidate := strings.TrimSpace(after); wordEnd && locatorValue.MatchString(candidate) {
				return t.label, candidate
			}
		}
	}
	return "page", s
}
