package note

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A cited statement's anchor is made from its text, not its place in the
// note, so that a link to it (/events/x#s-1a2b3c4d) keeps working when
// sentences are added before it or its footnote number changes. It is
// "s-" and eight hex digits of the SHA-256 of the sentence normalised:
// case, Unicode forms, curly quotes, dashes, spacing and the closing
// punctuation do not change it; a change of wording does. A sentence
// written twice in a note gets "-2", "-3", … on its later occurrences, in
// document order.

// statements assigns anchors to the citation clusters of a body as they
// are met in document order.
type statements struct {
	seen      map[string]int // occurrences so far of each base anchor
	lastText  string         // the statement the previous cluster backed
	lastBlock int
	lastID    string
}

// anchor returns the anchor of the statement sentence, cited in the
// block-th block of the body, and whether this cluster is the first to
// back it: clusters in a row after one sentence ("It was. [@a] [@b]")
// back the same statement.
func (s *statements) anchor(sentence string, block int) (id string, first bool) {
	key := normalizeSentence(sentence)
	if s.lastID != "" && key == s.lastText && block == s.lastBlock {
		return s.lastID, false
	}
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	base := anchorOf(key)
	s.seen[base]++
	id = base
	if n := s.seen[base]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	s.lastText, s.lastBlock, s.lastID = key, block, id
	return id, true
}

// anchorOf is the anchor of a normalised sentence.
func anchorOf(normalized string) string {
	sum := sha256.Sum256([]byte(normalized))
	return "s-" + hex.EncodeToString(sum[:4])
}

// sentenceFolds maps the characters that vary with an editor or keyboard
// to one form.
var sentenceFolds = strings.NewReplacer(
	"“", `"`, "”", `"`, "„", `"`, "«", `"`, "»", `"`,
	"‘", "'", "’", "'", "‚", "'",
	"–", "-", "—", "-", "‒", "-", "−", "-",
	"…", "...",
)

// normalizeSentence is the text a statement's anchor is made from.
func normalizeSentence(s string) string {
	s = sentenceFolds.Replace(strings.ToLower(norm.NFKC.String(s)))
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimLeft(s, ". ")
	return strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`.!?;:,"')`, r)
	})
}
