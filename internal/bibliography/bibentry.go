package bibliography

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// bibTypes maps BibTeX and biblatex entry types to CSL types, the types
// source notes use.
var bibTypes = map[string]string{
	"article": "article-journal", "book": "book", "mvbook": "book", "bookinbook": "chapter",
	"inbook": "chapter", "incollection": "chapter", "suppbook": "chapter", "suppcollection": "chapter",
	"collection": "book", "mvcollection": "book", "proceedings": "book", "mvproceedings": "book",
	"inproceedings": "paper-conference", "conference": "paper-conference",
	"inreference": "entry-encyclopedia", "reference": "book", "mvreference": "book",
	"report": "report", "techreport": "report", "manual": "report",
	"thesis": "thesis", "phdthesis": "thesis", "mastersthesis": "thesis",
	"online": "webpage", "electronic": "webpage", "www": "webpage",
	"booklet": "pamphlet", "unpublished": "manuscript", "patent": "patent", "periodical": "periodical",
	"suppperiodical": "article-journal", "dataset": "dataset", "software": "software",
	"letter": "personal_communication", "movie": "motion_picture", "video": "motion_picture",
	"audio": "song", "music": "song", "artwork": "graphic", "image": "graphic", "legislation": "legislation",
	"jurisdiction": "legal_case", "legal": "legal_case", "standard": "standard", "review": "review",
	"performance": "performance", "misc": "document",
}

// babelLanguages maps the language names biblatex's langid takes (as
// Better BibTeX writes them) to the language codes source notes use.
var babelLanguages = map[string]string{
	"english": "en", "american": "en-US", "USenglish": "en-US", "british": "en-GB", "UKenglish": "en-GB",
	"german": "de", "ngerman": "de", "austrian": "de-AT", "naustrian": "de-AT", "swissgerman": "de-CH",
	"french": "fr", "spanish": "es", "italian": "it", "dutch": "nl", "portuguese": "pt", "brazilian": "pt-BR",
	"norsk": "nb", "norwegian": "nb", "nynorsk": "nn", "swedish": "sv", "danish": "da", "finnish": "fi",
	"icelandic": "is", "polish": "pl", "czech": "cs", "slovak": "sk", "hungarian": "hu", "romanian": "ro",
	"russian": "ru", "ukrainian": "uk", "greek": "el", "turkish": "tr", "latin": "la", "catalan": "ca",
	"chinese": "zh", "japanese": "ja", "korean": "ko", "arabic": "ar", "hebrew": "he", "estonian": "et",
	"latvian": "lv", "lithuanian": "lt", "croatian": "hr", "serbian": "sr", "slovenian": "sl", "bulgarian": "bg",
}

// bibKeys maps BibTeX fields to the front matter keys of a source note,
// for Note.Lines.
var bibKeys = map[string]string{
	"title": "title", "author": "author", "editor": "editor", "doi": "DOI", "journaltitle": "container-title", "journal": "container-title",
	"booktitle": "container-title", "publisher": "publisher", "institution": "publisher", "school": "publisher",
	"date": "issued", "year": "issued", "urldate": "accessed", "url": "URL", "langid": "language",
	"language": "language", "archived": "archived", "origin": "origin", "via": "via", "draft": "draft",
}

// bibToEntry reads the fields of a BibTeX entry.
func bibToEntry(path string, be *bibEntry) *entry {
	e := &entry{path: path, line: be.line, col: be.col, key: be.key, fields: map[string]int{"type": be.line}}
	for _, w := range be.warnings {
		w.Path = path
		e.diags = append(e.diags, w)
	}
	f := map[string]bibField{}
	for _, fl := range be.fields {
		if first, dup := f[fl.name]; dup {
			// BibTeX and biber warn and keep the first.
			e.warnf(fl.line, "field %q of %q appears twice (first on line %d): the first is used; keep one", fl.name, be.key, first.line)
			continue
		}
		f[fl.name] = fl
		if k, ok := bibKeys[fl.name]; ok {
			e.set(k, fl.line)
		}
	}
	text := func(name string) string { return decodeTeX(f[name].value) }
	first := func(names ...string) (string, bibField) {
		for _, n := range names {
			if fl, ok := f[n]; ok && strings.TrimSpace(fl.value) != "" {
				return decodeTeX(fl.value), fl
			}
		}
		return "", bibField{}
	}
	withSub := func(title, sub string) string {
		if sub != "" && title != "" {
			return title + ": " + sub
		}
		return title
	}

	e.typ = bibType(be.typ, text("entrysubtype"), text("type"), f["url"].value != "")
	e.title = withSub(text("title"), text("subtitle"))
	if fl, ok := f["author"]; ok {
		e.authors = bibNames(fl.value)
	}
	if fl, ok := f["editor"]; ok {
		e.editors = bibNames(fl.value)
	}
	e.doi = bibURL(f["doi"].value)
	switch be.typ {
	case "incollection", "inproceedings", "inbook", "inreference", "bookinbook", "suppbook", "suppcollection":
		e.container, _ = first("booktitle", "maintitle", "journaltitle", "journal")
		if e.container == text("booktitle") {
			e.container = withSub(e.container, text("booksubtitle"))
			if addon := text("booktitleaddon"); addon != "" && e.container != "" {
				e.container += ". " + addon
			}
		}
	case "periodical":
		// A periodical's issue is the item, in the periodical.
		if issue := withSub(text("issuetitle"), text("issuesubtitle")); issue != "" {
			e.title, e.container = issue, e.title
		}
	case "book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference":
		// A whole book is in nothing; its booktitle names itself, for
		// the entries that cross-reference it.
		e.container, _ = first("journaltitle", "journal")
	default:
		e.container, _ = first("journaltitle", "journal", "booktitle")
		if e.container == text("journaltitle") {
			e.container = withSub(e.container, text("journalsubtitle"))
		}
	}
	e.publisher, _ = first("publisher", "institution", "school", "organization")
	if u := bibURL(f["url"].value); u != "" {
		e.url, e.urlAt = u, "url"
	} else if u := bibURL(f["howpublished"].value); note.WebURL(u) {
		// BibTeX has no url field: a link is written howpublished =
		// {\url{…}}.
		e.url, e.urlAt = u, "howpublished"
		e.set("URL", f["howpublished"].line)
	}
	if lang, _ := first("langid", "language"); lang != "" {
		e.language = lang
		if code, ok := babelLanguages[lang]; ok {
			e.language = code
		} else if code, ok := babelLanguages[strings.ToLower(lang)]; ok {
			e.language = code
		}
	}
	e.issued, e.issuedAt = e.bibDate(f)
	if d := bibPlain(f["urldate"].value); d != "" {
		e.accessed, e.accessedAt = d, "urldate"
	}
	var notes []string
	if a := text("abstract"); a != "" {
		notes = append(notes, a)
	}
	if fl, ok := f["note"]; ok {
		if rest := e.readNote(decodeTeXLines(fl.value), "note", fl.line); rest != "" {
			notes = append(notes, rest)
		}
	}
	e.text = strings.Join(notes, "\n\n")
	// Fields of annals' own, as Better BibTeX writes the "tex.origin:
	// primary" lines of Zotero's Extra field.
	if o := text("origin"); o != "" {
		e.origin = o
	}
	if d := bibPlain(f["draft"].value); d != "" {
		e.draft, e.draftAt = d, "draft"
	}
	if a := bibURL(f["archived"].value); a != "" {
		e.archived, e.archivedAt = a, "archived"
	}
	if v := text("via"); v != "" {
		e.via = nil
		for _, id := range strings.Split(v, ",") {
			if id = strings.TrimSpace(id); id != "" {
				e.via = append(e.via, id)
			}
		}
		e.viaTitles = nil
	}
	return e
}

// bibType chooses the CSL type of an entry. biblatex's entrysubtype tells
// newspapers and magazines from journals; a @misc with a url is a web page,
// and a @misc with a type of its own keeps it, as the annals export writes
// a type CSL does not know.
func bibType(typ, subtype, genre string, hasURL bool) string {
	switch {
	case typ == "article" && strings.EqualFold(subtype, "newspaper"):
		return "article-newspaper"
	case typ == "article" && strings.EqualFold(subtype, "magazine"):
		return "article-magazine"
	case typ == "misc" && genre != "":
		return genre
	case typ == "misc" && hasURL:
		return "webpage"
	}
	if t, ok := bibTypes[typ]; ok {
		return t
	}
	return "document"
}

// bibDate returns the date of an entry as EDTF text and the field it came
// from: biblatex's date (EDTF, as biblatex reads it), else year, month and
// day. What BibTeX files commonly hold besides is read too: ranges of
// years ("1988--1992"), a letter after the year ("2010a"), "n.d.",
// \noopsort, month ranges (jun # "-" # aug) and month names in other
// languages. A date that still cannot be read is left to entry.note, which
// falls back to its year with a warning.
func (e *entry) bibDate(f map[string]bibField) (date, field string) {
	if fl, ok := f["date"]; ok && bibPlain(fl.value) != "" {
		return biblatexDate(bibPlain(fl.value)), "date"
	}
	yf, ok := f["year"]
	if !ok {
		return "", ""
	}
	year := strings.TrimSpace(bibPlain(decodeTeX(yf.value)))
	if noDate[strings.ToLower(year)] {
		return "", ""
	}
	if m := yearSuffix.FindStringSubmatch(year); m != nil {
		// A letter that tells apart works of one author and year.
		year = m[1]
	}
	if m := yearRange.FindStringSubmatch(year); m != nil {
		end := m[2]
		if len(end) < 4 {
			end = m[1][:4-len(end)] + end // 1968--90 is 1968 to 1990
		}
		return m[1] + "/" + end, "year"
	}
	month := strings.TrimSpace(bibPlain(decodeTeX(f["month"].value)))
	if month == "" {
		return year, "year"
	}
	if _, err := edtf.Parse(year); err != nil || strings.ContainsAny(year, "/.") {
		return year, "year"
	}
	// "10~" # jan, a day and a month.
	day := bibPlain(f["day"].value)
	if m := dayMonth.FindStringSubmatch(strings.TrimSpace(f["month"].value)); m != nil && day == "" {
		day, month = m[1], m[2]
	}
	var months []int
	for _, part := range monthSeparators.Split(month, -1) {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		m, err := strconv.Atoi(part)
		if err != nil {
			m = monthNumber(part)
		}
		if m < 1 || m > 12 {
			e.warnf(f["month"].line, "month %q is not a month: the date is read as the year %s; write a month number or name (jan, feb, …)", month, year)
			return year, "year"
		}
		months = append(months, m)
	}
	switch {
	case len(months) == 0:
		return year, "year"
	case len(months) > 1:
		return fmt.Sprintf("%s-%02d/%s-%02d", year, months[0], year, months[len(months)-1]), "year and month"
	}
	date = fmt.Sprintf("%s-%02d", year, months[0])
	if day != "" {
		if d, err := strconv.Atoi(day); err == nil {
			return fmt.Sprintf("%s-%02d", date, d), "year, month and day"
		}
		return date + "-" + day, "year, month and day"
	}
	return date, "year and month"
}

var (
	// noDate are the ways bibliographies say that a work is undated.
	noDate          = map[string]bool{"n.d.": true, "nd": true, "n. d.": true, "s.d.": true, "o.j.": true, "undated": true, "no date": true}
	yearSuffix      = regexp.MustCompile(`^(-?\d{1,4})[a-z]$`)
	yearRange       = regexp.MustCompile(`^(\d{4})\s*(?:-+|–|—|/)\s*(\d{2}|\d{4})$`)
	dayMonth        = regexp.MustCompile(`^(\d{1,2})~(\S+)$`)
	monthSeparators = regexp.MustCompile(`\s*(?:-+|–|—|/|,|\s)\s*`)
	// biblatexOld are the spellings of biblatex's date field before it
	// followed EDTF: "u" for an unspecified digit, "open" and "unknown"
	// interval ends, and "?~" for both qualifiers.
	biblatexOld = strings.NewReplacer("u", "X", "open", "..", "unknown", "", "?~", "%", "~?", "%")
)

// biblatexDate reads biblatex's date field: EDTF, with the spellings of
// older biblatex versions.
func biblatexDate(s string) string {
	if _, err := edtf.Parse(s); err == nil {
		return s
	}
	return biblatexOld.Replace(s)
}

// bibPlain reads a field that holds no TeX, such as a date, where "~"
// means approximate rather than a space: it only drops braces and spaces.
func bibPlain(s string) string {
	return strings.Join(strings.Fields(bracesOut.Replace(s)), "")
}

var bracesOut = strings.NewReplacer("{", "", "}", "")

// monthNumber reads a month name or its abbreviation in English, German,
// French, Spanish, Italian or Dutch, or gives 0.
func monthNumber(s string) int {
	s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "."))
	if len(s) < 3 {
		return 0
	}
	for i, m := range bibMonths {
		if strings.HasPrefix(s, m) {
			return i + 1
		}
	}
	for i, names := range foreignMonths {
		for _, m := range strings.Fields(names) {
			if strings.HasPrefix(s, m) || strings.HasPrefix(m, s) && len(s) >= 3 {
				return i + 1
			}
		}
	}
	return 0
}

// foreignMonths are the beginnings of month names in the other languages
// bibliographies are commonly kept in, January first.
var foreignMonths = [12]string{
	"janv jän enero ene genn gen januari", "févr fev febr feb febbr",
	"mär mrz mars marzo maart", "avr abr apr aprile",
	"mai mayo magg mei", "juin juni junio giugno",
	"juil juli julio luglio", "août aout agosto augustus",
	"sept sett septiembre settembre", "okt oct octubre ottobre",
	"nov noviembre", "dez déc dic dicembre",
}

// bibURL reads biblatex's verbatim url field. Percent-encoding is left as
// it is; escapes some exporters add (\_, \%, \#, \&, \~) are undone.
func bibURL(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, `\url{`) && strings.HasSuffix(s, "}") {
		s = s[len(`\url{`) : len(s)-1]
	}
	return urlEscapes.Replace(s)
}

var urlEscapes = strings.NewReplacer(`\_`, "_", `\%`, "%", `\#`, "#", `\&`, "&", `\~`, "~", `\$`, "$")

// decodeTeXLines decodes a field line by line, so that the "key: value"
// lines of a note stay lines.
func decodeTeXLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = decodeTeX(l)
	}
	return strings.Join(lines, "\n")
}

// bibNames reads a BibTeX name list: names joined by "and", each "Family,
// Given", "Given Family" (with a lower-case particle such as "van der"
// belonging to the family name) or, all in braces, a literal such as an
// organisation.
func bibNames(s string) []note.Name {
	var names []note.Name
	for _, raw := range splitDepth0(s, isAnd) {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		if raw == "others" {
			// "and others" is BibTeX's "et al.": no one to name.
			continue
		}
		if n, ok := extendedName(raw); ok {
			names = append(names, n)
			continue
		}
		// An accent command before a space belongs to the next letter:
		// "Dezs\H o" is one word, Dezső.
		raw = spacedAccent.ReplaceAllString(raw, `\$1{$2}`)
		parts := splitDepth0(raw, func(s string, i int) int {
			if s[i] == ',' {
				return 1
			}
			return 0
		})
		if len(parts) > 1 {
			rest := parts[1:]
			if len(parts) == 3 {
				// "von Last, Jr, First": the suffix goes after the given
				// name, as note.ParseName reads "King, Martin Luther, Jr.".
				rest = []string{parts[2], parts[1]}
			}
			given := make([]string, 0, len(rest))
			for _, p := range rest {
				if p := decodeTeX(p); p != "" {
					given = append(given, p)
				}
			}
			names = append(names, note.Name{Family: decodeTeX(parts[0]), Given: strings.Join(given, ", ")})
			continue
		}
		if wholeGroup(raw) {
			names = append(names, note.Name{Literal: decodeTeX(raw)})
			continue
		}
		words := splitDepth0(raw, func(s string, i int) int {
			if isSpace(s[i]) {
				return 1
			}
			return 0
		})
		var ws []string
		for _, w := range words {
			if w != "" {
				ws = append(ws, w)
			}
		}
		if len(ws) == 1 {
			names = append(names, note.Name{Family: decodeTeX(ws[0])})
			continue
		}
		// The family name starts at the first lower-case word after the
		// first, or is the last word.
		start := len(ws) - 1
		for i := 1; i < len(ws)-1; i++ {
			if lowerWord(ws[i]) {
				start = i
				break
			}
		}
		names = append(names, note.Name{
			Family: decodeTeX(strings.Join(ws[start:], " ")),
			Given:  decodeTeX(strings.Join(ws[:start], " ")),
		})
	}
	return names
}

var spacedAccent = regexp.MustCompile(`\\([bcdHkrtuv])\s+([^\s\\{}])`)

// extendedNameKey matches a part of biblatex's extended name format.
var extendedNameKey = regexp.MustCompile(`^\s*(family|given|prefix|suffix|useprefix)\s*=`)

// extendedName reads biblatex's extended name format, which Better BibTeX
// writes for names with a particle: "family=Pina-Cabral, given=João,
// prefix=de, useprefix=true". The particle joins the family name, as a
// source note writes "de Pina-Cabral, João".
func extendedName(raw string) (note.Name, bool) {
	if !extendedNameKey.MatchString(raw) {
		return note.Name{}, false
	}
	parts := map[string]string{}
	for _, p := range splitDepth0(raw, func(s string, i int) int {
		if s[i] == ',' {
			return 1
		}
		return 0
	}) {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			return note.Name{}, false
		}
		parts[strings.ToLower(strings.TrimSpace(k))] = decodeTeX(v)
	}
	if parts["family"] == "" && parts["given"] == "" {
		return note.Name{}, false
	}
	given := parts["given"]
	if s := parts["suffix"]; s != "" {
		given = strings.TrimPrefix(given+", "+s, ", ")
	}
	family := strings.TrimSpace(parts["prefix"] + " " + parts["family"])
	return note.Name{Family: family, Given: given}, true
}

// isAnd matches " and " (any case, any white space) at s[i:], returning
// its length, or 0.
func isAnd(s string, i int) int {
	if !isSpace(s[i]) {
		return 0
	}
	j := i
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j+3 >= len(s) || !strings.EqualFold(s[j:j+3], "and") || !isSpace(s[j+3]) {
		return 0
	}
	return j + 4 - i
}

// splitDepth0 splits s where sep matches outside braces; sep returns the
// length of the separator at s[i:], or 0.
func splitDepth0(s string, sep func(s string, i int) int) []string {
	var parts []string
	depth, last := 0, 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 {
			if n := sep(s, i); n > 0 {
				parts = append(parts, s[last:i])
				i += n
				last = i
				continue
			}
		}
		i++
	}
	return append(parts, s[min(last, len(s)):])
}

// wholeGroup reports whether s is one braced group, "{North Atlantic
// Treaty Organization}", which BibTeX never splits into parts of a name.
func wholeGroup(s string) bool {
	return strings.HasPrefix(s, "{") && matchBrace(s) == len(s)-1
}

// lowerWord reports whether a word of a name starts with a lower-case
// letter, as particles such as "van" and "de" do.
func lowerWord(w string) bool {
	w = strings.TrimLeft(w, "{")
	r, _ := utf8.DecodeRuneInString(decodeTeX(w))
	return unicode.IsLower(r)
}
