package export

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// bibType returns the biblatex entry type for a CSL type, and the
// entrysubtype biblatex uses to tell newspapers and magazines apart.
func bibType(cslType string) (typ, subtype string) {
	switch cslType {
	case "article-newspaper":
		return "article", "newspaper"
	case "article-magazine":
		return "article", "magazine"
	case "article", "article-journal":
		return "article", ""
	case "book", "classic":
		return "book", ""
	case "chapter", "entry", "entry-dictionary", "entry-encyclopedia":
		return "incollection", ""
	case "paper-conference":
		return "inproceedings", ""
	case "report":
		return "report", ""
	case "thesis":
		return "thesis", ""
	case "webpage", "post", "post-weblog":
		return "online", ""
	case "dataset", "software":
		return cslType, ""
	}
	return "misc", ""
}

// bibField is one "name = {value}" line; value is already escaped.
type bibField struct{ name, value string }

func (c *Collection) bibEntry(n *note.Note) (typ string, fields []bibField) {
	s := n.Source
	csl, genre := cslType(s)
	typ, subtype := bibType(csl)
	if typ == "misc" && genre == "" && csl != "document" {
		// A @misc says what it is in its type field (a speech, an
		// interview), so that reading the entry back gives the CSL type.
		genre = csl
	}
	add := func(name, value string) {
		if value != "" {
			fields = append(fields, bibField{name, value})
		}
	}
	for _, role := range []struct {
		field string
		names []note.Name
	}{{"author", s.Authors}, {"editor", s.Editors}} {
		if len(role.names) > 0 {
			names := make([]string, len(role.names))
			for i, a := range role.names {
				names[i] = bibName(a)
			}
			add(role.field, strings.Join(names, " and "))
		}
	}
	add("title", bibTitle(n.Title))
	// biblatex has a container field only for articles and parts of
	// books; journaltitle is where Pandoc and Zotero look for the
	// container of every other type.
	if typ == "incollection" || typ == "inproceedings" {
		add("booktitle", bibTitle(s.ContainerTitle))
	} else {
		add("journaltitle", bibTitle(s.ContainerTitle))
	}
	add("entrysubtype", subtype)
	if typ == "report" {
		add("institution", bibText(s.Publisher))
	} else {
		add("publisher", bibText(s.Publisher))
	}
	add("type", bibText(genre))
	if date := bibDate(s.Issued); date != "" {
		add("date", date)
		add("year", strconv.Itoa(s.Issued.Earliest().Year))
	}
	add("doi", bibURL(s.DOI))
	add("url", bibURL(s.URL))
	if !s.Accessed.IsZero() {
		add("urldate", s.Accessed.Earliest().String())
	}
	add("langid", bibText(s.Language))
	add("note", bibText(c.provenance(s)))
	return typ, fields
}

// bibName writes a name for biblatex's author list: "Family, Given", or a
// literal such as an organisation in an extra pair of braces so that it is
// never split into given and family names.
func bibName(a note.Name) string {
	if a.Literal != "" {
		return "{" + bibText(a.Literal) + "}"
	}
	family := bibText(a.Family)
	if strings.ContainsRune(a.Family, ' ') {
		// "van der Berg" is all the family name, as in CSL: braced, its
		// particle is kept when the name is cited ("van der Berg 2018"),
		// where bare it would be dropped.
		family = "{" + family + "}"
	}
	if a.Given == "" {
		return family
	}
	return family + ", " + bibText(a.Given)
}

// bibTitle escapes a title and braces every word holding a capital, so
// that styles which change a title's case keep "NATO" and "Trump" as
// written.
func bibTitle(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		e := bibText(w)
		if strings.IndexFunc(w, unicode.IsUpper) >= 0 {
			e = "{" + e + "}"
		}
		words[i] = e
	}
	return strings.Join(words, " ")
}

// bibSpecial maps the characters TeX gives a meaning to their escaped
// forms.
var bibSpecial = strings.NewReplacer(
	`\`, `\textbackslash{}`,
	`{`, `\{`, `}`, `\}`,
	`&`, `\&`, `%`, `\%`, `$`, `\$`, `#`, `\#`, `_`, `\_`,
	`~`, `\textasciitilde{}`, `^`, `\textasciicircum{}`,
	"\n", " ", "\r", " ", "\t", " ",
)

// bibText escapes text for a braced BibTeX field. "--" is broken up, as
// TeX would set it as a dash; a straight apostrophe is left for TeX to set
// as a typographic one, as it does in any LaTeX text.
func bibText(s string) string {
	s = bibSpecial.Replace(s)
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-{}-")
	}
	return s
}

// bibURL writes a URL for biblatex's verbatim url field. Only the braces
// delimiting the field, a backslash and white space could break it there;
// they are percent-encoded, which leaves the URL meaning the same.
func bibURL(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '{' || r == '}' || r == '\\' || unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteString(url.QueryEscape(string(r)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// bibDate writes an EDTF date as biblatex reads it: "2018-07-11",
// "2018-07-11/2018-07-12", "2025/..". biblatex takes EDTF's "~", "?" and
// "%" qualifiers; X digits are written as the range of dates they allow,
// which every version of biblatex and Pandoc reads.
func bibDate(d edtf.Date) string {
	if d.IsZero() {
		return ""
	}
	if !d.Interval {
		if detail(d.Start) == edtf.PrecisionUnknown {
			return bibPoint(d.Start, false) + "/" + bibPoint(d.Start, true)
		}
		return bibPoint(d.Start, false)
	}
	return bibPoint(d.Start, false) + "/" + bibPoint(d.End, true)
}

func bibPoint(p edtf.Point, end bool) string {
	switch {
	case p.Open:
		return ".."
	case open(p):
		return ""
	}
	day := p.Earliest()
	if end && detail(p) == edtf.PrecisionUnknown {
		day = p.Latest()
	}
	s := day.String() // YYYY-MM-DD, cut to the precision known
	switch detail(p) {
	case edtf.PrecisionUnknown, edtf.PrecisionYear, edtf.PrecisionSeason:
		s = s[:len(s)-len("-MM-DD")]
	case edtf.PrecisionMonth:
		s = s[:len(s)-len("-DD")]
	}
	switch {
	case p.Uncertain && p.Approximate:
		s += "%"
	case p.Uncertain:
		s += "?"
	case p.Approximate:
		s += "~"
	}
	return s
}

// bibKeyBad lists the characters that BibTeX, biber or LaTeX's \cite
// cannot take in a key.
const bibKeyBad = `"#%'(),={}\~@`

// bibKeyOK reports whether key can be a BibTeX key as it is.
func bibKeyOK(key string) bool {
	return key != "" && strings.IndexFunc(key, func(r rune) bool {
		return strings.ContainsRune(bibKeyBad, r) || unicode.IsSpace(r) || unicode.IsControl(r)
	}) < 0
}

// bibKey returns a key BibTeX can take for one it cannot: each character
// it cannot take becomes "-", and the result is made unique among used.
func bibKey(key string, used map[string]bool) string {
	var b strings.Builder
	for _, r := range key {
		if strings.ContainsRune(bibKeyBad, r) || unicode.IsSpace(r) || unicode.IsControl(r) {
			r = '-'
		}
		b.WriteRune(r)
	}
	base := b.String()
	if base == "" {
		base = "source"
	}
	k := base
	for i := 2; used[k]; i++ {
		k = fmt.Sprintf("%s-%d", base, i)
	}
	used[k] = true
	return k
}

func writeBibTeX(w io.Writer, c *Collection) (note.Diagnostics, error) {
	var diags note.Diagnostics
	// Keys that are usable as they are go first, so that a changed key
	// never takes the place of one that needed no change.
	keys := make([]string, len(c.Sources))
	used := map[string]bool{}
	for i, n := range c.Sources {
		if bibKeyOK(n.ID) {
			keys[i], used[n.ID] = n.ID, true
		}
	}
	for i, n := range c.Sources {
		if keys[i] != "" {
			continue
		}
		keys[i] = bibKey(n.ID, used)
		diags = append(diags, warning(n, "citation key %q has characters BibTeX cannot take in a key; "+
			"the BibTeX export calls it %q, so [@%s] will not find it there: rename the note "+
			"using only letters, digits and -_:./+", n.ID, keys[i], n.ID))
	}
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%% %s: the public sources as biblatex entries (%d); the citation keys are the notes' ids.\n", c.Title, len(c.Sources))
	for i, n := range c.Sources {
		typ, fields := c.bibEntry(n)
		fmt.Fprintf(bw, "\n@%s{%s,\n", typ, keys[i])
		width := 0
		for _, f := range fields {
			width = max(width, len(f.name))
		}
		for j, f := range fields {
			sep := ","
			if j == len(fields)-1 {
				sep = ""
			}
			fmt.Fprintf(bw, "  %-*s = {%s}%s\n", width, f.name, f.value, sep)
		}
		fmt.Fprintln(bw, "}")
	}
	return diags, bw.Flush()
}
