package bibliography

import (
	"fmt"
	"strings"

	"annals.dev/annals/internal/note"
)

// notInherited are the fields an entry never takes from the entry it
// cross-references, as biber has it: they say something of the parent
// itself.
var notInherited = map[string]bool{
	"crossref": true, "xref": true, "xdata": true, "ids": true, "entryset": true, "entrysubtype": true,
	"execute": true, "label": true, "options": true, "presort": true, "related": true, "relatedoptions": true,
	"relatedstring": true, "relatedtype": true, "shorthand": true, "shorthandintro": true, "sortkey": true,
	"shorttitle": true, "sorttitle": true, "indextitle": true, "indexsorttitle": true,
}

// inheritTitles says how a parent's title fields are named in a child of
// another kind: a book's title is the booktitle of a chapter in it, a
// multi-volume work's the maintitle of a volume, a periodical's the
// journaltitle of an article (biblatex's default inheritance).
func inheritTitles(parent, child string) map[string]string {
	in := func(types ...string) func(string) bool {
		return func(t string) bool {
			for _, x := range types {
				if x == t {
					return true
				}
			}
			return false
		}
	}
	books := in("book", "collection", "proceedings", "reference")
	parts := in("inbook", "incollection", "inproceedings", "inreference", "bookinbook", "suppbook", "suppcollection")
	switch {
	case books(parent) && parts(child):
		return map[string]string{"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
	case strings.HasPrefix(parent, "mv") && (books(child) || parts(child) || child == "book"):
		return map[string]string{"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"}
	case parent == "periodical" && (child == "article" || child == "suppperiodical"):
		return map[string]string{"title": "journaltitle", "subtitle": "journalsubtitle"}
	}
	return nil
}

// resolveCrossrefs gives each entry the fields it takes from the entries
// its crossref and xdata fields name, and returns the entries that are
// sources: @xdata entries only hold fields for others.
func resolveCrossrefs(entries []*bibEntry) []*bibEntry {
	byKey := map[string]*bibEntry{}
	for _, be := range entries {
		if _, dup := byKey[strings.ToLower(be.key)]; !dup {
			byKey[strings.ToLower(be.key)] = be
		}
	}
	done := map[*bibEntry]bool{}
	var resolve func(be *bibEntry, depth int)
	resolve = func(be *bibEntry, depth int) {
		if done[be] || depth > 8 {
			return
		}
		done[be] = true
		if f, ok := be.field("xdata"); ok {
			for _, key := range strings.Split(f.value, ",") {
				key = strings.TrimSpace(key)
				parent := byKey[strings.ToLower(key)]
				if parent == nil {
					be.warn(f.line, "xdata %q names no entry of this file: add it, or remove the name", key)
					continue
				}
				resolve(parent, depth+1)
				be.inherit(parent, nil)
			}
		}
		if f, ok := be.field("crossref"); ok {
			key := strings.TrimSpace(f.value)
			parent := byKey[strings.ToLower(key)]
			if parent == nil {
				be.warn(f.line, "crossref %q names no entry of this file: add it, or remove the crossref", key)
				return
			}
			resolve(parent, depth+1)
			be.inherit(parent, inheritTitles(parent.typ, be.typ))
		}
	}
	var out []*bibEntry
	for _, be := range entries {
		resolve(be, 0)
		if be.typ != "xdata" {
			out = append(out, be)
		}
	}
	return out
}

// inherit adds the fields of parent that be does not have, renamed as
// names says, at be's own line.
func (be *bibEntry) inherit(parent *bibEntry, names map[string]string) {
	has := map[string]bool{}
	for _, f := range be.fields {
		has[f.name] = true
	}
	// Fields of the same name first, as BibTeX copies them: a booktitle
	// the parent gives wins over its title.
	for _, renamed := range []bool{false, true} {
		for _, f := range parent.fields {
			name, ok := names[f.name]
			if ok != renamed {
				continue
			}
			if !ok {
				name = f.name
				if notInherited[name] || (names != nil && isTitleField(name)) {
					continue
				}
			}
			if has[name] {
				continue
			}
			has[name] = true
			be.fields = append(be.fields, bibField{name: name, value: f.value, line: be.line})
		}
	}
}

// isTitleField reports whether a field names the entry itself, which a
// child of another kind does not take.
func isTitleField(name string) bool {
	return name == "title" || name == "subtitle" || name == "titleaddon"
}

func (be *bibEntry) warn(line int, format string, args ...any) {
	be.warnings = append(be.warnings, note.Diagnostic{Line: line, Col: 1, Severity: note.SeverityWarning,
		Message: fmt.Sprintf(format, args...)})
}
