package edtf

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ParseError reports why a string is not a supported EDTF date. Its message
// names the input, what is wrong and the form expected, so it can be shown
// to the person who wrote the date as it is.
type ParseError struct {
	Input  string // the whole string given to Parse
	Reason string // what is wrong and what was expected
}

// Error returns a message such as `invalid EDTF date "2018-13-01": month 13
// is out of range (…)`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("invalid EDTF date %q: %s", e.Input, e.Reason)
}

// The hints end most messages, so each error says what to write instead.
const (
	expectDate     = "expected YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2018-07-12"
	expectTime     = "expected YYYY-MM-DDThh:mm:ss with an optional Z or ±hh:mm, e.g. 1985-04-12T23:20:30Z"
	expectInterval = "expected start/end, e.g. 1964/2008, 2004-06/2006-08, 1985/.. or /1985"
)

// maxLongYearDigits bounds Y-prefixed years so that they fit in an int with
// room left for year arithmetic, such as counting years BCE: 18 digits where
// int has 64 bits (3/10 approximates log10 2 from below).
const maxLongYearDigits = strconv.IntSize*3/10 - 1

// Parse reads an EDTF level 0 or level 1 date, date-time or interval. Only
// the canonical spelling of each value is accepted, so Parse(s).String() == s
// whenever Parse succeeds. Errors are *ParseError.
func Parse(s string) (Date, error) {
	d, err := parse(s)
	if err != nil {
		return Date{}, &ParseError{Input: s, Reason: err.Error()}
	}
	return d, nil
}

// MustParse is like Parse but panics on error. It is meant for tests and for
// dates written in code.
func MustParse(s string) Date {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

func parse(s string) (Date, error) {
	switch {
	case s == "":
		return Date{}, errors.New("empty string (" + expectDate + ")")
	case strings.TrimSpace(s) != s:
		return Date{}, errors.New("remove the spaces around the date (" + expectDate + ")")
	}
	startText, endText, isInterval := strings.Cut(s, "/")
	if !isInterval {
		if s == ".." {
			return Date{}, errors.New(`".." means an open end and only appears in an interval, e.g. 1985/.. or ../1985`)
		}
		p, err := parsePoint(s, true)
		return Date{Start: p, End: p}, err
	}
	if strings.Contains(endText, "/") {
		return Date{}, errors.New(`an interval has exactly one "/" (` + expectInterval + ")")
	}
	start, err := parseEnd(startText)
	if err != nil {
		return Date{}, fmt.Errorf("interval start %q: %w", startText, err)
	}
	end, err := parseEnd(endText)
	if err != nil {
		return Date{}, fmt.Errorf("interval end %q: %w", endText, err)
	}
	if start.Unknown && end.Unknown {
		// "../..", "/.." and "../" say there is an interval of which
		// one end is open; "/" says nothing at all.
		return Date{}, errors.New("an interval needs a date, or .. for an open end, on at least one side (" + expectInterval + ")")
	}
	// Both ends may be imprecise, so the interval is impossible only when
	// every day the start could mean falls after every day the end could.
	if start.Earliest().Compare(end.Latest()) > 0 {
		return Date{}, fmt.Errorf("the start %s is after the end %s (%s)", startText, endText, expectInterval)
	}
	return Date{Start: start, End: end, Interval: true}, nil
}

// parseEnd reads one side of an interval, where ".." and "" are allowed.
func parseEnd(s string) (Point, error) {
	switch s {
	case "..":
		return Point{Open: true}, nil
	case "":
		return Point{Unknown: true}, nil
	}
	return parsePoint(s, false)
}

// parsePoint reads one date; the whole of s must be consumed.
func parsePoint(s string, allowTime bool) (Point, error) {
	sc := scanner{s: s}
	var p Point
	if err := sc.date(&p); err != nil {
		return Point{}, err
	}
	if sc.peek() == 'T' {
		if !allowTime {
			return Point{}, errors.New("interval ends are dates without a time of day (expected e.g. 2004-02-01/2005-02-08)")
		}
		if err := sc.time(&p); err != nil {
			return Point{}, err
		}
	}
	if err := sc.qualifier(&p); err != nil {
		return Point{}, err
	}
	if sc.i < len(s) {
		return Point{}, fmt.Errorf("unexpected %q after the date (%s)", s[sc.i:], expectDate)
	}
	return p, nil
}

// scanner walks one date left to right.
type scanner struct {
	s string
	i int
}

func (sc *scanner) peek() byte {
	if sc.i < len(sc.s) {
		return sc.s[sc.i]
	}
	return 0
}

func (sc *scanner) accept(c byte) bool {
	if sc.peek() == c {
		sc.i++
		return true
	}
	return false
}

// field consumes a run of digit-like characters. It takes lower-case x and
// u too, so that dates in the superseded 2012 draft syntax get a hint
// instead of a bare "unexpected".
func (sc *scanner) field() (string, error) {
	start := sc.i
	for sc.i < len(sc.s) && strings.IndexByte("0123456789Xxu", sc.s[sc.i]) >= 0 {
		sc.i++
	}
	f := sc.s[start:sc.i]
	if strings.ContainsAny(f, "xu") {
		return "", errors.New("unspecified digits are written with a capital X, e.g. 201X or 2004-XX")
	}
	return f, nil
}

// date reads the calendar part: a year with an optional month or season and
// an optional day.
func (sc *scanner) date(p *Point) error {
	switch sc.peek() {
	case 'Y':
		return sc.longYear(p)
	case 'y':
		return errors.New("the year prefix is a capital Y, e.g. Y170000002")
	}
	if err := sc.year(p); err != nil {
		return err
	}
	if !sc.accept('-') {
		return nil
	}
	if err := sc.month(p); err != nil {
		return err
	}
	if !sc.accept('-') {
		return nil
	}
	return sc.day(p)
}

// longYear reads a Y-prefixed year, which EDTF allows only for years of more
// than four digits and only on its own, without month or day.
func (sc *scanner) longYear(p *Point) error {
	sc.i++
	neg := sc.accept('-')
	f, err := sc.field()
	switch {
	case err != nil:
		return err
	case f == "" || strings.Contains(f, "X"):
		return errors.New("Y must be followed by the digits of a year, e.g. Y170000002 or Y-170000002")
	case len(f) <= 4:
		return errors.New("the Y prefix is only for years of more than four digits; write four digits instead, e.g. 1985 or -0043")
	case f[0] == '0':
		return errors.New("a Y-prefixed year must not start with 0, e.g. Y170000002")
	case len(f) > maxLongYearDigits:
		return fmt.Errorf("year has %d digits; at most %d are supported", len(f), maxLongYearDigits)
	}
	y, _ := strconv.Atoi(f) // f is at most maxLongYearDigits ASCII digits
	if neg {
		y = -y
	}
	p.Year, p.Precision = y, PrecisionYear
	if sc.peek() == '-' {
		return errors.New("a Y-prefixed year stands alone, without month or day (expected e.g. Y170000002)")
	}
	return nil
}

// year reads a four-digit year, possibly negative, whose rightmost digits
// may be X.
func (sc *scanner) year(p *Point) error {
	neg := sc.accept('-')
	f, err := sc.field()
	if err != nil {
		return err
	}
	switch {
	case f == "":
		return errors.New("a date starts with a four-digit year (" + expectDate + ")")
	case len(f) > 4:
		return fmt.Errorf("%s has more than four digits: separate year, month and day with hyphens (%s), and write years beyond 9999 with a Y prefix, e.g. Y170000002", f, expectDate)
	case len(f) != 4:
		return fmt.Errorf("year %s must have four digits (%s)", f, expectDate)
	}
	known := strings.TrimRight(f, "X")
	switch {
	case strings.Contains(known, "X"):
		return errors.New("X may only replace the rightmost digits of a year, e.g. 201X or 19XX")
	case known == "":
		return errors.New("at least the first digit of the year must be given, e.g. 1XXX")
	case neg && len(known) < 4 && strings.Trim(known, "0") == "":
		// -0XXX would run from 999 BCE to 1 CE across year zero.
		return errors.New("a negative year with X digits needs a digit other than 0, e.g. -20XX")
	case neg && f == "0000":
		return errors.New("-0000 is not a year; year zero (1 BCE) is written 0000")
	}
	y, _ := strconv.Atoi(known) // known is one to four ASCII digits
	for range 4 - len(known) {
		y *= 10
	}
	if neg {
		y = -y
	}
	p.Year, p.Precision = y, PrecisionYear
	if len(known) < 4 {
		p.Unspecified = strings.Repeat("-", len(known)) + f[len(known):]
	}
	return nil
}

// month reads a month, season or XX after "YYYY-".
func (sc *scanner) month(p *Point) error {
	if p.Unspecified != "" {
		return errors.New("a year with X digits stands alone, without month or day (expected e.g. 201X or 20XX)")
	}
	f, err := sc.field()
	switch {
	case err != nil:
		return err
	case f == "":
		return errors.New("a hyphen after the year must be followed by a month (" + expectDate + ")")
	case len(f) != 2:
		return fmt.Errorf("month %s must have two digits (%s)", f, expectDate)
	case f == "XX":
		p.Precision, p.Unspecified = PrecisionMonth, "----XX"
		return nil
	case strings.Contains(f, "X"):
		return errors.New("a month is either two digits or XX (expected e.g. 2004-06 or 2004-XX)")
	}
	m, _ := strconv.Atoi(f) // f is two ASCII digits
	switch {
	case m >= 1 && m <= 12:
		p.Month, p.Precision = m, PrecisionMonth
	case m >= 21 && m <= 24:
		p.Month, p.Precision = m, PrecisionSeason
	default:
		return fmt.Errorf("month %d is out of range (%s; seasons are 21 to 24)", m, expectDate)
	}
	return nil
}

// day reads a day or XX after "YYYY-MM-".
func (sc *scanner) day(p *Point) error {
	if p.Precision == PrecisionSeason {
		return errors.New("a season has no day (expected YYYY-SS, e.g. 2001-21 for spring 2001)")
	}
	f, err := sc.field()
	switch {
	case err != nil:
		return err
	case f == "":
		return errors.New("a hyphen after the month must be followed by a day (" + expectDate + ")")
	case len(f) != 2:
		return fmt.Errorf("day %s must have two digits (%s)", f, expectDate)
	case f == "XX":
		p.Precision = PrecisionDay
		if p.monthUnspecified() {
			p.Unspecified = "----XXXX"
		} else {
			p.Unspecified = "------XX"
		}
		return nil
	case strings.Contains(f, "X"):
		return errors.New("a day is either two digits or XX (expected e.g. 1985-04-12 or 1985-04-XX)")
	case p.monthUnspecified():
		return errors.New("a day cannot follow an unspecified month (expected e.g. 1985-XX-XX or 1985-04-12)")
	}
	d, _ := strconv.Atoi(f) // f is two ASCII digits
	if n := daysIn(p.Year, p.Month); d < 1 || d > n {
		return fmt.Errorf("day %d is out of range: %s has %d days%s (%s)",
			d, monthName(p.Month)+" "+formatYear(p.Year), n, leapNote(p.Year, p.Month), expectDate)
	}
	p.Day, p.Precision = d, PrecisionDay
	return nil
}

// leapNote explains a short February, the usual surprise among day errors.
func leapNote(year, month int) string {
	if month == 2 && !isLeap(year) {
		return "; " + formatYear(year) + " is not a leap year"
	}
	return ""
}

// time reads "Thh:mm:ss" and an optional zone after a complete date.
func (sc *scanner) time(p *Point) error {
	if p.Precision != PrecisionDay || p.Unspecified != "" {
		return errors.New("a time of day needs a complete date (" + expectTime + ")")
	}
	sc.i++
	var err error
	if p.Hour, err = sc.clockField(0, 23); err != nil {
		return err
	}
	if !sc.accept(':') {
		return errors.New("hours and minutes are separated by a colon (" + expectTime + ")")
	}
	if p.Minute, err = sc.clockField(0, 59); err != nil {
		return err
	}
	if !sc.accept(':') {
		return errors.New("a time needs seconds (" + expectTime + ")")
	}
	if p.Second, err = sc.clockField(0, 59); err != nil {
		return err
	}
	p.HasTime, p.Precision = true, PrecisionTime
	return sc.zone(p)
}

// zone reads "Z", "±hh" or "±hh:mm", keeping it as written. Offsets in
// use run from −12:00 to +14:00.
func (sc *scanner) zone(p *Point) error {
	start := sc.i
	switch {
	case sc.accept('Z'):
	case sc.peek() == '+' || sc.peek() == '-':
		west := sc.peek() == '-'
		sc.i++
		h, err := sc.clockField(0, 23)
		if err != nil {
			return err
		}
		m := 0
		if sc.accept(':') {
			if m, err = sc.clockField(0, 59); err != nil {
				return err
			}
		}
		if off := h*60 + m; (west && off > 12*60) || (!west && off > 14*60) {
			return fmt.Errorf("time-zone offset %s is outside −12:00 to +14:00 (%s)", sc.s[start:sc.i], expectTime)
		}
	}
	p.Zone = sc.s[start:sc.i]
	return nil
}

// clockField reads two digits between lo and hi.
func (sc *scanner) clockField(lo, hi int) (int, error) {
	f := sc.s[sc.i:min(sc.i+2, len(sc.s))]
	if len(f) != 2 || f[0] < '0' || f[0] > '9' || f[1] < '0' || f[1] > '9' {
		return 0, errors.New("times are written with two digits per field (" + expectTime + ")")
	}
	n := int(f[0]-'0')*10 + int(f[1]-'0')
	if n < lo || n > hi {
		return 0, fmt.Errorf("%s is out of range %02d–%02d (%s)", f, lo, hi, expectTime)
	}
	sc.i += 2
	return n, nil
}

// qualifier reads an optional "?", "~" or "%" ending a date.
func (sc *scanner) qualifier(p *Point) error {
	switch {
	case sc.accept('?'):
		p.Uncertain = true
	case sc.accept('~'):
		p.Approximate = true
	case sc.accept('%'):
		p.Uncertain, p.Approximate = true, true
	default:
		return nil
	}
	if p.HasTime {
		return errors.New("?, ~ and % qualify dates, not date-times (expected e.g. 1985-04-12~)")
	}
	if strings.IndexByte("?~%", sc.peek()) >= 0 {
		return errors.New("use a single qualifier: ? uncertain, ~ approximate, % both")
	}
	return nil
}
