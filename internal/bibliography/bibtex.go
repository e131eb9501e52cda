package bibliography

import (
	"fmt"
	"regexp"
	"strings"

	"annals.dev/annals/internal/note"
)

// bibField is one "name = value" of an entry, its value as written with
// @string macros expanded and "#" concatenations joined, but TeX still in.
type bibField struct {
	name, value string
	line        int
}

// bibEntry is one @type{key, …} of a .bib file.
type bibEntry struct {
	typ, key  string
	line, col int
	fields    []bibField
	warnings  note.Diagnostics // found while reading it, such as an undefined @string
}

// field returns the field called name and whether the entry has it.
func (be *bibEntry) field(name string) (bibField, bool) {
	for _, f := range be.fields {
		if f.name == name {
			return f, true
		}
	}
	return bibField{}, false
}

// bibParser reads the entries of a .bib file, keeping the position of
// each. Anything outside an entry is a comment, as BibTeX has it.
type bibParser struct {
	path   string
	src    string
	i      int
	macros map[string]string
	diags  note.Diagnostics
	lines  *lineIndex
	match  []int32 // see braces
	// pending are the warnings about the item being read, which go to
	// its entry once it is read.
	pending note.Diagnostics
}

// warn records a warning about the item being read, at offset at.
func (p *bibParser) warn(at int, format string, args ...any) {
	line, col := p.pos(at)
	p.pending = append(p.pending, note.Diagnostic{Path: p.path, Line: line, Col: col, Severity: note.SeverityWarning,
		Message: fmt.Sprintf(format, args...)})
}

func (p *bibParser) pos(i int) (line, col int) { return p.lines.pos(i) }

// bibMonths are the month macros BibTeX and biblatex predefine; biblatex
// gives them as numbers.
var bibMonths = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// bibLineStart finds the next entry after one that could not be read.
var bibLineStart = regexp.MustCompile(`\n[ \t]*@`)

// bibSyntaxError is a place where the file is not BibTeX.
type bibSyntaxError struct {
	at  int
	msg string
}

func (p *bibParser) fail(format string, args ...any) *bibSyntaxError {
	return &bibSyntaxError{at: p.i, msg: fmt.Sprintf(format, args...)}
}

func readBibTeX(path string, src []byte) ([]*entry, note.Diagnostics) {
	p := &bibParser{path: path, src: string(src), macros: map[string]string{}}
	p.lines = newLineIndex(p.src)
	for i, m := range bibMonths {
		p.macros[m] = fmt.Sprint(i + 1)
	}
	var read []*bibEntry
	for {
		at := strings.IndexByte(p.src[p.i:], '@')
		if at < 0 {
			break
		}
		p.i += at
		start := p.i
		if lineStart := p.lines.lineStart(start); strings.HasPrefix(strings.TrimLeft(p.src[lineStart:start], " \t"), "%") {
			// A "%" comment line, as biber and Zotero take it: an "@"
			// in it is not an entry.
			p.i = len(p.src)
			if nl := strings.IndexByte(p.src[start:], '\n'); nl >= 0 {
				p.i = start + nl
			}
			continue
		}
		be, err := p.item()
		if be != nil {
			be.warnings, p.pending = p.pending, nil
		} else {
			p.diags, p.pending = append(p.diags, p.pending...), nil
		}
		if err != nil {
			line, col := p.pos(err.at)
			p.diags = append(p.diags, note.Diagnostic{Path: path, Line: line, Col: col, Severity: note.SeverityError,
				Message: "invalid BibTeX: " + err.msg})
			// Carry on at the next line that starts with "@", so one
			// broken entry does not hide the others.
			p.i = len(p.src)
			if next := bibLineStart.FindStringIndex(p.src[start+1:]); next != nil {
				p.i = start + 1 + next[1] - 1
			}
			continue
		}
		if be != nil {
			read = append(read, be)
		}
	}
	var entries []*entry
	for _, be := range resolveCrossrefs(read) {
		entries = append(entries, bibToEntry(path, be))
	}
	return entries, p.diags
}

func (p *bibParser) skipSpace() {
	for p.i < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.i]) >= 0 {
		p.i++
	}
}

// name reads an entry type, a field name or a macro name.
func (p *bibParser) name() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c <= ' ' || strings.IndexByte(`"#%'(),={}@`, c) >= 0 {
			break
		}
		p.i++
	}
	return p.src[start:p.i]
}

// item reads one "@…" at p.i. It returns nil for a @comment, @preamble or
// @string, which are not entries.
func (p *bibParser) item() (*bibEntry, *bibSyntaxError) {
	at := p.i
	line, col := p.pos(p.i)
	p.i++ // '@'
	typ := strings.ToLower(p.name())
	if typ == "" {
		return nil, &bibSyntaxError{at: at, msg: `"@" must be followed by an entry type, as in @article{key, …}; outside an entry, start the line with % to make it a comment`}
	}
	p.skipSpace()
	if p.i >= len(p.src) || (p.src[p.i] != '{' && p.src[p.i] != '(') {
		return nil, &bibSyntaxError{at: at, msg: fmt.Sprintf("@%s must be followed by { or (, as in @%s{key, title = {…}}", typ, typ)}
	}
	closing := byte('}')
	if p.src[p.i] == '(' {
		closing = ')'
	}
	open := p.i
	p.i++
	switch typ {
	case "comment":
		depth := 0
		for ; p.i < len(p.src); p.i++ {
			switch c := p.src[p.i]; {
			case c == '{':
				depth++
			case c == '}' && depth > 0:
				depth--
			case c == closing && depth == 0:
				p.i++
				return nil, nil
			}
		}
		p.i = open
		return nil, p.fail("@comment is not closed: add a %c", closing)
	case "preamble":
		p.skipSpace()
		if _, err := p.value(); err != nil {
			return nil, err
		}
		return nil, p.close(closing)
	case "string":
		p.skipSpace()
		name := strings.ToLower(p.name())
		if name == "" {
			return nil, p.fail("@string must define a name, as in @string{nato = {North Atlantic Treaty Organization}}")
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '=' {
			return nil, p.fail("expected = after @string name %q", name)
		}
		p.i++
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		p.macros[name] = v
		return nil, p.close(closing)
	}
	e := &bibEntry{typ: typ, line: line, col: col}
	p.skipSpace()
	start := p.i
	for p.i < len(p.src) && p.src[p.i] != ',' && p.src[p.i] != closing && !isSpace(p.src[p.i]) {
		if c := p.src[p.i]; c == '{' || c == '}' || c == '=' || c == '@' {
			return nil, p.fail("unexpected %q in the citation key of @%s: write it as @%s{key, field = {value}, …}", c, typ, typ)
		}
		p.i++
	}
	e.key = p.src[start:p.i]
	for {
		p.skipSpace()
		if p.i < len(p.src) && p.src[p.i] == closing {
			p.i++
			return e, nil
		}
		if p.i >= len(p.src) {
			return nil, &bibSyntaxError{at: at, msg: fmt.Sprintf("entry %q is not closed: add a %c after its last field", e.key, closing)}
		}
		if p.src[p.i] == '@' {
			return nil, &bibSyntaxError{at: at, msg: fmt.Sprintf("entry %q is not closed: add a %c after its last field", e.key, closing)}
		}
		if p.src[p.i] != ',' {
			return nil, p.fail("expected , or %c after the key or a field of %q", closing, e.key)
		}
		p.i++
		p.skipSpace()
		if p.i < len(p.src) && p.src[p.i] == closing {
			continue
		}
		fieldLine, _ := p.pos(p.i)
		name := strings.ToLower(p.name())
		if name == "" {
			return nil, p.fail("expected a field name, as in title = {…}, in %q", e.key)
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '=' {
			return nil, p.fail("expected = after field %q of %q", name, e.key)
		}
		p.i++
		p.skipSpace()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		e.fields = append(e.fields, bibField{name: name, value: v, line: fieldLine})
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func (p *bibParser) close(closing byte) *bibSyntaxError {
	p.skipSpace()
	if p.i >= len(p.src) || p.src[p.i] != closing {
		return p.fail("expected %c", closing)
	}
	p.i++
	return nil
}

// value reads pieces joined by "#": {braced} or "quoted" text as written,
// numbers, and @string macros, expanded.
func (p *bibParser) value() (string, *bibSyntaxError) {
	var b strings.Builder
	for {
		if p.i >= len(p.src) {
			return "", p.fail("expected a value: {text}, \"text\", a number or a @string name")
		}
		switch c := p.src[p.i]; {
		case c == '{':
			s, err := p.braced()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c == '"':
			s, err := p.quoted()
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.src) && p.src[p.i] >= '0' && p.src[p.i] <= '9' {
				p.i++
			}
			b.WriteString(p.src[start:p.i])
		default:
			at := p.i
			name := p.name()
			if name == "" {
				return "", p.fail("expected a value: {text}, \"text\", a number or a @string name")
			}
			v, ok := p.macros[strings.ToLower(name)]
			if !ok {
				// BibTeX warns and reads it as empty.
				p.warn(at, "unknown @string %q, read as empty: define it with @string{%s = {…}} before it is used, or put the text in braces", name, name)
			}
			b.WriteString(v)
		}
		p.skipSpace()
		if p.i >= len(p.src) || p.src[p.i] != '#' {
			return b.String(), nil
		}
		p.i++
		p.skipSpace()
	}
}

// braces finds, once per file, the } closing each { (-1 if none), so
// that reading a value never scans further than the value: a file of
// unclosed braces would otherwise be read again from each entry to the end.
// A brace after a backslash is text, not a group.
func (p *bibParser) braces() []int32 {
	if p.match != nil {
		return p.match
	}
	p.match = make([]int32, len(p.src))
	var open []int32
	for i := 0; i < len(p.src); i++ {
		p.match[i] = -1
		switch p.src[i] {
		case '\\':
			if i+1 < len(p.src) && (p.src[i+1] == '{' || p.src[i+1] == '}') {
				i++
				p.match[i] = -1
			}
		case '{':
			open = append(open, int32(i))
		case '}':
			if len(open) > 0 {
				p.match[open[len(open)-1]] = int32(i)
				open = open[:len(open)-1]
			}
		}
	}
	return p.match
}

// braced reads {…} with balanced braces and returns what is inside.
func (p *bibParser) braced() (string, *bibSyntaxError) {
	open := p.i
	end := int(p.braces()[open])
	if end < 0 {
		return "", p.fail("unbalanced braces: this { is never closed")
	}
	p.i = end + 1
	return p.src[open+1 : end], nil
}

// quoted reads "…", in which a " inside braces does not end the text.
func (p *bibParser) quoted() (string, *bibSyntaxError) {
	open := p.i
	match := p.braces()
	for p.i++; p.i < len(p.src); p.i++ {
		switch p.src[p.i] {
		case '\\':
			if p.i+1 < len(p.src) && (p.src[p.i+1] == '{' || p.src[p.i+1] == '}') {
				p.i++
			}
		case '{':
			if match[p.i] < 0 {
				return "", p.fail("unbalanced braces: this { is never closed")
			}
			p.i = int(match[p.i])
		case '}':
			return "", p.fail("unbalanced braces: this } closes nothing inside the quoted value")
		case '"':
			p.i++
			return p.src[open+1 : p.i-1], nil
		}
	}
	p.i = open
	return "", p.fail(`unbalanced quotes: this " is never closed`)
}
