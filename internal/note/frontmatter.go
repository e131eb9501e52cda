package note

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// frontMatter holds the YAML between the opening and closing "---" lines,
// kept as nodes so every value can be read as the author typed it.
type frontMatter struct {
	keys   []string
	values map[string]*yaml.Node
	lines  map[string]int // file line of each key
}

// splitFrontMatter separates "---\nYAML\n---\nbody". It returns the YAML,
// the body and the file line on which the body starts.
func splitFrontMatter(src []byte) (yml, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t\r")) != "---" {
		return nil, nil, 0, errors.New(`a note must start with front matter: a line "---", YAML such as "title: …", and a closing "---"`)
	}
	line := 2
	offset := 0
	for offset <= len(rest) {
		end := bytes.IndexByte(rest[offset:], '\n')
		var cur []byte
		if end < 0 {
			cur = rest[offset:]
		} else {
			cur = rest[offset : offset+end]
		}
		if t := string(bytes.TrimRight(cur, " \t\r")); t == "---" || t == "..." {
			bodyStart := len(rest)
			if end >= 0 {
				bodyStart = offset + end + 1
			}
			return rest[:offset], rest[bodyStart:], line + 1, nil
		}
		if end < 0 {
			break
		}
		offset += end + 1
		line++
	}
	return nil, nil, 0, errors.New(`front matter is not closed: add a line "---" after the last YAML key`)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlParserErrors are the messages of yaml.v3's parser (not its scanner).
// The parser reports the line of its mark counting from 0, and leaves the
// line out when that is 0; scanner errors count from 1.
var yamlParserErrors = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlErrors turns a YAML error into diagnostics at file lines: yaml counts
// from the first line after the opening "---", which is file line 2.
func yamlErrors(path string, err error) Diagnostics {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var ds Diagnostics
	for _, m := range msgs {
		m = strings.TrimPrefix(m, "yaml: ")
		line, zeroBased := 1, false
		for _, pe := range yamlParserErrors {
			if strings.HasSuffix(m, pe) {
				line, zeroBased = 2, true
			}
		}
		if sm := yamlLine.FindStringSubmatch(m); sm != nil {
			n, _ := strconv.Atoi(sm[1])
			line = n + 1
			if zeroBased {
				line++
			}
			m = strings.TrimPrefix(strings.Replace(m, sm[0]+": ", "", 1), sm[0])
		}
		ds = append(ds, Diagnostic{Path: path, Line: line, Col: 1, Severity: SeverityError,
			Message: "invalid YAML front matter: " + strings.TrimSpace(m)})
	}
	return ds
}

func parseFrontMatter(path string, yml []byte) (*frontMatter, Diagnostics) {
	fm := &frontMatter{values: map[string]*yaml.Node{}, lines: map[string]int{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(quoteCitations(withoutLoneCR(yml)), &doc); err != nil {
		return nil, yamlErrors(path, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return fm, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, Diagnostics{{Path: path, Line: root.Line + 1, Col: root.Column, Severity: SeverityError,
			Message: "front matter must be a set of \"key: value\" lines"}}
	}
	var ds Diagnostics
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if _, dup := fm.values[k.Value]; dup {
			ds = append(ds, Diagnostic{Path: path, Line: k.Line + 1, Col: k.Column, Severity: SeverityError,
				Message: fmt.Sprintf("key %q appears twice; keep one", k.Value)})
			continue
		}
		fm.keys = append(fm.keys, k.Value)
		fm.values[k.Value] = v
		fm.lines[k.Value] = k.Line + 1
	}
	return fm, ds
}

// reader reads typed values out of front matter, collecting diagnostics.
type reader struct {
	path  string
	fm    *frontMatter
	used  map[string]bool
	diags Diagnostics
	pos   map[string]Pos // where each value read was written; see Note.ValuePos
}

func (r *reader) at(key string, i int, v *yaml.Node) {
	r.pos[fmt.Sprintf("%s[%d]", key, i)] = Pos{Line: v.Line + 1, Col: v.Column}
}

func (r *reader) errorf(key string, format string, args ...any) {
	line, col := r.fm.lines[key], 1
	if v := r.fm.values[key]; v != nil {
		line, col = v.Line+1, v.Column
	}
	r.diags = append(r.diags, Diagnostic{Path: r.path, Line: line, Col: col, Severity: SeverityError,
		Message: fmt.Sprintf(format, args...)})
}

// scalar returns the text of key exactly as written, so that "2018-07-12"
// stays a date string and "2035" is not turned into a number first.
func (r *reader) scalar(key string) string {
	r.used[key] = true
	v := r.fm.values[key]
	if v == nil || v.Tag == "!!null" {
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		r.errorf(key, "%s must be a single value, not a list or map", key)
		return ""
	}
	r.at(key, 0, v)
	return strings.TrimSpace(v.Value)
}

// list accepts a YAML list of scalars or a single scalar.
func (r *reader) list(key string) []string {
	r.used[key] = true
	v := r.fm.values[key]
	if v == nil || v.Tag == "!!null" {
		return nil
	}
	if v.Kind == yaml.ScalarNode {
		if s := strings.TrimSpace(v.Value); s != "" {
			r.at(key, 0, v)
			return []string{s}
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		r.errorf(key, "%s must be a list, e.g. %s: [a, b]", key, key)
		return nil
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			r.diags = append(r.diags, Diagnostic{Path: r.path, Line: item.Line + 1, Col: item.Column,
				Severity: SeverityError, Message: fmt.Sprintf("each item of %s must be a plain value", key)})
			continue
		}
		if s := strings.TrimSpace(item.Value); s != "" {
			r.at(key, len(out), item)
			out = append(out, s)
		}
	}
	return out
}

func (r *reader) boolean(key string) bool {
	s := r.scalar(key)
	switch strings.ToLower(s) {
	case "", "false", "no", "off":
		return false
	case "true", "yes", "on":
		return true
	}
	r.errorf(key, "%s must be true or false, not %q", key, s)
	return false
}

// unknownKeys warns about keys no reader asked for: usually a typo.
func (r *reader) unknownKeys(kind Kind, known []string) {
	for _, k := range r.fm.keys {
		if r.used[k] {
			continue
		}
		r.diags = append(r.diags, Diagnostic{Path: r.path, Line: r.fm.lines[k], Col: 1, Severity: SeverityWarning,
			Message: fmt.Sprintf("unknown key %q: %s notes take %s; check the spelling", k, kind, strings.Join(known, ", "))})
	}
}

// withoutLoneCR turns each carriage return not followed by a line feed into
// a space. YAML counts a lone CR as a line break and annals counts only LF,
// so without this the lines YAML reports would not be the file's; inside a
// value YAML would fold such a break into a space anyway.
func withoutLoneCR(yml []byte) []byte {
	var out []byte
	for i, b := range yml {
		if b == '\r' && (i+1 == len(yml) || yml[i+1] != '\n') {
			if out == nil {
				out = bytes.Clone(yml)
			}
			out[i] = ' '
		}
	}
	if out == nil {
		return yml
	}
	return out
}
