package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

func runNew(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "new", "event|source|actor TITLE [--date EDTF] [--content DIR]", `
Write a new note from a template and print its path. The file name is made
from the title (lower case, ASCII, words joined by hyphens); an event's file
name starts with its date. Events need --date; a source may have one (it
becomes "issued"). An existing file is never overwritten.

Examples:
  annals new event Brussels summit --date 2018-07-11/2018-07-12
  annals new source "Stoltenberg memoir" --date 2025-09
  annals new actor Jens Stoltenberg`)
	content, _ := folderFlags(e, flags)
	date := flags.String("date", "", "the event's date, or the source's issued date, in EDTF: 2018, 2018-07-12, 2018-07~, 2018-07-11/2018-07-12")
	rest, err := parse(e, flags, args)
	if err != nil {
		return err
	}
	usageErr := func(format string, args ...any) error {
		fmt.Fprintf(e.stderr, "annals new: "+format+"\n", args...)
		fmt.Fprintln(e.stderr, `Run "annals new --help" for usage.`)
		return errUsage
	}
	if len(rest) == 0 {
		return usageErr("say what kind of note to write: event, source or actor")
	}
	kind, ok := kindNamed(rest[0])
	if !ok {
		return usageErr("unknown kind %q: use event, source or actor", rest[0])
	}
	title := strings.Join(strings.Fields(strings.Join(rest[1:], " ")), " ")
	if title == "" {
		return usageErr("give the %s a title, e.g. annals new %s %s", kind, kind, exampleTitle[kind])
	}
	if !utf8.ValidString(title) {
		return usageErr("the title is not valid UTF-8")
	}

	var d edtf.Date
	*date = strings.TrimSpace(*date)
	switch {
	case *date == "" && kind == note.KindEvent:
		return usageErr("an event needs a date: add --date EDTF, e.g. --date 2018-07-12, --date 2018-07, --date 2018-07-11/2018-07-12")
	case *date != "" && kind == note.KindActor:
		return usageErr("--date is for events and sources; an actor note has no date")
	case *date != "":
		if d, err = edtf.Parse(*date); err != nil {
			return usageErr("--date %q: %v", *date, err)
		}
	}

	name := slug(title)
	if name == "" {
		return usageErr("cannot make a file name from %q: the title needs some Latin letters or digits (you can change the title in the note afterwards)", title)
	}
	if kind == note.KindEvent {
		name = datePrefix(d) + "-" + name
	}

	src := template(kind, name, title, *date, time.Now())
	dir := filepath.Join(*content, kind.Folder())
	path := filepath.Join(dir, name+".md")
	// The template must make a note that parses; anything else is a bug here.
	if _, err := note.Parse(path, kind, src); err != nil {
		return fmt.Errorf("internal error: the new %s note does not parse: %v", kind, err)
	}
	if other := findID(dir, name+".md"); other == path {
		return fmt.Errorf("%s already exists: edit it, or choose another title", path)
	} else if other != "" {
		return fmt.Errorf("%s already exists with the id %q: edit it, or choose another title", other, name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: edit it, or choose another title", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(src); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return err
	}
	fmt.Fprintln(e.stdout, path)
	return nil
}

var exampleTitle = map[note.Kind]string{
	note.KindEvent:  "NATO summit in Brussels --date 2018-07-11/2018-07-12",
	note.KindSource: "Stoltenberg memoir --date 2025",
	note.KindActor:  "Jens Stoltenberg",
}

func kindNamed(s string) (note.Kind, bool) {
	for _, k := range note.Kinds {
		if string(k.Kind) == s {
			return k.Kind, true
		}
	}
	return "", false
}

// findID returns the path of a file called name anywhere under dir: notes
// of one kind share one id space however they are foldered.
func findID(dir, name string) string {
	var found string
	filepath.WalkDir(dir, func(p string, de fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if !de.IsDir() && de.Name() == name {
			found = p
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// template returns the text of a new note. Values from the command line are
// written as YAML double-quoted strings, so titles with quotes, colons, "#"
// or leading dashes stay strings.
func template(kind note.Kind, id, title, date string, now time.Time) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	fmt.Fprintf(&b, "title: %s\n", yamlQuote(title))
	switch kind {
	case note.KindEvent:
		fmt.Fprintf(&b, "date: %s\n", yamlQuote(date))
		b.WriteString("place:\nactors: []\ntags: []\nstatus: reported\nsources: []\nsummary:\n")
		b.WriteString("---\n\nDescribe what happened, in your own words, and cite the source for each\nstatement: [@source-key, p. 1].\n")
	case note.KindSource:
		b.WriteString("type: article-newspaper\nauthor: []\ncontainer-title:\n")
		if date != "" {
			fmt.Fprintf(&b, "issued: %s\n", yamlQuote(date))
		} else {
			b.WriteString("issued:\n")
		}
		fmt.Fprintf(&b, "URL:\naccessed: %s\norigin: secondary\nvia: []\n", yamlQuote(now.Format("2006-01-02")))
		fmt.Fprintf(&b, "---\n\nWhat this source is and what it reports. Other notes cite it by its file\nname, with a locator: `[@%s, p. 1]`.\n", id)
	case note.KindActor:
		b.WriteString("type: person\naliases: []\n")
		b.WriteString("---\n\nWho this is, and their part in the story.\n")
	}
	return []byte(b.String())
}

// yamlQuote writes s as a YAML double-quoted scalar. Go's escapes for valid
// UTF-8 (\", \\, \n, \t, \xNN below 0x80, \uNNNN, \UNNNNNNNN) are all YAML
// escapes with the same meaning.
func yamlQuote(s string) string {
	return strconv.Quote(s)
}

// datePrefix is the start of an event's date as it begins its file name:
// "2018-07-11/2018-07-12" gives "2018-07-11", "2018-07~" gives "2018-07".
// A date with an open or unknown start uses its end.
func datePrefix(d edtf.Date) string {
	p := d.Start
	if p.Open || p.Precision == edtf.PrecisionUnknown {
		p = d.End
	}
	s := p.String()
	s, _, _ = strings.Cut(s, "T")
	s = strings.TrimRight(s, "?~%")
	s = strings.ToLower(s)
	if strings.HasPrefix(s, "-") { // a year BCE
		s = "bce" + s
	}
	return s
}

// maxSlug is the longest a slug made from a title may be; longer ones are
// cut at a word boundary.
const maxSlug = 60

// fold spells letters outside ASCII that have a simple ASCII spelling.
var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ğ': "g", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ľ': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ș': "s", 'ß': "ss", 'ť': "t", 'ţ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// slug makes a file name from a title: lower-case ASCII letters and digits,
// with every other run of characters a single hyphen, at most maxSlug long.
// Accented Latin letters are folded ("Tromsø" → "tromso"); other scripts
// are dropped, so the result may be empty.
func slug(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(title) {
		var s string
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			s = string(r)
		default:
			s = fold[r]
		}
		switch {
		case r == '\'' || r == '’' || unicode.Is(unicode.Mn, r):
			continue // "Trump's" → "trumps", and combining accents fold away
		case s == "":
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(s)
	}
	out := b.String()
	if len(out) > maxSlug {
		cut := out[:maxSlug+1]
		if i := strings.LastIndexByte(cut, '-'); i > 0 {
			out = out[:i]
		} else {
			out = out[:maxSlug]
		}
	}
	return out
}
