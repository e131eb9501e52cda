package bibliography

import (
	"regexp"
	"strings"
)

// extraLine is a "key: value" line of a note, the way Zotero users put
// fields it has no place for in Extra (exported as the note) and citeproc-js
// reads them back.
var extraLine = regexp.MustCompile(`(?i)^\s*(origin|via|archived|issued|accessed|draft)\s*:\s*(\S.*?)\s*$`)

// provenanceLine matches the sentences the exports of annals write into a
// note: "Primary source. Reports from: My Tenure. Archived copy: URL."
var provenanceLine = regexp.MustCompile(`^(?:(Primary|Secondary) source\.)?\s*(?:Reports from: (.+?)\.)?\s*(?:Archived copy: (\S+)\.)?$`)

// readNote takes annals' own fields out of an entry's note, field being the
// note's name in the file and line its line, and returns the rest of the
// note as text.
func (e *entry) readNote(text, field string, line int) string {
	var rest []string
	for _, l := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if m := extraLine.FindStringSubmatch(l); m != nil {
			k, v := strings.ToLower(m[1]), m[2]
			e.set(k, line)
			switch k {
			case "origin":
				e.origin = v
			case "via":
				for _, id := range strings.Split(v, ",") {
					if id = strings.TrimSpace(id); id != "" {
						e.via = append(e.via, id)
					}
				}
			case "archived":
				e.archived, e.archivedAt = v, field+` "archived:"`
			case "issued":
				e.issued, e.issuedAt = v, field+` "issued:"`
			case "accessed":
				e.accessed, e.accessedAt = v, field+` "accessed:"`
			case "draft":
				e.draft, e.draftAt = v, field+` "draft:"`
			}
			continue
		}
		if m := provenanceLine.FindStringSubmatch(strings.TrimSpace(l)); m != nil && strings.TrimSpace(l) != "" {
			if m[1] != "" {
				e.set("origin", line)
				e.origin = strings.ToLower(m[1])
			}
			if m[2] != "" {
				e.set("via", line)
				e.viaTitles = append(e.viaTitles, strings.Split(m[2], "; ")...)
			}
			if m[3] != "" {
				e.set("archived", line)
				e.archived, e.archivedAt = m[3], field+` "Archived copy:"`
			}
			continue
		}
		rest = append(rest, l)
	}
	return strings.TrimSpace(strings.Join(rest, "\n"))
}
