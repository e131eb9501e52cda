package edtf

import (
	"fmt"
	"strconv"
	"strings"
)

var monthNames = [...]string{"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December"}

var seasonNames = [...]string{"spring", "summer", "autumn", "winter"}

// Display returns d as short English text for readers: "12 July 2018",
// "c. September 2025", "spring 2001", "2010s", "44 BCE", "11–12 July 2018",
// "30 June – 2 July 2018", "2025 onwards". Parts an interval's ends share are
// written once, but only when neither end is qualified, so that "c." or "?"
// is never read as covering both ends. The zero Date gives "".
func (d Date) Display() string {
	s, e := d.Start, d.End
	switch {
	case d.IsZero():
		return ""
	case s.Open && e.Open:
		return "open-ended"
	case !d.Interval || s == e:
		return s.display()
	case s.Open && e.Unknown:
		return "until an unknown date"
	case s.Unknown && e.Open:
		return "from an unknown date onwards"
	case s.Open:
		return "until " + e.display()
	case e.Open:
		return s.display() + " onwards"
	case s.Unknown:
		return "unknown – " + e.display()
	case e.Unknown:
		return s.display() + " – unknown"
	}
	if text, ok := collapse(s, e); ok {
		return text
	}
	return join(s.display(), e.display())
}

// display writes one date: the date itself, "c. " in front if approximate,
// "?" after it if uncertain, then a note on unknown month or day.
func (p Point) display() string {
	var text, note string
	switch p.Precision {
	case PrecisionUnknown:
		return "unknown"
	case PrecisionYear:
		text = p.yearDisplay()
	case PrecisionSeason:
		text = seasonName(p.Month) + " " + yearName(p.Year)
	case PrecisionMonth:
		text = monthName(p.Month) + " " + yearName(p.Year)
		if p.monthUnspecified() {
			text, note = yearName(p.Year), "(month unknown)"
		}
	default:
		text = strconv.Itoa(p.Day) + " " + monthName(p.Month) + " " + yearName(p.Year)
		switch {
		case p.monthUnspecified():
			text, note = yearName(p.Year), "(month and day unknown)"
		case p.dayUnspecified():
			text, note = monthName(p.Month)+" "+yearName(p.Year), "(day unknown)"
		case p.HasTime:
			text += ", " + p.clock()
		}
	}
	if p.Approximate {
		text = "c. " + text
	}
	if p.Uncertain {
		text += "?"
	}
	if note != "" {
		text += " " + note
	}
	return text
}

// yearDisplay names a year, reading X digits as a decade ("2010s"), a
// century ("1900s") or, where "s" would mislead, a range of years.
func (p Point) yearDisplay() string {
	span := p.yearSpan()
	switch {
	case span == 1:
		return yearName(p.Year)
	case span <= 100 && p.Year >= 1:
		return strconv.Itoa(p.Year) + "s"
	case p.Year < 0:
		return join(yearName(p.Year-span+1), yearName(p.Year))
	}
	return join(yearName(p.Year), yearName(p.Year+span-1))
}

// clock writes the time of day, leaving out zero seconds as people do.
func (p Point) clock() string {
	t := fmt.Sprintf("%02d:%02d", p.Hour, p.Minute)
	if p.Second != 0 {
		t += fmt.Sprintf(":%02d", p.Second)
	}
	switch p.Zone {
	case "":
		return t
	case "Z":
		return t + " UTC"
	}
	return t + " " + p.Zone
}

// collapse writes an interval whose plain ends share a year with that year
// once: "July–August 2018", "11–12 July 2018", "30 June – 2 July 2018".
func collapse(s, e Point) (string, bool) {
	if !s.plain() || !e.plain() || s.Year != e.Year || s.Precision != e.Precision {
		return "", false
	}
	year := yearName(s.Year)
	switch s.Precision {
	case PrecisionSeason:
		return seasonName(s.Month) + "–" + seasonName(e.Month) + " " + year, true
	case PrecisionMonth:
		return monthName(s.Month) + "–" + monthName(e.Month) + " " + year, true
	case PrecisionDay:
		if s.Month == e.Month {
			return fmt.Sprintf("%d–%d %s %s", s.Day, e.Day, monthName(s.Month), year), true
		}
		return fmt.Sprintf("%d %s – %d %s %s", s.Day, monthName(s.Month), e.Day, monthName(e.Month), year), true
	}
	return "", false
}

// plain reports whether p is a bare date whose parts can be shared with the
// other end of an interval.
func (p Point) plain() bool {
	return !p.Uncertain && !p.Approximate && p.Unspecified == "" && !p.HasTime
}

// join writes a range with an en dash, spaced when either side has spaces
// of its own, so "2017–2018" but "c. 2004 – 2006?".
func join(a, b string) string {
	if strings.Contains(a, " ") || strings.Contains(b, " ") {
		return a + " – " + b
	}
	return a + "–" + b
}

// yearName writes a year as readers expect: no padding, and BCE for year 0
// and before, since astronomical year 0 is 1 BCE.
func yearName(y int) string {
	if y >= 1 {
		return strconv.Itoa(y)
	}
	return strconv.FormatInt(1-int64(y), 10) + " BCE"
}

// monthName and seasonName tolerate out-of-range values, which only a
// hand-built Point can hold, rather than panic while rendering a page.
func monthName(m int) string {
	if m < 1 || m > len(monthNames) {
		return "month " + strconv.Itoa(m)
	}
	return monthNames[m-1]
}

func seasonName(m int) string {
	if m < 21 || m > 20+len(seasonNames) {
		return "season " + strconv.Itoa(m)
	}
	return seasonNames[m-21]
}
