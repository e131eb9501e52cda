package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"annals.dev/annals/internal/edtf"
	"annals.dev/annals/internal/note"
)

// The calendar is written by hand rather than with an iCalendar library:
// the writers at hand neither fold long lines at 75 octets nor keep
// multi-byte characters whole when they do, both of which RFC 5545
// requires, and an event needs only a dozen properties.

// icsWriter writes content lines: CRLF-terminated and folded so that no
// line exceeds 75 octets, never inside a UTF-8 sequence.
type icsWriter struct {
	w *bufio.Writer
}

func (iw icsWriter) line(s string) {
	const limit = 75
	for first := true; ; first = false {
		room := limit
		if !first {
			iw.w.WriteByte(' ')
			room--
		}
		if len(s) <= room {
			iw.w.WriteString(s + "\r\n")
			return
		}
		cut := room
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		iw.w.WriteString(s[:cut] + "\r\n")
		s = s[cut:]
	}
}

// text writes a TEXT property, escaped as RFC 5545 section 3.3.11 says.
func (iw icsWriter) text(name, value string) {
	if value != "" {
		iw.line(name + ":" + icsText(value))
	}
}

var icsEscape = strings.NewReplacer(`\`, `\\`, `;`, `\;`, `,`, `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

// icsText escapes text and drops the control characters RFC 5545 does not
// allow in a value.
func icsText(s string) string {
	s = icsEscape.Replace(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\t' {
			return -1
		}
		return r
	}, s)
}

// icsDay writes a DATE value: "20180711".
func icsDay(d edtf.Day) string {
	return fmt.Sprintf("%04d%02d%02d", d.Year, d.Month, d.Day)
}

// icsSpan returns the days an event covers on a calendar: the first, and
// the day after the last, as DTEND of an all-day event is exclusive. An
// interval open or unknown at one end shows only its known end; shown
// says so in words. ok is false when the date cannot be written as
// calendar dates at all.
func icsSpan(d edtf.Date) (first, after edtf.Day, shown string, ok bool) {
	s, e := d.Start, d.End
	switch {
	case open(s) && open(e):
		return first, after, "", false
	case open(e):
		e, shown = s, "only its start is on the calendar"
	case open(s):
		s, shown = e, "only its end is on the calendar"
	}
	first, last := s.Earliest(), e.Latest()
	if first.Year < 1 || last.Year > 9998 {
		return first, after, "", false
	}
	t := time.Date(last.Year, time.Month(last.Month), last.Day+1, 0, 0, 0, 0, time.UTC)
	return first, edtf.Day{Year: t.Year(), Month: int(t.Month()), Day: t.Day()}, shown, true
}

func writeICS(w io.Writer, c *Collection) (note.Diagnostics, error) {
	bw := bufio.NewWriter(w)
	iw := icsWriter{bw}
	iw.line("BEGIN:VCALENDAR")
	iw.line("VERSION:2.0")
	iw.line("PRODID:-//annals//annals export//EN")
	iw.line("CALSCALE:GREGORIAN")
	iw.text("X-WR-CALNAME", c.Title)
	var diags note.Diagnostics
	for _, n := range c.Events {
		first, after, shown, ok := icsSpan(n.Event.Date)
		if !ok {
			diags = append(diags, warning(n, "date %q has no days a calendar can show (years 1 to 9998), so the calendar leaves the event out", n.Event.Date))
			continue
		}
		date := dateNote(n)
		if shown != "" {
			date += " The date is open-ended: " + shown + "."
		}
		iw.line("BEGIN:VEVENT")
		iw.line("UID:" + icsText(n.ID) + "@annals")
		iw.line("DTSTAMP:" + c.updated(n).Format("20060102T150405Z"))
		iw.line("DTSTART;VALUE=DATE:" + icsDay(first))
		iw.line("DTEND;VALUE=DATE:" + icsDay(after))
		iw.text("SUMMARY", n.Title)
		iw.text("DESCRIPTION", c.eventText(n, date))
		iw.text("LOCATION", n.Event.Place)
		if len(n.Event.Tags) > 0 {
			tags := make([]string, len(n.Event.Tags))
			for i, t := range n.Event.Tags {
				tags[i] = icsText(t)
			}
			iw.line("CATEGORIES:" + strings.Join(tags, ","))
		}
		iw.line("URL;VALUE=URI:" + c.permalink(note.KindEvent, n.ID))
		iw.line("TRANSP:TRANSPARENT")
		iw.line("END:VEVENT")
	}
	iw.line("END:VCALENDAR")
	return diags, bw.Flush()
}
