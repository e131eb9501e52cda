package note

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// CheckQuotes checks the citations of event n against the stored texts of
// the sources they cite (by source id): a citation should say where in a
// stored text, a paragraph it names must exist, and each quotation it
// vouches for must be there. stmts are n's statements.
func CheckQuotes(n *Note, stmts []Statement, texts map[string]*SourceText) Diagnostics {
	var ds Diagnostics
	add := func(line, col int, sev Severity, format string, args ...any) {
		ds = append(ds, Diagnostic{Path: n.Path, Line: line, Col: col, Severity: sev, Message: fmt.Sprintf(format, args...)})
	}
	byNumber := map[int][]Citation{}
	for _, ct := range n.Citations {
		byNumber[ct.Number] = append(byNumber[ct.Number], ct)
		t := texts[ct.Key]
		switch {
		case t == nil:
		case ct.Locator.Value == "":
			add(ct.Line, ct.Col, SeverityWarning,
				"@%s has a stored text (%s) and this citation says nowhere in it: add the paragraph, as in [@%s, para. 4]",
				ct.Key, t.Path, ct.Key)
		default:
			if p, past := pastTheEnd(ct.Locator, t); past {
				add(ct.Line, ct.Col, SeverityError,
					"para. %d is past the end of the stored text of @%s, which has %d paragraphs (%s): fix the locator",
					p, ct.Key, len(t.Paragraphs), t.Path)
			}
		}
	}
	for _, s := range stmts {
		for _, b := range s.Backing {
			for _, ct := range byNumber[b.Number] {
				t := texts[ct.Key]
				if t == nil {
					continue
				}
				if _, past := pastTheEnd(ct.Locator, t); past {
					continue // the locator is reported already
				}
				for _, q := range b.Quotes {
					r := t.Check(q.Text, ct.Locator)
					switch {
					case r.Found:
					case r.Elsewhere:
						add(q.Line, q.Col, SeverityError,
							"the quotation %s is in para. %d of the stored text of @%s, not in %s: fix the locator",
							Excerpt(q.Text), r.Para, ct.Key, ct.Locator)
					case r.Passage != "":
						add(q.Line, q.Col, SeverityError,
							"the quotation %s is not in the stored text of @%s (%s); the nearest passage, in para. %d, reads %s: quote the source word for word, or drop the quotation marks from a paraphrase",
							Excerpt(q.Text), ct.Key, t.Path, r.Para, Excerpt(r.Passage))
					default:
						add(q.Line, q.Col, SeverityError,
							"the quotation %s is not in the stored text of @%s (%s): quote the source word for word, or drop the quotation marks from a paraphrase",
							Excerpt(q.Text), ct.Key, t.Path)
					}
				}
			}
		}
	}
	return ds
}

// pastTheEnd returns the first paragraph a locator names that the text
// does not have.
func pastTheEnd(l Locator, t *SourceText) (int, bool) {
	paras, _ := Paragraphs(l)
	for _, p := range paras {
		if p < 1 || p > len(t.Paragraphs) {
			return p, true
		}
	}
	return 0, false
}

// maxExcerpt bounds how much of a sentence or passage a message quotes.
const maxExcerpt = 120

// Excerpt quotes s for a message, shortened to maxExcerpt bytes.
func Excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxExcerpt {
		cut := maxExcerpt
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = strings.TrimSpace(s[:cut]) + "…"
	}
	return "“" + s + "”"
}
